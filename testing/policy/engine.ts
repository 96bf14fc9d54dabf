/**
 * A small stack sent through the built pack as the Pulumi engine sends it: Analyze for each
 * resource (its inputs and provider), then AnalyzeStack with every resource (its outputs when
 * the case gives them, as for a resource that exists), its dependencies and its property
 * dependencies (each top-level input with the URNs it depends on; the dependencies are their
 * union). Returns what a user reads: one line per diagnostic.
 */
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { Diagnostic, PolicyPackProcess, ResourceInput } from "../../offline/analyzerClient";
import { plannedOutputs } from "../../offline/plannedOutputs";
import { onLegacyPlan, TestResource, urnOf, wire } from "./harness";

export const PACK_DIR = path.resolve(__dirname, "../../policy");
const VERSION = require(path.join(PACK_DIR, "package.json")).version;

export const DEFAULT_PROVIDER = { region: "ap-northeast-2" };

export { urnOf };

/** A resource as the engine describes it, on the default provider of the stack's aws:region unless it has its own. */
export function engineInput(resource: TestResource): ResourceInput {
    const propertyDependencies = resource.propertyDependencies ?? {};
    const dependencies = resource.dependencies ?? [...new Set(Object.values(propertyDependencies).flat())];
    return {
        type: resource.type,
        name: resource.name ?? "subject",
        urn: urnOf(resource),
        properties: wire(resource.props),
        provider: {
            type: "pulumi:providers:aws",
            name: "default",
            urn: "urn:pulumi:dev::project::pulumi:providers:aws::default",
            properties: wire(resource.provider ?? DEFAULT_PROVIDER),
        },
        dependencies,
        propertyDependencies,
    };
}

/** "[policy] level name: message", the policy's description left out; "the stack" when no resource is named. */
export type Line = [policy: string, level: string, subject: string, message: string];

function lineOf(d: Diagnostic, names: Map<string, string>): Line {
    const message = d.message.startsWith(d.description) ? d.message.slice(d.description.length + 1) : d.message;
    return [d.policyName, d.enforcementLevel, names.get(d.urn) ?? "the stack", message];
}

/**
 * What AnalyzeStack sends for a resource: its outputs when the case gives them (a resource that
 * exists); else, with `planned`, the planned outputs of a create as the real engine sends them
 * (its inputs, every attribute the AWS provider computes and the program left unset unknown:
 * offline/plannedOutputs.ts); else its inputs, as a simpler engine would.
 */
function stackInput(resource: TestResource, planned: boolean): ResourceInput {
    if (resource.outputs) {
        return engineInput({ ...resource, props: resource.outputs });
    }
    const input = engineInput(resource);
    if (!planned) {
        return input;
    }
    const provider = wire(resource.provider ?? DEFAULT_PROVIDER);
    return { ...input, properties: plannedOutputs(resource.type, input.properties as never, provider) };
}

/**
 * Every diagnostic of a preview of these resources, Analyze's first (in order), then
 * AnalyzeStack's; with `planned`, AnalyzeStack gets planned outputs for every resource the case
 * gives no outputs (pulumi/pulumi pkg/resource/deploy/step_executor.go, a create's new state).
 */
export async function preview(
    pack: PolicyPackProcess,
    resources: readonly TestResource[],
    planned = false,
): Promise<Line[]> {
    const inputs = resources.map(engineInput);
    const names = new Map(inputs.map((i) => [i.urn!, i.name]));
    const lines: Line[] = [];
    for (const input of inputs) {
        lines.push(...(await pack.analyze(input)).map((d) => lineOf({ ...d, urn: input.urn! }, names)));
    }
    const outputs = resources.map((r) => stackInput(r, planned));
    lines.push(...(await pack.analyzeStack(outputs)).map((d) => lineOf(d, names)));
    return lines;
}

/** The advisory line of what a policy could not check during preview. */
export function note(policy: string, subject: string, text: string): Line {
    return [
        policy,
        "advisory",
        subject,
        `can't run policy '${policy}' from policy pack 'free-tier-guard@v${VERSION}' during preview: ${text}`,
    ];
}

/** One preview of a table: the policies it is about, and every line they print. */
export interface Case {
    readonly why: string;
    readonly stack: TestResource[];
    /** The policies the case is about; their diagnostics are compared in full. */
    readonly policies: string[];
    readonly expected: Line[];
    readonly config?: Record<string, unknown>;
}

/**
 * The built pack for the enclosing describe, started as the engine starts it before the first
 * test, stopped after the last, its config reset after each test (to the legacy plan's, under
 * which the tables written for the 12-month free tier run, unless `config` says otherwise).
 * A getter: the pack exists only once the describe's hooks have run.
 */
export function suitePack(config: Record<string, unknown> = onLegacyPlan()): () => PolicyPackProcess {
    let pack: PolicyPackProcess | undefined;
    before(async () => {
        pack = await PolicyPackProcess.start(PACK_DIR);
        await pack.configure(config as never);
    });
    after(async () => {
        await pack?.stop();
    });
    afterEach(async () => {
        await pack?.configure(config as never);
    });
    return () => {
        if (!pack) {
            throw new Error("the policy pack is used before its describe started it");
        }
        return pack;
    };
}

/**
 * Starts the built pack for the enclosing describe (stopped after it, its config reset after
 * each case) and returns a table runner: one test per case, named after what it proves.
 */
export function packTables(): (cases: Case[]) => void {
    const pack = suitePack();
    return (cases) => {
        for (const c of cases) {
            it(c.why, async () => {
                if (c.config) {
                    await pack().configure(onLegacyPlan(c.config) as never);
                }
                const lines = (await preview(pack(), c.stack)).filter((l) => c.policies.includes(l[0]));
                assert.deepEqual(lines, c.expected);
                // The conformance check: the real engine's planned outputs give the same verdicts.
                const planned = (await preview(pack(), c.stack, true)).filter((l) => c.policies.includes(l[0]));
                assert.deepEqual(
                    planned,
                    c.expected,
                    "with planned outputs in AnalyzeStack, as the real engine sends them",
                );
            });
        }
    };
}

/** A case of one policy's table: it compares that policy's diagnostics unless it names the policies it is about. */
export type PolicyCase = Omit<Case, "policies"> & { readonly policies?: string[] };

/** What the "over the wire" part of a policy's spec is handed. */
export interface Wire {
    /** One test per case, through the built pack (packTables). */
    readonly table: (cases: PolicyCase[]) => void;
    /** The policy's line at its mandatory level: what it stops. */
    readonly refused: (subject: string, message: string) => Line;
    /** The policy's line at advisory level: what it reports without stopping. */
    readonly advised: (subject: string, message: string) => Line;
    /** The policy's advisory line of what it could not check during preview (note). */
    readonly noted: (subject: string, text: string) => Line;
}

/**
 * The "over the wire" part of one policy's spec (test/policies/<policy>.spec.ts): a describe
 * that starts the built pack as the engine does, with time for it, and hands the body a table
 * of that policy's cases.
 */
export function overTheWire(policy: string, body: (wire: Wire) => void): void {
    describe("over the wire", function () {
        this.timeout(60000);
        const packTable = packTables();
        body({
            table: (cases) => packTable(cases.map((c) => ({ ...c, policies: c.policies ?? [policy] }))),
            refused: (subject, message) => [policy, "mandatory", subject, message],
            advised: (subject, message) => [policy, "advisory", subject, message],
            noted: (subject, text) => note(policy, subject, text),
        });
    });
}
