/**
 * The offline preview: what `pulumi preview --policy-pack` does, with no Pulumi CLI and no
 * cloud account. The project's program runs as the CLI runs it (`programHost.ts`: in its
 * folder, on its own SDK, in preview mode) against this engine's gRPC services
 * (`engineServer.ts`), which answer lookups with documented placeholders (`lookups.ts`) and
 * leave what AWS computes unknown. Meanwhile the policy pack starts as the engine starts it;
 * then every resource goes through it over the Analyzer protocol (`analyzerInputs.ts`,
 * `analyzerClient.ts`), and the result is one report. What this engine cannot see (children of
 * a multi-language component, another stack's outputs, the state of a resource read from the
 * cloud) is counted as could-not-check, with the reason.
 */
import * as path from "node:path";
import { analyzeEach, analyzerInputs, analyzeStack } from "./analyzerInputs";
import { Bill, billOf } from "./bill";
import { readAcknowledgement } from "../policy/lib/acknowledge";
import {
    AnalyzerInfo,
    Diagnostic,
    EnforcementLevel,
    PolicyInfo,
    PolicyPackConfig,
    PolicyPackProcess,
} from "./analyzerClient";
import { EngineServer, InvokeCall, referencedStack, RegisteredResource } from "./engineServer";
import { STACK_REFERENCE } from "./resourceTypes";
import { codeOf } from "../policy/lib/finding";
import { answerLookup, Lookup } from "./lookups";
import { PolicyConfigEntry, readPolicyConfig, reconcilePolicyConfig } from "./policyConfig";
import { plainText, ProgramFailure, ProgramRun, runProgram } from "./programHost";
import { loadStackConfig, StackConfig, StackFileError } from "./projectFiles";
import { flattenReferences, isSecret, isUnknown, reveal } from "./wireValues";
import { Location, locateResources } from "./sourceLocation";
import { AutonamingConfigError, autonamingFor, checkInputs, NameRandomness, NamingContext } from "./providerCheck";

/** How long each stage may take before the preview stops and says what it was waiting for. */
export interface Deadlines {
    /** The policy pack printing its port. */
    readonly packStartMs: number;
    /** The program, from start to exit (TypeScript type-checking included). */
    readonly programMs: number;
    /** One lookup the program waits on, and one of the program's transforms the engine waits on. */
    readonly lookupMs: number;
    /** One Analyze or AnalyzeStack call. */
    readonly analyzeMs: number;
}

export const DEFAULT_DEADLINES: Deadlines = {
    packStartMs: 60_000,
    programMs: 300_000,
    lookupMs: 30_000,
    analyzeMs: 60_000,
};

export interface PreviewOptions {
    /** The Pulumi project folder (Pulumi.yaml). */
    readonly cwd: string;
    readonly stack: string;
    /** A `--policy-pack-config` JSON file. */
    readonly policyPackConfig?: string;
    /** The policy pack folder. */
    readonly policyPack: string;
    /**
     * A pack already running from `policyPack` (for a caller that previews many stacks): it is
     * configured for this preview, its sessions queued behind other previews', and left running.
     */
    readonly pack?: PolicyPackProcess;
    /** The environment the program runs with, as from the shell that ran `pulumi`. Defaults to this process's. */
    readonly env?: Readonly<Record<string, string | undefined>>;
    /** Deadlines; each defaults to {@link DEFAULT_DEADLINES}. */
    readonly deadlines?: Partial<Deadlines>;
    /** Answers for lookups by function token, tried before the placeholders of `lookups.ts`. */
    readonly lookups?: Readonly<Record<string, Lookup>>;
    /**
     * The seed of the autonames' random characters (`web-sg-1a2b3c4`): the same seed gives the
     * same names. Defaults to a fresh random one for each preview, as the engine's is.
     */
    readonly nameSeed?: string;
}

/** "acknowledged": a finding an `acknowledge` entry of the policy's config accepts until its date (it blocks nothing). */
export type Level = "mandatory" | "advisory" | "could-not-check" | "acknowledged";

