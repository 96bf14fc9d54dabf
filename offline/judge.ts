/**
 * Sends a program's recorded resources through a policy pack exactly as the engine does:
 * Analyze for each resource (inputs, options, provider), then AnalyzeStack once.
 */
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { Diagnostic, PolicyPackProcess, ProviderInput, ResourceInput } from "./analyzer";
import { RecordedResource } from "./mockEngine";
import { StackConfig } from "./stackConfig";

/**
 * The provider each resource uses: its explicit provider resource, or the package's default
 * provider, whose inputs the engine builds from the stack's "<package>:" config keys. Built
 * once per stack: providers by URN, default providers by package.
 */
function providerFinder(
    resources: readonly RecordedResource[],
    stack: StackConfig,
): (resource: RecordedResource) => ProviderInput | undefined {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const defaults = new Map<string, ProviderInput>();
    const defaultFor = (pkg: string): ProviderInput => {
        let provider = defaults.get(pkg);
        if (!provider) {
            const prefix = `${pkg}:`;
            const properties = Object.fromEntries(
                Object.entries(stack.config)
                    .filter(([key]) => key.startsWith(prefix))
                    .map(([key, value]) => [key.slice(prefix.length), value]),
            );
            const type = `pulumi:providers:${pkg}`;
            provider = {
                type,
                name: "default",
                urn: `urn:pulumi:${stack.stack}::${stack.project}::${type}::default`,
                properties,
            };
            defaults.set(pkg, provider);
        }
        return provider;
    };
    return (resource) => {
        if (resource.type.startsWith("pulumi:")) {
            return undefined;
        }
        // An explicit provider reference is "<urn>::<id>".
        const explicit = resource.provider
            ? byUrn.get(resource.provider.split("::").slice(0, -1).join("::"))
            : undefined;
        if (explicit) {
            return { type: explicit.type, name: explicit.name, urn: explicit.urn, properties: explicit.raw as Struct };
        }
        return defaultFor(resource.type.split(":")[0]);
    };
}

/** The Analyze form of every recorded resource, in registration order. */
export function analyzerInputs(resources: readonly RecordedResource[], stack: StackConfig): ResourceInput[] {
    const providerOf = providerFinder(resources, stack);
    return resources.map((r) => ({
        type: r.type,
        name: r.name,
        urn: r.urn,
        properties: (r.raw as Struct | undefined) ?? {},
        parent: r.parent || undefined,
        provider: providerOf(r),
        dependencies: r.options.dependencies,
        propertyDependencies: r.options.propertyDependencies,
        options: {
            protect: r.options.protect,
            ignoreChanges: r.options.ignoreChanges,
            additionalSecretOutputs: r.options.additionalSecretOutputs,
            deleteBeforeReplace: r.options.deleteBeforeReplace,
        },
    }));
}

export interface Judgement {
    /** Analyze diagnostics, by resource URN. */
    readonly byResource: Map<string, Diagnostic[]>;
    /** AnalyzeStack diagnostics. */
    readonly stack: Diagnostic[];
}

/** Analyze for each resource, in order, then AnalyzeStack, as the engine does. */
export async function judge(pack: PolicyPackProcess, inputs: readonly ResourceInput[]): Promise<Judgement> {
    const byResource = new Map<string, Diagnostic[]>();
    for (const input of inputs) {
        byResource.set(input.urn!, await pack.analyze(input));
    }
    const stack = await pack.analyzeStack(inputs);
    return { byResource, stack };
}
