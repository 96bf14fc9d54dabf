import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { Judged, judgeTypes } from "../lib/judge";
import { couldNotCheck, Notes } from "../lib/known";
import { notesForUnseenTemplates, templateUsesOf } from "../lib/launches";
import { describe, INSTANCE, LAUNCH_TEMPLATE, SPOT_INSTANCE_REQUEST } from "../lib/resources";
import { stackModel } from "../lib/stack";
import { nameTagOf } from "../lib/tags";

/** An instance with no Name key at all that names a launch template: the template's instance tags apply. */
function leavesNameToTemplate(resource: Judged): boolean {
    const name = nameTagOf(resource.type, resource.props, resource.provider);
    return name.found === false && !name.keyed && templateUsesOf(resource.type, resource.props).length > 0;
}

export const nameTagRequired: ResourceValidationPolicy & StackValidationPolicy = {
    name: "name-tag-required",
    description: "Requires a non-empty Name tag on every server, as the console shows servers by it.",
    enforcementLevel: "mandatory",
    validateResource: judgeTypes([INSTANCE, SPOT_INSTANCE_REQUEST, LAUNCH_TEMPLATE], (resource, report) => {
        const name = nameTagOf(resource.type, resource.props, resource.provider);
        if (name.found === "unknown") {
            couldNotCheck(name.unknown, "its Name tag");
        }
        if (name.found === false && !leavesNameToTemplate(resource)) {
            const where =
                resource.type === LAUNCH_TEMPLATE
                    ? 'a tagSpecifications entry with resourceType "instance"'
                    : "its tags (or the provider's defaultTags)";
            report(`${describe(resource)} has no usable Name tag: ${name.hint}; set tags.Name in ${where}.`);
        }
    }),
    validateStack: (args) => {
        const notes = new Notes();
        notesForUnseenTemplates(stackModel(args.resources), notes, leavesNameToTemplate, "its Name tag");
        notes.raise();
    },
};