/** The acknowledge entry that matched a finding, and the level the finding has without it. */
export interface AcknowledgementOf {
    /** The entry's `resource`: a name, a URN, or a glob of either. */
    readonly resource: string;
    readonly reason: string;
    /** The last day it holds, YYYY-MM-DD (UTC). */
    readonly expires: string;
    /** The policy's level in this preview: what the finding would count as unacknowledged. */
    readonly enforcementLevel: EnforcementLevel;
}

/** The "policy" of what the offline engine itself could not check (it is no policy of the pack). */
export const OFFLINE_ENGINE = "preview:offline";

export interface Verdict {
    readonly level: Level;
    /** The policy's name, or {@link OFFLINE_ENGINE} for what the offline engine could not see. */
    readonly policy: string;
    /** What is wrong and how to fix it (without the policy's description), ending in its code for a pack finding. */
    readonly message: string;
    /**
     * The finding's stable code, "no-public-ssh/world-open-port", read back from the end of the
     * message (policy/lib/finding.ts); absent for could-not-check verdicts and messages without one.
     */
    readonly code?: string;
    /** The resource it is about; undefined for a verdict on the whole stack. */
    readonly resource?: { readonly type: string; readonly name: string; readonly urn: string };
    /** The line of the program that made the resource (relative to the project folder); absent when unknown. */
    readonly location?: Location;
    /** For an acknowledged verdict: the entry that accepts it. */
    readonly acknowledged?: AcknowledgementOf;
    /** For a finding whose acknowledgement's date has passed: that entry (the finding counts again). */
    readonly acknowledgementExpired?: AcknowledgementOf;
}

/** The line every output adds to an acknowledged finding, or one whose acknowledgement expired. */
export function acknowledgementLine(v: Verdict): string | undefined {
    if (v.acknowledged) {
        const a = v.acknowledged;
        return `ACKNOWLEDGED until ${a.expires} (acknowledge ${JSON.stringify(a.resource)}, ${a.enforcementLevel} otherwise): ${a.reason}`;
    }
    if (v.acknowledgementExpired) {
        const a = v.acknowledgementExpired;
        return `acknowledgement expired on ${a.expires} (acknowledge ${JSON.stringify(a.resource)}: ${a.reason}), so it counts again`;
    }
    return undefined;
}

/** The verdicts with the program's line of the resource each is about, where known. */
function located(verdicts: Verdict[], resources: readonly RegisteredResource[], projectDir: string): Verdict[] {
    const locations = locateResources(resources, projectDir);
    return verdicts.map((v) => {
        const location = v.resource && locations.get(v.resource.urn);
        return location ? { ...v, location } : v;
    });
}

export interface PlannedResource {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    readonly parent: string;
    /** "create" for a resource the program registers; "read" for one it reads with `.get`. */
    readonly operation: "create" | "read";
    /** A multi-language component, whose children a provider plugin builds (not expanded offline). */
    readonly remote: boolean;
    /** Inputs as the engine has them at preview, resource references as ids or URNs; unknowns and secrets marked. */
    readonly inputs: Record<string, unknown>;
    /** For each input, the resources its value came from (by URN). */
    readonly propertyDependencies: Record<string, string[]>;
}

/** Something the program said while it ran: its log messages and what it printed. */
export interface ProgramDiagnostic {
    readonly severity: "info" | "warning" | "error";
    readonly message: string;
    /** The resource it is about, or "" for the program as a whole. */
    readonly urn: string;
}

