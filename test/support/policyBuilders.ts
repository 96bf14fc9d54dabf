/**
 * The builders, constants and table runners of the policy specs, in one place: test/policies/
 * (one spec per policy) and test/policy/ (the mechanisms policies share) import them from here.
 * Resources are built from the happy-path fixtures (testing/policy/fixtures.ts); the tables run
 * through verdictTable (a resource's violations and notes, and the findings they format, each
 * by code, field path and values), stackVerdictTable (the same of a stack), launches (a stack with
 * the page or provider file it follows) and cited (cases over the wire, named with their source).
 */
import * as assert from "node:assert/strict";
import type { PolicyResource } from "@pulumi/policy";
import { stackCost, StackCost } from "../../policy/lib/cost";
import { formatFinding } from "../../policy/lib/finding";
import { judged } from "../../policy/lib/judge";
import { StackModel } from "../../policy/lib/stack";

import { Line, urnOf } from "../../testing/policy/engine";
import { GOOD, T } from "../../testing/policy/fixtures";
import {
    brief,
    checkResource,
    checkStack,
    findResource,
    findStack,
    namedInStack,
    TestResource,
    UNKNOWN,
    wire,
    withField,
} from "../../testing/policy/harness";
import type { Diagnostic } from "../../offline/analyzerClient";
import { figure } from "./prices";

// Resources built from the happy-path fixtures (testing/policy/fixtures.ts).
/** `GOOD[key]` with one field changed. */
export function changed(key: string, path: string, value: unknown): TestResource {
    return { ...GOOD[key], props: withField(GOOD[key].props, path, value) };
}

/** `GOOD[key]` with these props set; a prop set to undefined is left out, for AWS or a template to decide. */
export function withProps(key: string, props: Record<string, unknown>): TestResource {
    return { ...GOOD[key], props: clean({ ...GOOD[key].props, ...props }) };
}

export const instance = (name: string, props: Record<string, unknown> = {}): TestResource => ({
    type: T.instance,
    name,
    props: { ...GOOD.instance.props, ...props },
});

/** A t3.micro instance; a prop set to undefined is left out. */
export const t3Server = (name: string, props: Record<string, unknown> = {}): TestResource => ({
    type: T.instance,
    name,
    props: clean({ ...GOOD.instance.props, instanceType: "t3.micro", ...props }),
});

export const sizedVolume = (name: string, size: unknown): TestResource => ({
    type: T.ebsVolume,
    name,
    props: { availabilityZone: "ap-northeast-2a", size },
});

export function volume(name: string, props: Record<string, unknown>): TestResource {
    return { type: T.ebsVolume, name, props: { availabilityZone: "ap-northeast-2a", size: 8, ...props } };
}

/**
 * Attribute-based instance type selection (instanceRequirements) with the vCPU and memory
 * minimums the provider requires, limited to `allowedInstanceTypes` when given.
 */
export function selecting(
    allowedInstanceTypes?: string[],
    more: Record<string, unknown> = {},
): Record<string, unknown> {
    return {
        vcpuCount: { min: 1 },
        memoryMib: { min: 512 },
        ...(allowedInstanceTypes && { allowedInstanceTypes }),
        ...more,
    };
}

export function template(name: string, props: Record<string, unknown> = {}): TestResource {
    return { ...GOOD.launchTemplate, name, props: clean({ ...GOOD.launchTemplate.props, name, ...props }) };
}

/** An instance that names a launch template by its (unknown) id, as at preview. */
export function bareLaunchedFrom(name: string, lt: TestResource, props: Record<string, unknown>): TestResource {
    return {
        type: T.instance,
        name,
        props: { tags: { Name: name }, launchTemplate: { id: UNKNOWN }, ...props },
        propertyDependencies: { launchTemplate: [urnOf(lt)] },
    };
}

export function scalingGroup(props: Record<string, unknown>): TestResource {
    return { ...GOOD.autoscalingGroup, name: "workers", props: { ...GOOD.autoscalingGroup.props, ...props } };
}

