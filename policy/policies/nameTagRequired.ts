import type { ResourceValidationPolicy } from "@pulumi/policy";
import { judgeTypes } from "../lib/judge";
import { couldNotCheck } from "../lib/known";
import { describe, INSTANCE, LAUNCH_TEMPLATE, SPOT_INSTANCE_REQUEST } from "../lib/resources";
import { nameTagOf } from "../lib/tags";

export const nameTagRequired: ResourceValidationPolicy = {
    name: "name-tag-required",
    description: "Requires a non-empty Name tag on every server, as the console shows servers by it.",
    enforcementLevel: "mandatory",
    validateResource: judgeTypes([INSTANCE, SPOT_INSTANCE_REQUEST, LAUNCH_TEMPLATE], (resource, report) => {
        const name = nameTagOf(resource.type, resource.props, resource.provider);
        if (name.found === "unknown") {
            couldNotCheck(name.unknown, "its Name tag");
        }
        if (name.found === false) {
            const where =
                resource.type === LAUNCH_TEMPLATE
                    ? 'a tagSpecifications entry with resourceType "instance"'
                    : "its tags (or the provider's defaultTags)";
            report(`${describe(resource)} has no usable Name tag: ${name.hint}; set tags.Name in ${where}.`);
        }
    }),
};
