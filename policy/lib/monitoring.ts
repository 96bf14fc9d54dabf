/**
 * Where each resource type writes detailed (1-minute) CloudWatch monitoring, and whether it is
 * on when left out: an instance's or Spot Instance request's `monitoring`, a launch template's
 * `monitoring.enabled`, a launch configuration's `enableMonitoring` (on unless set to false:
 * terraform-provider-aws internal/service/autoscaling/launch_configuration.go, `enable_monitoring`
 * Default true), each launch specification's `monitoring` of a Spot Fleet request. Read by
 * no-detailed-monitoring and by the stack's bill.
 */
import type { input, LaunchConfigurationArgs, LaunchTemplateArgs, ServerArgs, SpotFleetRequestArgs } from "./awsTypes";
import type { Judged } from "./judge";
import { isUnknown } from "./known";
import { booleanOf, entries, field } from "./read";
import {
    INSTANCE,
    LAUNCH_CONFIGURATION,
    LAUNCH_TEMPLATE,
    SPOT_FLEET_REQUEST,
    SPOT_INSTANCE_REQUEST,
} from "./resources";

/** One monitoring setting: where it sits (a prefix), its value as written, its field and whether it is on when left out. */
export interface MonitoringSetting {
    readonly where: string;
    readonly value: unknown;
    readonly name: string;
    readonly byDefault: boolean;
}

/** The one setting of a resource: its field `name`, on (`byDefault`) when left out. */
const only = (value: unknown, name: string, byDefault = false): MonitoringSetting[] => [
    { where: "", value, name, byDefault },
];

/** The monitoring settings a resource writes; none for a type that has none. */
export function monitoringSettings(resource: Judged): MonitoringSetting[] {
    const props = resource.props;
    switch (resource.type) {
        case INSTANCE:
        case SPOT_INSTANCE_REQUEST:
            return only(field<ServerArgs>(props, "monitoring"), "monitoring");
        case LAUNCH_TEMPLATE: {
            const monitoring = field<LaunchTemplateArgs>(props, "monitoring");
            return only(field<input.ec2.LaunchTemplateMonitoring>(monitoring, "enabled"), "monitoring.enabled");
        }
        case LAUNCH_CONFIGURATION:
            return only(field<LaunchConfigurationArgs>(props, "enableMonitoring"), "enableMonitoring", true);
        case SPOT_FLEET_REQUEST: {
            const specs = entries(field<SpotFleetRequestArgs>(props, "launchSpecifications"));
            if (isUnknown(specs)) {
                return only(specs, "launchSpecifications");
            }
            return specs.map(({ at, value }) => ({
                where: `launchSpecifications[${at}].`,
                value: field<input.ec2.SpotFleetRequestLaunchSpecification>(value, "monitoring"),
                name: "monitoring",
                byDefault: false,
            }));
        }
        default:
            return [];
    }
}

/** Whether a setting turns monitoring on: set true, or left out where that means on. */
export function turnsOn(setting: MonitoringSetting): boolean {
    const enabled = booleanOf(setting.value);
    return enabled === true || (enabled === undefined && setting.byDefault);
}
