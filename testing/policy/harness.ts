/**
 * Runs one policy in-process the way @pulumi/policy's server does: props behind the
 * framework's unknown-checking proxy, an UnknownValueError that escapes the policy turned into
 * a "could not check" note, config from getConfig. The wire tests cover the real server.
 */
import type {
    PolicyProviderResource,
    PolicyResource,
    ResourceValidationPolicy,
    StackValidationPolicy,
} from "@pulumi/policy";
import { unknownCheckingProxy, UnknownValueError } from "@pulumi/policy";
import { runtime } from "@pulumi/pulumi";
import { Finding, ResourceJudge, sinkFor, StackJudge } from "../../policy/lib/finding";

/**
 * The legacy plan's config (policy/plans/legacy.json): the policy tables written for the
 * 12-month free tier run under it, each case's own config merged over it, per policy.
 */
export const LEGACY_PLAN: Record<string, unknown> = require("../../policy/plans/legacy.json");

/** One policy's config: the legacy plan's part for it, with the case's own over it. */
export function legacyConfig(policy: string, own: Record<string, unknown> = {}): Record<string, unknown> {
    const base = LEGACY_PLAN[policy];
    const settings = Object.entries(typeof base === "object" && base !== null ? base : {}).filter(
        ([key]) => key !== "enforcementLevel",
    );
    return { ...Object.fromEntries(settings), ...own };
}

/** A whole pack config: the legacy plan's, each policy's part merged with the given one. */
export function onLegacyPlan(config: Record<string, unknown> = {}): Record<string, unknown> {
    const merged: Record<string, unknown> = { ...LEGACY_PLAN };
    for (const [policy, part] of Object.entries(config)) {
        const base = merged[policy];
        merged[policy] =
            typeof part === "object" && part !== null && typeof base === "object" && base !== null
                ? { ...base, ...part }
                : part;
    }
    return merged;
}

/** Stands for a value that is unknown at preview in test data. */
export const UNKNOWN = Symbol("unknown at preview");

export interface Verdict {
    readonly violations: string[];
    readonly couldNotCheck: string[];
}

export interface TestResource {
    readonly type: string;
    readonly name?: string;
    readonly props: Record<string, unknown>;
    readonly provider?: Record<string, unknown>;
    /** What AnalyzeStack sends instead of props, when they differ: the outputs of a resource that exists. */
    readonly outputs?: Record<string, unknown>;
    readonly urn?: string;
    readonly dependencies?: string[];
    readonly propertyDependencies?: Record<string, string[]>;
}

/** The resource's URN: its own, else the one the engine gives it in stack "dev" of project "project". */
export function urnOf(resource: Pick<TestResource, "type" | "name" | "urn">): string {
    return resource.urn ?? `urn:pulumi:dev::project::${resource.type}::${resource.name ?? "subject"}`;
}

/** A stack's resources as a stack validation names them: `subject-<index>` where one has no name. */
export function namedInStack(resources: readonly TestResource[]): TestResource[] {
    return resources.map((r, i) => ({ ...r, name: r.name ?? `subject-${i}` }));
}

/** Test data as the engine sends it: UNKNOWN becomes the wire's unknown sentinel. */
export function wire(value: unknown): any {
    if (value === UNKNOWN) {
        return runtime.unknownValue;
    }
    if (Array.isArray(value)) {
        return value.map(wire);
    }
    if (typeof value === "object" && value !== null) {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, wire(v)]));
    }
    return value;
}

/** Resource options as the framework fills them for a resource that sets none. */
const OPTIONS = {
    protect: false,
    ignoreChanges: [],
    aliases: [],
    additionalSecretOutputs: [],
    customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
};

/** The AWS provider a test resource uses, behind the framework's proxy; none when unset. */
function providerOf(resource: TestResource): PolicyProviderResource | undefined {
    if (!resource.provider) {
        return undefined;
    }
    return {
        type: "pulumi:providers:aws",
        name: "aws",
        urn: "urn:provider",
        props: unknownCheckingProxy(wire(resource.provider)),
    };
}

async function run(validate: () => unknown, violations: string[], couldNotCheck: string[]): Promise<Verdict> {
    try {
        await validate();
    } catch (err) {
        if (!(err instanceof UnknownValueError)) {
            throw err;
        }
        couldNotCheck.push((err as Error).message);
    }
    return { violations, couldNotCheck };
}

/**
 * A resource as the SDK shows it to a policy, in a resource validation and a stack validation
 * alike; named "subject" where the test resource has no name.
 */
function policyResource(resource: TestResource) {
    return {
        type: resource.type,
        name: resource.name ?? "subject",
        urn: urnOf(resource),
        props: unknownCheckingProxy(wire(resource.props)),
        provider: providerOf(resource),
        opts: OPTIONS,
    };
}

