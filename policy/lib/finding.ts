/**
 * Findings as data: a policy decides, and reports what it found as a {@link Finding} (a stable
 * code per kind of finding, the resource, the field path, the offending values, the fix); one
 * formatter, {@link formatFinding}, turns it into the message every output shows. The code
 * travels inside the message (the Analyzer protocol's diagnostic carries only the policy's
 * name, the message, the URN and the level), as a trailing `[policy/kind]` that a user can
 * grep and that {@link codeOf} reads back (the offline preview's `--json` and SARIF).
 */
import type {
    EnforcementLevel,
    PolicyConfigSchema,
    ReportViolation,
    ResourceValidation,
    ResourceValidationArgs,
    StackValidation,
    StackValidationArgs,
} from "@pulumi/policy";

export interface Finding {
    /** The policy's name: "no-public-ssh". */
    readonly policy: string;
    /** Stable, one per kind of finding: "no-public-ssh/world-open-port". */
    readonly code: string;
    /** The resource it is about; undefined for a finding on the whole stack. */
    readonly urn?: string;
    readonly type?: string;
    readonly name?: string;
    /** The field of the resource that holds the (first) offending value: "ingress[0].cidrBlocks[1]"; "" for none. */
    readonly path: string;
    /** The offending values, as the program wrote them (or as the pack counted them). */
    readonly values: readonly unknown[];
    /** What is wrong, naming the resource and the values: "Security group "web" opens SSH port 22 to ...". */
    readonly what: string;
    /** How to fix it: "allow only your own address (a /32) instead". */
    readonly fix: string;
    /** What it costs a month in USD on demand, where the pack prices it. */
    readonly monthlyUsd?: number;
}

/** What a policy's judge emits: a finding without its policy, which the policy adds. */
export type Found = Omit<Finding, "policy">;

/** Where a judge puts what it finds: the pack's adapter reports it, a test collects it. */
export type Sink = (found: Found) => void;

/** The resource fields of a finding about one resource. */
export function about(resource: { readonly urn: string; readonly type: string; readonly name: string }): {
    urn: string;
    type: string;
    name: string;
} {
    return { urn: resource.urn, type: resource.type, name: resource.name };
}

/**
 * The resource fields of a finding from a URN alone ("urn:pulumi:dev::proj::aws:ec2/securityGroup:SecurityGroup::web"):
 * the type is the last of the URN's qualified type, the name what follows it.
 */
export function aboutUrn(urn: string): { urn: string; type: string; name: string } {
    const parts = urn.split("::");
    const qualified = parts[2] ?? "";
    return { urn, type: qualified.split("$").pop() ?? "", name: parts.slice(3).join("::") };
}

/** A field path from its parts: pathOf("ingress[0]", "cidrBlocks[1]") is "ingress[0].cidrBlocks[1]"; empty parts drop out. */
export function pathOf(...parts: readonly (string | undefined)[]): string {
    return parts
        .map((p) => (p ?? "").replace(/^\.+|\.+$/g, ""))
        .filter((p) => p !== "")
        .join(".")
        .replace(/\.\[/g, "[");
}

const CODE = /^[a-z0-9]+(?:-[a-z0-9]+)*\/[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The code as it ends a message: " [no-public-ssh/world-open-port]". */
const TRAILING_CODE = /\s\[([a-z0-9]+(?:-[a-z0-9]+)*\/[a-z0-9]+(?:-[a-z0-9]+)*)\]$/;

/** Whether a string is a finding code: "policy-name/kind", lower-case kebab words. */
export function isCode(code: string): boolean {
    return CODE.test(code);
}

/**
 * The message of a finding, the one every output shows: "<what>; <fix>. [<code>]". What and fix
 * are written without their closing full stop.
 */
export function formatFinding(finding: Found): string {
    return `${finding.what}; ${finding.fix}. [${finding.code}]`;
}

/** The code a message ends with (a {@link formatFinding} message), or undefined for another message. */
export function codeOf(message: string): string | undefined {
    return TRAILING_CODE.exec(message.trimEnd())?.[1];
}

/** A judge's finding with its policy's name, once its code is checked to be the policy's. */
export function completed(policy: string, found: Found): Finding {
    if (!isCode(found.code) || !found.code.startsWith(`${policy}/`)) {
        throw new Error(`policy ${policy} reported a finding with code "${found.code}", not "${policy}/<kind>"`);
    }
    return { policy, ...found };
}

/** A resource judge: what a policy's resource part finds on one resource. */
export type ResourceJudge = (args: ResourceValidationArgs, found: Sink) => void | Promise<void>;
/** A stack judge: what a policy's stack part finds on the whole stack. */
export type StackJudge = (args: StackValidationArgs, found: Sink) => void | Promise<void>;

export interface FindingPolicySpec {
    readonly name: string;
    readonly description: string;
    readonly enforcementLevel: EnforcementLevel;
    readonly configSchema?: PolicyConfigSchema;
    /** Every code the policy reports, with what it means (docs/policies.md lists them). */
    readonly codes: Readonly<Record<string, string>>;
    readonly judgeResource?: ResourceJudge;
    readonly judgeStack?: StackJudge;
}

type Validations<S extends FindingPolicySpec> = (S extends { judgeResource: ResourceJudge }
    ? { readonly validateResource: ResourceValidation }
    : unknown) &
    (S extends { judgeStack: StackJudge } ? { readonly validateStack: StackValidation } : unknown);

/**
 * A sink that checks each finding's code against the policy's list, adds the policy's name and
 * hands the finding on: to the SDK's report in the pack, to a list in a test.
 */
export function sinkFor(
    policy: { readonly name: string; readonly codes: FindingPolicySpec["codes"] },
    deliver: (finding: Finding) => void,
): Sink {
    return (found) => {
        if (!Object.hasOwn(policy.codes, found.code)) {
            throw new Error(`policy ${policy.name} reported code "${found.code}", which it does not list`);
        }
        deliver(completed(policy.name, found));
    };
}

/** Findings as the SDK's violations: each one message, on its URN where the stack part names one. */
function reporting(policy: FindingPolicySpec, report: ReportViolation, withUrn: boolean): Sink {
    return sinkFor(policy, (finding) => {
        if (withUrn && finding.urn !== undefined) {
            report(formatFinding(finding), finding.urn);
        } else {
            report(formatFinding(finding));
        }
    });
}

/**
 * A policy whose judges report findings: its validateResource and validateStack are thin
 * adapters that format each finding and report it, as the SDK's report(message, urn) takes it
 * (a resource part reports on the resource it judges, so passes no URN).
 */
export function findingPolicy<S extends FindingPolicySpec>(spec: S): S & Validations<S> {
    const { judgeResource, judgeStack } = spec;
    for (const code of Object.keys(spec.codes)) {
        if (!isCode(code) || !code.startsWith(`${spec.name}/`)) {
            throw new Error(`policy ${spec.name} lists code "${code}", not "${spec.name}/<kind>"`);
        }
    }
    return {
        ...spec,
        ...(judgeResource
            ? {
                  validateResource: ((args, report) =>
                      judgeResource(args, reporting(spec, report, false))) as ResourceValidation,
              }
            : {}),
        ...(judgeStack
            ? { validateStack: ((args, report) => judgeStack(args, reporting(spec, report, true))) as StackValidation }
            : {}),
    } as S & Validations<S>;
}
