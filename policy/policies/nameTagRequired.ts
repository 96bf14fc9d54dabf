import { about, findingPolicy, Found } from "../lib/finding";
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

export const MISSING = "name-tag-required/missing";
export const TEMPLATE_MISSING = "name-tag-required/template-missing";

function refusal(
    code: string,
    resource: Judged,
    name: { hint: string; path: string; values: readonly unknown[] },
): Found {
    const where =
        resource.type === LAUNCH_TEMPLATE
            ? 'a tagSpecifications entry with resourceType "instance"'
            : resource.type === SPOT_INSTANCE_REQUEST
              ? 'the tagSpecifications entry with resourceType "instance" of a launch template it launches from'
              : "its tags (or the provider's defaultTags)";
    return {
        code,
        ...about(resource),
        path: name.path,
        values: name.values,
        what: `${describe(resource)} has no usable Name tag: ${name.hint}`,
        fix: `set tags.Name in ${where}`,
    };
}

export const nameTagRequired = findingPolicy({
    name: "name-tag-required",
    description: "Requires a non-empty Name tag on every server, as the console shows servers by it.",
    enforcementLevel: "mandatory",
    codes: {
        [MISSING]: "An instance or spot instance request has no usable Name tag (none, empty, or blank).",
        [TEMPLATE_MISSING]:
            "A launch template gives its instances no usable Name tag, and not every server that uses it names itself.",
    },
    // A launch template's Name tag matters only for the servers that take it, which only the
    // stack shows: its resource part defers a missing one to the stack part.
    judgeResource: judgeTypes([INSTANCE, SPOT_INSTANCE_REQUEST, LAUNCH_TEMPLATE], (resource, found) => {
        const name = nameTagOf(resource.type, resource.props, resource.provider);
        if (name.found === "unknown") {
            couldNotCheck(name.unknown, "its Name tag");
        }
        if (name.found === false && resource.type !== LAUNCH_TEMPLATE && !leavesNameToTemplate(resource)) {
            found(refusal(MISSING, resource, name));
        }
    }),
    judgeStack: (args, found) => {
        const model = stackModel(args.resources);
        const notes = new Notes();
        // A server whose Name is not known yet names itself, or its own Analyze says it cannot tell.
        const namesItself = (server: Judged) => nameTagOf(server.type, server.props, server.provider).found !== false;
        for (const template of model.ofType(LAUNCH_TEMPLATE)) {
            const name = nameTagOf(template.type, template.props, template.provider);
            // A group's tags with propagateAtLaunch name the instances it launches (lib/tags.ts).
            const setters = [INSTANCE, SPOT_INSTANCE_REQUEST, AUTOSCALING_GROUP];
            if (name.found === false && !overriddenByEveryUser(model, template, namesItself, setters)) {
                found(refusal(TEMPLATE_MISSING, template, name));
            }
        }
        notesForUnseenTemplates(model, notes, leavesNameToTemplate, "its Name tag");
        notes.raise();
    },
});
