/**
 * What only two resources together decide, through the real Analyzer protocol: Analyze for
 * each resource, then AnalyzeStack with the property dependencies the engine records (at
 * preview the ids are unknown, so the dependencies are what links a rule to its group, an
 * instance to its launch template, a NAT gateway to its Elastic IP). Each case lists every
 * diagnostic of the policies it is about: a violation appears exactly once, and what cannot be
 * seen is a could-not-check note, never a pass.
 */
import { packTables } from "../../testing/policy/engine";
import { launchedFrom, LEAVES_ALL, poolTemplate, template, warmPoolGroup } from "../support/policyBuilders";

describe("free-tier-guard across resources, through the Analyzer protocol", function () {
    this.timeout(60000);
    const table = packTables();

    describe("launch templates decide what an instance leaves out", () => {
        const lt = template("app-lt");
        table([
            {
                why: "an instance that takes every setting from a template in the stack is judged by the template, not refused",
                stack: [lt, launchedFrom("app", lt, {}, LEAVES_ALL)],
                policies: [
                    "free-tier-instance-type",
                    "free-tier-storage",
                    "name-tag-required",
                    "free-tier-cpu-credits",
                    "require-imdsv2",
                    "no-detailed-monitoring",
                ],
                expected: [],
            },
        ]);
    });

    describe("instances an Auto Scaling group keeps in its warm pool", () => {
        const lt = poolTemplate();
        table([
            {
                why: "a warm pool left stopped adds its instances' EBS to the stack total, not hours",
                stack: [lt, warmPoolGroup({})],
                policies: ["free-tier-instance-hours", "free-tier-storage-total"],
                expected: [
                    [
                        "free-tier-storage-total",
                        "mandatory",
                        "the stack",
                        'The stack has 40 GB of EBS (Auto Scaling group "workers" 40 GB (2 instances × 20 GB, 1 of them in its warm pool)), over the 30 GB the free tier allows across the account; shrink or remove volumes to 30 GB in total. [free-tier-storage-total/over-max-gb]',
                    ],
                ],
            },
        ]);
    });
});
