import type { PolicyConfigSchema, ResourceValidationPolicy } from "@pulumi/policy";
import {
    FREE_TIER_INSTANCE_TYPES,
    FREE_TIER_PLANS,
    FreeTierPlan,
    LEGACY_FALLBACK_INSTANCE_TYPES,
} from "../../lib/freeTier";
import { configReader } from "../lib/config";
import { judgeTypes } from "../lib/judge";
import { couldNotCheck, isUnknown } from "../lib/known";
import { describe, INSTANCE, LAUNCH_TEMPLATE, show, SPOT_INSTANCE_REQUEST } from "../lib/resources";

export interface InstanceTypeConfig {
    readonly plan: FreeTierPlan;
    readonly allowedInstanceTypes?: string[];
}

const configSchema: PolicyConfigSchema = {
    properties: {
        plan: {
            type: "string",
            enum: [...FREE_TIER_PLANS],
            default: "legacy",
            description:
                'Your free-tier plan: "legacy" (accounts created before 15 July 2025: t2.micro) or "free-plan" (on or after: t3.micro, t3.small, t4g.micro, t4g.small, c7i-flex.large, m7i-flex.large).',
        },
        allowedInstanceTypes: {
            type: "array",
            items: { type: "string", minLength: 1 },
            uniqueItems: true,
            description:
                'Replaces the plan\'s list of allowed instance types, e.g. ["t3.micro"] on the legacy plan in a Region with no t2.micro.',
        },
    },
};

const readConfig = configReader<InstanceTypeConfig>(configSchema);

/** Why a type is refused, and what to use instead. */
function advice(instanceType: unknown, config: InstanceTypeConfig, allowed: readonly string[]): string {
    const use = `use ${allowed.join(" or ")}`;
    if (config.allowedInstanceTypes) {
        return `which is not in allowedInstanceTypes (${allowed.join(", ")}); ${use}`;
    }
    if (config.plan === "legacy" && LEGACY_FALLBACK_INSTANCE_TYPES.includes(String(instanceType))) {
        return `which the legacy free tier covers only in Regions that have no t2.micro; ${use}, or list ${show(instanceType)} in allowedInstanceTypes if your Region has no t2.micro`;
    }
    const otherPlan = FREE_TIER_PLANS.find(
        (p) => p !== config.plan && FREE_TIER_INSTANCE_TYPES[p].includes(String(instanceType)),
    );
    const switchPlan = otherPlan ? `, or set plan "${otherPlan}" if your account is on that plan` : "";
    return `which is outside the ${config.plan} free tier (${allowed.join(", ")}); ${use}${switchPlan}`;
}

export const freeTierInstanceType: ResourceValidationPolicy = {
    name: "free-tier-instance-type",
    description: "Allows only instance types that your AWS free-tier plan covers.",
    enforcementLevel: "mandatory",
    configSchema,
    validateResource: judgeTypes([INSTANCE, LAUNCH_TEMPLATE, SPOT_INSTANCE_REQUEST], (resource, report, args) => {
        const config = readConfig(args);
        const allowed = config.allowedInstanceTypes ?? FREE_TIER_INSTANCE_TYPES[config.plan];
        const instanceType = resource.props.instanceType;
        if (isUnknown(instanceType)) {
            couldNotCheck(instanceType, "the instance type");
        }
        // A launch template may leave the type to whoever launches it.
        if (instanceType === undefined && resource.type === LAUNCH_TEMPLATE) {
            return;
        }
        if (typeof instanceType !== "string" || !allowed.includes(instanceType)) {
            report(
                `${describe(resource)} has instanceType ${show(instanceType)}, ${advice(instanceType, config, allowed)}.`,
            );
        }
    }),
};
