import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { Judged, judgeTypes } from "../lib/judge";
import { couldNotCheck, Notes } from "../lib/known";
import { notesForUnseenTemplates, templateOf, templateUsesOf } from "../lib/launches";
import { describe, INSTANCE, LAUNCH_SETTINGS_TYPES, LAUNCH_TEMPLATE, SPOT_INSTANCE_REQUEST } from "../lib/resources";
import { StackModel, stackModel } from "../lib/stack";
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
            : "its tags (or the provider's defaultTags)";
    return `${describe(resource)} has no usable Name tag: ${hint}; set tags.Name in ${where}.`;
}

/**
 * The launch templates of the stack whose every user is a server that names itself (or may,
 * by a value not known yet): their own Name tag names no server. A template that an Auto
 * Scaling group, a fleet or a server without its own Name launches from, or that nothing in the
 * stack launches from, names the servers it starts.
 */
function namedByEveryUser(model: StackModel): Set<string> {
    const everyUserNamed = new Map<string, boolean>();
    for (const user of model.ofType(...LAUNCH_SETTINGS_TYPES)) {
        const server = user.type === INSTANCE || user.type === SPOT_INSTANCE_REQUEST;
        const namesItself = server && nameTagOf(user.type, user.props, user.provider).found !== false;
        for (const use of templateUsesOf(user.type, user.props)) {
            const ref = templateOf(model, user, use);
            if (ref.kind === "found") {
                for (const template of ref.targets) {
                    everyUserNamed.set(template.urn, (everyUserNamed.get(template.urn) ?? true) && namesItself);
                }
            }
        }
    }
    return new Set([...everyUserNamed].flatMap(([urn, named]) => (named ? [urn] : [])));
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
        const named = namedByEveryUser(model);
        for (const template of model.ofType(LAUNCH_TEMPLATE)) {
            const name = nameTagOf(template.type, template.props, template.provider);
            if (name.found === false && !named.has(template.urn)) {
                report(refusal(template, name.hint), template.urn);
            }
        }
        notesForUnseenTemplates(model, notes, leavesNameToTemplate, "its Name tag");
        notes.raise();
    },
};
