/**
 * Findings as data, per policy: each policy's judges run in-process with a collecting sink (the
 * one the pack's adapter uses), and each main kind of finding is asserted by its code, field path
 * and offending values, not by its prose (goldenMessages.spec.ts holds a few exact messages).
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { codeOf, Finding, formatFinding } from "../../policy/lib/finding";
import { policies } from "../../policy/policies";
import * as credits from "../../policy/policies/freeTierCpuCredits";
import * as hours from "../../policy/policies/freeTierInstanceHours";
import * as instanceType from "../../policy/policies/freeTierInstanceType";
import * as ipv4 from "../../policy/policies/freeTierPublicIpv4";
import * as storage from "../../policy/policies/freeTierStorage";
import * as storageTotal from "../../policy/policies/freeTierStorageTotal";
import * as nameTag from "../../policy/policies/nameTagRequired";
import * as monitoring from "../../policy/policies/noDetailedMonitoring";
import * as idle from "../../policy/policies/noIdleElasticIp";
import * as ssh from "../../policy/policies/noPublicSsh";
import * as imds from "../../policy/policies/requireImdsv2";
import * as cost from "../../policy/policies/stackCostWithinCredits";
import { figure } from "../support/prices";
import { GOOD, T } from "../../testing/policy/fixtures";
import {
    brief,
    checkResource,
    checkStack,
    findResource,
    findStack,
    TestResource,
    UNKNOWN,
    withField,
} from "../../testing/policy/harness";

const SEOUL = "ap-northeast-2";
const HOURS_PER_MONTH: number = require("../../lib/prices/snapshot.json").hoursPerMonth;

/** `GOOD[key]` with one field changed. */
function changed(key: string, path: string, value: unknown): TestResource {
    return { ...GOOD[key], props: withField(GOOD[key].props, path, value) };
}
const urnOf = (r: TestResource) => r.urn ?? `urn:pulumi:dev::project::${r.type}::${r.name}`;
const inSeoul = (r: TestResource): TestResource => ({ ...r, provider: { region: SEOUL } });
const server = (name: string, props: Record<string, unknown> = {}): TestResource => ({
    type: T.instance,
    name,
    props: { ...GOOD.instance.props, ...props },
});

type Row = [string, string, unknown[]];

interface ResourceCase {
    readonly why: string;
    readonly resource: TestResource;
    readonly config?: Record<string, unknown>;
    readonly findings: Row[];
}

interface StackCase {
    readonly why: string;
    readonly stack: TestResource[];
    readonly config?: Record<string, unknown>;
    readonly findings: Row[];
}

/** The findings of a case, and the same run through the SDK's report: one formatted message each. */
function resourceTable(
    policy: Parameters<typeof findResource>[0] & Parameters<typeof checkResource>[0],
    cases: ResourceCase[],
) {
    for (const c of cases) {
        it(c.why, async () => {
            const { findings } = await findResource(policy, c.resource, c.config);
            assert.deepEqual(findings.map(brief), c.findings);
            for (const f of findings) {
                assert.equal(f.policy, policy.name);
                assert.deepEqual([f.urn, f.type, f.name], [urnOf(c.resource), c.resource.type, c.resource.name]);
            }
            const { violations } = await checkResource(policy, c.resource, c.config);
            assert.deepEqual(violations, findings.map(formatFinding));
        });
    }
}

function stackTable(policy: Parameters<typeof findStack>[0] & Parameters<typeof checkStack>[0], cases: StackCase[]) {
    for (const c of cases) {
        it(c.why, async () => {
            const { findings } = await findStack(policy, c.stack, c.config);
            assert.deepEqual(findings.map(brief), c.findings);
            const { violations } = await checkStack(policy, c.stack, c.config);
            assert.deepEqual(violations, findings.map(formatFinding));
        });
    }
}

