import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { Judged, judgeTypes } from "../lib/judge";
import { couldNotCheck, Notes } from "../lib/known";
import { notesForUnseenTemplates, overriddenByEveryUser, templateUsesOf } from "../lib/launches";
import { AUTOSCALING_GROUP, describe, INSTANCE, LAUNCH_TEMPLATE, SPOT_INSTANCE_REQUEST } from "../lib/resources";
import { stackModel } from "../lib/stack";
import { nameTagOf } from "../lib/tags";

/** An instance with no Name key at all that names a launch template: the template's instance tags apply. */
function leavesNameToTemplate(resource: Judged): boolean {
    const name = nameTagOf(resource.type, resource.props, resource.provider);
    return name.found === false && !name.keyed && templateUsesOf(resource.type, resource.props).length > 0;
}

function refusal(resource: Judged, hint: string): string {
    const where =
        resource.type === LAUNCH_TEMPLATE
            ? 'a tagSpecifications entry with resourceType "instance"'
            : resource.type === SPOT_INSTANCE_REQUEST
              ? 'the tagSpecifications entry with resourceType "instance" of a launch template it launches from'
              : "its tags (or the provider's defaultTags)";
    return `${describe(resource)} has no usable Name tag: ${hint}; set tags.Name in ${where}.`;
}

export const nameTagRequired: ResourceValidationPolicy & StackValidationPolicy = {
    name: "name-tag-required",
    description: "Requires a non-empty Name tag on every server, as the console shows servers by it.",
    enforcementLevel: "mandatory",
    // A launch template's Name tag matters only for the servers that take it, which only the
    // stack shows: its resource part defers a missing one to the stack part.
    validateResource: judgeTypes([INSTANCE, SPOT_INSTANCE_REQUEST, LAUNCH_TEMPLATE], (resource, report) => {
        const name = nameTagOf(resource.type, resource.props, resource.provider);
        if (name.found === "unknown") {
            couldNotCheck(name.unknown, "its Name tag");
        }
        if (name.found === false && resource.type !== LAUNCH_TEMPLATE && !leavesNameToTemplate(resource)) {
            report(refusal(resource, name.hint));
        }
    }),
    validateStack: (args, report) => {
        const model = stackModel(args.resources);
        const notes = new Notes();
        // A server whose Name is not known yet names itself, or its own Analyze says it cannot tell.
        const namesItself = (server: Judged) => nameTagOf(server.type, server.props, server.provider).found !== false;
        for (const template of model.ofType(LAUNCH_TEMPLATE)) {
            const name = nameTagOf(template.type, template.props, template.provider);
            // A group's tags with propagateAtLaunch name the instances it launches (lib/tags.ts).
            const setters = [INSTANCE, SPOT_INSTANCE_REQUEST, AUTOSCALING_GROUP];
            if (name.found === false && !overriddenByEveryUser(model, template, namesItself, setters)) {
                report(refusal(template, name.hint), template.urn);
            }
        }
        notesForUnseenTemplates(model, notes, leavesNameToTemplate, "its Name tag");
        notes.raise();
    },
};
