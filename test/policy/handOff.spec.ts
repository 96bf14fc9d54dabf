/**
 * The Analyze -> AnalyzeStack hand-off (policy/lib/handOff.ts), through the real protocol: the
 * built pack, started as the engine starts it, gets Analyze with each resource's inputs, then
 * AnalyzeStack with planned outputs, as pulumi/pulumi sends them for a preview that creates the
 * stack (pkg/resource/deploy/step_generator.go calls Analyze on the checked inputs;
 * pkg/resource/deploy/deployment_executor.go calls AnalyzeStack with each resource's new state,
 * which for a create in a preview is the provider's planned state: what AWS computes unknown).
 */
import * as assert from "node:assert/strict";
import { Line, preview, suitePack, urnOf } from "../../testing/policy/engine";
import { GOOD, T } from "../../testing/policy/fixtures";
import { onLegacyPlan, TestResource, UNKNOWN } from "../../testing/policy/harness";
import { ipv4CostText } from "../support/prices";

const POLICIES = [
    "free-tier-instance-type",
    "free-tier-storage",
    "no-public-ssh",
    "name-tag-required",
    "free-tier-instance-hours",
    "free-tier-storage-total",
    "free-tier-cpu-credits",
    "no-detailed-monitoring",
    "no-idle-elastic-ip",
    "require-imdsv2",
    "free-tier-public-ipv4",
];
const RESOURCE_POLICIES = [
    "free-tier-instance-type",
    "free-tier-storage",
    "no-public-ssh",
    "name-tag-required",
    "free-tier-cpu-credits",
    "no-detailed-monitoring",
    "require-imdsv2",
];
const STACK_ONLY = POLICIES.filter((p) => !RESOURCE_POLICIES.includes(p));

const only = (lines: Line[], policies: string[]) => lines.filter((l) => policies.includes(l[0]));

describe("the hand-off from Analyze to AnalyzeStack, through the Analyzer protocol", function () {
    this.timeout(60000);
    const pack = suitePack();

    const lone: TestResource = { type: T.eip, name: "lone-ip", props: { domain: "vpc" } };
    const idle: Line = [
        "no-idle-elastic-ip",
        "advisory",
        "lone-ip",
        `Elastic IP "lone-ip" is attached to no instance, network interface, NAT gateway or load balancer, and AWS bills an idle Elastic IP every hour${ipv4CostText(1)}; set its instance, add an EipAssociation, or remove it. [no-idle-elastic-ip/idle]`,
    ];

    // terraform-provider-aws internal/service/ec2/ec2_eip.go: instance and network_interface are
    // Optional+Computed, so a lone Elastic IP's planned state has them unknown.
    it("a lone Elastic IP is idle, though its planned instance and network interface are unknown", async () => {
        const lines = only(await preview(pack(), [lone], true), ["no-idle-elastic-ip"]);
        assert.deepEqual(lines, [idle]);
    });

    // ec2_nat_gateway.go: secondary_allocation_ids, public_ip are computed.
    it("a NAT gateway's Elastic IP is one address, though its planned secondary allocations are unknown", async () => {
        const ip: TestResource = { type: T.eip, name: "nat-ip", props: { domain: "vpc" } };
        const stack: TestResource[] = [
            ip,
            {
                type: T.natGateway,
                name: "nat",
                props: { allocationId: UNKNOWN, subnetId: "subnet-0123" },
                propertyDependencies: { allocationId: [urnOf(ip)] },
            },
        ];
        const lines = only(await preview(pack(), stack, true), ["free-tier-public-ipv4", "no-idle-elastic-ip"]);
        assert.deepEqual(lines, []);
    });

    it("an unknown the program set still resolves by its property dependencies", async () => {
        const web = GOOD.instance;
        const eip: TestResource = {
            type: T.eip,
            name: "web-ip",
            props: { domain: "vpc", instance: UNKNOWN },
            propertyDependencies: { instance: [urnOf(web)] },
        };
        const lines = only(await preview(pack(), [web, eip], true), ["no-idle-elastic-ip", "free-tier-public-ipv4"]);
        assert.deepEqual(lines, []);
    });

    // A resource that exists is judged by what AWS reports (AnalyzeStack's state), not its inputs.
    it("a resource that exists is judged by AnalyzeStack's state, not the inputs Analyze saw", async () => {
        const associated: TestResource = {
            ...lone,
            outputs: { id: "eipalloc-1", domain: "vpc", instance: "i-0123", publicIp: "203.0.113.7" },
        };
        const lines = only(await preview(pack(), [associated], true), ["no-idle-elastic-ip"]);
        assert.deepEqual(lines, []);
    });

    const leftToAmi = { ...GOOD.instance.props };
    delete leftToAmi.rootBlockDevice;
    const stackWithDisks: TestResource[] = [
        { ...GOOD.instance, props: leftToAmi },
        { type: T.ebsVolume, name: "data", props: { availabilityZone: "ap-northeast-2a", size: 28, type: "gp3" } },
        lone,
    ];

    for (const disabled of [
        RESOURCE_POLICIES,
        ["free-tier-storage"],
        ["free-tier-instance-type", "name-tag-required"],
    ]) {
        it(`disabling ${disabled.join(", ")} changes nothing the other policies say`, async () => {
            const everything = await preview(pack(), stackWithDisks, true);
            const enabled = POLICIES.filter((p) => !disabled.includes(p));
            await pack().configure(onLegacyPlan(Object.fromEntries(disabled.map((p) => [p, "disabled"]))) as never);
            const without = await preview(pack(), stackWithDisks, true);
            assert.deepEqual(without, only(everything, enabled));
            assert.ok(only(without, STACK_ONLY).length > 0, "the stack policies have something to say");
        });
    }

    it("judges by the inputs and by the planned outputs alike", async () => {
        assert.deepEqual(await preview(pack(), stackWithDisks, true), await preview(pack(), stackWithDisks, false));
    });
});