/** The args the SDK gives one resource validation of a policy. */
function resourceArgs(policyName: string, resource: TestResource, config: Record<string, unknown>): any {
    return {
        ...policyResource(resource),
        stackTags: new Map(),
        getConfig: () => legacyConfig(policyName, config),
        notApplicable: () => {
            throw new Error("notApplicable is not used by this pack");
        },
    };
}

/** The args the SDK gives a stack validation of a policy. */
function stackArgs(policyName: string, resources: readonly TestResource[], config: Record<string, unknown>): any {
    const built: PolicyResource[] = namedInStack(resources).map(
        (r) =>
            ({
                ...policyResource(r),
                dependencies: [],
                propertyDependencies: {},
                isType: () => false,
                asType: () => undefined,
            }) as PolicyResource,
    );
    const byUrn = new Map(built.map((r) => [r.urn, r]));
    resources.forEach((r, i) => {
        built[i].dependencies.push(...(r.dependencies ?? []).map((u) => byUrn.get(u)!).filter(Boolean));
        for (const [key, urns] of Object.entries(r.propertyDependencies ?? {})) {
            built[i].propertyDependencies[key] = urns.map((u) => byUrn.get(u)!).filter(Boolean);
        }
    });
    return {
        resources: built,
        stackTags: new Map(),
        getConfig: () => legacyConfig(policyName, config),
        notApplicable: () => undefined as never,
    };
}

export async function checkResource(
    policy: ResourceValidationPolicy,
    resource: TestResource,
    config: Record<string, unknown> = {},
): Promise<Verdict> {
    const violations: string[] = [];
    const couldNotCheck: string[] = [];
    const validations = [policy.validateResource ?? []].flat();
    for (const validate of validations) {
        const args = resourceArgs(policy.name, resource, config);
        await run(() => validate(args, (message: string) => violations.push(message)), violations, couldNotCheck);
    }
    return { violations, couldNotCheck };
}

export async function checkStack(
    policy: StackValidationPolicy,
    resources: readonly TestResource[],
    config: Record<string, unknown> = {},
): Promise<Verdict> {
    const violations: string[] = [];
    const couldNotCheck: string[] = [];
    const args = stackArgs(policy.name, resources, config);
    return run(
        () => policy.validateStack(args as any, (message: string) => violations.push(message)),
        violations,
        couldNotCheck,
    );
}

/** What a policy's judges found, as data, and what they could not check. */
export interface Findings {
    readonly findings: Finding[];
    readonly couldNotCheck: string[];
}

/** A policy whose judges report findings (policy/lib/finding.ts). */
interface Judges {
    readonly name: string;
    readonly codes: Readonly<Record<string, string>>;
    readonly judgeResource?: ResourceJudge;
    readonly judgeStack?: StackJudge;
}

async function collect(policy: Judges, judge: (sink: ReturnType<typeof sinkFor>) => unknown): Promise<Findings> {
    const findings: Finding[] = [];
    const couldNotCheck: string[] = [];
    // The same sink the pack's adapter uses: codes checked against the policy's list.
    const sink = sinkFor(policy, (f) => findings.push(f));
    await run(() => judge(sink), [], couldNotCheck);
    return { findings, couldNotCheck };
}

/** Runs a policy's resource judge on one resource, as {@link checkResource} does, collecting its findings. */
export function findResource(
    policy: Judges & { readonly judgeResource: ResourceJudge },
    resource: TestResource,
    config: Record<string, unknown> = {},
): Promise<Findings> {
    return collect(policy, (sink) => policy.judgeResource(resourceArgs(policy.name, resource, config), sink));
}

/** Runs a policy's stack judge on resources, as {@link checkStack} does, collecting its findings. */
export function findStack(
    policy: Judges & { readonly judgeStack: StackJudge },
    resources: readonly TestResource[],
    config: Record<string, unknown> = {},
): Promise<Findings> {
    return collect(policy, (sink) => policy.judgeStack(stackArgs(policy.name, resources, config), sink));
}

/** A finding's code, path and values: what a table asserts. */
export function brief(f: Finding): [string, string, unknown[]] {
    return [f.code, f.path, [...f.values]];
}

/** A copy of `value` with the field at `path` ("ingress.0.cidrBlocks") set, or removed for undefined. */
export function withField<T>(value: T, path: string, field: unknown): T {
    const copy = structuredClone(value) as any;
    const keys = path.split(".");
    let at = copy;
    for (const key of keys.slice(0, -1)) {
        at[key] ??= {};
        at = at[key];
    }
    const last = keys[keys.length - 1];
    if (field === undefined) {
        delete at[last];
    } else {
        at[last] = field;
    }
    return copy;
}
