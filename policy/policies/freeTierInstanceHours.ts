import type { PolicyConfigSchema, StackValidationPolicy } from "@pulumi/policy";
import { FREE_ALWAYS_ON_INSTANCES, FREE_INSTANCE_HOURS_PER_MONTH, HOURS_IN_LONGEST_MONTH } from "../../lib/freeTier";
import { configReader } from "../lib/config";
import { resourcesOfTypes } from "../lib/judge";
import { couldNotCheck, isUnknown, Props, sumKnown, Unknown } from "../lib/known";
import { AUTOSCALING_GROUP, describe, INSTANCE, SPOT_INSTANCE_REQUEST } from "../lib/resources";

export interface InstanceHoursConfig {
    readonly maxInstances: number;
}

const configSchema: PolicyConfigSchema = {
    properties: {
        maxInstances: {
            type: "integer",
            minimum: 0,
            default: FREE_ALWAYS_ON_INSTANCES,
            description: `How many always-on instances the stack may run; ${FREE_INSTANCE_HOURS_PER_MONTH} free hours a month run one all month (${HOURS_IN_LONGEST_MONTH} hours).`,
        },
    },
};

const readConfig = configReader<InstanceHoursConfig>(configSchema);

/** How many instances a resource keeps running: 1, or an Auto Scaling group's desired (else min) size. */
function instancesOf(type: string, props: Props): number | Unknown {
    if (type !== AUTOSCALING_GROUP) {
        return 1;
    }
    const size = props.desiredCapacity ?? props.minSize;
    if (isUnknown(size)) {
        return size;
    }
    const count = Number(size);
    return Number.isFinite(count) ? count : 0;
}

export const freeTierInstanceHours: StackValidationPolicy = {
    name: "free-tier-instance-hours",
    description: "Limits the stack to the instances that 750 free hours a month can run all month: one.",
    enforcementLevel: "mandatory",
    configSchema,
    validateStack: (args, report) => {
        const { maxInstances } = readConfig(args);
        const servers = resourcesOfTypes(args.resources, [INSTANCE, SPOT_INSTANCE_REQUEST, AUTOSCALING_GROUP]);
        const counts = servers.map((server) => ({ server, n: instancesOf(server.type, server.props) }));
        const { known: count, unknown } = sumKnown(counts.map((c) => c.n));
        const counted = counts.flatMap(({ server, n }) =>
            isUnknown(n) || n <= 0 ? [] : [n === 1 ? describe(server) : `${describe(server)} (${n} instances)`],
        );
        if (count > maxInstances) {
            const hours = count * HOURS_IN_LONGEST_MONTH;
            report(
                `The stack runs ${count} instances (${counted.join(", ")}): up to ${hours} instance-hours a month, over the ${FREE_INSTANCE_HOURS_PER_MONTH} free hours, which keep ${maxInstances === 1 ? "one instance" : `${maxInstances} instances`} running all month; run at most ${maxInstances}.`,
            );
        } else if (unknown) {
            couldNotCheck(unknown, "how many instances the stack runs");
        }
    },
};
