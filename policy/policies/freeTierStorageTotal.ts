import type { PolicyConfigSchema, StackValidationPolicy } from "@pulumi/policy";
import { FREE_EBS_GB } from "../../lib/freeTier";
import { configReader } from "../lib/config";
import { resourcesOfTypes } from "../lib/judge";
import { couldNotCheck } from "../lib/known";
import { describe, EBS_VOLUME, INSTANCE, SPOT_INSTANCE_REQUEST } from "../lib/resources";
import { totalOf, volumesOf } from "../lib/volumes";

export interface StorageTotalConfig {
    readonly maxGb: number;
}

const configSchema: PolicyConfigSchema = {
    properties: {
        maxGb: {
            type: "integer",
            minimum: 0,
            default: FREE_EBS_GB,
            description: "The most EBS storage the whole stack may have, in GB (the free tier's 30 GB is per account).",
        },
    },
};

const readConfig = configReader<StorageTotalConfig>(configSchema);

export const freeTierStorageTotal: StackValidationPolicy = {
    name: "free-tier-storage-total",
    description: "Keeps the stack's EBS storage, all instances and volumes together, within the free tier's 30 GB.",
    enforcementLevel: "mandatory",
    configSchema,
    validateStack: (args, report) => {
        const { maxGb } = readConfig(args);
        // Launch templates create no volume by themselves; what launches from them does.
        const owners = resourcesOfTypes(args.resources, [INSTANCE, SPOT_INSTANCE_REQUEST, EBS_VOLUME]);
        const totals = owners.map((owner) => ({ owner, ...totalOf(volumesOf(owner.type, owner.props)) }));
        const total = totals.reduce((sum, t) => sum + t.knownGb, 0);
        const unknown = totals.find((t) => t.unknown)?.unknown;
        const parts = totals.map((t) => `${describe(t.owner)} ${t.knownGb} GB`);
        if (total > maxGb) {
            report(
                `The stack has ${unknown ? "at least " : ""}${total} GB of EBS (${parts.join(", ")}), over the ${maxGb} GB the free tier allows across the account; shrink or remove volumes to ${maxGb} GB in total.`,
            );
        } else if (unknown) {
            couldNotCheck(unknown, `the stack's EBS total against ${maxGb} GB`);
        }
    },
};
