/**
 * The one way policies look at a resource: by type token, through a snapshot in which unknown
 * values are {@link Unknown} markers (see known.ts).
 */
import type { PolicyResource, ReportViolation, ResourceValidation, ResourceValidationArgs } from "@pulumi/policy";
import { isUnknown, Props, snapshot, Unknown } from "./known";
import { stringOf } from "./read";

export interface Judged {
    readonly type: string;
    readonly name: string;
    readonly urn: string;
    /** The resource's inputs (AnalyzeStack: the engine's view of its outputs), unknown values marked. */
    readonly props: Props;
    /** The provider's inputs, unknown values marked; {} for none. */
    readonly provider: Props;
    /** URNs of the resources it depends on (AnalyzeStack only; [] for Analyze). */
    readonly dependencies: readonly string[];
    /** URNs each top-level input depends on, as the engine records them (AnalyzeStack only). */
    readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
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

/**
 * What the program set on each resource Analyze judged, by URN, until the next AnalyzeStack
 * has read it. The engine calls Analyze with every resource's inputs before it calls
 * AnalyzeStack, in the same pack process; AnalyzeStack gets the provider's planned outputs
 * instead, in which, for a resource being created, whatever AWS computes is unknown (an
 * instance's root device the program leaves to the AMI, its credit mode, a group's ingress).
 */
const programInputs = new Map<string, Props>();

/**
 * The props the stack judges a resource by: for a resource being created (its id not known
 * yet), what the program set, as Analyze saw it, so that what it leaves out is read as left out
 * (the AMI's root volume, the default credit mode), as the resource policies read it; for a
 * resource that exists, what AWS reports. Takes and forgets what Analyze kept.
 */
export function stackProps(resource: Judged): Judged {
    const inputs = programInputs.get(resource.urn);
    const id = resource.props?.id;
    if (inputs === undefined || (typeof id === "string" && id !== "")) {
        return resource;
    }
    return { ...resource, props: inputs };
}

/** Forgets what Analyze kept, once an AnalyzeStack call has read it. */
export function forgetProgramInputs(): void {
    programInputs.clear();
}

/** A resource validation that judges only the given types; others pass untouched. */
export function judgeTypes(
    types: readonly string[],
    judge: (resource: Judged, report: ReportViolation, args: ResourceValidationArgs) => void,
): ResourceValidation {
    const wanted = new Set(types);
    return (args, report) => {
        if (wanted.has(args.type)) {
            const resource = judged(args);
            programInputs.set(resource.urn, resource.props);
            judge(resource, report, args);
        }
    };
}

/**
 * The AWS Region a resource is managed in: its own `region` input (AWS provider 7), else its
 * provider's `region`, which the engine fills from the stack's `aws:region` config for the
 * default provider. Undefined when neither says.
 */
export function regionOf(resource: Judged): string | Unknown | undefined {
    const own = stringOf(resource.props?.region);
    if (own !== undefined && own !== "") {
        return own;
    }
    const provider = stringOf(resource.provider?.region);
    return isUnknown(provider) || (provider !== undefined && provider !== "") ? provider : undefined;
}
