/**
 * The Name tag of a server resource. It may come from the resource's `tags`, from the AWS
 * provider's `defaultTags`, or, for a launch template, from a `tagSpecifications` entry for
 * instances. Keys are case-sensitive; the value must be non-empty after trimming.
 */
import { isUnknown, Props, Unknown } from "./known";
import { LAUNCH_TEMPLATE } from "./resources";

export type NameTag =
    | { readonly found: true; readonly from: string }
    | { readonly found: false; readonly hint: string }
    | { readonly found: "unknown"; readonly unknown: Unknown };

/** The provider's `defaultTags.tags`; the SDK sends provider inputs as JSON strings. */
export function defaultTagsOf(providerProps: Props): Record<string, unknown> | Unknown | undefined {
    let defaultTags = providerProps?.defaultTags;
    if (isUnknown(defaultTags)) {
        return defaultTags;
    }
    if (typeof defaultTags === "string") {
        try {
            defaultTags = JSON.parse(defaultTags);
        } catch {
            return undefined;
        }
    }
    const tags = defaultTags?.tags;
    return isUnknown(tags) || (typeof tags === "object" && tags !== null) ? tags : undefined;
}

/** Tag maps that reach the server, each with where it came from. */
function tagSources(type: string, props: Props): { from: string; tags: unknown }[] {
    if (type !== LAUNCH_TEMPLATE) {
        return [{ from: "tags", tags: props.tags }];
    }
    const specs = props.tagSpecifications;
    if (isUnknown(specs)) {
        return [{ from: "tagSpecifications", tags: specs }];
    }
    if (!Array.isArray(specs)) {
        return [];
    }
    return specs.flatMap((spec: Props, i: number) => {
        if (isUnknown(spec) || isUnknown(spec.resourceType)) {
            return [{ from: `tagSpecifications[${i}]`, tags: isUnknown(spec) ? spec : spec.resourceType }];
        }
        return spec.resourceType === "instance" ? [{ from: `tagSpecifications[${i}].tags`, tags: spec.tags }] : [];
    });
}

export function nameTagOf(type: string, props: Props, providerProps: Props): NameTag {
    const sources = [
        ...tagSources(type, props),
        { from: "the provider's defaultTags", tags: defaultTagsOf(providerProps) },
    ];
    let unknown: Unknown | undefined;
    let hint = "";
    for (const { from, tags } of sources) {
        if (isUnknown(tags)) {
            unknown ??= tags;
            continue;
        }
        if (typeof tags !== "object" || tags === null) {
            continue;
        }
        const name = (tags as Record<string, unknown>).Name;
        if (isUnknown(name)) {
            unknown ??= name;
        } else if (typeof name === "string" && name.trim() !== "") {
            return { found: true, from };
        } else if (name !== undefined) {
            hint ||= `its Name tag in ${from} is ${JSON.stringify(name)}, which is empty`;
        } else {
            const lookalike = Object.keys(tags).find((k) => k !== "Name" && k.toLowerCase() === "name");
            if (lookalike) {
                hint ||= `it has a "${lookalike}" tag in ${from}, but tag keys are case-sensitive: the key must be "Name"`;
            }
        }
    }
    if (unknown) {
        return { found: "unknown", unknown };
    }
    return { found: false, hint: hint || "it has no Name tag" };
}
