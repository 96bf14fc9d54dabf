import type { PolicyConfigSchema } from "@pulumi/policy";
import {
    FREE_PLAN_CLOSED_KEPT_DAYS,
    FREE_PLAN_MONTHS,
    LEGACY_PLAN_ENDED,
    Plan,
    SIGN_UP_CREDITS_USD,
} from "../../lib/freeTier";
import { configReader } from "../lib/config";
import { StackCost, stackCost, usd, usdAmount } from "../lib/cost";
import { findingPolicy, Found } from "../lib/finding";
import { noteError } from "../lib/known";
import { PLAN_PROPERTY } from "../lib/plan";
import { describe } from "../lib/resources";
import { stackModel } from "../lib/stack";

export interface CostConfig {
    readonly plan: Plan;
    readonly creditsUsd: number;
    readonly months: number;
    readonly maxMonthlyUsd?: number;
}

export const COST_POLICY = "stack-cost-within-credits";

export const MONTHS_PAST_FREE_PLAN = "stack-cost-within-credits/months-past-free-plan";
export const CREDITS_RUN_OUT = "stack-cost-within-credits/credits-run-out";
export const OVER_MAX_MONTHLY = "stack-cost-within-credits/over-max-monthly";

const configSchema: PolicyConfigSchema = {
    properties: {
        plan: PLAN_PROPERTY,
        creditsUsd: {
            type: "number",
            minimum: 0,
            default: SIGN_UP_CREDITS_USD,
            description: `The credits your account has left, in USD: ${SIGN_UP_CREDITS_USD} at sign-up on either credit plan, up to ${SIGN_UP_CREDITS_USD} more for completing set activities (aws freetier get-account-plan-state shows what remains).`,
        },
        months: {
            type: "integer",
            minimum: 1,
            default: FREE_PLAN_MONTHS,
            description: `How many months the stack must run on the credits; the free plan lasts at most ${FREE_PLAN_MONTHS}.`,
        },
        maxMonthlyUsd: {
            type: "number",
            minimum: 0,
            description:
                "The most the stack may cost a month, in USD, once the credits are spent (paid and legacy plans).",
        },
    },
};

/** The cost policy's config with its defaults, from what `--policy-pack-config` gives it (preview:offline reads it too). */
export const readCostConfig: (args: { getConfig<C extends object>(): C }) => CostConfig =
    configReader<CostConfig>(configSchema);

/** How long the credits last at this cost, in months; Infinity when the stack costs nothing. */
export function creditMonths(cost: StackCost, config: CostConfig): number {
    return cost.monthlyUsd > 0 ? config.creditsUsd / cost.monthlyUsd : Infinity;
}

/** "6.3 months", "2 months". */
function months(n: number): string {
    const shown = n >= 10 ? Math.floor(n).toString() : (Math.floor(n * 10) / 10).toString();
    return `${shown} month${shown === "1" ? "" : "s"}`;
}

/** "about USD 15.88 a month (Instance "web" USD 9.49, ...)": the total and what costs most. */
function summary(cost: StackCost): string {
    const top = [...cost.items]
        .filter((item) => item.monthlyUsd > 0)
        .sort((a, b) => b.monthlyUsd - a.monthlyUsd)
        .slice(0, 3)
        .map((item) => `${describe(item)} ${item.what}: ${usd(item.monthlyUsd)}`);
    const more = cost.items.filter((item) => item.monthlyUsd > 0).length - top.length;
    const listed = top.length > 0 ? ` (${top.join("; ")}${more > 0 ? `; and ${more} more` : ""})` : "";
    return `${cost.atLeast ? "at least" : "about"} ${usd(cost.monthlyUsd)} a month on demand${listed}`;
}