export interface PreviewReport {
    readonly project: string;
    readonly stack: string;
    /** The program's entry point, relative to the project folder. */
    readonly program: string;
    /** The program's own @pulumi/pulumi: its version and folder, relative to the project folder. */
    readonly sdk: { readonly version: string; readonly dir: string };
    /** The AWS Region lookups answered for, and where it came from. */
    readonly region: { readonly name: string; readonly from: "config" | "environment" | "placeholder" };
    /** Secure config values that were masked, not decrypted. */
    readonly maskedConfig: string[];
    /** Why they were masked and what would decrypt them (empty when none was). */
    readonly maskedConfigWhy: string;
    /** The ESC environments the stack imports, which only Pulumi Cloud opens (their config is missing). */
    readonly escEnvironments: string[];
    readonly policyPack: { readonly name: string; readonly version: string; readonly startupMs: number };
    /** The pack's policies, as GetAnalyzerInfo gives them: name, description and default level. */
    readonly policies: {
        readonly name: string;
        readonly description: string;
        readonly enforcementLevel: string;
        /** "resource" (Analyze, every resource) or "stack" (AnalyzeStack, the stack as a whole). */
        readonly kind: string;
        /** The rule metadata the policy sets: severity, its docs, how to fix a finding, tags. */
        readonly severity?: PolicyInfo["severity"];
        readonly url?: string;
        readonly remediationSteps?: string;
        readonly tags?: readonly string[];
    }[];
    readonly resources: PlannedResource[];
    /** The stack's outputs (the program's exports, or what its exported function returned). */
    readonly outputs: Record<string, unknown>;
    readonly diagnostics: ProgramDiagnostic[];
    readonly verdicts: Verdict[];
    readonly totals: { readonly resources: number } & Record<Level, number>;
    /** What the stack costs a month on demand, and what the plan's credits cover. */
    readonly cost: Bill;
    /** How long the program ran and the analysis took. */
    readonly timings: { readonly programMs: number; readonly analysisMs: number };
    /** 1 when a mandatory policy is violated (an acknowledged finding never counts), else 0. */
    readonly exitCode: 0 | 1;
}

/** A problem with the program, its config or the pack: the preview could not run (exit code 2). */
export class PreviewError extends Error {
    constructor(
        message: string,
        /** The verdicts the pack gave before the program failed, which `pulumi preview` prints too. */
        readonly verdicts: readonly Verdict[] = [],
    ) {
        super(message);
        this.name = "PreviewError";
    }
}

/** Markers the engine puts on the wire, shown in place of the values. */
export const UNKNOWN_DISPLAY = "(known after up)";
export const SECRET_DISPLAY = "[secret]";

/** Wire values with unknowns and secrets replaced by their display markers. */
export function displayable(value: unknown): unknown {
    if (isUnknown(value)) {
        return UNKNOWN_DISPLAY;
    }
    if (Array.isArray(value)) {
        return value.map(displayable);
    }
    if (typeof value === "object" && value !== null) {
        if (isSecret(value)) {
            return SECRET_DISPLAY;
        }
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, displayable(v)]));
    }
    return value;
}

const COULD_NOT_CHECK = /^can't run policy '[^']+' from policy pack '[^']+' during preview: /;

/** The level each policy has in a preview: its config's, else its own (as GetAnalyzerInfo gives it). */
export function levelsOf(
    config: PolicyPackConfig,
    policies: readonly PolicyInfo[],
): (policy: string) => EnforcementLevel {
    return (policy) => {
        const entry = config[policy];
        const set = typeof entry === "string" ? entry : entry?.enforcementLevel;
        return set ?? policies.find((p) => p.name === policy)?.enforcementLevel ?? "advisory";
    };
}

/**
 * A diagnostic as a verdict: its level, and its message without the policy's description. A
 * finding the pack marked acknowledged (policy/lib/acknowledge.ts) is "acknowledged", its
 * message the finding alone, with the entry; one whose acknowledgement expired keeps its level.
 */