/** A launch template "pool-lt" of one 20 GiB gp3 root volume, for the warm-pool groups below. */
export const poolTemplate = (): TestResource =>
    template("pool-lt", {
        blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volumeSize: 20, volumeType: "gp3" } }],
    });

/** An Auto Scaling group "workers" of 1 to 2 instances from "pool-lt", with a warm pool; `size` overrides its sizes. */
export const warmPoolGroup = (warmPool: Record<string, unknown>, size: Record<string, unknown> = {}): TestResource => ({
    type: T.autoscalingGroup,
    name: "workers",
    props: {
        minSize: 1,
        maxSize: 2,
        desiredCapacity: 1,
        launchTemplate: { name: "pool-lt" },
        warmPool,
        ...size,
    },
});

export function weighted(...weights: unknown[]): Record<string, unknown> {
    return {
        launchTemplate: undefined,
        mixedInstancesPolicy: {
            launchTemplate: {
                launchTemplateSpecification: { launchTemplateName: "web-lt" },
                overrides: weights.map((w) => ({ instanceType: "t2.micro", weightedCapacity: w })),
            },
        },
    };
}

export const inSeoul = (r: TestResource): TestResource => ({ ...r, provider: { region: SEOUL } });

// The instance as the program declares it: an 8 GB root, no ebsBlockDevices.
export const web: TestResource = {
    ...GOOD.instance,
    props: { ...GOOD.instance.props, rootBlockDevice: { volumeSize: 8, volumeType: "gp3", deleteOnTermination: true } },
};

export const data = (size: number): TestResource => ({
    ...GOOD.ebsVolume,
    props: { ...GOOD.ebsVolume.props, size },
});

export const attachment = (volumeId: string): TestResource => ({
    type: VOLUME_ATTACHMENT,
    name: "data-attach",
    props: { deviceName: "/dev/sdf", instanceId: "i-0123", volumeId },
});

/** The device AWS reports on the instance for a volume attached to it (attached volumes stay after it by default). */
export const attachedDevice = (volumeId: string, size: number) => ({
    deviceName: "/dev/sdf",
    volumeId,
    volumeSize: size,
    volumeType: "gp3",
    deleteOnTermination: false,
    encrypted: false,
    iops: 3000,
    throughput: 125,
});

export const VOLUME_ATTACHMENT = "aws:ec2/volumeAttachment:VolumeAttachment";

/** A resource that exists: the program's inputs for Analyze, AWS's state (with its id) for AnalyzeStack. */
export function existing(
    resource: TestResource,
    id = `id-${resource.name}`,
    state: Record<string, unknown> = {},
): TestResource {
    return { ...resource, outputs: { ...resource.props, ...state, id } };
}

/**
 * Instance "web" (i-0123) and EBS volume "data" (vol-0data) of `gb` GB attached to it by a
 * VolumeAttachment, all three existing: AWS reports the volume among the instance's
 * ebsBlockDevices too.
 */
export const withAttachedData = (gb: number): TestResource[] => [
    existing(web, "i-0123", { ebsBlockDevices: [attachedDevice("vol-0data", gb)] }),
    existing(data(gb), "vol-0data"),
    existing(attachment("vol-0data"), "vai-1"),
];

// Resources linked as at preview: their ids unknown, linked by their property dependencies.
/** Props with the keys whose value is undefined left out, as a program that does not set them. */
export function clean(props: Record<string, unknown>): Record<string, unknown> {
    return Object.fromEntries(Object.entries(props).filter(([, v]) => v !== undefined));
}

export function dependsOn(deps: Record<string, TestResource[]>): Record<string, string[]> {
    return Object.fromEntries(Object.entries(deps).map(([k, v]) => [k, v.map(urnOf)]));
}

export function group(name: string, ingress: Record<string, unknown>[] = []): TestResource {
    return { type: T.securityGroup, name, props: { description: name, ingress } };
}

export function ruleOn(name: string, target: TestResource, props: Record<string, unknown>): TestResource {
    return {
        type: T.securityGroupRule,
        name,
        props: { type: "ingress", securityGroupId: UNKNOWN, ...props },
        propertyDependencies: dependsOn({ securityGroupId: [target] }),
    };
}

