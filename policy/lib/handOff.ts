/**
 * The hand-off from Analyze to AnalyzeStack: what the pack judges a resource being created by.
 *
 * The engine calls Analyze for every resource the program registers, with the provider's
 * checked inputs, before it runs the step (pulumi/pulumi pkg/resource/deploy/step_generator.go,
 * `GenerateSteps` calls `analyzer.Analyze` on the checked inputs), and AnalyzeStack once at the
 * end, with each resource's planned state (pkg/resource/deploy/deployment_executor.go calls
 * `AnalyzeStack` over the resources the deployment registered;
 * pkg/resource/plugin/analyzer_plugin.go marshals each one's `Outputs`). For a resource being
 * created, that state is the provider's preview of a Create: every attribute AWS computes and
 * the program left unset is unknown there (pulumi/pulumi-terraform-bridge pkg/tfbridge/provider.go,
 * the planned state), though AWS's computing it can never make it a use, an address or a second
 * anything (an Elastic IP's `instance`, a NAT gateway's `secondaryAllocationIds`, an instance's
 * root device left to its AMI).
 *
 * So the pack keeps, by URN, each Analyze request's inputs for every type its stack model reads
 * ({@link JUDGED_TYPES}), whichever policies are enabled: the keeping wraps the framework's
 * Analyze handler itself (the framework runs only enabled resource policies on Analyze, so a
 * policy could not keep them for a stack policy). AnalyzeStack then judges a resource whose id
 * is not known yet (one being created) by those inputs, and any other (one that exists, an
 * import) by what AnalyzeStack carries: AWS's state, or its planned change.
 *
 * Both calls come to the one pack process the engine starts for the preview, in that order.
 * test/policy/handOff.spec.ts pins this through the real protocol.
 */
import { frameworkDeserializer, WireStruct, wrapAnalyze } from "./adapters/pulumiPolicy";
import type { Judged } from "./judge";
import { Props, snapshot } from "./known";
import { JUDGED_TYPES } from "./resources";

interface Kept {
    readonly type: string;
    readonly properties: WireStruct | undefined;
    /** The snapshot, once read. */
    props?: Props;
}

const kept = new Map<string, Kept>();

/** Bumped whenever what is kept changes, so a model built from older inputs is never reused. */
let generation = 0;

/** The framework's own deserializer, so kept inputs read exactly as its policies read them. */
let deserialize: ((struct: WireStruct, proxySecrets: boolean) => Props) | undefined;

/** Keeps one Analyze request's inputs, when the stack model reads its type. */
export function keepAnalyzed(urn: string, type: string, properties: WireStruct | undefined): void {
    if (!JUDGED_TYPES.has(type) || urn === "") {
        return;
    }
    kept.set(urn, { type, properties });
    generation++;
}

function inputsOf(entry: Kept): Props {
    if (entry.props === undefined) {
        const raw = entry.properties && deserialize ? deserialize(entry.properties, false) : {};
        entry.props = snapshot(raw) ?? {};
    }
    return entry.props;
}

/** Whether AnalyzeStack's view of a resource is of one being created: its id is not known yet. */
function isBeingCreated(props: Props): boolean {
    const id = props?.id;
    return !(typeof id === "string" && id !== "");
}

/**
 * The props the stack judges a resource by: for one being created, the inputs Analyze saw
 * (what it leaves out read as left out, as the resource policies read it); for one that exists,
 * what AnalyzeStack carries, with those inputs as `analyzed`.
 */
export function stackView(resource: Judged): Judged {
    const entry = kept.get(resource.urn);
    if (entry === undefined || entry.type !== resource.type) {
        return resource;
    }
    if (!isBeingCreated(resource.props)) {
        // It exists: judged by its state, with what its Analyze saw kept beside it.
        return { ...resource, analyzed: inputsOf(entry) };
    }
    return { ...resource, props: inputsOf(entry) };
}

/** Tells models built from different kept inputs apart. */
export function handOffGeneration(): number {
    return generation;
}

/** Forgets every kept input: the next preview in the same process starts clean. */
export function forgetAnalyzed(): void {
    kept.clear();
    generation++;
}

/**
 * Has the framework's Analyze handler keep every Analyze request's inputs before it runs the
 * enabled policies. Call once, before `new PolicyPack(...)`.
 */
export function keepAnalyzeInputs(): void {
    deserialize = frameworkDeserializer() as typeof deserialize;
    wrapAnalyze(
        (analyze) =>
            function (this: unknown, call, callback) {
                try {
                    keepAnalyzed(call.request.getUrn(), call.request.getType(), call.request.getProperties());
                } catch {
                    // Keeping never fails an Analyze call; the resource is then judged by AnalyzeStack's view.
                }
                return analyze.call(this, call, callback);
            },
    );
}
