/**
 * What the engine hands a policy pack, built from what the program registered, and the order it
 * asks in: Analyze for each resource the program registered (inputs, options, provider), then
 * AnalyzeStack once with every resource. As the engine does before it calls an analyzer, each
 * resource reference becomes the referenced resource's id (its URN for a component) and
 * top-level keys starting with "__" (the engine's own) are left out.
 */
import { parse as parseSemver } from "semver";
import { Diagnostic, PolicyPackProcess, ProviderInput, ResourceInput } from "./analyzerClient";
import { RegisteredResource, WireMap } from "./engineServer";
import { StackConfig } from "./projectFiles";
import { plannedOutputs } from "./plannedOutputs";
import { flattenReferences, WireValue } from "./wireValues";

/**
 * Inputs without the engine's internal keys: the analyzer plugin marshals with SkipInternalKeys
 * (pulumi/pulumi pkg/resource/plugin/analyzer_plugin.go), which drops top-level "__" keys only.
 */
function withoutInternalKeys(value: WireValue): WireValue {
    if (typeof value === "object" && value !== null && !Array.isArray(value)) {
        return Object.fromEntries(Object.entries(value).filter(([k]) => !k.startsWith("__")));
    }
    return value;
}

/** Inputs as an analyzer receives them. */
export function analyzerProperties(inputs: WireMap): Record<string, unknown> {
    return withoutInternalKeys(flattenReferences(inputs)) as Record<string, unknown>;
}

/** The name the engine gives a package's default provider: "default", with the requested version. */
function defaultProviderName(version: string): string {
    const v = parseSemver(version);
    return v ? ["default", v.major, v.minor, v.patch, ...v.prerelease, ...v.build].join("_") : "default";
}

/**
 * The provider each resource uses: its explicit provider resource, or the package's default
 * provider, whose inputs the engine builds from the stack's "<package>:" config keys (and the
 * version the program asked for). Built once per stack: providers by URN, defaults by name.
 */
function providerFinder(
    resources: readonly RegisteredResource[],
    stack: StackConfig,
): (resource: RegisteredResource) => ProviderInput | undefined {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const defaults = new Map<string, ProviderInput>();
    const defaultFor = (pkg: string, version: string): ProviderInput => {
        const type = `pulumi:providers:${pkg}`;
        const name = defaultProviderName(version);
        let provider = defaults.get(`${type}::${name}`);
        if (!provider) {
            const prefix = `${pkg}:`;
            const properties: Record<string, unknown> = Object.fromEntries(
                Object.entries(stack.config)
                    .filter(([key]) => key.startsWith(prefix))
                    .map(([key, value]) => [key.slice(prefix.length), value]),
            );
            if (version) {
                properties.version = version;
            }
            provider = { type, name, urn: `urn:pulumi:${stack.stack}::${stack.project}::${type}::${name}`, properties };
            defaults.set(`${type}::${name}`, provider);
        }
        return provider;
    };
    return (resource) => {
        if (resource.type.startsWith("pulumi:")) {
            return undefined;
        }
        if (resource.provider) {
            // An explicit provider reference is "<urn>::<id>".
            const explicit = byUrn.get(resource.provider.split("::").slice(0, -1).join("::"));
            return explicit
                ? {
                      type: explicit.type,
                      name: explicit.name,
                      urn: explicit.urn,
                      properties: analyzerProperties(explicit.inputs),
                  }
                : undefined;
        }
        return defaultFor(resource.type.split(":")[0], resource.options.version);
    };
}

/** The analyzer's view of every resource, in registration order. */
export function analyzerInputs(resources: readonly RegisteredResource[], stack: StackConfig): ResourceInput[] {
    const providerOf = providerFinder(resources, stack);
    return resources.map((r) => ({
        type: r.type,
        name: r.name,
        urn: r.urn,
        // The engine hands the analyzers the provider's checked inputs (offline/providerCheck.ts).
        properties: analyzerProperties(r.checkedInputs ?? r.inputs),
        parent: r.parent || undefined,
        provider: providerOf(r),
        dependencies: r.dependencies,
        propertyDependencies: r.propertyDependencies,
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

/**
 * What AnalyzeStack gets, as the engine sends it (pulumi/pulumi pkg/resource/deploy/
 * deployment_executor.go, over the new snapshot's resources): every resource the program
 * registered, not those it read with `.get` (a read is no step the stack's policies judge);
 * each package's default provider, which the engine registers itself, before the first resource
 * that uses it; for a custom resource, its planned outputs (offline/plannedOutputs.ts): a
 * create's inputs with what AWS computes unknown, an import's with its id known (AWS's state
 * is not readable offline, so what AWS computes stays unknown for it too).
 */
export function analyzeStackInputs(
    resources: readonly RegisteredResource[],
    inputs: readonly ResourceInput[],
): ResourceInput[] {
    const out: ResourceInput[] = [];
    const providers = new Set<string>();
    for (const [i, input] of inputs.entries()) {
        const resource = resources[i];
        if (resource.operation === "read") {
            continue;
        }
        const provider = input.provider;
        if (provider?.urn && !resource.provider && !providers.has(provider.urn)) {
            providers.add(provider.urn);
            out.push({
                type: provider.type,
                name: provider.name,
                urn: provider.urn,
                properties: provider.properties,
                dependencies: [],
                propertyDependencies: {},
            });
        }
        out.push(
            resource.custom && !resource.type.startsWith("pulumi:")
                ? {
                      ...input,
                      properties: plannedOutputs(
                          resource.type,
                          input.properties as Record<string, WireValue>,
                          provider?.properties as Record<string, unknown> | undefined,
                          resource.id,
                      ),
                      propertyDependencies: nonEmpty(input.propertyDependencies ?? {}),
                  }
                : { ...input, propertyDependencies: nonEmpty(input.propertyDependencies ?? {}) },
        );
    }
    return out;
}

/** Property dependencies without the empty lists, which the engine drops (it keeps only inputs that depend on something). */
function nonEmpty(dependencies: Readonly<Record<string, readonly string[]>>): Record<string, string[]> {
    return Object.fromEntries(Object.entries(dependencies).filter(([, urns]) => urns.length > 0)) as Record<
        string,
        string[]
    >;
}

/**
 * Analyze for each resource the program registered (imports too; not reads), in order, then
 * AnalyzeStack once, as the engine does.
 */
export async function analyzeStack(
    pack: PolicyPackProcess,
    resources: readonly RegisteredResource[],
    stack: StackConfig,
): Promise<Judgement> {
    const inputs = analyzerInputs(resources, stack);
    const byResource = await analyzeEach(pack, resources, inputs);
    return { byResource, stack: await pack.analyzeStack(analyzeStackInputs(resources, inputs)) };
}

/**
 * Analyze for each resource the program registered (imports too; not reads), in order, with no
 * AnalyzeStack: what the engine has said of a program that failed, which it analyzes resource by
 * resource as they register (pulumi/pulumi pkg/resource/deploy/step_generator.go) and never as a
 * stack (AnalyzeStack runs only once every step succeeded).
 */
export async function analyzeEach(
    pack: PolicyPackProcess,
    resources: readonly RegisteredResource[],
    inputs: readonly ResourceInput[],
): Promise<Map<string, Diagnostic[]>> {
    const byResource = new Map<string, Diagnostic[]>();
    for (const [i, input] of inputs.entries()) {
        if (resources[i].operation === "register") {
            byResource.set(input.urn!, await pack.analyze(input));
        }
    }
    return byResource;
}