export function verdictOf(
    d: Diagnostic,
    resource?: Verdict["resource"],
    levelOf: (policy: string) => EnforcementLevel = () => d.enforcementLevel,
): Verdict {
    if (COULD_NOT_CHECK.test(d.message)) {
        return {
            level: "could-not-check",
            policy: d.policyName,
            message: d.message.replace(COULD_NOT_CHECK, ""),
            resource,
        };
    }
    const message =
        d.description && d.message.startsWith(`${d.description}\n`)
            ? d.message.slice(d.description.length + 1)
            : d.message;
    const ack = readAcknowledgement(message);
    if (ack) {
        const entry = { ...ack.entry, enforcementLevel: levelOf(d.policyName) };
        // Only the pack's advisory diagnostic is acknowledged: a mandatory one blocks, whatever it says.
        if (!ack.expired && d.enforcementLevel === "advisory") {
            return {
                level: "acknowledged",
                policy: d.policyName,
                ...codeField(ack.finding),
                message: ack.finding,
                resource,
                acknowledged: entry,
            };
        }
        if (ack.expired) {
            return {
                level: d.enforcementLevel === "mandatory" ? "mandatory" : "advisory",
                policy: d.policyName,
                ...codeField(ack.finding),
                message: ack.finding,
                resource,
                acknowledgementExpired: entry,
            };
        }
    }
    return {
        level: d.enforcementLevel === "mandatory" ? "mandatory" : "advisory",
        policy: d.policyName,
        ...codeField(message),
        message,
        resource,
    };
}

/** A pack finding's code, read back from the end of its message (policy/lib/finding.ts), as a field. */
function codeField(message: string): { code?: string } {
    const code = codeOf(message);
    return code === undefined ? {} : { code };
}

const aboutResource = (r: RegisteredResource) => ({ type: r.type, name: r.name, urn: r.urn });

/** A resource the offline engine cannot look into: a multi-language component, or one read from the cloud. */
function unseenResource(r: RegisteredResource): Verdict | undefined {
    if (r.remote) {
        const pkg = r.type.split(":")[0];
        return {
            level: "could-not-check",
            policy: OFFLINE_ENGINE,
            message: `not expanded: a multi-language component, whose children the ${pkg} provider plugin builds at \`pulumi preview\`; preview:offline runs no provider plugins, so none of them was checked`,
            resource: aboutResource(r),
        };
    }
    if (r.operation === "read" && r.type !== STACK_REFERENCE) {
        return {
            level: "could-not-check",
            policy: OFFLINE_ENGINE,
            message: `read from the cloud (\`.get\` of ${isUnknown(r.id) ? `an id ${UNKNOWN_DISPLAY}` : JSON.stringify(r.id)}): it is no resource of this stack, so AnalyzeStack leaves it out and no policy judges it, offline or under \`pulumi preview\``,
            resource: aboutResource(r),
        };
    }
    return undefined;
}

/** The stack references a resource takes from (by URN), each with the inputs that take from it (none for a plain dependency). */
function referencesTakenBy(
    r: RegisteredResource,
    references: ReadonlyMap<string, RegisteredResource>,
): Map<string, string[]> {
    const fromReference = new Map<string, string[]>();
    for (const [key, urns] of Object.entries(r.propertyDependencies)) {
        for (const urn of urns.filter((u) => references.has(u))) {
            fromReference.set(urn, [...(fromReference.get(urn) ?? []), key]);
        }
    }
    for (const urn of r.dependencies.filter((u) => references.has(u) && !fromReference.has(u))) {
        fromReference.set(urn, []);
    }
    return fromReference;
}

/** A resource that takes from another stack's outputs, through `keys` (none for a plain dependency). */
function takesFromReference(r: RegisteredResource, reference: RegisteredResource, keys: readonly string[]): Verdict {
    const inputs = keys.length
        ? `its ${keys.join(", ")} ${keys.length === 1 ? "input takes" : "inputs take"}`
        : "it takes";
    return {
        level: "could-not-check",
        policy: OFFLINE_ENGINE,
        message: `depends on StackReference ${JSON.stringify(referencedStack(reference))}, whose outputs only the Pulumi backend has: what ${inputs} from them is unknown offline`,
        resource: aboutResource(r),
    };
}

