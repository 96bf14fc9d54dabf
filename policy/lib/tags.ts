/**
 * The Name tag of a server resource. It may come from the resource's `tags`, from the AWS
 * provider's `defaultTags`, or, for a launch template, from a `tagSpecifications` entry for
 * instances; for an Auto Scaling group, from its `tags` entries with `propagateAtLaunch`, which
 * AWS puts on every instance it launches, over the launch template's tag of the same key (EC2
 * Auto Scaling User Guide, tag Auto Scaling groups and instances; terraform
 * aws_autoscaling_group `tag.propagate_at_launch`); a group takes no provider defaultTags
 * (aws:autoscaling/group:Group has no tagsAll in @pulumi/aws 7.48.0); a spot instance request's
 * `tags` (and the provider's defaultTags) stay on the request, not on the instance it launches
 * (terraform aws_spot_instance_request `tags`), so only its launch template can name that
 * instance. Keys are case-sensitive;
 * the value must be non-empty after trimming.
 */
import type { AutoscalingGroupArgs, input, InstanceArgs, LaunchTemplateArgs, ProviderArgs } from "./awsTypes";
import { isUnknown, Props, Unknown } from "./known";
import { entries, field, isRecord } from "./read";
import { AUTOSCALING_GROUP, LAUNCH_TEMPLATE, SPOT_INSTANCE_REQUEST } from "./resources";

export type NameTag =
    | { readonly found: true; readonly from: string }
    /** `keyed`: a Name key is there, with an empty value (it overrides any other source). */
    | {
          readonly found: false;
          readonly hint: string;
          readonly keyed: boolean;
          /** Where the unusable tag sits ("tags.Name", "tagSpecifications[0].tags.name"); "" for no tag at all. */
          readonly path: string;
          /** The unusable value (an empty Name, a look-alike key); none for no tag at all. */
          readonly values: readonly unknown[];
      }
    | { readonly found: "unknown"; readonly unknown: Unknown };

/** The provider's `defaultTags.tags`; the SDK sends provider inputs as JSON strings. */
export function defaultTagsOf(providerProps: Props): Record<string, unknown> | Unknown | undefined {
    let defaultTags = field<ProviderArgs>(providerProps, "defaultTags");
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
    const tags = field<input.ProviderDefaultTags>(defaultTags, "tags");
    return isUnknown(tags) || isRecord(tags) ? tags : undefined;
}

/** Tag maps that reach the server, each with where it came from. */
function tagSources(type: string, props: Props): { from: string; tags: unknown }[] {
    if (type === AUTOSCALING_GROUP) {
        const list = entries(field<AutoscalingGroupArgs>(props, "tags"));
        if (isUnknown(list)) {
            return [{ from: "tags", tags: list }];
        }
        const propagated: Record<string, unknown> = {};
        for (const { value: tag } of list) {
            const key = field<input.autoscaling.GroupTag>(tag, "key");
            const propagate = field<input.autoscaling.GroupTag>(tag, "propagateAtLaunch");
            if (isUnknown(key) || isUnknown(propagate)) {
                return [{ from: "tags", tags: isUnknown(key) ? key : propagate }];
            }
            if (typeof key === "string" && (propagate === true || propagate === "true")) {
                propagated[key] = field<input.autoscaling.GroupTag>(tag, "value");
            }
        }
        return [{ from: "tags with propagateAtLaunch", tags: propagated }];
    }
    if (type !== LAUNCH_TEMPLATE) {
        return [{ from: "tags", tags: field<InstanceArgs>(props, "tags") }];
    }
    const specs = entries(field<LaunchTemplateArgs>(props, "tagSpecifications"));
    if (isUnknown(specs)) {
        return [{ from: "tagSpecifications", tags: specs }];
    }
    return specs.flatMap(({ at, value: spec }) => {
        const resourceType = field<input.ec2.LaunchTemplateTagSpecification>(spec, "resourceType");
        if (isUnknown(resourceType)) {
            return [{ from: `tagSpecifications[${at}]`, tags: resourceType }];
        }
        return resourceType === "instance"
            ? [
                  {
                      from: `tagSpecifications[${at}].tags`,
                      tags: field<input.ec2.LaunchTemplateTagSpecification>(spec, "tags"),
                  },
              ]
            : [];
    });
}

/** Why a spot instance request's own tags name no instance. */
export const SPOT_TAGS_HINT = "its tags stay on the spot request, not on the instance it launches";

export function nameTagOf(type: string, props: Props, providerProps: Props): NameTag {
    if (type === SPOT_INSTANCE_REQUEST) {
        return { found: false, hint: SPOT_TAGS_HINT, keyed: false, path: "tags", values: [] };
    }
    const sources = [
        ...tagSources(type, props),
        ...(type === AUTOSCALING_GROUP
            ? []
            : [{ from: "the provider's defaultTags", tags: defaultTagsOf(providerProps) }]),
    ];
    let unknown: Unknown | undefined;
    let hint = "";
    let keyed = false;
    let at: { path: string; values: unknown[] } | undefined;
    /** "tags.Name"; the provider's defaultTags are not the resource's fields. */
    const pathIn = (from: string, key: string) =>
        from.startsWith("the provider")
            ? `provider.defaultTags.tags.${key}`
            : `${from.replace(/ with .*$/, "")}.${key}`;
    for (const { from, tags } of sources) {
        if (isUnknown(tags)) {
            unknown ??= tags;
            continue;
        }
        if (!isRecord(tags)) {
            continue;
        }
        const name = tags.Name;
        // The provider takes tag values as strings: a number or boolean becomes one.
        const text = typeof name === "number" || typeof name === "boolean" ? String(name) : name;
        if (isUnknown(name)) {
            unknown ??= name;
        } else if (typeof text === "string" && text.trim() !== "") {
            return { found: true, from };
        } else if (name !== undefined && name !== null) {
            keyed = true;
            hint ||= `its Name tag in ${from} is ${JSON.stringify(name)}, which is empty`;
            at ??= { path: pathIn(from, "Name"), values: [name] };
        } else {
            const lookalike = Object.keys(tags).find((k) => k !== "Name" && k.toLowerCase() === "name");
            if (lookalike) {
                hint ||= `it has a "${lookalike}" tag in ${from}, but tag keys are case-sensitive: the key must be "Name"`;
                at ??= { path: pathIn(from, lookalike), values: [lookalike] };
            }
        }
    }
    if (unknown) {
        return { found: "unknown", unknown };
    }
    return { found: false, hint: hint || "it has no Name tag", keyed, path: at?.path ?? "", values: at?.values ?? [] };
}
