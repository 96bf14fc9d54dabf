/**
 * The access modes and the budget of FreeTierServer (docs/access.md) through free-tier-guard:
 * the program's stack of each mode, run under mocks, through the built pack on the free plan
 * over the Analyzer protocol, and the bill the pack's cost estimate makes of it.
 */
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { analyzeStack, analyzerInputs } from "../../offline/analyzerInputs";
import { billOf } from "../../offline/bill";
import { runUnderMocks } from "../../testing/mockEngine";
import { guideStack } from "../program/guideStack";
import { PACK_DIR, suitePack } from "../../testing/policy/engine";
import { T } from "../../testing/policy/fixtures";
import { checkResource, checkStack } from "../../testing/policy/harness";
import { noPublicSsh } from "../../policy/policies/noPublicSsh";
import { stackCostWithinCredits } from "../../policy/policies/stackCostWithinCredits";

const ROOT = path.resolve(__dirname, "../..");
const FREE_PLAN = require(path.join(PACK_DIR, "plans/free-plan.json"));
const NO_SSH = { "free-tier-server:sshAllowedCidrs": undefined };
const BUDGET = { "free-tier-server:budgetEmail": "me@example.com" };

const MODES: { why: string; overrides: Record<string, string | undefined>; types: string[] }[] = [
    {
        why: 'access "ssh" (the guide\'s dev stack) with a zero-spend budget',
        overrides: { ...BUDGET },
        types: [T.budget, T.instance, T.keyPair, T.securityGroup, T.privateKey],
    },
    {
        why: 'access "instance-connect", SSH only from the Instance Connect prefix list',
        overrides: { ...NO_SSH, "free-tier-server:access": "instance-connect" },
        types: [T.instance, T.securityGroup],
    },
    {
        why: 'access "ssm" with a budget of USD 5: the role, its attachment and the instance profile',
        overrides: {
            ...NO_SSH,
            ...BUDGET,
            "free-tier-server:access": "ssm",
            "free-tier-server:budgetUsd": "5",
        },
        types: [T.budget, T.instanceProfile, T.instance, T.role, T.rolePolicyAttachment, T.securityGroup],
    },
];

describe("free-tier-guard and FreeTierServer's access modes and budget", function () {
    this.timeout(60000);
    const pack = suitePack();

    for (const mode of MODES) {
        for (const preview of [true, false]) {
            it(`passes every policy on the free plan with ${mode.why}, ${preview ? "at preview" : "in an update"}`, async () => {
                const stack = guideStack(mode.overrides);
                const run = await runUnderMocks(path.join(ROOT, "index.ts"), stack, { preview });
                const resources = run.engine.registered();
                assert.deepEqual(
                    resources
                        .map((r) => r.type)
                        .filter((t) => t.startsWith("aws:") || t.startsWith("tls:"))
                        .sort(),
                    [...mode.types].sort(),
                );
                await pack().configure(FREE_PLAN);
                const { byResource, stack: stackVerdicts } = await analyzeStack(pack(), resources, stack);
                assert.deepEqual([...byResource.values()].flat(), []);
                assert.deepEqual(stackVerdicts, []);
            });
        }
    }

    it("bills the budget at USD 0.00 as a line of its own, and the instance-connect stack as the ssh one", async () => {
        const bills = [];
        for (const overrides of [{ ...BUDGET }, MODES[1].overrides]) {
            const stack = guideStack(overrides);
            const run = await runUnderMocks(path.join(ROOT, "index.ts"), stack, { preview: true });
            bills.push(billOf(analyzerInputs(run.engine.registered(), stack), FREE_PLAN));
        }
        const [withBudget, instanceConnect] = bills;
        const budget = withBudget.items.find((item) => item.type === T.budget)!;
        assert.deepEqual([budget.what, budget.monthlyUsd], ["AWS Budgets budget, no actions: free", 0]);
        assert.equal(withBudget.atLeast, false);
        assert.deepEqual(withBudget.notes, []);
        assert.equal(withBudget.monthlyUsd, instanceConnect.monthlyUsd);
    });
});

describe("no-public-ssh and the stack cost on the resources Session Manager and Instance Connect use", () => {
    const ssh = { protocol: "tcp", fromPort: 22, toPort: 22 };

    it("takes SSH from an AWS-managed prefix list alone (not made in the stack) as not open to the world", async () => {
        const group = {
            type: T.securityGroup,
            name: "web-sg",
            props: {
                ingress: [
                    {
                        ...ssh,
                        description: "SSH from EC2 Instance Connect only",
                        prefixListIds: ["pl-0e4bcff02b13bef1e"],
                    },
                ],
            },
        };
        assert.deepEqual(await checkResource(noPublicSsh, group), { violations: [], couldNotCheck: [] });
        assert.deepEqual(await checkStack(noPublicSsh, [group]), { violations: [], couldNotCheck: [] });
        const rule = {
            type: T.securityGroupRule,
            name: "eic",
            props: { ...ssh, type: "ingress", securityGroupId: "sg-1", prefixListIds: ["pl-0e4bcff02b13bef1e"] },
        };
        assert.deepEqual(await checkResource(noPublicSsh, rule), { violations: [], couldNotCheck: [] });
    });

    const role = {
        type: T.role,
        name: "web-ssm-role",
        props: {
            assumeRolePolicy: JSON.stringify({
                Version: "2012-10-17",
                Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
            }),
        },
    };
    const privateInstance = (extra: Record<string, unknown>) => ({
        type: T.instance,
        name: "private",
        provider: { region: "ap-northeast-2" },
        props: {
            instanceType: "t3.micro",
            associatePublicIpAddress: false,
            subnetId: "subnet-0123456789abcdef0",
            metadataOptions: { httpTokens: "required" },
            creditSpecification: { cpuCredits: "standard" },
            rootBlockDevice: { volumeSize: 8, volumeType: "gp3" },
            tags: { Name: "private" },
            ...extra,
        },
    });

    it("notes, without a price, the interface endpoints Session Manager needs for an instance with no public address", async () => {
        const instance = privateInstance({ iamInstanceProfile: "web-ssm-profile" });
        const verdict = await checkStack(
            stackCostWithinCredits,
            [role, instance],
            FREE_PLAN["stack-cost-within-credits"],
        );
        // A note, not a price: the estimate is a lower bound, so the pack says it cannot check it.
        assert.deepEqual(verdict.violations, []);
        assert.equal(verdict.couldNotCheck.length, 1);
        assert.match(
            verdict.couldNotCheck[0],
            /Instance "private" has an instance profile and no public IPv4 address: reached with Session Manager, its subnet needs interface VPC endpoints \(ssm, ssmmessages, ec2messages\), billed per hour each, or a NAT gateway; neither is counted/,
        );
    });

    it("says nothing of endpoints for an instance with no instance profile, or with a public address", async () => {
        for (const instance of [
            privateInstance({}),
            privateInstance({ iamInstanceProfile: "web-ssm-profile", associatePublicIpAddress: true }),
        ]) {
            const verdict = await checkStack(
                stackCostWithinCredits,
                [role, instance],
                FREE_PLAN["stack-cost-within-credits"],
            );
            assert.deepEqual(verdict, { violations: [], couldNotCheck: [] }, JSON.stringify(instance.props));
        }
    });
});