export function vpcRuleOn(name: string, target: TestResource, props: Record<string, unknown>): TestResource {
    return {
        type: T.vpcIngressRule,
        name,
        props: { securityGroupId: UNKNOWN, ...props },
        propertyDependencies: dependsOn({ securityGroupId: [target] }),
    };
}

export const tcp22 = { protocol: "tcp", fromPort: 22, toPort: 22 };

/** An instance that names a launch template by its (unknown) id, and leaves out what `omit` says. */
export function launchedFrom(
    name: string,
    lt: TestResource,
    props: Record<string, unknown> = {},
    omit: string[] = [],
): TestResource {
    const own = Object.fromEntries(
        Object.entries(clean({ ...GOOD.instance.props, ...props })).filter(([k]) => !omit.includes(k)),
    );
    return {
        type: T.instance,
        name,
        props: { ...own, launchTemplate: { id: UNKNOWN } },
        propertyDependencies: dependsOn({ launchTemplate: [lt] }),
    };
}

/**
 * Launch template "app-lt" with these settings and instance "app" launched from it, which sets
 * `props` and leaves out what `omit` names (everything by default), so the template decides it.
 */
export function appOnTemplate(
    templateProps: Record<string, unknown>,
    props: Record<string, unknown> = {},
    omit: string[] = LEAVES_ALL,
): TestResource[] {
    const lt = template("app-lt", templateProps);
    return [lt, launchedFrom("app", lt, props, omit)];
}

export const LEAVES_ALL = [
    "instanceType",
    "rootBlockDevice",
    "creditSpecification",
    "metadataOptions",
    "monitoring",
    "tags",
];

export const LEAVES_OWN_CREDITS = LEAVES_ALL.filter((k) => k !== "creditSpecification");

// Table runners: one test per case, named after what it proves.
export const CLEAN = { violations: [], couldNotCheck: [] };

export type Row = [string, string, unknown[]];

/** What a case of a verdict table expects; what it leaves out is expected empty. */
interface Expected {
    readonly why: string;
    readonly config?: Record<string, unknown>;
    readonly violations?: string[];
    /** The findings as code, field path and values, in the order reported. */
    readonly findings?: Row[];
    readonly couldNotCheck?: string[];
}

export interface VerdictCase extends Expected {
    readonly resource: TestResource;
}

export interface StackCase extends Expected {
    readonly stack: TestResource[];
}

type Verdict = Awaited<ReturnType<typeof checkStack>>;
type Found = Awaited<ReturnType<typeof findStack>>;

/**
 * One test per case: its verdict (what the SDK is told) and its findings (what the judge found)
 * against what it expects: violations and notes, each finding by code, path and values, each
 * the policy's and about the resource `on` names for its URN, and each violation a finding
 * formatted.
 */
function judgedTable<C extends Expected>(
    policy: { readonly name: string },
    cases: C[],
    judge: (c: C) => Promise<[Verdict, Found]>,
    on: (c: C, urn: string | undefined) => TestResource | undefined,
): void {
    for (const c of cases) {
        it(c.why, async () => {
            const [verdict, found] = await judge(c);
            if (c.violations || !c.findings) {
                assert.deepEqual(verdict.violations, c.violations ?? []);
            }
            if (c.findings) {
                assert.deepEqual(found.findings.map(brief), c.findings);
                for (const f of found.findings) {
                    assert.equal(f.policy, policy.name);
                    const r = on(c, f.urn);
                    assert.deepEqual([f.urn, f.type, f.name], [r && urnOf(r), r?.type, r?.name]);
                }
            }
            assert.deepEqual(verdict.couldNotCheck, c.couldNotCheck ?? []);
            assert.deepEqual(verdict.violations, found.findings.map(formatFinding));
            assert.deepEqual(found.couldNotCheck, verdict.couldNotCheck);
        });
    }
}

/** A resource alone, as the framework judges each resource. */
export function verdictTable(
    policy: Parameters<typeof checkResource>[0] & Parameters<typeof findResource>[0],
    cases: VerdictCase[],
): void {
    judgedTable(
        policy,
        cases,
        async (c) => [
            await checkResource(policy, c.resource, c.config),
            await findResource(policy, c.resource, c.config),
        ],
        (c) => c.resource,
    );
}

