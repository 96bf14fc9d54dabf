import type { ResourceValidationPolicy } from "@pulumi/policy";
import { judgeTypes } from "../lib/judge";
import { couldNotCheck, isUnknown } from "../lib/known";
import { describe, INSTANCE, LAUNCH_TEMPLATE, SPOT_INSTANCE_REQUEST } from "../lib/resources";

export const noDetailedMonitoring: ResourceValidationPolicy = {
    name: "no-detailed-monitoring",
    description: "Warns about detailed (1-minute) CloudWatch monitoring, which is billed per metric.",
    enforcementLevel: "advisory",
    validateResource: judgeTypes([INSTANCE, SPOT_INSTANCE_REQUEST, LAUNCH_TEMPLATE], (resource, report) => {
        const monitoring = resource.props.monitoring;
        // Instances take a boolean; launch templates take { enabled }.
        const enabled = resource.type === LAUNCH_TEMPLATE && !isUnknown(monitoring) ? monitoring?.enabled : monitoring;
        if (isUnknown(enabled)) {
            couldNotCheck(enabled, "whether detailed monitoring is on");
        }
        if (enabled === true) {
            const field = resource.type === LAUNCH_TEMPLATE ? "monitoring.enabled" : "monitoring";
            report(
                `${describe(resource)} turns on detailed monitoring (${field}: true), billed per metric; leave it off for the free 5-minute metrics.`,
            );
        }
    }),
};
