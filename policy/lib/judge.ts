/**
 * The one way policies look at a resource: by type token, through a snapshot in which unknown
 * values are {@link Unknown} markers (see known.ts).
 */
import type { PolicyResource, ReportViolation, ResourceValidation, ResourceValidationArgs } from "@pulumi/policy";
import { Props, snapshot } from "./known";

export interface Judged {
    readonly type: string;
    readonly name: string;
    readonly urn: string;
    /** The resource's inputs, unknown values marked. */
    readonly props: Props;
    /** The provider's inputs, unknown values marked; {} for none. */
    readonly provider: Props;
    /** The stack resource it came from, for dependency lookups; undefined for resource policies. */
    readonly source?: PolicyResource;
}

export function judged(resource: ResourceValidationArgs | PolicyResource): Judged {
    return {
        type: resource.type,
        name: resource.name,
        urn: resource.urn,
        props: snapshot(resource.props),
        provider: snapshot(resource.provider?.props ?? {}),
        source: "dependencies" in resource ? resource : undefined,
    };
}

/** A resource validation that judges only the given types; others pass untouched. */
export function judgeTypes(
    types: readonly string[],
    judge: (resource: Judged, report: ReportViolation, args: ResourceValidationArgs) => void,
): ResourceValidation {
    const wanted = new Set(types);
    return (args, report) => {
        if (wanted.has(args.type)) {
            judge(judged(args), report, args);
        }
    };
}

/** The stack's resources of the given types, judged. */
export function resourcesOfTypes(resources: readonly PolicyResource[], types: readonly string[]): Judged[] {
    const wanted = new Set(types);
    return resources.filter((r) => wanted.has(r.type)).map(judged);
}
