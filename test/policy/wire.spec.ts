/**
 * The built pack through the real Analyzer protocol: started with run-policy-pack from the
 * pack's folder (as the Pulumi engine starts it), called over gRPC.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { ResourceInput } from "../../offline/analyzerClient";
import { analyzeStack } from "../../offline/analyzerInputs";
import { runUnderMocks } from "../../testing/mockEngine";
import { loadStackConfig } from "../../offline/projectFiles";
import { guideStack } from "../program/guideStack";
import { PACK_DIR, suitePack } from "../../testing/policy/engine";
import { GOOD, T } from "../../testing/policy/fixtures";
import { codeOf } from "../../policy/lib/finding";
import { policies } from "../../policy/policies";
import { findResource, TestResource, UNKNOWN, urnOf, wire, withField } from "../../testing/policy/harness";
import { diagnosticBrief as brief, withProps } from "../support/policyBuilders";

const ROOT = path.resolve(__dirname, "../..");
const VERSION = require(path.join(PACK_DIR, "package.json")).version;

const EXPECTED_POLICIES = [
    ["free-tier-instance-type", "mandatory", "resource"],
    ["free-tier-storage", "mandatory", "resource"],
    ["no-public-ssh", "mandatory", "resource"],
    ["name-tag-required", "mandatory", "resource"],
    ["free-tier-instance-hours", "mandatory", "stack"],
    ["free-tier-storage-total", "mandatory", "stack"],
    ["free-tier-cpu-credits", "mandatory", "resource"],
    ["no-detailed-monitoring", "advisory", "resource"],
    ["no-idle-elastic-ip", "advisory", "stack"],
    ["require-imdsv2", "advisory", "resource"],
    ["free-tier-public-ipv4", "advisory", "stack"],
    ["stack-cost-within-credits", "advisory", "stack"],
];

function input(resource: TestResource, provider?: Record<string, unknown>): ResourceInput {
    const name = resource.name ?? "subject";
    return {
        type: resource.type,
        name,
        urn: urnOf(resource),
        properties: wire(resource.props),
        provider: provider
            ? {
                  type: "pulumi:providers:aws",
                  name: "default",
                  urn: "urn:pulumi:dev::project::pulumi:providers:aws::default",
                  properties: wire(provider),
              }
            : undefined,
    };
}

describe("free-tier-guard over the Analyzer gRPC protocol", function () {
    this.timeout(60000);
    const pack = suitePack();

    it("GetAnalyzerInfo lists every policy with its level, kind and config schema", async () => {
        const info = await pack().getAnalyzerInfo();
        assert.equal(info.name, "free-tier-guard");
        assert.equal(info.version, VERSION);
        assert.equal(info.supportsConfig, true);
        assert.deepEqual(
            info.policies.map((p) => [p.name, p.enforcementLevel, p.kind]),
            EXPECTED_POLICIES,
        );
        for (const p of info.policies) {
            assert.match(p.description, /^[A-Z].*\.$/, `${p.name}'s description is one sentence`);
        }
        const schemas = Object.fromEntries(
            info.policies.filter((p) => p.configSchema).map((p) => [p.name, p.configSchema!.properties]),
        );
        // Every policy has a schema: each takes `acknowledge` (test/policy/acknowledge.spec.ts).
        assert.deepEqual(
            Object.keys(schemas),
            EXPECTED_POLICIES.map(([name]) => name),
        );
        for (const [name, properties] of Object.entries(schemas)) {
            assert.ok(properties.acknowledge, `${name} takes acknowledge`);
        }
        for (const policy of [
            "free-tier-instance-type",
            "free-tier-storage",
            "free-tier-instance-hours",
            "free-tier-storage-total",
            "free-tier-public-ipv4",
            "stack-cost-within-credits",
        ]) {
            assert.deepEqual(schemas[policy].plan, schemas["free-tier-instance-type"].plan, `${policy} reads plan`);
        }
        assert.equal(schemas["stack-cost-within-credits"].creditsUsd.default, 100);
        assert.equal(schemas["stack-cost-within-credits"].months.default, 6);
        assert.deepEqual(schemas["free-tier-instance-type"].plan.enum, ["free-plan", "paid-plan", "legacy"]);
        assert.equal(schemas["free-tier-instance-type"].plan.default, "free-plan");
        assert.deepEqual(schemas["free-tier-instance-type"].legacyT3MicroRegions.default, ["eu-north-1"]);
        assert.equal(schemas["free-tier-storage"].maxGb.default, 30);
        assert.deepEqual(schemas["free-tier-storage"].allowedVolumeTypes.default, ["gp2", "gp3", "standard"]);
        assert.deepEqual(schemas["no-public-ssh"].ports.default, [22]);
        assert.equal(schemas["free-tier-instance-hours"].maxInstances.default, 1);
        assert.equal(schemas["free-tier-storage-total"].maxGb.default, 30);
        assert.equal(schemas["free-tier-public-ipv4"].maxAddresses.default, 1);
    });

    it("GetAnalyzerInfo carries each policy's rule metadata: severity, docs, remediation steps, tags", async () => {
        const info = await pack().getAnalyzerInfo();
        const severities = new Set(["low", "medium", "high", "critical"]);
        const headings = new Map<string, Set<string>>();
        for (const p of info.policies) {
            assert.ok(p.severity && severities.has(p.severity), `${p.name} has a severity`);
            assert.ok(p.remediationSteps && /^[A-Z].*\.$/.test(p.remediationSteps), `${p.name} says how to fix it`);
            assert.ok(p.tags && p.tags.length > 0, `${p.name} has tags`);
            // The url is a repository path to a heading that carries the policy's name.
            const [file, anchor] = p.url!.split("#");
            if (!headings.has(file)) {
                const text = fs.readFileSync(path.join(ROOT, file), "utf8");
                headings.set(file, new Set([...text.matchAll(/^#+ (.+)$/gm)].map((m) => m[1].trim())));
            }
            assert.equal(anchor, p.name, p.name);
            assert.ok(headings.get(file)!.has(p.name), `${file} has a heading ${p.name}`);
        }
        const ssh = info.policies.find((p) => p.name === "no-public-ssh")!;
        assert.equal(ssh.severity, "critical");
        assert.equal(ssh.framework?.name, "CIS AWS Foundations Benchmark");
        assert.equal(ssh.framework?.reference, "5.2, 5.3");
    });

    it("Analyze passes the happy path of every resource type", async () => {
        for (const [key, resource] of Object.entries(GOOD)) {
            assert.deepEqual(await pack().analyze(input(resource)), [], key);
        }
    });

    const bad: { why: string; resource: TestResource; expected: [string, string, string][] }[] = [
        {
            why: "an instance outside the free tier",
            resource: { ...GOOD.instance, props: withField(GOOD.instance.props, "instanceType", "t3.large") },
            expected: [
                [
                    "free-tier-instance-type",
                    "mandatory",
                    `Allows only instance types that your AWS plan launches and allows, saying what each other type costs.\nInstance "web" has instanceType "t3.large" (no price: its Region is not known), which is outside the legacy free tier (t2.micro); use t2.micro. [free-tier-instance-type/not-on-plan]`,
                ],
            ],
        },
        {
            why: "a launch template with a 40 GB mapping",
            resource: {
                ...GOOD.launchTemplate,
                props: withField(GOOD.launchTemplate.props, "blockDeviceMappings.0.ebs.volumeSize", 40),
            },
            expected: [
                [
                    "free-tier-storage",
                    "mandatory",
                    'Keeps each instance, volume and launch template within the free tier\'s 30 GB of free EBS volume types, deleted with their instance.\nLaunch template "web-lt" has 40 GB of EBS (blockDeviceMappings[0].ebs 40 GB), over the 30 GB the free tier allows; use at most 30 GB in total. [free-tier-storage/over-max-gb]',
                ],
            ],
        },
        {
            why: "a spot request without a Name and with detailed monitoring",
            resource: withProps("spotInstanceRequest", {
                launchTemplate: undefined,
                tags: {},
                monitoring: true,
            }),
            expected: [
                [
                    "name-tag-required",
                    "mandatory",
                    'Requires a non-empty Name tag on every server, as the console shows servers by it.\nSpot instance request "web-spot" has no usable Name tag: its tags stay on the spot request, not on the instance it launches; set tags.Name in the tagSpecifications entry with resourceType "instance" of a launch template it launches from. [name-tag-required/missing]',
                ],
                [
                    "no-detailed-monitoring",
                    "advisory",
                    'Warns about detailed (1-minute) CloudWatch monitoring, which is billed per metric.\nSpot instance request "web-spot" turns on detailed monitoring (monitoring: true), billed per metric; leave it off for the free 5-minute metrics. [no-detailed-monitoring/on]',
                ],
            ],
        },
        {
            why: "an EBS volume of a type that is never free",
            resource: { ...GOOD.ebsVolume, props: withField(GOOD.ebsVolume.props, "type", "io1") },
            expected: [
                [
                    "free-tier-storage",
                    "mandatory",
                    'Keeps each instance, volume and launch template within the free tier\'s 30 GB of free EBS volume types, deleted with their instance.\nEBS volume "data": the volume is "io1", a volume type the free tier does not cover; use gp2, gp3, standard. [free-tier-storage/volume-type-not-free]',
                ],
            ],
        },
        ...(
            [
                [
                    "securityGroup",
                    "ingress.0.cidrBlocks",
                    ["0.0.0.0/0"],
                    'Security group "web-sg" opens SSH port 22 to the whole IPv4 internet: ingress[0] allows 0.0.0.0/0 on tcp 22',
                ],
                [
                    "defaultSecurityGroup",
                    "ingress.0.ipv6CidrBlocks",
                    ["::/0"],
                    'Default security group "default-sg" opens SSH port 22 to the whole IPv6 internet: ingress[0] allows ::/0 on all traffic',
                ],
                [
                    "securityGroupRule",
                    "cidrBlocks",
                    ["0.0.0.0/1", "128.0.0.0/1"],
                    'Security group rule "ssh-rule" opens SSH port 22 to the whole IPv4 internet: it allows 0.0.0.0/1 and 128.0.0.0/1 on tcp 22',
                ],
                [
                    "vpcIngressRule",
                    "cidrIpv4",
                    "1.0.0.0/0",
                    'Security group ingress rule "ssh-ingress" opens SSH port 22 to the whole IPv4 internet: it allows 1.0.0.0/0 on tcp 22',
                ],
            ] as const
        ).map(([key, field, value, message]) => ({
            why: `a ${key} open to the world on SSH`,
            resource: { ...GOOD[key], props: withField(GOOD[key].props, field, value) },
            expected: [
                [
                    "no-public-ssh",
                    "mandatory",
                    `Forbids ingress rules that open SSH (port 22) to 0.0.0.0/0 or ::/0, in any rule shape or CIDR spelling.\n${message}; allow only your own address (a /32) instead. [no-public-ssh/world-open-port]`,
                ],
            ] as [string, string, string][],
        })),
    ];
    for (const c of bad) {
        it(`Analyze reports ${c.why}`, async () => {
            assert.deepEqual((await pack().analyze(input(c.resource))).map(brief), c.expected);
        });
    }

    it("Analyze sends each finding's code at the end of its message, the codes the judges find in-process", async () => {
        const bad: TestResource[] = [
            {
                ...GOOD.securityGroup,
                props: withField(GOOD.securityGroup.props, "ingress.0.cidrBlocks", ["0.0.0.0/0"]),
            },
            {
                ...GOOD.instance,
                props: withField(
                    withField(withField(GOOD.instance.props, "instanceType", "t3.large"), "monitoring", true),
                    "rootBlockDevice.volumeType",
                    "io1",
                ),
            },
        ];
        for (const resource of bad) {
            const sent = (await pack().analyze(input(resource))).map((d) => [d.policyName, codeOf(d.message)]);
            const found: (string | undefined)[][] = [];
            for (const policy of policies) {
                if ("judgeResource" in policy) {
                    const { findings } = await findResource(policy as any, resource);
                    found.push(...findings.map((f) => [f.policy, f.code]));
                }
            }
            assert.ok(found.length >= (resource.type === T.instance ? 3 : 1), JSON.stringify(found));
            assert.deepEqual(sent.sort(), found.sort());
        }
    });

    it("Analyze reads the Name tag from the provider's defaultTags, sent as JSON by the SDK", async () => {
        const untagged = { ...GOOD.instance, props: withField(GOOD.instance.props, "tags", undefined) };
        assert.equal((await pack().analyze(input(untagged))).length, 1);
        assert.deepEqual(
            await pack().analyze(
                input(untagged, { region: "ap-northeast-2", defaultTags: JSON.stringify({ tags: { Name: "web" } }) }),
            ),
            [],
        );
    });

    it("Analyze turns a value unknown at preview into an advisory note naming it", async () => {
        const resource = {
            ...GOOD.securityGroup,
            props: withField(GOOD.securityGroup.props, "ingress.0.cidrBlocks.0", UNKNOWN),
        };
        assert.deepEqual((await pack().analyze(input(resource))).map(brief), [
            [
                "no-public-ssh",
                "advisory",
                `can't run policy 'no-public-ssh' from policy pack 'free-tier-guard@v${VERSION}' during preview: ingress[0].cidrBlocks[0] is not known yet, so whether SSH port 22 is open to the world cannot be checked until \`pulumi up\``,
            ],
        ]);
    });

    it("Configure switches to the free plan", async () => {
        const t3 = input({ ...GOOD.instance, props: withField(GOOD.instance.props, "instanceType", "t3.micro") });
        assert.deepEqual(
            (await pack().analyze(t3)).map((d) => d.policyName),
            ["free-tier-instance-type"],
        );
        await pack().configure({ "free-tier-instance-type": { plan: "free-plan" } });
        assert.deepEqual(await pack().analyze(t3), []);
        assert.deepEqual(
            (await pack().analyze(input(GOOD.instance))).map((d) => d.policyName),
            ["free-tier-instance-type"],
        );
    });

    it("Configure changes levels and disables policies", async () => {
        const open = input({
            ...GOOD.securityGroup,
            props: withField(GOOD.securityGroup.props, "ingress.0.cidrBlocks", ["0.0.0.0/0"]),
        });
        await pack().configure({ "no-public-ssh": "advisory" });
        assert.deepEqual(
            (await pack().analyze(open)).map((d) => d.enforcementLevel),
            ["advisory"],
        );
        await pack().configure({ "no-public-ssh": { enforcementLevel: "disabled" } });
        assert.deepEqual(await pack().analyze(open), []);
    });

    it("AnalyzeStack counts instance hours, storage and public addresses across the stack, and finds idle Elastic IPs", async () => {
        const second = { ...GOOD.instance, name: "worker" };
        const idle = { type: T.eip, name: "spare-ip", props: { domain: "vpc" } };
        const diagnostics = await pack().analyzeStack([
            input(GOOD.instance),
            input(second),
            input(GOOD.ebsVolume),
            input(idle),
        ]);
        assert.deepEqual(
            diagnostics.map((d) => [d.policyName, d.enforcementLevel, d.urn]),
            [
                ["free-tier-instance-hours", "mandatory", ""],
                ["free-tier-storage-total", "mandatory", ""],
                ["no-idle-elastic-ip", "advisory", "urn:pulumi:dev::project::aws:ec2/eip:Eip::spare-ip"],
                ["free-tier-public-ipv4", "advisory", ""],
            ],
        );
        assert.match(diagnostics[0].message, /\nThe stack runs 2 instances \(Instance "web", Instance "worker"\)/);
        assert.match(
            diagnostics[1].message,
            /\nThe stack has 70 GB of EBS \(Instance "web" 30 GB, Instance "worker" 30 GB, EBS volume "data" 10 GB\)/,
        );
        assert.match(
            diagnostics[3].message,
            /\nThe stack keeps 3 public IPv4 addresses \(Elastic IP "spare-ip", Instance "web", Instance "worker"\)/,
        );
    });

    it("passes every resource our own program registers for the guide's dev stack, at preview", async () => {
        const dev = guideStack();
        const run = await runUnderMocks(path.join(ROOT, "index.ts"), dev, { preview: true });
        const resources = run.engine.registered();
        await pack().configure(require(path.join(PACK_DIR, "plans/free-plan.json")));
        assert.deepEqual(resources.map((r) => r.type).sort(), [
            "aws:ec2/instance:Instance",
            "aws:ec2/keyPair:KeyPair",
            "aws:ec2/securityGroup:SecurityGroup",
            "freetier:index:FreeTierServer",
            "pulumi:pulumi:Stack",
            "tls:index/privateKey:PrivateKey",
        ]);
        const { byResource, stack } = await analyzeStack(pack(), resources, dev);
        assert.deepEqual([...byResource.values()].flat(), []);
        assert.deepEqual(stack, []);
    });

    it("passes examples/consumer (a t3.micro with an Elastic IP) on the free plan, its Elastic IP one address with its instance", async () => {
        const consumer = path.join(ROOT, "examples/consumer");
        const staging = loadStackConfig(consumer, "staging");
        const run = await runUnderMocks(path.join(consumer, "index.ts"), staging, { preview: true });
        const resources = run.engine.registered();
        assert.ok(resources.some((r) => r.type === T.eip));
        await pack().configure(require(path.join(PACK_DIR, "config.example.json")));
        const { byResource, stack } = await analyzeStack(pack(), resources, staging);
        assert.deepEqual([...byResource.values()].flat(), []);
        assert.deepEqual(stack, []);
    });
});
