import type { ResourceValidationPolicy } from "@pulumi/policy";
import { judgeTypes } from "../lib/judge";
import { couldNotCheck, isUnknown } from "../lib/known";
import { describe, INSTANCE, LAUNCH_TEMPLATE, show, SPOT_INSTANCE_REQUEST } from "../lib/resources";

export const requireImdsv2: ResourceValidationPolicy = {
    name: "require-imdsv2",
    description: "Warns when instance metadata can be read without a session token (IMDSv1).",
    enforcementLevel: "advisory",
    validateResource: judgeTypes([INSTANCE, SPOT_INSTANCE_REQUEST, LAUNCH_TEMPLATE], (resource, report) => {
        const options = resource.props.metadataOptions;
        if (isUnknown(options)) {
            couldNotCheck(options, "its instance metadata options");
        }
        const { httpTokens, httpEndpoint } = options ?? {};
        if (isUnknown(httpEndpoint)) {
            couldNotCheck(httpEndpoint, "whether instance metadata is reachable");
        }
        if (httpEndpoint === "disabled") {
            return;
        }
        if (isUnknown(httpTokens)) {
            couldNotCheck(httpTokens, "whether instance metadata requires a token");
        }
        if (httpTokens !== "required") {
            const value =
                httpTokens === undefined ? "is not set (the AMI decides, often optional)" : `is ${show(httpTokens)}`;
            report(
                `${describe(resource)}: metadataOptions.httpTokens ${value}, so instance metadata answers without a token; set it to "required" (IMDSv2).`,
            );
        }
    }),
};
