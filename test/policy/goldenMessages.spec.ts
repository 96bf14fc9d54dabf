/**
 * Golden messages: one exact message per policy, as `pulumi preview` prints it and the offline
 * preview shows it: what is wrong, naming the resource and the values; the fix; the code. The
 * rest of the policy tests assert codes, paths and values (findings.spec.ts).
 */
import * as assert from "node:assert/strict";
import { policies } from "../../policy/policies";
import { instancePriceText } from "../support/prices";
import { T } from "../../testing/policy/fixtures";
import { checkResource, checkStack, TestResource } from "../../testing/policy/harness";
import { changed, instance } from "../support/policyBuilders";

const eip = (name: string, props: Record<string, unknown> = {}): TestResource => ({
    type: T.eip,
    name,
    props: { domain: "vpc", ...props },
});
const policy = (name: string): any => policies.find((p) => p.name === name);

const GOLDEN: { policy: string; resource?: TestResource; stack?: TestResource[]; config?: object; message: string }[] =
    [
        {
            policy: "no-public-ssh",
            resource: changed("securityGroup", "ingress.0.cidrBlocks", ["0.0.0.0/0"]),
            message:
                'Security group "web-sg" opens SSH port 22 to the whole IPv4 internet: ingress[0] allows 0.0.0.0/0 on tcp 22; allow only your own address (a /32) instead. [no-public-ssh/world-open-port]',
        },
        {
            policy: "free-tier-instance-type",
            resource: { ...changed("instance", "instanceType", "t3.large"), provider: { region: "ap-northeast-2" } },
            message: `Instance "web" has instanceType "t3.large" (${instancePriceText("t3.large")}), which is outside the legacy free tier (t2.micro); use t2.micro. [free-tier-instance-type/not-on-plan]`,
        },
        {
            policy: "free-tier-storage",
            resource: changed("instance", "rootBlockDevice.volumeSize", 40),
            message:
                'Instance "web" has 40 GB of EBS (rootBlockDevice 40 GB), over the 30 GB the free tier allows; use at most 30 GB in total. [free-tier-storage/over-max-gb]',
        },
        {
            policy: "name-tag-required",
            resource: changed("instance", "tags", { name: "web" }),
            message:
                'Instance "web" has no usable Name tag: it has a "name" tag in tags, but tag keys are case-sensitive: the key must be "Name"; set tags.Name in its tags (or the provider\'s defaultTags). [name-tag-required/missing]',
        },
        {
            policy: "free-tier-cpu-credits",
            resource: changed("launchTemplate", "creditSpecification.cpuCredits", "unlimited"),
            message:
                'Launch template "web-lt" sets creditSpecification.cpuCredits "unlimited", which bills surplus CPU credits; set it to "standard". [free-tier-cpu-credits/unlimited]',
        },
        {
            policy: "no-detailed-monitoring",
            resource: changed("instance", "monitoring", true),
            message:
                'Instance "web" turns on detailed monitoring (monitoring: true), billed per metric; leave it off for the free 5-minute metrics. [no-detailed-monitoring/on]',
        },
        {
            policy: "require-imdsv2",
            resource: changed("instance", "metadataOptions.httpTokens", "optional"),
            message:
                'Instance "web": metadataOptions.httpTokens is "optional", so instance metadata answers without a token; set it to "required" (IMDSv2). [require-imdsv2/tokens-optional]',
        },
        {
            policy: "free-tier-instance-hours",
            stack: [instance("web"), instance("worker")],
            message:
                'The stack runs 2 instances (Instance "web", Instance "worker"): up to 1488 instance-hours a month, over the 750 free hours, which keep one instance running all month; run at most 1. [free-tier-instance-hours/over-free-hours]',
        },
        {
            policy: "free-tier-storage-total",
            stack: [instance("web"), { type: T.ebsVolume, name: "data", props: { availabilityZone: "a", size: 10 } }],
            message:
                'The stack has 40 GB of EBS (Instance "web" 30 GB, EBS volume "data" 10 GB), over the 30 GB the free tier allows across the account; shrink or remove volumes to 30 GB in total. [free-tier-storage-total/over-max-gb]',
        },
        {
            policy: "free-tier-public-ipv4",
            stack: [eip("a", { instance: "i-1" }), eip("b", { instance: "i-2" })],
            message:
                'The stack keeps 2 public IPv4 addresses (Elastic IP "a", Elastic IP "b"): up to 1488 address-hours a month, over the 750 free hours, which cover one address all month; keep at most 1 (an Elastic IP associated with an instance replaces its auto-assigned address; associatePublicIpAddress false gives none). [free-tier-public-ipv4/too-many-addresses]',
        },
        {
            policy: "no-idle-elastic-ip",
            stack: [eip("ip")],
            message:
                'Elastic IP "ip" is attached to no instance, network interface, NAT gateway or load balancer, and AWS bills an idle Elastic IP every hour; set its instance, add an EipAssociation, or remove it. [no-idle-elastic-ip/idle]',
        },
        {
            policy: "stack-cost-within-credits",
            stack: [instance("web")],
            config: { plan: "free-plan", months: 12, creditsUsd: 1000 },
            message:
                'months is 12, but the free plan ends after 6 months whatever the credits, and then AWS closes the account (keeping its resources for 90 days); upgrade to the paid plan (and set plan "paid-plan") to run longer. [stack-cost-within-credits/months-past-free-plan]',
        },
    ];

describe("golden messages, one per policy", () => {
    it("covers every policy of the pack", () => {
        assert.deepEqual(GOLDEN.map((g) => g.policy).sort(), policies.map((p) => p.name).sort());
    });
    for (const g of GOLDEN) {
        it(g.policy, async () => {
            const verdict = g.resource
                ? await checkResource(policy(g.policy), g.resource, g.config as Record<string, unknown>)
                : await checkStack(policy(g.policy), g.stack!, g.config as Record<string, unknown>);
            assert.deepEqual(verdict, { violations: [g.message], couldNotCheck: [] });
        });
    }
});