/**
 * A reference no resource takes an Output from may still have been read with getOutputValue or
 * requireOutputValue, whose awaited value is plain: undefined offline, known at `pulumi preview`.
 */
function untakenReference(reference: RegisteredResource): Verdict {
    return {
        level: "could-not-check",
        policy: OFFLINE_ENGINE,
        message: `no resource takes its outputs as an Output, and only the Pulumi backend has them: any value the program awaited from it (getOutputValue, requireOutputValue) was undefined offline, so whatever it built from one was not checked`,
        resource: aboutResource(reference),
    };
}

/** What the offline engine could not see, one could-not-check verdict each, with the reason. */
function unseen(resources: readonly RegisteredResource[], run: ProgramRun): Verdict[] {
    const references = new Map(resources.filter((r) => r.type === STACK_REFERENCE).map((r) => [r.urn, r]));
    const taken = new Set<string>();
    const verdicts: Verdict[] = [];
    for (const r of resources) {
        const own = unseenResource(r);
        if (own) {
            verdicts.push(own);
        }
        for (const [urn, keys] of referencesTakenBy(r, references)) {
            taken.add(urn);
            verdicts.push(takesFromReference(r, references.get(urn)!, keys));
        }
    }
    for (const reference of references.values()) {
        if (!taken.has(reference.urn)) {
            verdicts.push(untakenReference(reference));
        }
    }
    for (const u of run.unsent) {
        verdicts.push({
            level: "could-not-check",
            policy: OFFLINE_ENGINE,
            message: `${u.type} "${u.name}" was begun but never registered: one of its inputs never resolved, so it was not checked`,
        });
    }
    return verdicts;
}

/** The Region lookups answer for: aws:region, else the environment the provider would read, else a placeholder. */
function regionOf(stack: StackConfig, env: Readonly<Record<string, string | undefined>>): PreviewReport["region"] {
    const configured = stack.config["aws:region"];
    if (configured) {
        return { name: configured, from: "config" };
    }
    const fromEnv = env.AWS_REGION || env.AWS_DEFAULT_REGION;
    return fromEnv ? { name: fromEnv, from: "environment" } : { name: "us-east-1", from: "placeholder" };
}

const RUNNING_PROGRAM = /^Running program '(.+)' in pwd '.*' w\/ args:/;

/**
 * The config of the provider a resource uses, as the AWS provider's Check sees it: its explicit
 * provider's inputs, or the default provider's, which the engine builds from the stack's
 * "<package>:" config keys (offline/analyzerInputs.ts names it the same way).
 */
function providerConfigOf(
    resource: RegisteredResource,
    engine: EngineServer,
    stack: StackConfig,
): Record<string, unknown> {
    if (resource.provider) {
        return engine.get(resource.provider.split("::").slice(0, -1).join("::"))?.inputs ?? {};
    }
    const prefix = `${resource.type.split(":")[0]}:`;
    return Object.fromEntries(
        Object.entries(stack.config)
            .filter(([key]) => key.startsWith(prefix))
            .map(([key, value]) => [key.slice(prefix.length), value]),
    );
}

/** What the preview reads before anything starts: the stack's config, the policy config file, the autonaming. */
interface ProjectRead {
    readonly stack: StackConfig;
    readonly policyConfig: Record<string, PolicyConfigEntry> | undefined;
    readonly naming: NamingContext;
}

/** Reads the project, its stack and the policy config; throws {@link PreviewError} for any problem in them. */
function readProject(options: PreviewOptions, env: Readonly<Record<string, string | undefined>>): ProjectRead {
    let stack: StackConfig;
    let policyConfig: Record<string, PolicyConfigEntry> | undefined;
    try {
        stack = loadStackConfig(options.cwd, options.stack, env);
        if (options.policyPackConfig) {
            policyConfig = readPolicyConfig(options.policyPackConfig);
        }
    } catch (err) {
        throw new PreviewError((err as Error).message);
    }
    try {
        const naming: NamingContext = {
            project: stack.project,
            stack: stack.stack,
            config: stack.config,
            naming: autonamingFor(stack.config["pulumi:autonaming"]),
            random: new NameRandomness(options.nameSeed),
        };
        return { stack, policyConfig, naming };
    } catch (err) {
        throw new PreviewError(
            err instanceof AutonamingConfigError ? `pulumi:autonaming: ${err.message}` : (err as Error).message,
        );
    }
}

