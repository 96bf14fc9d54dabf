/**
 * `npm run preview:offline` of a stack for each access mode of FreeTierServer, with a budget:
 * what it plans, that free-tier-guard passes it, and the budget's free line in the bill.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import { previewCli } from "../../testing/previewCli";
import { guideProjectWith } from "../../testing/tempProject";
import { BUDGET, INSTANCE, INSTANCE_PROFILE, ROLE, ROLE_POLICY_ATTACHMENT, SECURITY_GROUP } from "../../testing/types";

function previewJson(stackYaml: string): Promise<{ code: number; report: any; stderr: string }> {
    const dir = guideProjectWith(stackYaml, "free-tier-access-");
    return previewCli(["--cwd", dir, "--json"], { timeoutMs: 60000 }).then(({ code, stdout, stderr }) => {
        fs.rmSync(dir, { recursive: true, force: true });
        return { code, report: JSON.parse(stdout), stderr };
    });
}

const MODES = [
    {
        access: "instance-connect",
        types: [BUDGET, INSTANCE, SECURITY_GROUP],
    },
    {
        access: "ssm",
        types: [BUDGET, INSTANCE, SECURITY_GROUP, INSTANCE_PROFILE, ROLE, ROLE_POLICY_ATTACHMENT],
    },
];

describe("npm run preview:offline of each access mode's stack", function () {
    this.timeout(120000);
    for (const mode of MODES) {
        it(`access "${mode.access}" with a budget: plans no key pair, passes every policy, bills the budget at USD 0.00`, async () => {
            const { code, report, stderr } = await previewJson(
                `config:\n  aws:region: ap-northeast-2\n  free-tier-server:access: ${mode.access}\n  free-tier-server:budgetEmail: me@example.com\n`,
            );
            assert.equal(code, 0, stderr);
            const types = (report.resources as { type: string }[])
                .map((r) => r.type)
                .filter((t) => t.startsWith("aws:") || t.startsWith("tls:"))
                .sort();
            assert.deepEqual(types, mode.types);
            assert.deepEqual(report.verdicts, []);
            const budget = report.cost.items.find((item: any) => item.type === BUDGET);
            assert.deepEqual([budget.what, budget.monthlyUsd], ["AWS Budgets budget, no actions: free", 0]);
        });
    }
});