describe("findings: codes, paths and values per policy", () => {
    describe("every policy", () => {
        it("lists its codes as <policy>/<kind>, and every code is one of its own", () => {
            for (const policy of policies) {
                const codes = Object.keys((policy as unknown as { codes: Record<string, string> }).codes);
                assert.ok(codes.length > 0, policy.name);
                for (const code of codes) {
                    assert.match(code, new RegExp(`^${policy.name}/[a-z0-9]+(-[a-z0-9]+)*$`));
                }
            }
        });

        it("docs/policies.md lists every code under its policy, as the policy describes it", () => {
            const docs = fs.readFileSync(path.join(__dirname, "../../docs/policies.md"), "utf8");
            const listed = [...docs.matchAll(/^- `([a-z0-9-]+\/[a-z0-9-]+)`: (.*)$/gm)].map((m) => [m[1], m[2]]);
            const codes = policies.flatMap((p) =>
                Object.entries((p as unknown as { codes: Record<string, string> }).codes),
            );
            assert.deepEqual(listed.sort(), codes.sort());
            for (const policy of policies) {
                const section = docs.split(`\n### ${policy.name}\n`)[1]?.split("\n### ")[0] ?? "";
                for (const code of Object.keys((policy as unknown as { codes: Record<string, string> }).codes)) {
                    assert.ok(section.includes(`- \`${code}\``), `${code} under ### ${policy.name}`);
                }
            }
        });

        it("ends each message in its code, which codeOf reads back", () => {
            const finding: Finding = {
                policy: "no-public-ssh",
                code: ssh.WORLD_OPEN_PORT,
                path: "ingress[0].cidrBlocks[0]",
                values: ["0.0.0.0/0"],
                what: 'Security group "web-sg" opens SSH port 22 to the whole IPv4 internet: ingress[0] allows 0.0.0.0/0 on tcp 22',
                fix: "allow only your own address (a /32) instead",
            };
            const message = formatFinding(finding);
            assert.equal(
                message,
                'Security group "web-sg" opens SSH port 22 to the whole IPv4 internet: ingress[0] allows 0.0.0.0/0 on tcp 22; allow only your own address (a /32) instead. [no-public-ssh/world-open-port]',
            );
            assert.equal(codeOf(message), ssh.WORLD_OPEN_PORT);
            // As the engine sends it, after the policy's description and a newline.
            assert.equal(codeOf(`Forbids ingress rules.\n${message}`), ssh.WORLD_OPEN_PORT);
            assert.equal(codeOf("a message with no code."), undefined);
            assert.equal(codeOf("ends in [brackets] that are no code."), undefined);
        });

        it("refuses a finding whose code its policy does not list", async () => {
            const rogue = {
                name: "no-public-ssh",
                codes: ssh.noPublicSsh.codes,
                judgeResource: (_args: unknown, found: (f: any) => void) =>
                    found({ code: "no-public-ssh/made-up", path: "", values: [], what: "x", fix: "y" }),
            };
            await assert.rejects(
                findResource(rogue as any, GOOD.securityGroup),
                /policy no-public-ssh reported code "no-public-ssh\/made-up", which it does not list/,
            );
        });
    });

    describe("no-public-ssh", () => {
        resourceTable(ssh.noPublicSsh, [
            {
                why: "an inline rule's world CIDR, by its place in cidrBlocks",
                resource: changed("securityGroup", "ingress.0.cidrBlocks", ["10.0.0.0/8", "0.0.0.0/0"]),
                findings: [[ssh.WORLD_OPEN_PORT, "ingress[0].cidrBlocks[1]", ["0.0.0.0/0"]]],
            },
            {
                why: "an IPv6 world CIDR in ipv6CidrBlocks",
                resource: changed("securityGroup", "ingress.0.ipv6CidrBlocks", ["::/0"]),
                findings: [[ssh.WORLD_OPEN_PORT, "ingress[0].ipv6CidrBlocks[0]", ["::/0"]]],
            },
            {
                why: "two halves of the IPv4 internet in one rule resource, both values",
                resource: changed("securityGroupRule", "cidrBlocks", ["0.0.0.0/1", "128.0.0.0/1"]),
                findings: [[ssh.WORLD_OPEN_PORT, "cidrBlocks[0]", ["0.0.0.0/1", "128.0.0.0/1"]]],
            },
            {
                why: "a VPC ingress rule's single cidrIpv4",
                resource: changed("vpcIngressRule", "cidrIpv4", "0.0.0.0/0"),
                findings: [[ssh.WORLD_OPEN_PORT, "cidrIpv4", ["0.0.0.0/0"]]],
            },
            {
                why: "each guarded port its own finding",
                resource: changed("securityGroup", "ingress.0", {
                    protocol: "-1",
                    fromPort: 0,
                    toPort: 0,
                    cidrBlocks: ["0.0.0.0/0"],
                }),
                config: { ports: [22, 3389] },
                findings: [
                    [ssh.WORLD_OPEN_PORT, "ingress[0].cidrBlocks[0]", ["0.0.0.0/0"]],
                    [ssh.WORLD_OPEN_PORT, "ingress[0].cidrBlocks[0]", ["0.0.0.0/0"]],
                ],
            },
            { why: "nothing for the guide's group", resource: GOOD.securityGroup, findings: [] },
        ]);
        const admin: TestResource = {
            type: T.securityGroup,
            name: "admin-sg",
            props: { description: "a", ingress: [] },
        };
        const ruleOn = (name: string, cidr: string): TestResource => ({
            type: T.securityGroupRule,
            name,
            props: {
                type: "ingress",
                securityGroupId: UNKNOWN,
                protocol: "tcp",
                fromPort: 22,
                toPort: 22,
                cidrBlocks: [cidr],
            },
            propertyDependencies: { securityGroupId: [urnOf(admin)] },
        });
        stackTable(ssh.noPublicSsh, [
            {
                why: "rules of one group that add up to the world, on the group",
                stack: [admin, ruleOn("low", "0.0.0.0/1"), ruleOn("high", "128.0.0.0/1")],
                findings: [[ssh.WORLD_OPEN_PORT_ADDED_UP, "cidrBlocks[0]", ["0.0.0.0/1", "128.0.0.0/1"]]],
            },
        ]);
        it("puts the added-up finding on the group, by its URN, type and name", async () => {
            const { findings } = await findStack(ssh.noPublicSsh, [
                admin,
                ruleOn("low", "0.0.0.0/1"),
                ruleOn("high", "128.0.0.0/1"),
            ]);
            assert.deepEqual(
                [findings[0].urn, findings[0].type, findings[0].name],
                [urnOf(admin), T.securityGroup, "admin-sg"],
            );
        });
    });

    describe("free-tier-instance-type", () => {
        resourceTable(instanceType.freeTierInstanceType, [
            {
                why: "a type outside the legacy free tier",
                resource: changed("instance", "instanceType", "t3.large"),
                findings: [[instanceType.NOT_ON_PLAN, "instanceType", ["t3.large"]]],
            },
            {
                why: "a type outside the paid plan's allowance",
                resource: changed("instance", "instanceType", "m5.large"),
                config: { plan: "paid-plan" },
                findings: [[instanceType.NOT_ON_PLAN, "instanceType", ["m5.large"]]],
            },
            {
                why: "a type the free plan does not launch",
                resource: changed("instance", "instanceType", "t2.micro"),
                config: { plan: "free-plan" },
                findings: [[instanceType.NOT_ELIGIBLE, "instanceType", ["t2.micro"]]],
            },
            {
                why: "a type not in allowedInstanceTypes",
                resource: changed("instance", "instanceType", "t2.micro"),
                config: { allowedInstanceTypes: ["t3.micro"] },
                findings: [[instanceType.NOT_ALLOWED, "instanceType", ["t2.micro"]]],
            },
            {
                why: "t3.micro on the legacy plan in a Region with t2.micro",
                resource: inSeoul(changed("launchTemplate", "instanceType", "t3.micro")),
                findings: [[instanceType.NOT_FREE_IN_REGION, "instanceType", ["t3.micro"]]],
            },
            {
                why: "attribute-based selection with no list of types",
                resource: {
                    ...GOOD.launchTemplate,
                    props: {
                        ...withField(GOOD.launchTemplate.props, "instanceType", undefined),
                        instanceRequirements: { vcpuCount: { min: 1 }, memoryMib: { min: 512 } },
                    },
                },
                findings: [[instanceType.ANY_TYPE, "instanceRequirements.allowedInstanceTypes", []]],
            },
            {
                why: "no instance type and no template",
                resource: changed("instance", "instanceType", undefined),
                findings: [[instanceType.DEFAULT_TYPE, "instanceType", []]],
            },
        ]);
        resourceTable(instanceType.freeTierInstanceType, [
            {
                why: "a wildcard in allowedInstanceTypes, by its index",
                resource: {
                    ...GOOD.launchTemplate,
                    props: {
                        ...withField(GOOD.launchTemplate.props, "instanceType", undefined),
                        instanceRequirements: {
                            vcpuCount: { min: 1 },
                            memoryMib: { min: 512 },
                            allowedInstanceTypes: ["t2.micro", "t3.*"],
                        },
                    },
                },
                findings: [[instanceType.TYPE_PATTERN, "instanceRequirements.allowedInstanceTypes[1]", ["t3.*"]]],
            },
        ]);
        it("prices the type it refuses, a month on demand in the resource's Region", async () => {
            const { findings } = await findResource(
                instanceType.freeTierInstanceType,
                inSeoul(changed("instance", "instanceType", "t3.large")),
            );
            const hourly = figure(SEOUL, "instance:t3.large");
            assert.ok(hourly !== undefined);
            assert.ok(
                Math.abs(findings[0].monthlyUsd! - hourly * HOURS_PER_MONTH) < 0.01,
                String(findings[0].monthlyUsd),
            );
            // No Region, no price.
            const unpriced = await findResource(
                instanceType.freeTierInstanceType,
                changed("instance", "instanceType", "t3.large"),
            );
            assert.equal(unpriced.findings[0].monthlyUsd, undefined);
        });
    });

    describe("free-tier-storage", () => {
        resourceTable(storage.freeTierStorage, [
            {
                why: "over maxGb, at the largest volume's size, with every volume's size",
                resource: changed("instance", "ebsBlockDevices", [{ deviceName: "/dev/sdf", volumeSize: 40 }]),
                findings: [[storage.OVER_MAX_GB, "ebsBlockDevices[0].volumeSize", [30, 40]]],
            },
            {
                why: "a volume type the free tier does not cover, and the size over the limit, each its own finding",
                resource: changed("ebsVolume", "type", "io1"),
                config: { maxGb: 5 },
                findings: [
                    ["free-tier-storage/volume-type-not-free", "type", ["io1"]],
                    [storage.OVER_MAX_GB, "size", [10]],
                ],
            },
        ]);
    });

    describe("name-tag-required", () => {
        resourceTable(nameTag.nameTagRequired, [
            {
                why: "no tags at all: no field to point at",
                resource: changed("instance", "tags", undefined),
                findings: [[nameTag.MISSING, "", []]],
            },
            {
                why: "an empty Name, at tags.Name",
                resource: changed("instance", "tags.Name", ""),
                findings: [[nameTag.MISSING, "tags.Name", [""]]],
            },
            {
                why: "a look-alike key, at that key",
                resource: changed("instance", "tags", { NAME: "web" }),
                findings: [[nameTag.MISSING, "tags.NAME", ["NAME"]]],
            },
        ]);
        stackTable(nameTag.nameTagRequired, [
            {
                why: "a launch template that names the instances of a server that does not name itself",
                stack: [
                    { ...GOOD.launchTemplate, props: withField(GOOD.launchTemplate.props, "tagSpecifications", []) },
                    {
                        type: T.instance,
                        name: "from-lt",
                        props: {
                            ...withField(GOOD.instance.props, "tags", undefined),
                            launchTemplate: { id: UNKNOWN },
                        },
                        propertyDependencies: { launchTemplate: [urnOf(GOOD.launchTemplate)] },
                    },
                ],
                findings: [[nameTag.TEMPLATE_MISSING, "", []]],
            },
        ]);
    });

    describe("free-tier-cpu-credits", () => {
        resourceTable(credits.freeTierCpuCredits, [
            {
                why: "a launch template set to unlimited",
                resource: changed("launchTemplate", "creditSpecification.cpuCredits", "unlimited"),
                findings: [[credits.UNLIMITED, "creditSpecification.cpuCredits", ["unlimited"]]],
            },
            {
                why: "an account default of unlimited, as written",
                resource: changed("defaultCreditSpecification", "cpuCredits", "Unlimited"),
                findings: [[credits.ACCOUNT_DEFAULT_UNLIMITED, "cpuCredits", ["Unlimited"]]],
            },
        ]);
        stackTable(credits.freeTierCpuCredits, [
            {
                why: "a t3.micro left at its unlimited default, at its instanceType",
                stack: [server("web", { instanceType: "t3.micro", creditSpecification: undefined })],
                findings: [[credits.UNLIMITED_BY_DEFAULT, "instanceType", ["t3.micro"]]],
            },
            {
                why: "an instance set to unlimited",
                stack: [server("web", { instanceType: "t3.micro", creditSpecification: { cpuCredits: "unlimited" } })],
                findings: [[credits.UNLIMITED, "creditSpecification.cpuCredits", ["unlimited"]]],
            },
        ]);
    });

    describe("no-detailed-monitoring", () => {
        resourceTable(monitoring.noDetailedMonitoring, [
            {
                why: "monitoring on an instance",
                resource: changed("instance", "monitoring", true),
                findings: [[monitoring.ON, "monitoring", [true]]],
            },
            {
                why: "a launch specification of a spot fleet, by its index",
                resource: changed("spotFleetRequest", "launchSpecifications", [
                    { ami: "ami-1", instanceType: "t2.micro" },
                    { ami: "ami-1", instanceType: "t2.micro", monitoring: true },
                ]),
                findings: [[monitoring.ON, "launchSpecifications[1].monitoring", [true]]],
            },
            {
                why: "a launch configuration that leaves enableMonitoring unset",
                resource: changed("launchConfiguration", "enableMonitoring", undefined),
                findings: [[monitoring.ON_BY_DEFAULT, "enableMonitoring", []]],
            },
        ]);
        it("prices the seven metrics an instance sends, where the snapshot has the price", async () => {
            const { findings } = await findResource(
                monitoring.noDetailedMonitoring,
                inSeoul(changed("instance", "monitoring", true)),
            );
            const perMetric = figure(SEOUL, "cloudwatch:metric");
            if (perMetric === undefined) {
                assert.equal(findings[0].monthlyUsd, undefined);
            } else {
                assert.ok(findings[0].monthlyUsd! > 0);
            }
        });
    });

    describe("require-imdsv2", () => {
        resourceTable(imds.requireImdsv2, [
            {
                why: "tokens optional",
                resource: changed("instance", "metadataOptions.httpTokens", "optional"),
                findings: [[imds.TOKENS_OPTIONAL, "metadataOptions.httpTokens", ["optional"]]],
            },
            {
                why: "a spot fleet's launch specifications, which cannot set metadata options",
                resource: changed("spotFleetRequest", "launchSpecifications", [
                    { ami: "ami-1", instanceType: "t2.micro" },
                ]),
                findings: [[imds.SPOT_FLEET_NO_OPTIONS, "launchSpecifications", []]],
            },
        ]);
        stackTable(imds.requireImdsv2, [
            {
                why: "tokens left to the AMI, no account default",
                stack: [server("web", { metadataOptions: { httpEndpoint: "enabled" } })],
                findings: [[imds.TOKENS_NOT_SET, "metadataOptions.httpTokens", []]],
            },
            {
                why: "tokens left to an account default that does not require them, with its value",
                stack: [
                    server("web", { metadataOptions: { httpEndpoint: "enabled" } }),
                    {
                        type: "aws:ec2/instanceMetadataDefaults:InstanceMetadataDefaults",
                        name: "d",
                        props: { httpTokens: "optional" },
                    },
                ],
                findings: [[imds.TOKENS_NOT_SET, "metadataOptions.httpTokens", ["optional"]]],
            },
        ]);
    });

    describe("the stack's limits: hours, storage total, public IPv4, idle Elastic IPs", () => {
        stackTable(hours.freeTierInstanceHours, [
            {
                why: "two instances: the count",
                stack: [server("web"), server("worker")],
                findings: [[hours.OVER_FREE_HOURS, "", [2]]],
            },
        ]);
        stackTable(storageTotal.freeTierStorageTotal, [
            {
                why: "30 GB of root and a 10 GB volume: the total",
                stack: [server("web"), { type: T.ebsVolume, name: "data", props: { availabilityZone: "a", size: 10 } }],
                findings: [[storageTotal.OVER_MAX_GB_TOTAL, "", [40]]],
            },
        ]);
        const eip = (name: string, props: Record<string, unknown> = {}): TestResource =>
            inSeoul({ type: T.eip, name, props: { domain: "vpc", ...props } });
        stackTable(ipv4.freeTierPublicIpv4, [
            {
                why: "two Elastic IPs: the count",
                stack: [eip("a", { instance: "i-1" }), eip("b", { instance: "i-2" })],
                findings: [[ipv4.TOO_MANY_ADDRESSES, "", [2]]],
            },
        ]);
        stackTable(idle.noIdleElasticIp, [
            { why: "an Elastic IP attached to nothing", stack: [eip("ip")], findings: [[idle.IDLE, "", []]] },
        ]);
        it("puts stack-wide findings on no resource, and an idle Elastic IP's on it, with their monthly cost", async () => {
            const two = await findStack(hours.freeTierInstanceHours, [server("web"), server("worker")]);
            assert.deepEqual(
                [two.findings[0].urn, two.findings[0].type, two.findings[0].name],
                [undefined, undefined, undefined],
            );
            const hourly = figure(SEOUL, "ipv4:public");
            assert.ok(hourly !== undefined);
            const { findings } = await findStack(idle.noIdleElasticIp, [eip("ip")]);
            assert.equal(findings[0].urn, urnOf(eip("ip")));
            assert.ok(Math.abs(findings[0].monthlyUsd! - hourly * HOURS_PER_MONTH) < 0.01);
            const addresses = await findStack(ipv4.freeTierPublicIpv4, [
                eip("a", { instance: "i-1" }),
                eip("b", { instance: "i-2" }),
            ]);
            assert.ok(Math.abs(addresses.findings[0].monthlyUsd! - 2 * hourly * HOURS_PER_MONTH) < 0.01);
        });
    });

    describe("stack-cost-within-credits", () => {
        const guide = [inSeoul(server("web")), inSeoul(GOOD.securityGroup)];
        const two = [inSeoul(server("web")), inSeoul(server("worker"))];
        stackTable(cost.stackCostWithinCredits, [
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
