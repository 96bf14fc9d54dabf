/**
 * The one way policies look at a resource: by type token, through a snapshot in which unknown
 * values are {@link Unknown} markers (see known.ts).
 */
import type { PolicyResource, ResourceValidationArgs } from "@pulumi/policy";
import type { ProviderArgs } from "./awsTypes";
import type { ResourceJudge, Sink } from "./finding";
import { isUnknown, Props, snapshot, Unknown } from "./known";
import { Fields, stringOf } from "./read";

export interface Judged {
    readonly type: string;
    readonly name: string;
    readonly urn: string;
    /**
     * The resource's inputs, unknown values marked; in the stack model, for a resource that
     * exists, AWS's state as AnalyzeStack carries it (see handOff.ts). Read through read.ts's
     * `field<T>` and `Fields<T>`, whose keys the SDK's types check; `id`, which every resource's
     * state carries and no Args or State type declares, is read untyped.
     */
    readonly props: Props;
    /**
     * In the stack model, for a resource that exists: the inputs its Analyze judged, when the
     * pack kept them (handOff.ts). A verdict that AWS's state alone shows is then the stack's to give.
     */
    readonly analyzed?: Props;
    /** The provider's inputs, unknown values marked; {} for none. */
    readonly provider: Props;
    /** URNs of the resources it depends on (AnalyzeStack only; [] for Analyze). */
    readonly dependencies: readonly string[];
    /** URNs each top-level input depends on, as the engine records them (AnalyzeStack only). */
    readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
    /**
     * In the stack model, for an instance: whether an InstanceState of the stack keeps it stopped
     * (true), may (an Unknown state), or not (undefined). See stack.ts.
     */
    readonly stopped?: true | Unknown;
}

function urnsOf(resources: unknown): string[] {
    return Array.isArray(resources) ? resources.map((r) => r?.urn).filter((u) => typeof u === "string") : [];
}

export function judged(resource: ResourceValidationArgs | PolicyResource): Judged {
    const propertyDependencies: Record<string, string[]> = {};
    let dependencies: string[] = [];
    if ("dependencies" in resource) {
        dependencies = urnsOf(resource.dependencies);
        for (const [key, resources] of Object.entries(resource.propertyDependencies ?? {})) {
            propertyDependencies[key] = urnsOf(resources);
        }
    }
    return {
        type: resource.type,
        name: resource.name,
        urn: resource.urn,
        props: snapshot(resource.props) ?? {},
        provider: snapshot(resource.provider?.props ?? {}) ?? {},
        dependencies,
        propertyDependencies,
    };
}

/** A resource judge that judges only the given types; others pass untouched. */
export function judgeTypes(
    types: readonly string[],
    judge: (resource: Judged, found: Sink, args: ResourceValidationArgs) => void,
): ResourceJudge {
    const wanted = new Set(types);
    return (args, found) => {
        if (wanted.has(args.type)) {
            judge(judged(args), found, args);
        }
    };
}

/**
 * The AWS Region a resource is managed in: its own `region` input (AWS provider 7), else its
 * provider's `region`, which the engine fills from the stack's `aws:region` config for the
 * default provider. Undefined when neither says.
 */
export function regionOf(resource: Judged): string | Unknown | undefined {
    // Untyped: every resource of AWS provider 7 has the input, so no one type names it.
    const own = stringOf(resource.props?.region);
    if (own !== undefined && own !== "") {
        return own;
    }
    const providerProps: Fields<ProviderArgs> | undefined = resource.provider;
    const provider = stringOf(providerProps?.region);
    return isUnknown(provider) || (provider !== undefined && provider !== "") ? provider : undefined;
}
