/**
 * stack-cost-within-credits (policy/policies/stackCostWithinCredits.ts), filed by where it decides:
 * - stack part: the stack judge in process, over a whole stack.
 * Findings as data: each main kind of finding asserted by its code, field path and offending
 * values, not by its prose (test/policy/goldenMessages.spec.ts holds one exact message per policy).
 * Builders and table runners shared with other specs: test/support/policyBuilders.ts.
 */
import * as assert from "node:assert/strict";
import { stackCostWithinCredits } from "../../policy/policies/stackCostWithinCredits";
import * as cost from "../../policy/policies/stackCostWithinCredits";
import { GOOD, T } from "../../testing/policy/fixtures";
import { checkStack, findStack, TestResource, UNKNOWN } from "../../testing/policy/harness";
import { cents, hourly, inSeoul, instance, perMonth, SEOUL, stackPart, sum, t3Server } from "../support/policyBuilders";

describe("stack-cost-within-credits", () => {
    stackPart(cost.stackCostWithinCredits, ({ verdicts }) => {
        const guide = [t3Server("web"), GOOD.securityGroup];
        const two = [t3Server("web"), t3Server("worker")];
        const guideMonthly = sum(
            hourly(SEOUL, "instance:t3.micro"),
            perMonth(SEOUL, "ebs:gp3", 30),
            hourly(SEOUL, "ipv4:public"),
        );
        const twoMonthly = cents(2 * guideMonthly);
        const seoul = (resources: TestResource[]) => resources.map((r) => ({ ...r, provider: { region: SEOUL } }));
        const monthsOf = (credits: number, monthly: number) => Math.floor((credits / monthly) * 10) / 10;

        it("passes the guide's server on the free plan: USD 100 of credits last its 6 months", async () => {
            assert.ok(100 / guideMonthly >= 6, "the guide's server fits the free plan's credits");
            assert.deepEqual(await checkStack(stackCostWithinCredits, seoul(guide), { plan: "free-plan" }), {
                violations: [],
                couldNotCheck: [],
            });
        });

        it("stops two servers on the free plan, saying when the credits run out and the account closes", async () => {
            const { violations } = await checkStack(stackCostWithinCredits, seoul(two), { plan: "free-plan" });
            assert.equal(violations.length, 1);
            assert.match(
                violations[0],
                new RegExp(`^The stack costs about USD ${twoMonthly.toFixed(2)} a month on demand \\(`),
            );
            assert.ok(
                violations[0].includes(
                    `: USD 100 of credits last ${monthsOf(100, twoMonthly)} months, fewer than the 6 months you need (months); on the free plan AWS closes the account when the credits run out`,
                ),
                violations[0],
            );
        });

        it("passes them with the credits earned for the plan's activities (creditsUsd 200)", async () => {
            assert.ok(200 / twoMonthly >= 6);
            const verdict = await checkStack(stackCostWithinCredits, seoul(two), {
                plan: "free-plan",
                creditsUsd: 200,
            });
            assert.deepEqual(verdict.violations, []);
        });

        it("says the free plan ends after 6 months whatever the credits, when the stack must run longer", async () => {
            const { violations } = await checkStack(stackCostWithinCredits, seoul(guide), {
                plan: "free-plan",
                months: 12,
                creditsUsd: 1000,
            });
            assert.deepEqual(violations, [
                'months is 12, but the free plan ends after 6 months whatever the credits, and then AWS closes the account (keeping its resources for 90 days); upgrade to the paid plan (and set plan "paid-plan") to run longer. [stack-cost-within-credits/months-past-free-plan]',
            ]);
        });

        it("on the paid plan, says what is charged each month once the credits are gone", async () => {
            const { violations } = await checkStack(stackCostWithinCredits, seoul(two), { plan: "paid-plan" });
            assert.equal(violations.length, 1);
            assert.ok(
                violations[0].includes(
                    `USD 100 of credits last ${monthsOf(100, twoMonthly)} months, fewer than the 6 months you need (months); from then on USD ${twoMonthly.toFixed(2)} is charged each month; make the stack cheaper`,
                ),
                violations[0],
            );
        });

        it("holds maxMonthlyUsd on the paid and legacy plans, and says nothing on the legacy plan without it", async () => {
            const paid = await checkStack(stackCostWithinCredits, seoul(guide), {
                plan: "paid-plan",
                maxMonthlyUsd: 10,
            });
            assert.equal(paid.violations.length, 1);
            assert.match(
                paid.violations[0],
                /, over maxMonthlyUsd USD 10\.00: once the credits are spent, all of it is charged each month; make the stack cheaper, or raise maxMonthlyUsd\. \[stack-cost-within-credits\/over-max-monthly\]$/,
            );
            const legacy = await checkStack(stackCostWithinCredits, seoul(two), { plan: "legacy" });
            assert.deepEqual(legacy, { violations: [], couldNotCheck: [] });
            const capped = await checkStack(stackCostWithinCredits, seoul(two), { plan: "legacy", maxMonthlyUsd: 10 });
            assert.match(capped.violations[0], /the legacy free tier ended on 2026-07-15, so all of it is charged/);
        });

        it("says what it could not count when the known cost alone fits the credits", async () => {
            const later = {
                type: T.ebsVolume,
                name: "later",
                props: { availabilityZone: "ap-northeast-2a", size: UNKNOWN, type: "gp3" },
            };
            const verdict = await checkStack(stackCostWithinCredits, seoul([...guide, later]), { plan: "free-plan" });
            assert.deepEqual(verdict.violations, []);
            assert.deepEqual(verdict.couldNotCheck, [
                `the stack costs at least USD ${guideMonthly.toFixed(2)} a month, and whether the credits cover the rest cannot be checked: the size of a volume of EBS volume "later" is not known yet, so its cost is not counted`,
            ]);
        });

        describe("findings: codes, paths and values", () => {
            const guide = [inSeoul(instance("web")), inSeoul(GOOD.securityGroup)];
            const two = [inSeoul(instance("web")), inSeoul(instance("worker"))];
            verdicts([
                {
                    why: "months past the free plan's end",
                    stack: guide,
                    config: { plan: "free-plan", months: 12, creditsUsd: 1000 },
                    findings: [[cost.MONTHS_PAST_FREE_PLAN, "months", [12]]],
                },
            ]);
            it("credits that run out, and a cost over maxMonthlyUsd, with the stack's monthly cost", async () => {
                const free = await findStack(cost.stackCostWithinCredits, two, { plan: "free-plan" });
                assert.deepEqual(
                    free.findings.map((f) => [f.code, f.path, f.values[0]]),
                    [[cost.CREDITS_RUN_OUT, "creditsUsd", 100]],
                );
                const monthly = free.findings[0].monthlyUsd!;
                assert.ok(100 / monthly < 6, String(monthly));
                assert.equal(free.findings[0].values[1], monthly);
                const capped = await findStack(cost.stackCostWithinCredits, two, { plan: "legacy", maxMonthlyUsd: 10 });
                assert.deepEqual(
                    capped.findings.map((f) => [f.code, f.path, f.values]),
                    [[cost.OVER_MAX_MONTHLY, "maxMonthlyUsd", [10, monthly]]],
                );
            });
        });
    });
});
