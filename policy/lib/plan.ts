/**
 * The `plan` every plan-dependent policy reads from its config (free-plan, paid-plan or
 * legacy; the free plan by default), so that one file, `policy/plans/<plan>.json`, switches a
 * user's whole check.
 */
import { DEFAULT_PLAN, LEGACY_PLAN_ENDED, Plan, PLANS } from "../../lib/freeTier";

export { Plan };

/** The `plan` property of a policy's config schema. */
export const PLAN_PROPERTY = {
    type: "string" as const,
    enum: [...PLANS],
    default: DEFAULT_PLAN,
    description: `Your AWS account's plan: "free-plan" (credits for at most 6 months, never charged; only free-tier-eligible instance types launch), "paid-plan" (the same credits, then billing) or "legacy" (the 12-month free tier of accounts opened before 15 July 2025, ended for all of them on ${LEGACY_PLAN_ENDED}). policy/plans/<plan>.json sets it in every policy.`,
};

/** How messages name a plan: "the free plan", "the paid plan", "the legacy 12-month free tier". */
export function planName(plan: Plan): string {
    switch (plan) {
        case "free-plan":
            return "the free plan";
        case "paid-plan":
            return "the paid plan";
        default:
            return "the legacy 12-month free tier";
    }
}
