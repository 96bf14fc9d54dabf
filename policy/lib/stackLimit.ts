/**
 * A stack policy that holds the whole stack to one limit of its config (how many instances, GB
 * or public addresses): its config is the plan and that limit, read with the schema's defaults
 * filled in, and it judges the stack's model. free-tier-instance-hours, free-tier-storage-total
 * and free-tier-public-ipv4 are declared through it.
 */
import type { EnforcementLevel, PolicyConfigSchema, StackValidationArgs } from "@pulumi/policy";
import { configReader } from "./config";
import { findingPolicy, Sink } from "./finding";
import { Plan, PLAN_PROPERTY } from "./plan";
import { StackModel, stackModel } from "./stack";

/** A limit policy's config: the plan, and the limit under its key. */
export type LimitConfig<K extends string> = { readonly plan: Plan } & { readonly [key in K]: number };

export interface StackLimitSpec<K extends string> {
    readonly name: string;
    readonly description: string;
    readonly enforcementLevel: EnforcementLevel;
    /** The limit: its config key (a whole number, 0 or more), its default and what it means. */
    readonly limit: { readonly key: K; readonly default: number; readonly description: string };
    /**
     * Whether it judges on the legacy plan only, whose free allowance the limit is: the credit
     * plans have no free hours nor free storage, and stack-cost-within-credits prices what the
     * stack uses.
     */
    readonly legacyOnly: boolean;
    /** Every code the policy reports, with what it means (docs/policies.md lists them). */
    readonly codes: Readonly<Record<string, string>>;
    /** What the policy finds on the stack, given its config. */
    readonly judge: (config: LimitConfig<K>, model: StackModel, found: Sink) => void;
}

/** A {@link findingPolicy} with a stack part only, its config schema the plan and the limit. */
export function stackLimitPolicy<K extends string>(spec: StackLimitSpec<K>) {
    const configSchema: PolicyConfigSchema = {
        properties: {
            plan: PLAN_PROPERTY,
            [spec.limit.key]: {
                type: "integer",
                minimum: 0,
                default: spec.limit.default,
                description: spec.limit.description,
            },
        },
    };
    const readConfig = configReader<LimitConfig<K>>(configSchema);
    return findingPolicy({
        name: spec.name,
        description: spec.description,
        enforcementLevel: spec.enforcementLevel,
        configSchema,
        codes: spec.codes,
        judgeStack: (args: StackValidationArgs, found: Sink) => {
            const config = readConfig(args);
            if (spec.legacyOnly && config.plan !== "legacy") {
                return;
            }
            spec.judge(config, stackModel(args.resources), found);
        },
    });
}
