/**
 * The stack's bill, as preview:offline shows it after the verdicts: the same estimate the pack's
 * stack-cost-within-credits makes (policy/lib/cost.ts, over the same stack model), from the
 * resources the preview sent to AnalyzeStack, with the plan and its credits from the policy
 * pack config the preview was given.
 */
import { HOURS_PER_MONTH } from "../lib/prices";
import { FREE_PLAN_MONTHS, LEGACY_PLAN_ENDED, Plan } from "../lib/freeTier";
import { CostItem, stackCost, usd, usdAmount } from "../policy/lib/cost";
import { judged } from "../policy/lib/judge";
import { JUDGED_TYPES } from "../policy/lib/resources";
import { StackModel } from "../policy/lib/stack";
import { COST_POLICY, CostConfig, creditMonths, readCostConfig } from "../policy/policies/stackCostWithinCredits";
import type { PolicyPackConfig, ResourceInput } from "./analyzerClient";
import { reveal } from "./wireValues";

export interface Bill {
    /** The sum of the items: a lower bound when `atLeast`. */
    readonly monthlyUsd: number;
    readonly atLeast: boolean;
    readonly currency: "USD";
    /** The price snapshot's date. */
    readonly snapshot: string;
    readonly hoursPerMonth: number;
    readonly items: readonly CostItem[];
    readonly plan: Plan;
    readonly creditsUsd: number;
    /** How many months the credits last at this cost; null when the stack costs nothing. */
    readonly creditMonths: number | null;
    /** How many months the stack must run on them (the cost policy's `months`). */
    readonly months: number;
    /** What could not be priced or counted. */
    readonly notes: readonly string[];
    /** Items priced from figures not checked against AWS (docs/prices.md). */
    readonly unverified: readonly string[];
}

/** The cost policy's own settings in a `--policy-pack-config` (its level left out). */
function costSettings(config: PolicyPackConfig): Record<string, unknown> {
    const entry = config[COST_POLICY];
    if (typeof entry !== "object" || entry === null) {
        return {};
    }
    return Object.fromEntries(Object.entries(entry).filter(([key]) => key !== "enforcementLevel"));
}

/** A resource sent to the analyzer, as the policy SDK hands it to a stack policy. */
function asPolicyResource(input: ResourceInput) {
    const urns = (list: readonly string[] | undefined) => (list ?? []).map((urn) => ({ urn }));
    return {
        type: input.type,
        name: input.name,
        urn: input.urn ?? "",
        props: reveal(input.properties) as Record<string, unknown>,
        provider: input.provider ? { props: reveal(input.provider.properties) } : undefined,
        dependencies: urns(input.dependencies),
        propertyDependencies: Object.fromEntries(
            Object.entries(input.propertyDependencies ?? {}).map(([key, list]) => [key, urns(list)]),
        ),
    };
}

/** The bill of the resources a preview sends to AnalyzeStack (reads left out: this stack does not make them). */
export function billOf(inputs: readonly ResourceInput[], config: PolicyPackConfig): Bill {
    const model = new StackModel(
        inputs.filter((r) => JUDGED_TYPES.has(r.type)).map((r) => judged(asPolicyResource(r) as never)),
    );
    const cost = stackCost(model);
    const settings: CostConfig = readCostConfig({ getConfig: <C>() => costSettings(config) as C });
    const lasts = creditMonths(cost, settings);
    const unverified = cost.items.filter((item) => item.unverified).map((item) => `${item.name}: ${item.what}`);
    return {
        monthlyUsd: cost.monthlyUsd,
        atLeast: cost.atLeast,
        currency: "USD",
        snapshot: cost.snapshot,
        hoursPerMonth: HOURS_PER_MONTH,
        items: cost.items,
        plan: settings.plan,
        creditsUsd: settings.creditsUsd,
        creditMonths: Number.isFinite(lasts) ? Math.round(lasts * 10) / 10 : null,
        months: settings.months,
        notes: cost.notes,
        unverified,
    };
}

/**
 * The total and what the plan makes of it: "USD 15.88 a month. On the free plan, USD 100 of
 * credits last 6.3 months; the plan ends after 6."
 */
export function creditsLine(bill: Bill): string {
    const total = `${bill.atLeast ? "At least " : ""}${usd(bill.monthlyUsd)} a month.`;
    if (bill.plan === "legacy") {
        return `${total} On the legacy plan all of it is charged: its 12-month free tier ended for every account on ${LEGACY_PLAN_ENDED}.`;
    }
    const plan = bill.plan === "free-plan" ? "On the free plan" : "On the paid plan";
    if (bill.creditMonths === null) {
        return `${total} ${plan}, nothing priced draws on your ${usdAmount(bill.creditsUsd)} of credits.`;
    }
    const lasts = `${usdAmount(bill.creditsUsd)} of credits last ${bill.creditMonths} month${bill.creditMonths === 1 ? "" : "s"}`;
    return bill.plan === "free-plan"
        ? `${total} ${plan}, ${lasts}; the plan ends after ${FREE_PLAN_MONTHS}.`
        : `${total} ${plan}, ${lasts}; then ${usd(bill.monthlyUsd)} is charged each month.`;
}