/** The policy pack as it starts, alongside the program. */
interface StartingPack {
    /** The pack, once it printed its port (the caller's own pack at once). */
    readonly running: Promise<PolicyPackProcess>;
    /** Its info and the config reconciled with it; rejects with a {@link PreviewError}, having stopped the program. */
    readonly ready: Promise<{ readonly info: AnalyzerInfo; readonly config: PolicyPackConfig }>;
    /** Stops the start of a pack this preview started (a caller's pack is left alone). */
    abort(): void;
}

/**
 * Starts the pack (or takes the caller's), reads its info and checks the policy config against
 * it, as the engine does while the program runs: a failure stops the program.
 */
function startPack(
    options: PreviewOptions,
    env: Readonly<Record<string, string | undefined>>,
    deadlines: Deadlines,
    policyConfig: Record<string, PolicyConfigEntry> | undefined,
    stopProgram: AbortController,
): StartingPack {
    const stopPack = new AbortController();
    const running = options.pack
        ? Promise.resolve(options.pack)
        : PolicyPackProcess.start(options.policyPack, {
              // The engine passes its environment to the pack (FREE_TIER_GUARD_TODAY, say).
              env,
              signal: stopPack.signal,
              timeoutMs: deadlines.packStartMs,
              callTimeoutMs: deadlines.analyzeMs,
          });
    const ready = running
        .then(async (pack) => {
            const info = await pack.getAnalyzerInfo();
            // The engine reconciles and validates the config before it analyzes anything.
            return { info, config: reconcilePolicyConfig(policyConfig, info) };
        })
        .catch((err: Error) => {
            stopProgram.abort();
            throw new PreviewError(err.message);
        });
    // Its failure is reported once the engine is up; not as unhandled meanwhile.
    ready.catch(() => undefined);
    return {
        running,
        ready,
        abort: () => {
            if (!options.pack) {
                stopPack.abort();
            }
        },
    };
}

/**
 * The engine the program runs against: lookups answered for the Region of the provider they
 * go through (else the stack's), and each resource's inputs checked as the AWS provider does.
 */
async function startEngine(
    read: ProjectRead,
    region: PreviewReport["region"],
    deadlines: Deadlines,
    lookups: PreviewOptions["lookups"],
): Promise<EngineServer> {
    const { stack, naming } = read;
    const engine: EngineServer = await EngineServer.start({
        project: stack.project,
        stack: stack.stack,
        preview: true,
        transformMs: deadlines.lookupMs,
        invoke: (call: InvokeCall) => {
            const provider = call.provider ? engine.get(call.provider.split("::").slice(0, -1).join("::")) : undefined;
            const providerRegion = provider ? reveal(provider.inputs.region) : undefined;
            const context = { region: typeof providerRegion === "string" ? providerRegion : region.name };
            return answerLookup(call.token, reveal(call.args) as Record<string, any>, context, lookups);
        },
        // The AWS provider's Check: what the engine keeps, returns to the program and hands Analyze.
        check: (resource) => checkInputs(resource, providerConfigOf(resource, engine, stack), naming),
    });
    return engine;
}

/** Analyze's verdicts on what the program registered before it failed. */
async function verdictsBeforeFailure(pack: StartingPack, engine: EngineServer, stack: StackConfig): Promise<Verdict[]> {
    const { info, config } = await pack.ready;
    const running = await pack.running;
    const resources = engine.resources;
    const byResource = await running.exclusive(async () => {
        await running.configure(config);
        return analyzeEach(running, resources, analyzerInputs(resources, stack));
    });
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const levelOf = levelsOf(config, info.policies);
    const verdicts = [...byResource.entries()].flatMap(([urn, ds]) => {
        const r = byUrn.get(urn)!;
        return ds.map((d) => verdictOf(d, { type: r.type, name: r.name, urn }, levelOf));
    });
    return located(verdicts, resources, stack.rootDir);
}