/**
 * A whole stack, as AnalyzeStack gives it. A finding names the whole stack (no resource) or one
 * of its resources, named as the harness names them (namedInStack: `subject-<index>` where one has none).
 */
export function stackVerdictTable(
    policy: Parameters<typeof findStack>[0] & Parameters<typeof checkStack>[0],
    cases: StackCase[],
): void {
    judgedTable(
        policy,
        cases,
        async (c) => [await checkStack(policy, c.stack, c.config), await findStack(policy, c.stack, c.config)],
        (c, urn) => namedInStack(c.stack).find((r) => urnOf(r) === urn),
    );
}

/** A stack case with the page or provider file it follows, which AWS launches as it says. */
export type LaunchCase = Sourced<StackCase>;

/** Stack cases, each named in its title with its source. */
export function launches(policy: Parameters<typeof stackVerdictTable>[0], cases: LaunchCase[]): void {
    stackVerdictTable(policy, cited(cases));
}

/** What the resource part of a policy's spec is handed: its table, bound to that policy. */
export interface ResourcePart {
    /** One test per case: the policy's verdict on the resource, with its findings (verdictTable). */
    readonly verdicts: (cases: VerdictCase[]) => void;
}

/**
 * The "resource part" of one policy's spec (test/policies/<policy>.spec.ts): the policy's
 * resource judge in process, as the framework calls it for each resource.
 */
export function resourcePart(policy: Parameters<typeof verdictTable>[0], body: (part: ResourcePart) => void): void {
    describe("resource part", () => body({ verdicts: (cases) => verdictTable(policy, cases) }));
}

/** What the stack part of a policy's spec is handed: its tables, bound to that policy. */
export interface StackPart {
    /** One test per case: the policy's verdict on the stack, with its findings (stackVerdictTable). */
    readonly verdicts: (cases: StackCase[]) => void;
    /** One test per case: the verdict on a stack, named with the page or provider file it follows. */
    readonly launches: (cases: LaunchCase[]) => void;
}

/**
 * The "stack part" of one policy's spec: the policy's stack judge in process, over a whole
 * stack as AnalyzeStack gives it.
 */
export function stackPart(policy: Parameters<typeof stackVerdictTable>[0], body: (part: StackPart) => void): void {
    describe("stack part", () =>
        body({
            verdicts: (cases) => stackVerdictTable(policy, cases),
            launches: (cases) => launches(policy, cases),
        }));
}

/** A table case (of packTables or of a policy's own table) with the page or provider file it follows. */
export type Sourced<C extends { why: string }> = C & { readonly source: string };

/** The cases, each named in its test's title with its source. */
export function cited<C extends { why: string }>(cases: Sourced<C>[]): C[] {
    return cases.map(({ source, ...c }) => ({ ...c, why: `${c.why} (${source})` }) as unknown as C);
}

/** What a user reads of a diagnostic the pack sent: its policy, its level and its message. */
export function diagnosticBrief(d: Diagnostic): [string, string, string] {
    return [d.policyName, d.enforcementLevel, d.message];
}

// What the messages end in, and the pages and provider files the cases cite.
export const FIX = "allow only your own address (a /32) instead.";

export const FIX_ADDED_UP = "allow only your own address (a /32) instead. [no-public-ssh/world-open-port-added-up]";

export const LEGACY =
    "which is outside the legacy free tier (t2.micro); use t2.micro. [free-tier-instance-type/not-on-plan]";

export const FREE_PLAN = { "free-tier-instance-type": { plan: "free-plan" } };

export const overHours = (n: number, what: string) =>
    `The stack runs ${n} instances (${what}): up to ${n * 744} instance-hours a month, over the 750 free hours, which keep one instance running all month; run at most 1. [free-tier-instance-hours/over-free-hours]`;

export const total = (text: string): Line => [
    "free-tier-storage-total",
    "mandatory",
    "the stack",
    `The stack has ${text}, over the 30 GB the free tier allows across the account; shrink or remove volumes to 30 GB in total. [free-tier-storage-total/over-max-gb]`,
];