/** What the plan says of the stack's cost: one finding per problem, none when the credits and limits hold. */
export function costFindings(cost: StackCost, config: CostConfig): Found[] {
    const findings: Found[] = [];
    const monthlyUsd = cost.monthlyUsd;
    const lasts = creditMonths(cost, config);
    const credits = usdAmount(config.creditsUsd);
    if (config.plan === "free-plan") {
        if (config.months > FREE_PLAN_MONTHS) {
            findings.push({
                code: MONTHS_PAST_FREE_PLAN,
                path: "months",
                values: [config.months],
                what: `months is ${config.months}, but the free plan ends after ${FREE_PLAN_MONTHS} months whatever the credits, and then AWS closes the account (keeping its resources for ${FREE_PLAN_CLOSED_KEPT_DAYS} days)`,
                fix: `upgrade to the paid plan (and set plan "paid-plan") to run longer`,
            });
        }
        if (lasts < Math.min(config.months, FREE_PLAN_MONTHS)) {
            findings.push({
                code: CREDITS_RUN_OUT,
                path: "creditsUsd",
                values: [config.creditsUsd, monthlyUsd],
                what: `The stack costs ${summary(cost)}: ${credits} of credits last ${months(lasts)}, fewer than the ${months(Math.min(config.months, FREE_PLAN_MONTHS))} you need (months); on the free plan AWS closes the account when the credits run out (keeping its resources for ${FREE_PLAN_CLOSED_KEPT_DAYS} days; upgrading to the paid plan restores them)`,
                fix: "make the stack cheaper, or set creditsUsd to the credits you have",
                monthlyUsd,
            });
        }
    } else if (config.plan === "paid-plan" && lasts < config.months) {
        findings.push({
            code: CREDITS_RUN_OUT,
            path: "creditsUsd",
            values: [config.creditsUsd, monthlyUsd],
            what: `The stack costs ${summary(cost)}: ${credits} of credits last ${months(lasts)}, fewer than the ${months(config.months)} you need (months); from then on ${usd(cost.monthlyUsd)} is charged each month`,
            fix: "make the stack cheaper, or set maxMonthlyUsd to what you accept to pay",
            monthlyUsd,
        });
    }
    if (config.maxMonthlyUsd !== undefined && cost.monthlyUsd > config.maxMonthlyUsd) {
        const charged =
            config.plan === "legacy"
                ? `the legacy free tier ended on ${LEGACY_PLAN_ENDED}, so all of it is charged`
                : `once the credits are spent, all of it is charged each month`;
        findings.push({
            code: OVER_MAX_MONTHLY,
            path: "maxMonthlyUsd",
            values: [config.maxMonthlyUsd, monthlyUsd],
            what: `The stack costs ${summary(cost)}, over maxMonthlyUsd ${usd(config.maxMonthlyUsd)}: ${charged}`,
            fix: "make the stack cheaper, or raise maxMonthlyUsd",
            monthlyUsd,
        });
    }
    return findings;
}

export const stackCostWithinCredits = findingPolicy({
    name: COST_POLICY,
    description:
        "Estimates the stack's monthly on-demand cost and stops a stack whose cost outlasts your plan's credits (or your maxMonthlyUsd).",
    enforcementLevel: "advisory",
    configSchema,
    codes: {
        [MONTHS_PAST_FREE_PLAN]: `On the free plan: months asks for longer than the free plan lasts (${FREE_PLAN_MONTHS} months).`,
        [CREDITS_RUN_OUT]: "On the credit plans: the credits (creditsUsd) run out before months at the stack's cost.",
        [OVER_MAX_MONTHLY]: "The stack's monthly cost is over maxMonthlyUsd.",
    },
    judgeStack: (args, found) => {
        const config = readCostConfig(args);
        const cost = stackCost(stackModel(args.resources));
        const findings = costFindings(cost, config);
        for (const finding of findings) {
            found(finding);
        }
        const judged = config.plan !== "legacy" || config.maxMonthlyUsd !== undefined;
        if (judged && findings.length === 0 && cost.notes.length > 0) {
            const more = cost.notes.length - 1;
            throw noteError(
                `the stack costs at least ${usd(cost.monthlyUsd)} a month, and whether the credits cover the rest cannot be checked: ${cost.notes[0]}${more > 0 ? ` (and ${more} more like it)` : ""}`,
            );
        }
    },
});