/**
 * The program's failure as the preview's: the Check that refused a resource if one did (the
 * engine reports it, not the program's own error about it), with the verdicts on what the
 * program registered before it failed, which `pulumi preview` prints too.
 */
async function programFailed(
    err: Error,
    pack: StartingPack,
    engine: EngineServer,
    stack: StackConfig,
): Promise<PreviewError> {
    const refused = engine.checkFailures[0];
    const expected = refused !== undefined || err instanceof ProgramFailure || err instanceof StackFileError;
    // The engine analyzes each resource as the program registers it, so a program that fails
    // has had what it registered judged.
    const before =
        err instanceof ProgramFailure ? await verdictsBeforeFailure(pack, engine, stack).catch(() => []) : [];
    pack.abort();
    return new PreviewError(refused ? refused.message : expected ? err.message : (err.stack ?? String(err)), before);
}

/** What the pack and the offline engine made of the stack: the verdicts, located, and its bill. */
interface Judged {
    readonly verdicts: Verdict[];
    readonly cost: Bill;
    readonly analysisMs: number;
}

/**
 * Hands every resource to the pack (Analyze each, then AnalyzeStack), adds what the offline
 * engine could not see, and prices the stack from the same inputs the pack judged.
 */
async function judge(
    pack: PolicyPackProcess,
    ready: { readonly info: AnalyzerInfo; readonly config: PolicyPackConfig },
    resources: readonly RegisteredResource[],
    run: ProgramRun,
    stack: StackConfig,
): Promise<Judged> {
    const analysisStarted = Date.now();
    const judgement = await pack
        .exclusive(async () => {
            await pack.configure(ready.config);
            return analyzeStack(pack, resources, stack);
        })
        .catch((err: Error) => {
            throw new PreviewError(err.message);
        });
    // The pack judges a resource being created by its Analyze inputs; so does the bill.
    const cost = billOf(
        analyzerInputs(resources, stack).filter((_, i) => resources[i].operation === "register"),
        ready.config,
    );
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const about = (urn: string) => {
        const r = byUrn.get(urn);
        return r ? { type: r.type, name: r.name, urn } : undefined;
    };
    const levelOf = levelsOf(ready.config, ready.info.policies);
    const verdicts = located(
        [
            ...[...judgement.byResource.entries()].flatMap(([urn, ds]) =>
                ds.map((d) => verdictOf(d, about(urn), levelOf)),
            ),
            ...judgement.stack.map((d) => verdictOf(d, d.urn ? about(d.urn) : undefined, levelOf)),
            ...unseen(resources, run),
        ],
        resources,
        stack.rootDir,
    );
    return { verdicts, cost, analysisMs: Date.now() - analysisStarted };
}

/** The pack's policies as the report lists them: the rule metadata only where a policy sets it. */
function policiesOf(info: AnalyzerInfo): PreviewReport["policies"] {
    return info.policies.map((p) => ({
        name: p.name,
        description: p.description,
        enforcementLevel: p.enforcementLevel,
        kind: p.kind,
        ...(p.severity ? { severity: p.severity } : {}),
        ...(p.url ? { url: p.url } : {}),
        ...(p.remediationSteps ? { remediationSteps: p.remediationSteps } : {}),
        ...(p.tags ? { tags: p.tags } : {}),
    }));
}

