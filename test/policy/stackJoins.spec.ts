/**
 * What only two resources together decide, through the real Analyzer protocol: Analyze for
 * each resource, then AnalyzeStack with the property dependencies the engine records (at
 * preview the ids are unknown, so the dependencies are what links a rule to its group, an
 * instance to its launch template, a NAT gateway to its Elastic IP). Each case lists every
 * diagnostic of the policies it is about: a violation appears exactly once, and what cannot be
 * seen is a could-not-check note, never a pass.
 */
import { Line, note, packTables, urnOf } from "../../testing/policy/engine";
import { GOOD, T } from "../../testing/policy/fixtures";
import { TestResource, UNKNOWN, withField } from "../../testing/policy/harness";
import { instancePriceText, ipv4CostText } from "../support/prices";

const FIX = "allow only your own address (a /32) instead.";

// Builders: at preview an id is unknown and the engine links resources by property dependencies.
/** Props with the keys whose value is undefined left out, as a program that does not set them. */
function clean(props: Record<string, unknown>): Record<string, unknown> {
    return Object.fromEntries(Object.entries(props).filter(([, v]) => v !== undefined));
}
function dependsOn(deps: Record<string, TestResource[]>): Record<string, string[]> {
    return Object.fromEntries(Object.entries(deps).map(([k, v]) => [k, v.map(urnOf)]));
}
function group(name: string, ingress: Record<string, unknown>[] = []): TestResource {
    return { type: T.securityGroup, name, props: { description: name, ingress } };
}
function ruleOn(name: string, target: TestResource, props: Record<string, unknown>): TestResource {
    return {
        type: T.securityGroupRule,
        name,
        props: { type: "ingress", securityGroupId: UNKNOWN, ...props },
        propertyDependencies: dependsOn({ securityGroupId: [target] }),
    };
}
function vpcRuleOn(name: string, target: TestResource, props: Record<string, unknown>): TestResource {
    return {
        type: T.vpcIngressRule,
        name,
        props: { securityGroupId: UNKNOWN, ...props },
        propertyDependencies: dependsOn({ securityGroupId: [target] }),
    };
}
const tcp22 = { protocol: "tcp", fromPort: 22, toPort: 22 };
/** A resource that exists: AnalyzeStack sends its outputs, its id known. */
function existing(resource: TestResource, id = `id-${resource.name}`): TestResource {
    return { ...resource, outputs: { ...resource.props, id } };
}
function template(name: string, props: Record<string, unknown> = {}): TestResource {
    return { ...GOOD.launchTemplate, name, props: clean({ ...GOOD.launchTemplate.props, name, ...props }) };
}
/** An instance that names a launch template by its (unknown) id, and leaves out what `omit` says. */
function launchedFrom(
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
const LEAVES_ALL = ["instanceType", "rootBlockDevice", "creditSpecification", "metadataOptions", "monitoring", "tags"];
const LEAVES_OWN_CREDITS = LEAVES_ALL.filter((k) => k !== "creditSpecification");

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
            {
                why: "a template's type outside the free tier is reported once, on the template, not again on the instance",
                stack: [
                    template("big-lt", { instanceType: "t3.large" }),
                    launchedFrom("app", template("big-lt"), {}, LEAVES_ALL),
                ],
                policies: ["free-tier-instance-type"],
                expected: [
                    [
                        "free-tier-instance-type",
                        "mandatory",
                        "big-lt",
                        `Launch template "big-lt" has instanceType "t3.large" (${instancePriceText("t3.large", "ap-northeast-2")}), which is outside the legacy free tier (t2.micro); use t2.micro. [free-tier-instance-type/not-on-plan]`,
                    ],
                ],
            },
            {
                why: "a 25 GB template root and the instance's own 10 GB disk are over 30 GB together, though neither is alone",
                stack: [
                    template("app-lt", {
                        blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volumeSize: 25, volumeType: "gp3" } }],
                    }),
                    launchedFrom(
                        "app",
                        lt,
                        { ebsBlockDevices: [{ deviceName: "/dev/sdf", volumeSize: 10, volumeType: "gp3" }] },
                        LEAVES_ALL,
                    ),
                ],
                policies: ["free-tier-storage"],
                expected: [
                    [
                        "free-tier-storage",
                        "mandatory",
                        "app",
                        'Instance "app" has 35 GB of EBS (ebsBlockDevices[0] 10 GB, template "app-lt" blockDeviceMappings[0].ebs 25 GB), over the 30 GB the free tier allows, its own disks and those of Launch template "app-lt" together; use at most 30 GB in total. [free-tier-storage/over-max-gb-with-template]',
                    ],
                ],
            },
            {
                why: "the stack total counts the template's 25 GB root, not the AMI's 8 GB",
                stack: [
                    template("app-lt", {
                        blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volumeSize: 25, volumeType: "gp3" } }],
                    }),
                    launchedFrom("app", lt, {}, LEAVES_ALL),
                    { ...GOOD.ebsVolume, props: { ...GOOD.ebsVolume.props, size: 6 } },
                ],
                policies: ["free-tier-storage-total"],
                expected: [
                    [
                        "free-tier-storage-total",
                        "mandatory",
                        "the stack",
                        'The stack has 31 GB of EBS (Instance "app" 25 GB, EBS volume "data" 6 GB), over the 30 GB the free tier allows across the account; shrink or remove volumes to 30 GB in total. [free-tier-storage-total/over-max-gb]',
                    ],
                ],
            },
            {
                why: "the stack total counts a template's root mapping set without a size as the AMI's 8 GB, not 0",
                stack: [
                    template("app-lt", {
                        blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volumeType: "gp3" } }],
                    }),
                    launchedFrom("app", lt, {}, LEAVES_ALL),
                    { ...GOOD.ebsVolume, props: { ...GOOD.ebsVolume.props, size: 25 } },
                ],
                policies: ["free-tier-storage-total"],
                expected: [
                    [
                        "free-tier-storage-total",
                        "mandatory",
                        "the stack",
                        'The stack has 33 GB of EBS (Instance "app" 8 GB, EBS volume "data" 25 GB), over the 30 GB the free tier allows across the account; shrink or remove volumes to 30 GB in total. [free-tier-storage-total/over-max-gb]',
                    ],
                ],
            },
            {
                why: "an instance's own t3.micro with a template that sets no credit mode bills surplus credits, reported on the instance",
                stack: [
                    template("app-lt", { creditSpecification: undefined }),
                    launchedFrom("app", lt, { instanceType: "t3.micro" }, ["creditSpecification"]),
                ],
                policies: ["free-tier-cpu-credits"],
                config: { "free-tier-instance-type": { plan: "free-plan" } },
                expected: [
                    [
                        "free-tier-cpu-credits",
                        "mandatory",
                        "app",
                        'Instance "app" is a t3.micro, which launches with "unlimited" CPU credits and bills surplus credits; neither it nor its Launch template "app-lt" sets a credit mode: set creditSpecification.cpuCredits to "standard" on one of them. [free-tier-cpu-credits/unlimited-by-default]',
                    ],
                ],
            },
            {
                why: "an instance whose template names no type either is refused: EC2 launches it as m1.small",
                stack: [
                    template("bare-lt", { instanceType: undefined }),
                    launchedFrom("app", template("bare-lt"), {}, LEAVES_ALL),
                ],
                policies: ["free-tier-instance-type"],
                expected: [
                    [
                        "free-tier-instance-type",
                        "mandatory",
                        "app",
                        'Instance "app" sets no instanceType and neither does its Launch template "bare-lt", so EC2 launches it as its default type, m1.small, which no free tier covers (or refuses it); set instanceType to t2.micro on one of them. [free-tier-instance-type/default-type-from-template]',
                    ],
                ],
            },
            {
                why: "an instance whose type is not known yet, with a template that names none, is a could-not-check note",
                stack: [
                    template("bare-lt", { instanceType: undefined }),
                    launchedFrom("app", template("bare-lt"), { instanceType: UNKNOWN }, LEAVES_ALL.slice(1)),
                ],
                policies: ["free-tier-instance-type"],
                expected: [
                    note(
                        "free-tier-instance-type",
                        "app",
                        "instanceType is not known yet, so the instance type cannot be checked until `pulumi up`",
                    ),
                    note(
                        "free-tier-instance-type",
                        "the stack",
                        'Instance "app" instanceType is not known yet, so the instance type cannot be checked until `pulumi up`: if it is left out, its Launch template "bare-lt" names none either',
                    ),
                ],
            },
            {
                why: "a template named by its known name is found as well as one named by dependency",
                stack: [
                    template("named-lt", { metadataOptions: { httpTokens: "optional" } }),
                    {
                        type: T.instance,
                        name: "app",
                        props: clean({
                            ...GOOD.instance.props,
                            metadataOptions: undefined,
                            launchTemplate: { name: "named-lt" },
                        }),
                    },
                ],
                policies: ["require-imdsv2"],
                expected: [
                    [
                        "require-imdsv2",
                        "advisory",
                        "named-lt",
                        'Launch template "named-lt": metadataOptions.httpTokens is "optional", so instance metadata answers without a token; set it to "required" (IMDSv2). [require-imdsv2/tokens-optional]',
                    ],
                ],
            },
            {
                why: "an instance that names a template made outside the stack is not judged by one it only depends on",
                stack: [
                    template("big-lt", { instanceType: "t3.large" }),
                    {
                        type: T.instance,
                        name: "app",
                        props: clean({
                            ...GOOD.instance.props,
                            instanceType: undefined,
                            launchTemplate: { name: "shared-lt" },
                        }),
                        dependencies: [urnOf(template("big-lt"))],
                    },
                ],
                policies: ["free-tier-instance-type"],
                expected: [
                    [
                        "free-tier-instance-type",
                        "mandatory",
                        "big-lt",
                        `Launch template "big-lt" has instanceType "t3.large" (${instancePriceText("t3.large", "ap-northeast-2")}), which is outside the legacy free tier (t2.micro); use t2.micro. [free-tier-instance-type/not-on-plan]`,
                    ],
                    note(
                        "free-tier-instance-type",
                        "the stack",
                        'Instance "app" launches from launch template "shared-lt" (its launchTemplate), which is not in this stack, so its instance type cannot be checked',
                    ),
                ],
            },
            {
                why: "a template made outside the stack is a could-not-check note, not a refusal",
                stack: [
                    {
                        type: T.instance,
                        name: "app",
                        props: clean({
                            ...GOOD.instance.props,
                            instanceType: undefined,
                            launchTemplate: { id: "lt-0abc" },
                        }),
                    },
                ],
                policies: ["free-tier-instance-type"],
                expected: [
                    note(
                        "free-tier-instance-type",
                        "the stack",
                        'Instance "app" launches from launch template "lt-0abc" (its launchTemplate), which is not in this stack, so its instance type cannot be checked',
                    ),
                ],
            },
        ]);
    });

    describe("rules add up per security group", () => {
        const admin = group("admin-sg");
        table([
            {
                why: "two rule resources that each open half of the IPv4 internet on port 22 open it to the world, reported once on the group",
                stack: [
                    admin,
                    ruleOn("low", admin, { ...tcp22, cidrBlocks: ["0.0.0.0/1"] }),
                    vpcRuleOn("high", admin, { ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: "128.0.0.0/1" }),
                ],
                policies: ["no-public-ssh"],
                expected: [
                    [
                        "no-public-ssh",
                        "mandatory",
                        "admin-sg",
                        `Security group "admin-sg" opens SSH port 22 to the whole IPv4 internet once its rules are added up: Security group rule "low" allows 0.0.0.0/1 on tcp 22; Security group ingress rule "high" allows 128.0.0.0/1 on tcp 22; ${FIX} [no-public-ssh/world-open-port-added-up]`,
                    ],
                ],
            },
            {
                why: "an inline half and a rule resource's half add up",
                stack: [
                    group("web-sg", [{ ...tcp22, cidrBlocks: ["0.0.0.0/1"] }]),
                    ruleOn("high", group("web-sg"), { ...tcp22, cidrBlocks: ["128.0.0.0/1"] }),
                ],
                policies: ["no-public-ssh"],
                expected: [
                    [
                        "no-public-ssh",
                        "mandatory",
                        "web-sg",
                        `Security group "web-sg" opens SSH port 22 to the whole IPv4 internet once its rules are added up: Security group "web-sg" ingress[0] allows 0.0.0.0/1 on tcp 22; Security group rule "high" allows 128.0.0.0/1 on tcp 22; ${FIX} [no-public-ssh/world-open-port-added-up]`,
                    ],
                ],
            },
            {
                why: "halves on two different groups open neither",
                stack: [
                    admin,
                    group("other-sg"),
                    ruleOn("low", admin, { ...tcp22, cidrBlocks: ["0.0.0.0/1"] }),
                    ruleOn("high", group("other-sg"), { ...tcp22, cidrBlocks: ["128.0.0.0/1"] }),
                ],
                policies: ["no-public-ssh"],
                expected: [],
            },
            {
                why: "a rule open to the world alone is reported once, by its own Analyze, not again for its group",
                stack: [
                    admin,
                    ruleOn("open", admin, { ...tcp22, cidrBlocks: ["0.0.0.0/0"] }),
                    ruleOn("low", admin, { ...tcp22, cidrBlocks: ["0.0.0.0/1"] }),
                ],
                policies: ["no-public-ssh"],
                expected: [
                    [
                        "no-public-ssh",
                        "mandatory",
                        "open",
                        `Security group rule "open" opens SSH port 22 to the whole IPv4 internet: it allows 0.0.0.0/0 on tcp 22; ${FIX} [no-public-ssh/world-open-port]`,
                    ],
                ],
            },
            {
                why: "a group whose outputs already fold in its rule resources' rules (after `pulumi up`) is still reported once",
                stack: [
                    {
                        ...admin,
                        outputs: {
                            ...admin.props,
                            id: "sg-0aaa",
                            ingress: [
                                { ...tcp22, cidrBlocks: ["0.0.0.0/1"] },
                                { ...tcp22, cidrBlocks: ["128.0.0.0/1"] },
                            ],
                        },
                    },
                    ruleOn("low", admin, { ...tcp22, cidrBlocks: ["0.0.0.0/1"] }),
                    ruleOn("high", admin, { ...tcp22, cidrBlocks: ["128.0.0.0/1"] }),
                ],
                policies: ["no-public-ssh"],
                expected: [
                    [
                        "no-public-ssh",
                        "mandatory",
                        "admin-sg",
                        `Security group "admin-sg" opens SSH port 22 to the whole IPv4 internet once its rules are added up: Security group rule "low" allows 0.0.0.0/1 on tcp 22; Security group rule "high" allows 128.0.0.0/1 on tcp 22; ${FIX} [no-public-ssh/world-open-port-added-up]`,
                    ],
                ],
            },
            {
                why: "narrowing a rule resource to fix a group that exists is not refused for the rule AWS last reported: a note",
                stack: [
                    {
                        ...admin,
                        outputs: {
                            ...admin.props,
                            id: "sg-0aaa",
                            ingress: [
                                { ...tcp22, cidrBlocks: ["0.0.0.0/1"] },
                                { ...tcp22, cidrBlocks: ["128.0.0.0/1"] },
                            ],
                        },
                    },
                    existing(ruleOn("low", admin, { ...tcp22, securityGroupId: "sg-0aaa", cidrBlocks: ["0.0.0.0/1"] })),
                    existing(
                        ruleOn("high", admin, { ...tcp22, securityGroupId: "sg-0aaa", cidrBlocks: ["203.0.113.0/24"] }),
                    ),
                ],
                policies: ["no-public-ssh"],
                expected: [
                    note(
                        "no-public-ssh",
                        "the stack",
                        'Security group "admin-sg" exists, and the rules AWS last reported for it may include rules that this update changes or removes, so whether Security group "admin-sg" opens SSH port 22 to the world once its rules are added up cannot be checked',
                    ),
                ],
            },
            {
                why: "a new rule resource's half and the inline half of a group that exists are still reported: a new rule left nothing stale",
                stack: [
                    {
                        ...group("web-sg", [{ ...tcp22, cidrBlocks: ["0.0.0.0/1"] }]),
                        outputs: {
                            description: "web-sg",
                            id: "sg-0bbb",
                            ingress: [{ ...tcp22, cidrBlocks: ["0.0.0.0/1"] }],
                        },
                    },
                    ruleOn("high", group("web-sg"), {
                        ...tcp22,
                        securityGroupId: "sg-0bbb",
                        cidrBlocks: ["128.0.0.0/1"],
                    }),
                ],
                policies: ["no-public-ssh"],
                expected: [
                    [
                        "no-public-ssh",
                        "mandatory",
                        "web-sg",
                        `Security group "web-sg" opens SSH port 22 to the whole IPv4 internet once its rules are added up: Security group "web-sg" ingress[0] allows 0.0.0.0/1 on tcp 22; Security group rule "high" allows 128.0.0.0/1 on tcp 22; ${FIX} [no-public-ssh/world-open-port-added-up]`,
                    ],
                ],
            },
            {
                why: "rules match their group by known id, as after `pulumi up`",
                stack: [
                    { ...admin, props: { ...admin.props, id: "sg-0aaa" } },
                    {
                        type: T.securityGroupRule,
                        name: "low",
                        props: { type: "ingress", securityGroupId: "sg-0aaa", ...tcp22, cidrBlocks: ["0.0.0.0/1"] },
                    },
                    {
                        type: T.securityGroupRule,
                        name: "high",
                        props: { type: "ingress", securityGroupId: "sg-0aaa", ...tcp22, cidrBlocks: ["128.0.0.0/1"] },
                    },
                ],
                policies: ["no-public-ssh"],
                expected: [
                    [
                        "no-public-ssh",
                        "mandatory",
                        "admin-sg",
                        `Security group "admin-sg" opens SSH port 22 to the whole IPv4 internet once its rules are added up: Security group rule "low" allows 0.0.0.0/1 on tcp 22; Security group rule "high" allows 128.0.0.0/1 on tcp 22; ${FIX} [no-public-ssh/world-open-port-added-up]`,
                    ],
                ],
            },
            {
                why: "rules on a group made outside the stack add up by its id",
                stack: [
                    {
                        type: T.securityGroupRule,
                        name: "low",
                        props: { type: "ingress", securityGroupId: "sg-0ext", ...tcp22, cidrBlocks: ["0.0.0.0/1"] },
                    },
                    {
                        type: T.securityGroupRule,
                        name: "high",
                        props: { type: "ingress", securityGroupId: "sg-0ext", ...tcp22, cidrBlocks: ["128.0.0.0/1"] },
                    },
                ],
                policies: ["no-public-ssh"],
                expected: [
                    [
                        "no-public-ssh",
                        "mandatory",
                        "low",
                        `Security group sg-0ext (made outside this stack) opens SSH port 22 to the whole IPv4 internet once its rules are added up: Security group rule "low" allows 0.0.0.0/1 on tcp 22; Security group rule "high" allows 128.0.0.0/1 on tcp 22; ${FIX} [no-public-ssh/world-open-port-added-up]`,
                    ],
                ],
            },
            {
                why: "a rule that may belong to either of two groups is a could-not-check note, never a silent pass",
                stack: [
                    admin,
                    group("other-sg"),
                    ruleOn("low", admin, { ...tcp22, cidrBlocks: ["0.0.0.0/1"] }),
                    {
                        ...ruleOn("high", admin, { ...tcp22, cidrBlocks: ["128.0.0.0/1"] }),
                        propertyDependencies: dependsOn({ securityGroupId: [admin, group("other-sg")] }),
                    },
                ],
                policies: ["no-public-ssh"],
                expected: [
                    note(
                        "no-public-ssh",
                        "the stack",
                        'Security group rule "high" names Security group "admin-sg" or Security group "other-sg" through its securityGroupId, so whether Security group "admin-sg" opens SSH port 22 to the world once its rules are added up cannot be checked',
                    ),
                ],
            },
            {
                why: "a prefix list the stack makes, whose entries cover the world, opens SSH where a rule names it",
                stack: [
                    admin,
                    {
                        type: T.managedPrefixList,
                        name: "everyone",
                        props: { addressFamily: "IPv4", maxEntries: 2, entries: [{ cidr: "0.0.0.0/1" }] },
                    },
                    {
                        type: T.managedPrefixListEntry,
                        name: "rest",
                        props: { prefixListId: UNKNOWN, cidr: "128.0.0.0/1" },
                        propertyDependencies: {
                            prefixListId: [
                                "urn:pulumi:dev::project::aws:ec2/managedPrefixList:ManagedPrefixList::everyone",
                            ],
                        },
                    },
                    {
                        ...ruleOn("via-list", admin, { ...tcp22, prefixListIds: [UNKNOWN] }),
                        propertyDependencies: {
                            securityGroupId: [urnOf(admin)],
                            prefixListIds: [
                                "urn:pulumi:dev::project::aws:ec2/managedPrefixList:ManagedPrefixList::everyone",
                            ],
                        },
                    },
                ],
                policies: ["no-public-ssh"],
                expected: [
                    [
                        "no-public-ssh",
                        "mandatory",
                        "admin-sg",
                        `Security group "admin-sg" opens SSH port 22 to the whole IPv4 internet once its rules are added up: Security group rule "via-list" allows 0.0.0.0/1 (from Prefix list "everyone") and 128.0.0.0/1 (from Prefix list "everyone") on tcp 22; ${FIX} [no-public-ssh/world-open-port-added-up]`,
                    ],
                ],
            },
            {
                why: "an entry the stack adds to a prefix list made elsewhere opens SSH wherever a rule names that list",
                stack: [
                    {
                        type: T.managedPrefixListEntry,
                        name: "anyone",
                        props: { prefixListId: "pl-0ext", cidr: "0.0.0.0/0" },
                    },
                    ruleOn("via-list", admin, { ...tcp22, prefixListIds: ["pl-0ext"] }),
                    admin,
                ],
                policies: ["no-public-ssh"],
                expected: [
                    [
                        "no-public-ssh",
                        "mandatory",
                        "admin-sg",
                        `Security group "admin-sg" opens SSH port 22 to the whole IPv4 internet once its rules are added up: Security group rule "via-list" allows 0.0.0.0/0 (from Prefix list entry "anyone" on prefix list pl-0ext) on tcp 22; ${FIX} [no-public-ssh/world-open-port-added-up]`,
                    ],
                ],
            },
            {
                why: "a prefix list whose entries are not known yet is named in the note, not the rule that uses it",
                stack: [
                    admin,
                    {
                        type: T.managedPrefixList,
                        name: "later",
                        props: { addressFamily: "IPv4", maxEntries: 2, entries: UNKNOWN },
                    },
                    {
                        ...ruleOn("via-list", admin, { ...tcp22, prefixListIds: [UNKNOWN] }),
                        propertyDependencies: {
                            securityGroupId: [urnOf(admin)],
                            prefixListIds: [
                                "urn:pulumi:dev::project::aws:ec2/managedPrefixList:ManagedPrefixList::later",
                            ],
                        },
                    },
                ],
                policies: ["no-public-ssh"],
                expected: [
                    note(
                        "no-public-ssh",
                        "the stack",
                        'Prefix list "later" entries is not known yet, so whether Security group "admin-sg" opens SSH port 22 to the world once its rules are added up cannot be checked until `pulumi up`',
                    ),
                ],
            },
            {
                why: "a rule on a group made outside the stack is not added to a group it only depends on (dependsOn)",
                stack: [
                    group("web-sg", [{ ...tcp22, cidrBlocks: ["0.0.0.0/1"] }]),
                    {
                        type: T.securityGroupRule,
                        name: "elsewhere",
                        props: { type: "ingress", securityGroupId: "sg-0ext", ...tcp22, cidrBlocks: ["128.0.0.0/1"] },
                        dependencies: [urnOf(group("web-sg"))],
                    },
                ],
                policies: ["no-public-ssh"],
                expected: [],
            },
            {
                why: "egress rules and other ports add nothing",
                stack: [
                    admin,
                    ruleOn("low", admin, { ...tcp22, cidrBlocks: ["0.0.0.0/1"] }),
                    ruleOn("out", admin, { ...tcp22, type: "egress", cidrBlocks: ["128.0.0.0/1"] }),
                    ruleOn("web", admin, { protocol: "tcp", fromPort: 80, toPort: 80, cidrBlocks: ["128.0.0.0/1"] }),
                ],
                policies: ["no-public-ssh"],
                expected: [],
            },
        ]);
    });

    describe("Elastic IPs in use", () => {
        const ip = { type: T.eip, name: "nat-ip", props: { domain: "vpc" } };
        table([
            {
                why: "an Elastic IP a NAT gateway's allocationId depends on is in use",
                stack: [
                    ip,
                    {
                        type: T.natGateway,
                        name: "nat",
                        props: { allocationId: UNKNOWN, subnetId: "subnet-0123" },
                        propertyDependencies: dependsOn({ allocationId: [ip] }),
                    },
                ],
                policies: ["no-idle-elastic-ip"],
                expected: [],
            },
            {
                why: "Elastic IPs a network load balancer's subnet mappings depend on are in use",
                stack: [
                    ip,
                    { ...ip, name: "second-ip" },
                    {
                        type: T.loadBalancer,
                        name: "nlb",
                        props: {
                            loadBalancerType: "network",
                            subnetMappings: [
                                { subnetId: "subnet-1", allocationId: UNKNOWN },
                                { subnetId: "subnet-2", allocationId: UNKNOWN },
                            ],
                        },
                        propertyDependencies: dependsOn({ subnetMappings: [ip, { ...ip, name: "second-ip" }] }),
                    },
                ],
                policies: ["no-idle-elastic-ip"],
                expected: [],
            },
            {
                why: "an Elastic IP nothing depends on is idle, though a NAT gateway uses another",
                stack: [
                    ip,
                    { ...ip, name: "spare-ip" },
                    {
                        type: T.natGateway,
                        name: "nat",
                        props: { allocationId: UNKNOWN, subnetId: "subnet-0123" },
                        propertyDependencies: dependsOn({ allocationId: [ip] }),
                    },
                ],
                policies: ["no-idle-elastic-ip"],
                expected: [
                    [
                        "no-idle-elastic-ip",
                        "advisory",
                        "spare-ip",
                        `Elastic IP "spare-ip" is attached to no instance, network interface, NAT gateway or load balancer, and AWS bills an idle Elastic IP every hour${ipv4CostText(1)}; set its instance, add an EipAssociation, or remove it. [no-idle-elastic-ip/idle]`,
                    ],
                ],
            },
        ]);
    });

    describe("a launch template's Name tag is needed by the servers that take it", () => {
        const unnamed = template("plain-lt", { tagSpecifications: undefined });
        const refusal: Line = [
            "name-tag-required",
            "mandatory",
            "plain-lt",
            'Launch template "plain-lt" has no usable Name tag: it has no Name tag; set tags.Name in a tagSpecifications entry with resourceType "instance". [name-tag-required/template-missing]',
        ];
        table([
            {
                why: "a template with no Name tag whose every instance names itself passes",
                stack: [unnamed, launchedFrom("app", unnamed, { tags: { Name: "app" } }, LEAVES_ALL.slice(0, -1))],
                policies: ["name-tag-required"],
                expected: [],
            },
            {
                why: "a template with no Name tag is refused once when one of its instances leaves the Name to it",
                stack: [
                    unnamed,
                    launchedFrom("app", unnamed, { tags: { Name: "app" } }, LEAVES_ALL.slice(0, -1)),
                    launchedFrom("worker", unnamed, {}, LEAVES_ALL),
                ],
                policies: ["name-tag-required"],
                expected: [refusal],
            },
            {
                why: "a template with no Name tag that an Auto Scaling group launches from is refused",
                stack: [
                    unnamed,
                    {
                        type: T.autoscalingGroup,
                        name: "workers",
                        props: { minSize: 1, maxSize: 1, launchTemplate: { id: UNKNOWN } },
                        propertyDependencies: dependsOn({ launchTemplate: [unnamed] }),
                    },
                ],
                policies: ["name-tag-required"],
                expected: [refusal],
            },
            {
                why: "a template's own tags and its volumes' tags do not name its instances",
                stack: [
                    template("plain-lt", {
                        tags: { Name: "template" },
                        tagSpecifications: [{ resourceType: "volume", tags: { Name: "disk" } }],
                    }),
                ],
                policies: ["name-tag-required"],
                expected: [refusal],
            },
            {
                why: "a template with no Name tag that nothing in the stack launches from is refused",
                stack: [unnamed],
                policies: ["name-tag-required"],
                expected: [refusal],
            },
        ]);
    });

    describe("instances an Auto Scaling group keeps in its warm pool", () => {
        const lt = template("pool-lt", {
            blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volumeSize: 20, volumeType: "gp3" } }],
        });
        const asg = (warmPool: Record<string, unknown>, size: Record<string, unknown> = {}): TestResource => ({
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
        table([
            {
                why: "a warm pool left stopped adds its instances' EBS to the stack total, not hours",
                stack: [lt, asg({})],
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
            {
                why: "a running warm pool of minSize 1 adds an always-on instance to the group's one",
                stack: [lt, asg({ poolState: "Running", minSize: 1, maxGroupPreparedCapacity: 1 }, { maxSize: 1 })],
                policies: ["free-tier-instance-hours"],
                expected: [
                    [
                        "free-tier-instance-hours",
                        "mandatory",
                        "the stack",
                        'The stack runs 2 instances (Auto Scaling group "workers" (2 instances, 1 of them in its warm pool)): up to 1488 instance-hours a month, over the 750 free hours, which keep one instance running all month; run at most 1. [free-tier-instance-hours/over-free-hours]',
                    ],
                ],
            },
            {
                why: "a running warm pool whose size is not known yet is a could-not-check note",
                stack: [lt, asg({ poolState: "Running", maxGroupPreparedCapacity: UNKNOWN })],
                policies: ["free-tier-instance-hours"],
                expected: [
                    note(
                        "free-tier-instance-hours",
                        "the stack",
                        'Auto Scaling group "workers" warmPool.maxGroupPreparedCapacity is not known yet, so how many instances the stack runs cannot be checked until `pulumi up`',
                    ),
                ],
            },
        ]);
    });

    describe("CPU credits across the stack", () => {
        const t3 = {
            ...GOOD.instance,
            name: "t3-box",
            props: clean({ ...GOOD.instance.props, instanceType: "t3.micro", creditSpecification: undefined }),
        };
        const FREE_PLAN = { "free-tier-instance-type": { plan: "free-plan" } };
        const t3Template = template("t3-lt", { instanceType: "t3.micro", creditSpecification: undefined });
        const t3TemplateRefusal: Line = [
            "free-tier-cpu-credits",
            "mandatory",
            "t3-lt",
            'Launch template "t3-lt" starts t3.micro instances, which launch with "unlimited" CPU credits and bill surplus credits; set creditSpecification.cpuCredits to "standard". [free-tier-cpu-credits/unlimited-by-default]',
        ];
        table([
            {
                why: "a T3 template that sets no credit mode passes when every instance from it sets its own",
                stack: [
                    t3Template,
                    launchedFrom(
                        "app",
                        t3Template,
                        { creditSpecification: { cpuCredits: "standard" } },
                        LEAVES_OWN_CREDITS,
                    ),
                ],
                policies: ["free-tier-cpu-credits"],
                config: FREE_PLAN,
                expected: [],
            },
            {
                why: "a T3 template that sets no credit mode is refused once when one instance from it sets none",
                stack: [
                    t3Template,
                    launchedFrom(
                        "app",
                        t3Template,
                        { creditSpecification: { cpuCredits: "standard" } },
                        LEAVES_OWN_CREDITS,
                    ),
                    launchedFrom("worker", t3Template, {}, LEAVES_ALL),
                ],
                policies: ["free-tier-cpu-credits"],
                config: FREE_PLAN,
                expected: [t3TemplateRefusal],
            },
            {
                why: "an instance that sets unlimited on a T3 template that sets none is refused on the instance",
                stack: [
                    t3Template,
                    launchedFrom(
                        "app",
                        t3Template,
                        { creditSpecification: { cpuCredits: "unlimited" } },
                        LEAVES_OWN_CREDITS,
                    ),
                ],
                policies: ["free-tier-cpu-credits"],
                config: FREE_PLAN,
                expected: [
                    [
                        "free-tier-cpu-credits",
                        "mandatory",
                        "app",
                        'Instance "app" has creditSpecification.cpuCredits "unlimited", which bills surplus CPU credits; set it to "standard". [free-tier-cpu-credits/unlimited]',
                    ],
                ],
            },
            {
                why: "a t3.micro left at AWS's default bills surplus credits",
                stack: [t3],
                policies: ["free-tier-cpu-credits"],
                config: FREE_PLAN,
                expected: [
                    [
                        "free-tier-cpu-credits",
                        "mandatory",
                        "t3-box",
                        'Instance "t3-box" is a t3.micro, which launches with "unlimited" CPU credits and bills surplus credits; set creditSpecification.cpuCredits to "standard". [free-tier-cpu-credits/unlimited-by-default]',
                    ],
                ],
            },
            {
                why: "an account default of standard for t3 keeps it standard",
                stack: [t3, GOOD.defaultCreditSpecification],
                policies: ["free-tier-cpu-credits"],
                config: FREE_PLAN,
                expected: [],
            },
            {
                why: "an unlimited default for t2 is reported once, on the default, not on every t2 it reaches",
                stack: [
                    GOOD.instance,
                    { ...GOOD.defaultCreditSpecification, props: { instanceFamily: "t2", cpuCredits: "unlimited" } },
                ],
                policies: ["free-tier-cpu-credits"],
                expected: [
                    [
                        "free-tier-cpu-credits",
                        "mandatory",
                        "t3-default",
                        'Default credit specification "t3-default" sets cpuCredits "unlimited" for every t2 instance the account launches in its Region without its own credit setting, which bills surplus CPU credits; set it to "standard". [free-tier-cpu-credits/account-default-unlimited]',
                    ],
                ],
            },
            {
                why: "an instance's own unlimited credits are reported once, by the stack part",
                stack: [{ ...t3, props: { ...t3.props, creditSpecification: { cpuCredits: "unlimited" } } }],
                policies: ["free-tier-cpu-credits"],
                config: FREE_PLAN,
                expected: [
                    [
                        "free-tier-cpu-credits",
                        "mandatory",
                        "t3-box",
                        'Instance "t3-box" has creditSpecification.cpuCredits "unlimited", which bills surplus CPU credits; set it to "standard". [free-tier-cpu-credits/unlimited]',
                    ],
                ],
            },
            {
                why: "a t3.micro that exists reads back unlimited from AWS though the program left the mode out: reported",
                stack: [
                    {
                        ...t3,
                        outputs: { ...t3.props, id: "i-0123", creditSpecification: { cpuCredits: "unlimited" } },
                    },
                ],
                policies: ["free-tier-cpu-credits"],
                config: FREE_PLAN,
                expected: [
                    [
                        "free-tier-cpu-credits",
                        "mandatory",
                        "t3-box",
                        'Instance "t3-box" has creditSpecification.cpuCredits "unlimited", which bills surplus CPU credits; set it to "standard". [free-tier-cpu-credits/unlimited]',
                    ],
                ],
            },
            {
                why: "an instance that exists, launched from a template reported for the same credits, is not reported again",
                stack: [
                    template("t3-lt", { instanceType: "t3.micro", creditSpecification: undefined }),
                    {
                        ...launchedFrom("app", template("t3-lt"), {}, LEAVES_ALL),
                        outputs: {
                            ...launchedFrom("app", template("t3-lt"), {}, LEAVES_ALL).props,
                            id: "i-0123",
                            instanceType: "t3.micro",
                            creditSpecification: { cpuCredits: "unlimited" },
                        },
                    },
                ],
                policies: ["free-tier-cpu-credits"],
                config: FREE_PLAN,
                expected: [
                    [
                        "free-tier-cpu-credits",
                        "mandatory",
                        "t3-lt",
                        'Launch template "t3-lt" starts t3.micro instances, which launch with "unlimited" CPU credits and bill surplus credits; set creditSpecification.cpuCredits to "standard". [free-tier-cpu-credits/unlimited-by-default]',
                    ],
                ],
            },
            {
                why: "an instance's credit mode not known yet is a could-not-check note",
                stack: [{ ...t3, props: { ...t3.props, creditSpecification: { cpuCredits: UNKNOWN } } }],
                policies: ["free-tier-cpu-credits"],
                config: FREE_PLAN,
                expected: [
                    note(
                        "free-tier-cpu-credits",
                        "the stack",
                        'Instance "t3-box" creditSpecification.cpuCredits is not known yet, so its CPU credit mode cannot be checked until `pulumi up`',
                    ),
                ],
            },
            {
                why: "burstable types a template's attribute-based selection includes launch unlimited when it sets no credit mode",
                stack: [
                    template("abs-lt", {
                        instanceType: undefined,
                        creditSpecification: undefined,
                        instanceRequirements: {
                            vcpuCount: { min: 1 },
                            memoryMib: { min: 512 },
                            allowedInstanceTypes: ["t3.micro"],
                            burstablePerformance: "included",
                        },
                    }),
                ],
                policies: ["free-tier-cpu-credits"],
                config: FREE_PLAN,
                expected: [
                    [
                        "free-tier-cpu-credits",
                        "mandatory",
                        "abs-lt",
                        'Launch template "abs-lt" instanceRequirements.allowedInstanceTypes[0] starts t3.micro instances, which launch with "unlimited" CPU credits and bill surplus credits; set creditSpecification.cpuCredits to "standard". [free-tier-cpu-credits/unlimited-by-default]',
                    ],
                ],
            },
            {
                why: "an Auto Scaling group override's attribute-based selection takes its template's missing credit mode",
                stack: [
                    template("web-lt", { creditSpecification: undefined }),
                    {
                        ...GOOD.autoscalingGroup,
                        props: {
                            minSize: 1,
                            maxSize: 1,
                            mixedInstancesPolicy: {
                                launchTemplate: {
                                    launchTemplateSpecification: { launchTemplateName: "web-lt" },
                                    overrides: [
                                        {
                                            instanceRequirements: {
                                                vcpuCount: { min: 1 },
                                                memoryMib: { min: 512 },
                                                allowedInstanceTypes: ["t4g.micro"],
                                                burstablePerformance: "required",
                                            },
                                        },
                                    ],
                                },
                            },
                        },
                    },
                ],
                policies: ["free-tier-cpu-credits"],
                config: FREE_PLAN,
                expected: [
                    [
                        "free-tier-cpu-credits",
                        "mandatory",
                        "web-asg",
                        'Auto Scaling group "web-asg" mixedInstancesPolicy.launchTemplate.overrides[0].instanceRequirements.allowedInstanceTypes[0] starts t4g.micro instances, which launch with "unlimited" CPU credits and bill surplus credits; its Launch template "web-lt" sets no credit mode: set creditSpecification.cpuCredits to "standard" there. [free-tier-cpu-credits/unlimited-by-default]',
                    ],
                ],
            },
            {
                why: "attribute-based selection that leaves burstable types out, as EC2 does by default, launches no T3",
                stack: [
                    template("abs-lt", {
                        instanceType: undefined,
                        creditSpecification: undefined,
                        instanceRequirements: {
                            vcpuCount: { min: 1 },
                            memoryMib: { min: 512 },
                            allowedInstanceTypes: ["t3.micro"],
                        },
                    }),
                ],
                policies: ["free-tier-cpu-credits"],
                config: FREE_PLAN,
                expected: [],
            },
            {
                why: "a default for another Region does not apply",
                stack: [t3, { ...GOOD.defaultCreditSpecification, provider: { region: "eu-north-1" } }],
                policies: ["free-tier-cpu-credits"],
                config: FREE_PLAN,
                expected: [
                    [
                        "free-tier-cpu-credits",
                        "mandatory",
                        "t3-box",
                        'Instance "t3-box" is a t3.micro, which launches with "unlimited" CPU credits and bills surplus credits; set creditSpecification.cpuCredits to "standard". [free-tier-cpu-credits/unlimited-by-default]',
                    ],
                ],
            },
        ]);
    });

    describe("the legacy plan's free type by Region, from the provider", () => {
        const t3 = { ...GOOD.instance, name: "nordic", props: { ...GOOD.instance.props, instanceType: "t3.micro" } };
        table([
            {
                why: "t3.micro is free on the legacy plan in Stockholm, which has no t2.micro",
                stack: [{ ...t3, provider: { region: "eu-north-1" } }],
                policies: ["free-tier-instance-type"],
                expected: [],
            },
            {
                why: "t3.micro is refused in Seoul, the stack's aws:region",
                stack: [t3],
                policies: ["free-tier-instance-type"],
                expected: [
                    [
                        "free-tier-instance-type",
                        "mandatory",
                        "nordic",
                        `Instance "nordic" has instanceType "t3.micro" (${instancePriceText("t3.micro", "ap-northeast-2")}), which the legacy free tier covers only in Regions that have no t2.micro, and ap-northeast-2 has it; use t2.micro, or add "ap-northeast-2" to legacyT3MicroRegions if AWS lists t3.micro as its free-tier type there. [free-tier-instance-type/not-free-in-region]`,
                    ],
                ],
            },
            {
                why: "a provider with no Region is a could-not-check note",
                stack: [{ ...t3, provider: {} }],
                policies: ["free-tier-instance-type"],
                expected: [
                    note(
                        "free-tier-instance-type",
                        "nordic",
                        "its Region is set neither on it nor on its provider (aws:region), so whether the legacy free tier covers t3.micro in its Region cannot be checked",
                    ),
                ],
            },
            {
                why: "legacyT3MicroRegions adds a Region",
                stack: [{ ...t3, provider: { region: "me-south-1" } }],
                policies: ["free-tier-instance-type"],
                config: { "free-tier-instance-type": { legacyT3MicroRegions: ["eu-north-1", "me-south-1"] } },
                expected: [],
            },
        ]);
    });

    describe("public IPv4 addresses", () => {
        const web = { ...GOOD.instance, props: { ...GOOD.instance.props, associatePublicIpAddress: true } };
        table([
            {
                why: "one instance with one public address is within the free hours",
                stack: [web],
                policies: ["free-tier-public-ipv4"],
                expected: [],
            },
            {
                why: "an Elastic IP associated with the instance replaces its address: one, not two",
                stack: [
                    GOOD.instance,
                    {
                        type: T.eip,
                        name: "web-ip",
                        props: { domain: "vpc", instance: UNKNOWN },
                        propertyDependencies: dependsOn({ instance: [GOOD.instance] }),
                    },
                ],
                policies: ["free-tier-public-ipv4"],
                expected: [],
            },
            {
                why: "two instances with public addresses are over the free hours",
                stack: [web, { ...web, name: "worker" }],
                policies: ["free-tier-public-ipv4"],
                expected: [
                    [
                        "free-tier-public-ipv4",
                        "advisory",
                        "the stack",
                        `The stack keeps 2 public IPv4 addresses (Instance "web", Instance "worker"): up to 1488 address-hours a month${ipv4CostText(2)}, over the 750 free hours, which cover one address all month; keep at most 1 (an Elastic IP associated with an instance replaces its auto-assigned address; associatePublicIpAddress false gives none). [free-tier-public-ipv4/too-many-addresses]`,
                    ],
                ],
            },
            {
                why: "an instance in a subnet of the stack that maps no public address gets none",
                stack: [
                    web,
                    GOOD.subnet,
                    {
                        ...GOOD.instance,
                        name: "private",
                        props: { ...GOOD.instance.props, subnetId: UNKNOWN },
                        propertyDependencies: { subnetId: [urnOf(GOOD.subnet)] },
                    },
                ],
                policies: ["free-tier-public-ipv4"],
                expected: [],
            },
            {
                why: "instances in a default subnet the stack manages get addresses, as default subnets map them",
                stack: [
                    web,
                    { type: T.defaultSubnet, name: "default-a", props: { availabilityZone: "ap-northeast-2a" } },
                    {
                        ...GOOD.instance,
                        name: "worker",
                        props: { ...GOOD.instance.props, subnetId: UNKNOWN },
                        propertyDependencies: {
                            subnetId: ["urn:pulumi:dev::project::aws:ec2/defaultSubnet:DefaultSubnet::default-a"],
                        },
                    },
                ],
                policies: ["free-tier-public-ipv4"],
                expected: [
                    [
                        "free-tier-public-ipv4",
                        "advisory",
                        "the stack",
                        `The stack keeps 2 public IPv4 addresses (Instance "web", Instance "worker"): up to 1488 address-hours a month${ipv4CostText(2)}, over the 750 free hours, which cover one address all month; keep at most 1 (an Elastic IP associated with an instance replaces its auto-assigned address; associatePublicIpAddress false gives none). [free-tier-public-ipv4/too-many-addresses]`,
                    ],
                ],
            },
            {
                why: "an instance whose subnet is unknown may get an address, but alone it stays within the free one",
                stack: [{ ...GOOD.instance, props: { ...GOOD.instance.props, subnetId: UNKNOWN } }],
                policies: ["free-tier-public-ipv4"],
                expected: [],
            },
            {
                why: "with another public address, an instance whose subnet is unknown may be one too many: a could-not-check note",
                stack: [web, { ...GOOD.instance, name: "maybe", props: { ...GOOD.instance.props, subnetId: UNKNOWN } }],
                policies: ["free-tier-public-ipv4"],
                expected: [
                    note(
                        "free-tier-public-ipv4",
                        "the stack",
                        'Instance "maybe" subnetId is not known yet, so how many public IPv4 addresses the stack keeps cannot be checked until `pulumi up`',
                    ),
                ],
            },
            {
                why: "an EC2 Fleet's instances in the default VPC each get an address",
                stack: [
                    GOOD.launchTemplate,
                    {
                        ...GOOD.fleet,
                        props: withField(GOOD.fleet.props, "targetCapacitySpecification.totalTargetCapacity", 2),
                    },
                ],
                policies: ["free-tier-public-ipv4"],
                expected: [
                    [
                        "free-tier-public-ipv4",
                        "advisory",
                        "the stack",
                        `The stack keeps 2 public IPv4 addresses (EC2 Fleet "web-ec2-fleet" (2 instances)): up to 1488 address-hours a month${ipv4CostText(2)}, over the 750 free hours, which cover one address all month; keep at most 1 (an Elastic IP associated with an instance replaces its auto-assigned address; associatePublicIpAddress false gives none). [free-tier-public-ipv4/too-many-addresses]`,
                    ],
                ],
            },
            {
                why: "a Spot Fleet launch specification that asks for a public address adds one to an instance's",
                stack: [
                    web,
                    {
                        ...GOOD.spotFleetRequest,
                        props: {
                            iamFleetRole: "arn:aws:iam::123456789012:role/fleet",
                            targetCapacity: 1,
                            launchSpecifications: [
                                {
                                    ami: "ami-1",
                                    instanceType: "t2.micro",
                                    subnetId: UNKNOWN,
                                    associatePublicIpAddress: true,
                                },
                            ],
                        },
                    },
                ],
                policies: ["free-tier-public-ipv4"],
                expected: [
                    [
                        "free-tier-public-ipv4",
                        "advisory",
                        "the stack",
                        `The stack keeps 2 public IPv4 addresses (Instance "web", Spot Fleet request "web-fleet" (1 instance)): up to 1488 address-hours a month${ipv4CostText(2)}, over the 750 free hours, which cover one address all month; keep at most 1 (an Elastic IP associated with an instance replaces its auto-assigned address; associatePublicIpAddress false gives none). [free-tier-public-ipv4/too-many-addresses]`,
                    ],
                ],
            },
            {
                why: "a fleet whose overrides launch into a subnet of the stack that maps no public address gets none",
                stack: [
                    web,
                    GOOD.launchTemplate,
                    GOOD.subnet,
                    {
                        ...GOOD.fleet,
                        props: withField(GOOD.fleet.props, "launchTemplateConfigs.0.overrides.0.subnetId", UNKNOWN),
                        propertyDependencies: { launchTemplateConfigs: [urnOf(GOOD.subnet)] },
                    },
                ],
                policies: ["free-tier-public-ipv4"],
                expected: [],
            },
            {
                why: "a NAT gateway's Elastic IP is one more address, counted once",
                stack: [
                    web,
                    { type: T.eip, name: "nat-ip", props: { domain: "vpc" } },
                    {
                        type: T.natGateway,
                        name: "nat",
                        props: { allocationId: UNKNOWN, subnetId: "subnet-0123" },
                        propertyDependencies: { allocationId: ["urn:pulumi:dev::project::aws:ec2/eip:Eip::nat-ip"] },
                    },
                ],
                policies: ["free-tier-public-ipv4"],
                expected: [
                    [
                        "free-tier-public-ipv4",
                        "advisory",
                        "the stack",
                        `The stack keeps 2 public IPv4 addresses (Elastic IP "nat-ip", Instance "web"): up to 1488 address-hours a month${ipv4CostText(2)}, over the 750 free hours, which cover one address all month; keep at most 1 (an Elastic IP associated with an instance replaces its auto-assigned address; associatePublicIpAddress false gives none). [free-tier-public-ipv4/too-many-addresses]`,
                    ],
                ],
            },
        ]);
    });
});
