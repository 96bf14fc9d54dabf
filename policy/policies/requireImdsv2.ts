import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { Judged, judgeTypes } from "../lib/judge";
import { isUnknown, Notes, unknownNote } from "../lib/known";
import { leavesOut, mayLeaveOut, notesForUnseenTemplates, templateUsesOf } from "../lib/launches";
import { entries, field, isSet } from "../lib/read";
import {
    describe,
    INSTANCE,
    LAUNCH_CONFIGURATION,
    LAUNCH_TEMPLATE,
    show,
    SPOT_FLEET_REQUEST,
    SPOT_INSTANCE_REQUEST,
} from "../lib/resources";
import { stackModel } from "../lib/stack";

const FIX = 'so instance metadata answers without a token; set it to "required" (IMDSv2)';

/** Whether an instance leaves its metadata options to its launch template: left out (`stackView`: or unknown, as AWS computes them). */
function leavesMetadataToTemplate(resource: Judged, stackView = false): boolean {
    const value = field(resource.props, "metadataOptions");
    return (
        (stackView ? mayLeaveOut(value) : leavesOut(value)) && templateUsesOf(resource.type, resource.props).length > 0
    );
}

/** One set of metadata options: reports tokens that are not required. */
function judgeOptions(resource: Judged, where: string, options: unknown, report: (m: string) => void, notes: Notes) {
    if (isUnknown(options)) {
        notes.add(unknownNote(options, "its instance metadata options"));
        return;
    }
    const httpEndpoint = field(options, "httpEndpoint");
    if (isUnknown(httpEndpoint)) {
        notes.add(unknownNote(httpEndpoint, "whether instance metadata is reachable"));
        return;
    }
    if (httpEndpoint === "disabled") {
        return;
    }
    const httpTokens = field(options, "httpTokens");
    if (isUnknown(httpTokens)) {
        notes.add(unknownNote(httpTokens, "whether instance metadata requires a token"));
        return;
    }
    if (httpTokens !== "required") {
        const value = !isSet(httpTokens) ? "is not set (the AMI decides, often optional)" : `is ${show(httpTokens)}`;
        report(`${describe(resource)}: ${where}metadataOptions.httpTokens ${value}, ${FIX}.`);
    }
}

export const requireImdsv2: ResourceValidationPolicy & StackValidationPolicy = {
    name: "require-imdsv2",
    description: "Warns when instance metadata can be read without a session token (IMDSv1).",
    enforcementLevel: "advisory",
    validateResource: judgeTypes(
        [INSTANCE, SPOT_INSTANCE_REQUEST, LAUNCH_TEMPLATE, LAUNCH_CONFIGURATION, SPOT_FLEET_REQUEST],
        (resource, report) => {
            const notes = new Notes();
            if (resource.type === SPOT_FLEET_REQUEST) {
                // A launch specification has no metadata options: the AMI decides.
                const specs = entries(field(resource.props, "launchSpecifications"));
                if (isUnknown(specs)) {
                    notes.add(unknownNote(specs, "whether instance metadata requires a token"));
                } else if (specs.length > 0) {
                    report(
                        `${describe(resource)}: launchSpecifications cannot set metadataOptions, so the AMI decides whether instance metadata answers without a token (often it does); launch from a launch template with metadataOptions.httpTokens "required" (launchTemplateConfigs) instead.`,
                    );
                }
            } else if (!leavesMetadataToTemplate(resource)) {
                judgeOptions(resource, "", field(resource.props, "metadataOptions"), report, notes);
            }
            notes.raise();
        },
    ),
    validateStack: (args) => {
        const notes = new Notes();
        notesForUnseenTemplates(
            stackModel(args.resources),
            notes,
            (r) => leavesMetadataToTemplate(r, true),
            "whether instance metadata requires a token",
        );
        notes.raise();
    },
};