export const INSTANCE_WEIGHTING =
    "EC2 Auto Scaling User Guide, instance weighting; terraform aws_autoscaling_group override.weighted_capacity";

export const PROPAGATE =
    "EC2 Auto Scaling User Guide, tag Auto Scaling groups and instances; terraform aws_autoscaling_group tag.propagate_at_launch";

export const STOPPED =
    "EC2 User Guide, instance lifecycle (a stopped instance bills no instance-hours and releases its auto-assigned public IPv4; its EBS volumes still bill); terraform aws_ec2_instance_state";

export const EIP_ON_ENI =
    "EC2 User Guide, Elastic IP addresses (associating one with an instance's primary network interface replaces its public IPv4); terraform aws_eip network_interface";

export const SPOT_TAGS =
    "terraform aws_spot_instance_request tags: they tag the spot request and are not applied to the instance it launches";

export const VERSIONS =
    'terraform-provider-aws internal/service/ec2/ec2_launch_template.go (resourceLaunchTemplateRead reads the latest version; resourceLaunchTemplateUpdate makes a new version, the default only with update_default_version); EC2 User Guide, "Modify a launch template (manage launch template versions)": $Default, $Latest, a version number';

export const TEMPLATE_INTERFACES =
    'EC2 User Guide, "Network interfaces in launch templates" and "Assign a public IPv4 address during instance launch" (associatePublicIpAddress on device 0 overrides the subnet\'s mapPublicIpOnLaunch); terraform aws_launch_template network_interfaces';

export const ENI_APART =
    'EC2 User Guide, "Elastic IP addresses" (an Elastic IP on the primary network interface, eth0, releases the instance\'s public IPv4; one on an interface attached to no running instance is idle) and "Elastic network interfaces" (attach a network interface); terraform aws_network_interface, aws_network_interface_attachment';

export const EBS_STATE =
    "terraform-provider-aws internal/service/ec2/ec2_instance.go: readBlockDevices puts every EBS volume attached to the instance in ebs_block_device, those of aws_volume_attachment too; website/docs/r/volume_attachment.html.markdown";

export const INGRESS_STATE =
    "terraform-provider-aws internal/service/ec2/vpc_security_group.go: ingress is Optional+Computed, and resourceSecurityGroupRead sets it from every IpPermission AWS reports";

// Prices and the stack's monthly cost, computed from the price snapshot (lib/prices/snapshot.json).
export const SEOUL = "ap-northeast-2";

export const VIRGINIA = "us-east-1";

export const HOURS = 730;

export const HOURS_PER_MONTH: number = require("../../lib/prices/snapshot.json").hoursPerMonth;

/** A figure of the snapshot, which the test needs: a missing one is a broken test, not a zero. */
export function price(region: string, item: string): number {
    const usd = figure(region, item);
    assert.ok(usd !== undefined, `the snapshot prices ${item} in ${region}`);
    return usd;
}

/** A bill line's cents, as a bill rounds it. */
export const cents = (usd: number) => Math.round(usd * 100) / 100;

export const hourly = (region: string, item: string, count = 1) => cents(price(region, item) * HOURS * count);

export const perMonth = (region: string, item: string, quantity: number) => cents(price(region, item) * quantity);

export const sum = (...lines: number[]) => cents(lines.reduce((a, b) => a + b, 0));

export function costOf(resources: readonly TestResource[], region = VIRGINIA): StackCost {
    const built = namedInStack(resources).map(
        (r) =>
            ({
                type: r.type,
                name: r.name,
                urn: urnOf(r),
                props: wire(r.props),
                provider: { props: wire(r.provider ?? { region }) },
                dependencies: [],
                propertyDependencies: Object.fromEntries(
                    Object.entries(r.propertyDependencies ?? {}).map(([k, urns]) => [k, urns.map((urn) => ({ urn }))]),
                ),
            }) as unknown as PolicyResource,
    );
    return stackCost(new StackModel(built.map((r) => judged(r))));
}

/** [name, what, monthlyUsd] of each line. */
export const lines = (cost: StackCost) => cost.items.map((i) => [i.name, i.what, i.monthlyUsd]);