/** What the program logged (but debug) and printed, in that order. */
function diagnosticsOf(engine: EngineServer, run: ProgramRun): ProgramDiagnostic[] {
    const printed = run.stdout
        .split("\n")
        .filter((line) => line.trim() !== "")
        .map((message): ProgramDiagnostic => ({ severity: "info", message, urn: "" }));
    return [
        ...engine.logs
            .filter((l) => l.severity !== "debug")
            .map((l) => ({
                severity: l.severity as ProgramDiagnostic["severity"],
                message: plainText(l.message),
                urn: l.urn,
            })),
        ...printed,
    ];
}

/** The report: the program and what it registered, the pack and its verdicts, the totals, the bill. */
function reportOf(
    stack: StackConfig,
    region: PreviewReport["region"],
    engine: EngineServer,
    run: ProgramRun,
    pack: PolicyPackProcess,
    info: AnalyzerInfo,
    judged: Judged,
): PreviewReport {
    const { verdicts } = judged;
    const resources = engine.resources;
    const count = (level: Level) => verdicts.filter((v) => v.level === level).length;
    const started = engine.logs.map((l) => RUNNING_PROGRAM.exec(l.message)?.[1]).find((p) => p !== undefined);
    return {
        project: stack.project,
        stack: stack.stack,
        program: path.relative(stack.rootDir, started ?? path.join(run.pwd, run.entry)) || ".",
        sdk: { version: run.sdk.version, dir: path.relative(stack.rootDir, run.sdk.dir) },
        region,
        maskedConfig: stack.maskedKeys,
        maskedConfigWhy: stack.maskedWhy ?? "",
        escEnvironments: stack.environments ?? [],
        policyPack: { name: info.name, version: info.version, startupMs: Math.round(pack.startupMs) },
        policies: policiesOf(info),
        resources: resources.map((r) => ({
            urn: r.urn,
            type: r.type,
            name: r.name,
            parent: r.parent,
            operation: r.operation === "read" ? "read" : "create",
            remote: r.remote,
            inputs: displayable(flattenReferences(r.inputs)) as Record<string, unknown>,
            propertyDependencies: r.propertyDependencies,
        })),
        outputs: displayable(flattenReferences(engine.stackOutputs ?? {})) as Record<string, unknown>,
        diagnostics: diagnosticsOf(engine, run),
        verdicts,
        totals: {
            resources: resources.length,
            mandatory: count("mandatory"),
            advisory: count("advisory"),
            "could-not-check": count("could-not-check"),
            acknowledged: count("acknowledged"),
        },
        cost: judged.cost,
        timings: { programMs: run.elapsedMs, analysisMs: judged.analysisMs },
        exitCode: count("mandatory") > 0 ? 1 : 0,
    };
}

/** Runs the offline preview. Throws {@link PreviewError} for a program, config or pack error. */
export async function previewOffline(options: PreviewOptions): Promise<PreviewReport> {
    const deadlines: Deadlines = { ...DEFAULT_DEADLINES, ...options.deadlines };
    const env = options.env ?? process.env;
    const read = readProject(options, env);
    const { stack } = read;
    const region = regionOf(stack, env);
    // The engine starts the pack, and checks the policy config against it, while the program
    // runs; so do we. Whichever fails first stops the other.
    const stopProgram = new AbortController();
    const pack = startPack(options, env, deadlines, read.policyConfig, stopProgram);
    const engine = await startEngine(read, region, deadlines, options.lookups);
    const programDone = runProgram({ stack, engine, preview: true, deadlines, env, signal: stopProgram.signal });
    try {
        const [ready, run] = await Promise.all([
            pack.ready,
            programDone.catch(async (err: Error) => {
                throw await programFailed(err, pack, engine, stack);
            }),
        ]);
        const running = await pack.running;
        const judged = await judge(running, ready, engine.resources, run, stack);
        return reportOf(stack, region, engine, run, running, ready.info, judged);
    } finally {
        // Both have settled (or been stopped) before either is torn down.
        await Promise.allSettled([pack.ready, programDone]);
        await engine.stop();
        if (!options.pack) {
            await (await pack.running.catch(() => undefined))?.stop();
        }
    }
}
