/**
 * How AWS launches, where it decides a verdict: each case cites the AWS documentation or the
 * provider source it follows (docs/free-tier.md, "How AWS launches").
 */
import * as assert from "node:assert/strict";
import type { StackValidationPolicy } from "@pulumi/policy";
import { freeTierInstanceHours } from "../../policy/policies/freeTierInstanceHours";
import { freeTierPublicIpv4 } from "../../policy/policies/freeTierPublicIpv4";
import { freeTierStorageTotal } from "../../policy/policies/freeTierStorageTotal";
import { nameTagRequired } from "../../policy/policies/nameTagRequired";
import { noIdleElasticIp } from "../../policy/policies/noIdleElasticIp";
import { requireImdsv2 } from "../../policy/policies/requireImdsv2";
import { GOOD } from "../../testing/policy/fixtures";
import { checkStack, TestResource, UNKNOWN } from "../../testing/policy/harness";
import { figure, monthOf } from "../support/prices";

interface LaunchCase {
    readonly why: string;
    /** Where AWS (or the provider) says so. */
    readonly source: string;
    readonly stack: TestResource[];
    readonly violations: string[];
    readonly couldNotCheck?: string[];
}

function launches(policy: StackValidationPolicy, cases: LaunchCase[]): void {
    for (const c of cases) {
        it(`${c.why} (${c.source})`, async () => {
            const verdict = await checkStack(policy, c.stack);
            assert.deepEqual(verdict, { violations: c.violations, couldNotCheck: c.couldNotCheck ?? [] });
        });
    }
}

const hours = (n: number, what: string) =>
    `The stack runs ${n} instances (${what}): up to ${n * 744} instance-hours a month, over the 750 free hours, which keep one instance running all month; run at most 1. [free-tier-instance-hours/over-free-hours]`;

function group(props: Record<string, unknown>): TestResource {
    return { ...GOOD.autoscalingGroup, name: "workers", props: { ...GOOD.autoscalingGroup.props, ...props } };
}

function weighted(...weights: unknown[]): Record<string, unknown> {
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

const INSTANCE_WEIGHTING =
    "EC2 Auto Scaling User Guide, instance weighting; terraform aws_autoscaling_group override.weighted_capacity";

describe("how AWS launches: an Auto Scaling group's capacity in units", () => {
    launches(freeTierInstanceHours as StackValidationPolicy, [
        {
            why: "a desired capacity of 2 in weight units is one instance when each weighs 2",
            source: INSTANCE_WEIGHTING,
            stack: [group({ minSize: 0, maxSize: 4, desiredCapacity: 2, ...weighted("2") })],
            violations: [],
        },
        {
            why: "a desired capacity of 4 over weights 1 and 2 is at least two instances",
            source: INSTANCE_WEIGHTING,
            stack: [group({ minSize: 0, maxSize: 4, desiredCapacity: 4, ...weighted("1", "2") })],
            violations: [hours(2, 'Auto Scaling group "workers" (2 instances)')],
        },
        {
            why: "an unweighted override counts as weight 1",
            source: INSTANCE_WEIGHTING,
            stack: [group({ minSize: 0, maxSize: 4, desiredCapacity: 2, ...weighted(undefined) })],
            violations: [hours(2, 'Auto Scaling group "workers" (2 instances)')],
        },
        {
            why: "a capacity in vCPUs is at least one instance, not one per vCPU",
            source: "EC2 Auto Scaling User Guide, attribute-based instance type selection (desiredCapacityType vcpu)",
            stack: [group({ minSize: 0, maxSize: 8, desiredCapacity: 2, desiredCapacityType: "vcpu" })],
            violations: [],
        },
        {
            why: "a capacity in MiB of memory is at least one instance",
            source: "EC2 Auto Scaling User Guide, attribute-based instance type selection (desiredCapacityType memory-mib)",
            stack: [group({ minSize: 0, maxSize: 8192, desiredCapacity: 2048, desiredCapacityType: "memory-mib" })],
            violations: [],
        },
        {
            why: "a weight not known yet proves only one instance",
            source: INSTANCE_WEIGHTING,
            stack: [group({ minSize: 0, maxSize: 4, desiredCapacity: 2, ...weighted(UNKNOWN) })],
            violations: [],
            couldNotCheck: [
                'Auto Scaling group "workers" mixedInstancesPolicy.launchTemplate.overrides[0].weightedCapacity is not known yet, so how many instances the stack runs cannot be checked until `pulumi up`',
            ],
        },
    ]);
});

const PROPAGATE =
    "EC2 Auto Scaling User Guide, tag Auto Scaling groups and instances; terraform aws_autoscaling_group tag.propagate_at_launch";

describe("how AWS launches: an Auto Scaling group's tags with propagateAtLaunch name its instances", () => {
    const unnamed: TestResource = {
        ...GOOD.launchTemplate,
        props: { ...GOOD.launchTemplate.props, tagSpecifications: [] },
    };
    const tagged = (propagateAtLaunch: unknown, value: unknown = "workers"): TestResource =>
        group({ tags: [{ key: "Name", value, propagateAtLaunch }] });
    const refusal =
        'Launch template "web-lt" has no usable Name tag: it has no Name tag; set tags.Name in a tagSpecifications entry with resourceType "instance". [name-tag-required/template-missing]';
    launches(nameTagRequired as StackValidationPolicy, [
        {
            why: "a template with no Name tag passes when every group that launches from it propagates one",
            source: PROPAGATE,
            stack: [unnamed, tagged(true)],
            violations: [],
        },
        {
            why: "a group's Name tag that does not propagate leaves its instances unnamed",
            source: PROPAGATE,
            stack: [unnamed, tagged(false)],
            violations: [refusal],
        },
        {
            why: "a propagated Name that is empty names nothing",
            source: PROPAGATE,
            stack: [unnamed, tagged(true, " ")],
            violations: [refusal],
        },
        {
            why: "a group takes no provider defaultTags, so they name none of its instances",
            source: "aws:autoscaling/group:Group has no tagsAll (@pulumi/aws 7.48.0 schema, offline/plannedOutputs.table.ts)",
            stack: [unnamed, { ...group({}), provider: { defaultTags: JSON.stringify({ tags: { Name: "x" } }) } }],
            violations: [refusal],
        },
    ]);
});

const STOPPED =
    "EC2 User Guide, instance lifecycle (a stopped instance bills no instance-hours and releases its auto-assigned public IPv4; its EBS volumes still bill); terraform aws_ec2_instance_state";

describe("how AWS launches: an instance its InstanceState keeps stopped", () => {
    const web = GOOD.instance;
    const second: TestResource = { ...web, name: "second" };
    const urn = (r: TestResource) => `urn:pulumi:dev::project::${r.type}::${r.name}`;
    const stopped = (state: unknown, of: TestResource = second): TestResource => ({
        type: "aws:ec2transitgateway/instanceState:InstanceState",
        name: `${of.name}-state`,
        props: { instanceId: UNKNOWN, state },
        propertyDependencies: { instanceId: [urn(of)] },
        dependencies: [urn(of)],
    });
    launches(freeTierInstanceHours as StackValidationPolicy, [
        {
            why: "a stopped instance runs no hours",
            source: STOPPED,
            stack: [web, second, stopped("stopped")],
            violations: [],
        },
        {
            why: "a running state changes nothing",
            source: STOPPED,
            stack: [web, second, stopped("running")],
            violations: [hours(2, 'Instance "web", Instance "second"')],
        },
        {
            why: "a state not known yet may stop it, so the count waits",
            source: STOPPED,
            stack: [web, second, stopped(UNKNOWN)],
            violations: [],
            couldNotCheck: [
                'Instance "second" state is not known yet, so how many instances the stack runs cannot be checked until `pulumi up`',
            ],
        },
    ]);
    launches(freeTierPublicIpv4 as StackValidationPolicy, [
        {
            why: "a stopped instance holds no auto-assigned public IPv4",
            source: STOPPED,
            stack: [web, second, stopped("stopped")],
            violations: [],
        },
    ]);
    launches(freeTierStorageTotal as StackValidationPolicy, [
        {
            why: "a stopped instance's volumes still count",
            source: STOPPED,
            stack: [web, second, stopped("stopped")],
            violations: [
                'The stack has 60 GB of EBS (Instance "web" 30 GB, Instance "second" 30 GB), over the 30 GB the free tier allows across the account; shrink or remove volumes to 30 GB in total. [free-tier-storage-total/over-max-gb]',
            ],
        },
    ]);
});

const EIP_ON_ENI =
    "EC2 User Guide, Elastic IP addresses (associating one with an instance's primary network interface replaces its public IPv4); terraform aws_eip network_interface";

describe("how AWS launches: an Elastic IP associated through the instance's network interface", () => {
    const web = { ...GOOD.instance, props: { ...GOOD.instance.props, associatePublicIpAddress: true } };
    const urn = `urn:pulumi:dev::project::${web.type}::${web.name}`;
    const onEni: TestResource = {
        type: "aws:ec2/eip:Eip",
        name: "web-ip",
        props: { domain: "vpc", networkInterface: UNKNOWN },
        propertyDependencies: { networkInterface: [urn] },
        dependencies: [urn],
    };
    const spare: TestResource = { type: "aws:ec2/eip:Eip", name: "spare-ip", props: { domain: "vpc" } };
    const spareUrn = `urn:pulumi:dev::project::${spare.type}::${spare.name}`;
    const association: TestResource = {
        type: "aws:ec2/eipAssociation:EipAssociation",
        name: "web-ip-association",
        props: { allocationId: UNKNOWN, networkInterfaceId: UNKNOWN },
        propertyDependencies: { allocationId: [spareUrn], networkInterfaceId: [urn] },
        dependencies: [spareUrn, urn],
    };
    launches(freeTierPublicIpv4 as StackValidationPolicy, [
        {
            why: "an Elastic IP on the instance's network interface replaces its public address",
            source: EIP_ON_ENI,
            stack: [web, onEni],
            violations: [],
        },
        {
            why: "an association through the instance's network interface replaces it too",
            source: EIP_ON_ENI,
            stack: [web, spare, association],
            violations: [],
        },
    ]);
});

const SPOT_TAGS =
    "terraform aws_spot_instance_request tags: they tag the spot request and are not applied to the instance it launches";

describe("how AWS launches: a spot request's tags stay on the request", () => {
    const unnamed: TestResource = {
        ...GOOD.launchTemplate,
        props: { ...GOOD.launchTemplate.props, tagSpecifications: [] },
    };
    launches(nameTagRequired as StackValidationPolicy, [
        {
            why: "a spot request's Name does not name the instance its launch template launches",
            source: SPOT_TAGS,
            stack: [unnamed, GOOD.spotInstanceRequest],
            violations: [
                'Launch template "web-lt" has no usable Name tag: it has no Name tag; set tags.Name in a tagSpecifications entry with resourceType "instance". [name-tag-required/template-missing]',
            ],
        },
        {
            why: "its launch template's instance tags name it",
            source: SPOT_TAGS,
            stack: [GOOD.launchTemplate, GOOD.spotInstanceRequest],
            violations: [],
        },
    ]);
});

describe("require-imdsv2: the account's instance metadata defaults decide what an instance leaves out", () => {
    const SOURCE = 'EC2 User Guide, "Order of precedence for instance metadata options"';
    const bare: TestResource = {
        type: GOOD.instance.type,
        name: "web",
        props: { ...GOOD.instance.props, metadataOptions: undefined },
    };
    const defaults = (httpTokens: unknown): TestResource => ({
        type: "aws:ec2/instanceMetadataDefaults:InstanceMetadataDefaults",
        name: "account",
        props: { httpTokens, httpEndpoint: "enabled" },
    });
    const NOT_SET =
        'Instance "web": metadataOptions.httpTokens is not set (the AMI decides, often optional), so instance metadata answers without a token; set it to "required" (IMDSv2). [require-imdsv2/tokens-not-set]';
    launches(requireImdsv2, [
        {
            why: "with no account defaults the AMI decides, often without a token",
            source: SOURCE,
            stack: [bare],
            violations: [NOT_SET],
        },
        {
            why: "account defaults that require a token cover an instance that sets none",
            source: SOURCE,
            stack: [bare, defaults("required")],
            violations: [],
        },
        {
            why: "account defaults that do not require one leave it answering without a token",
            source: SOURCE,
            stack: [bare, defaults("optional")],
            violations: [
                'Instance "web": metadataOptions.httpTokens is not set (the AMI decides, often optional), nor do the account\'s instance metadata defaults (httpTokens "optional"), so instance metadata answers without a token; set it to "required" (IMDSv2). [require-imdsv2/tokens-not-set]',
            ],
        },
        {
            why: "an instance's own setting wins over the account's defaults",
            source: SOURCE,
            stack: [
                { ...bare, props: { ...bare.props, metadataOptions: { httpTokens: "required" } } },
                defaults("optional"),
            ],
            violations: [],
        },
        {
            why: "account defaults not known yet are said, not guessed",
            source: SOURCE,
            stack: [bare, defaults(UNKNOWN)],
            violations: [],
            couldNotCheck: [
                'Instance "web" httpTokens is not known yet, so whether instance metadata requires a token cannot be checked until `pulumi up`',
            ],
        },
    ]);
});

const VERSIONS =
    'terraform-provider-aws internal/service/ec2/ec2_launch_template.go (resourceLaunchTemplateRead reads the latest version; resourceLaunchTemplateUpdate makes a new version, the default only with update_default_version); EC2 User Guide, "Modify a launch template (manage launch template versions)": $Default, $Latest, a version number';

describe("how AWS launches: the launch template version an instance or group names", () => {
    /** A template with a 25 GB root: as the stack shows it, its latest version. */
    const lt = (props: Record<string, unknown> = {}): TestResource => ({
        ...GOOD.launchTemplate,
        name: "app-lt",
        props: {
            ...GOOD.launchTemplate.props,
            name: "app-lt",
            blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volumeSize: 25, volumeType: "gp3" } }],
            ...props,
        },
    });
    /** The template as it exists: AWS's state, its latest version 3 and its default 1. */
    const existingLt = (props: Record<string, unknown> = {}) =>
        lt({ id: "lt-0app", latestVersion: 3, defaultVersion: 1, ...props });
    const server = (launchTemplate: Record<string, unknown>): TestResource => ({
        type: GOOD.instance.type,
        name: "app",
        props: { ...GOOD.instance.props, rootBlockDevice: undefined, launchTemplate },
    });
    const data: TestResource = { ...GOOD.ebsVolume, props: { ...GOOD.ebsVolume.props, size: 10 } };
    const OVER =
        'The stack has 35 GB of EBS (Instance "app" 25 GB, EBS volume "data" 10 GB), over the 30 GB the free tier allows across the account; shrink or remove volumes to 30 GB in total. [free-tier-storage-total/over-max-gb]';
    const unseen = (version: string, where: string, shown: string) =>
        `Instance "app": it launches version "${version}" of Launch template "app-lt" (its ${where}), ${shown}, so the stack's EBS total against 30 GB cannot be checked`;
    const DEFAULT_UNSEEN = (where = "launchTemplate.version") =>
        unseen(
            "$Default",
            where,
            "its default version, while the stack shows its latest (updateDefaultVersion is not set)",
        );
    launches(freeTierStorageTotal as StackValidationPolicy, [
        {
            why: "$Latest launches the settings the stack shows",
            source: VERSIONS,
            stack: [existingLt(), server({ id: "lt-0app", version: "$Latest" }), data],
            violations: [OVER],
        },
        {
            why: "$Default of a template that exists, its default older than its latest, cannot be checked",
            source: VERSIONS,
            stack: [existingLt(), server({ id: "lt-0app", version: "$Default" }), data],
            violations: [],
            couldNotCheck: [DEFAULT_UNSEEN()],
        },
        {
            why: "a version left unset is $Default",
            source: VERSIONS,
            stack: [existingLt(), server({ id: "lt-0app" }), data],
            violations: [],
            couldNotCheck: [DEFAULT_UNSEEN("launchTemplate, which sets no version: $Default")],
        },
        {
            why: "$Default is the latest when the template updates its default version",
            source: VERSIONS,
            stack: [existingLt({ updateDefaultVersion: true }), server({ id: "lt-0app", version: "$Default" }), data],
            violations: [OVER],
        },
        {
            why: "$Default is the latest when AWS reports them the same",
            source: VERSIONS,
            stack: [existingLt({ defaultVersion: 3 }), server({ id: "lt-0app", version: "$Default" }), data],
            violations: [OVER],
        },
        {
            why: "$Default of a template being created is its first version, the one the stack shows",
            source: VERSIONS,
            stack: [lt(), server({ name: "app-lt", version: "$Default" }), data],
            violations: [OVER],
        },
        {
            why: "a version number that is the template's latest launches what the stack shows",
            source: VERSIONS,
            stack: [existingLt(), server({ id: "lt-0app", version: "3" }), data],
            violations: [OVER],
        },
        {
            why: "an older version number cannot be checked",
            source: VERSIONS,
            stack: [existingLt(), server({ id: "lt-0app", version: "2" }), data],
            violations: [],
            couldNotCheck: [unseen("2", "launchTemplate.version", "while the stack shows its latest version (3)")],
        },
        {
            why: "a version number whose template's latest is not known yet cannot be checked",
            source: VERSIONS,
            stack: [existingLt({ latestVersion: UNKNOWN }), server({ id: "lt-0app", version: "3" }), data],
            violations: [],
            couldNotCheck: [
                unseen("3", "launchTemplate.version", "while the stack shows its latest version (not known yet)"),
            ],
        },
        {
            why: "version 1 of a template being created is the one the stack shows",
            source: VERSIONS,
            stack: [lt(), server({ name: "app-lt", version: 1 }), data],
            violations: [OVER],
        },
        {
            why: "a version not known yet is said, not guessed",
            source: VERSIONS,
            stack: [existingLt(), server({ id: "lt-0app", version: UNKNOWN }), data],
            violations: [],
            couldNotCheck: [
                'Instance "app" launchTemplate.version is not known yet, so the stack\'s EBS total against 30 GB cannot be checked until `pulumi up`',
            ],
        },
    ]);
    const workers = (version: unknown): TestResource =>
        group({ minSize: 2, maxSize: 2, desiredCapacity: 2, launchTemplate: { id: "lt-0app", version } });
    launches(freeTierStorageTotal as StackValidationPolicy, [
        {
            why: "a group's $Latest launches the template's 25 GB root on each instance",
            source: VERSIONS,
            stack: [existingLt(), workers("$Latest")],
            violations: [
                'The stack has 50 GB of EBS (Auto Scaling group "workers" 50 GB (2 instances × 25 GB)), over the 30 GB the free tier allows across the account; shrink or remove volumes to 30 GB in total. [free-tier-storage-total/over-max-gb]',
            ],
        },
        {
            why: "a group's $Default of an existing template cannot be checked",
            source: VERSIONS,
            stack: [existingLt(), workers("$Default")],
            violations: [],
            couldNotCheck: [
                `Auto Scaling group "workers": it launches version "$Default" of Launch template "app-lt" (its launchTemplate.version), its default version, while the stack shows its latest (updateDefaultVersion is not set), so the stack's EBS total against 30 GB cannot be checked`,
            ],
        },
    ]);
});

const TEMPLATE_INTERFACES =
    'EC2 User Guide, "Network interfaces in launch templates" and "Assign a public IPv4 address during instance launch" (associatePublicIpAddress on device 0 overrides the subnet\'s mapPublicIpOnLaunch); terraform aws_launch_template network_interfaces';

describe("how AWS launches: a launch template's network interfaces decide an instance's subnet and public address", () => {
    const subnet = (name: string, id: string, mapPublicIpOnLaunch: boolean): TestResource => ({
        type: "aws:ec2/subnet:Subnet",
        name,
        props: { id, vpcId: "vpc-1", cidrBlock: "10.0.1.0/24", mapPublicIpOnLaunch },
    });
    const privateSubnet = subnet("private", "subnet-0priv", false);
    const publicSubnet = subnet("public", "subnet-0pub", true);
    const lt = (networkInterface: Record<string, unknown>): TestResource => ({
        ...GOOD.launchTemplate,
        name: "app-lt",
        props: {
            ...GOOD.launchTemplate.props,
            name: "app-lt",
            networkInterfaces: [{ deviceIndex: 0, ...networkInterface }],
        },
    });
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    const { instanceType, ...own } = GOOD.instance.props;
    const app = (props: Record<string, unknown> = {}): TestResource => ({
        type: GOOD.instance.type,
        name: "app",
        props: { ...own, launchTemplate: { name: "app-lt" }, ...props },
    });
    // The guide's server in the default VPC holds one address; a second is over the free one.
    const web = GOOD.instance;
    const TWO =
        'The stack keeps 2 public IPv4 addresses (Instance "web", Instance "app"): up to 1488 address-hours a month, over the 750 free hours, which cover one address all month; keep at most 1 (an Elastic IP associated with an instance replaces its auto-assigned address; associatePublicIpAddress false gives none). [free-tier-public-ipv4/too-many-addresses]';
    launches(freeTierPublicIpv4 as StackValidationPolicy, [
        {
            why: "the template's interface launches into a subnet that maps no public address: none",
            source: TEMPLATE_INTERFACES,
            stack: [web, privateSubnet, lt({ subnetId: "subnet-0priv" }), app()],
            violations: [],
        },
        {
            why: "the template's interface launches into a subnet that maps one: a second address",
            source: TEMPLATE_INTERFACES,
            stack: [web, publicSubnet, lt({ subnetId: "subnet-0pub" }), app()],
            violations: [TWO],
        },
        {
            why: "associatePublicIpAddress false on device 0 overrides a subnet that maps one",
            source: TEMPLATE_INTERFACES,
            stack: [web, publicSubnet, lt({ subnetId: "subnet-0pub", associatePublicIpAddress: "false" }), app()],
            violations: [],
        },
        {
            why: "associatePublicIpAddress true on device 0 overrides a subnet that maps none",
            source: TEMPLATE_INTERFACES,
            stack: [web, privateSubnet, lt({ subnetId: "subnet-0priv", associatePublicIpAddress: "true" }), app()],
            violations: [TWO],
        },
        {
            why: "device 0 that attaches an existing interface brings that interface's addressing, no auto-assigned address",
            source: TEMPLATE_INTERFACES,
            stack: [web, lt({ networkInterfaceId: "eni-0app" }), app()],
            violations: [],
        },
        {
            why: "a subnet not known yet is said, not guessed",
            source: TEMPLATE_INTERFACES,
            stack: [web, lt({ subnetId: UNKNOWN }), app()],
            violations: [],
            couldNotCheck: [
                'Instance "app" template "app-lt" networkInterfaces[0].subnetId is not known yet, so how many public IPv4 addresses the stack keeps cannot be checked until `pulumi up`',
            ],
        },
    ]);
});

const ENI_APART =
    'EC2 User Guide, "Elastic IP addresses" (an Elastic IP on the primary network interface, eth0, releases the instance\'s public IPv4; one on an interface attached to no running instance is idle) and "Elastic network interfaces" (attach a network interface); terraform aws_network_interface, aws_network_interface_attachment';

describe("how AWS launches: an Elastic IP on a network interface made apart from the instance", () => {
    const urn = (r: TestResource) => `urn:pulumi:dev::project::${r.type}::${r.name}`;
    const eni: TestResource = {
        type: "aws:ec2/networkInterface:NetworkInterface",
        name: "app-eni",
        props: { subnetId: "subnet-0123" },
    };
    const on = (target: TestResource, name = "app-ip"): TestResource => ({
        type: "aws:ec2/eip:Eip",
        name,
        props: { domain: "vpc", networkInterface: UNKNOWN },
        propertyDependencies: { networkInterface: [urn(target)] },
        dependencies: [urn(target)],
    });
    const web = GOOD.instance;
    const attachment = (deviceIndex: number): TestResource => ({
        type: "aws:ec2/networkInterfaceAttachment:NetworkInterfaceAttachment",
        name: "app-eni-attachment",
        props: { instanceId: UNKNOWN, networkInterfaceId: UNKNOWN, deviceIndex },
        propertyDependencies: { instanceId: [urn(web)], networkInterfaceId: [urn(eni)] },
        dependencies: [urn(web), urn(eni)],
    });
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    const { associatePublicIpAddress, ...own } = GOOD.instance.props as Record<string, unknown>;
    const launchedWith: TestResource = {
        type: GOOD.instance.type,
        name: "app",
        props: { ...own, networkInterfaces: [{ networkInterfaceId: UNKNOWN, deviceIndex: 0 }] },
        propertyDependencies: { networkInterfaces: [urn(eni)] },
        dependencies: [urn(eni)],
    };
    const idle = (cost: string) =>
        `Elastic IP "app-ip" is on Network interface "app-eni", which is attached to no instance, and AWS bills an idle Elastic IP every hour (${cost}); attach the interface to an instance (an instance's networkInterfaces, or an aws.ec2.NetworkInterfaceAttachment), or remove the Elastic IP. [no-idle-elastic-ip/on-detached-interface]`;
    const seoulIpv4 = `about USD ${monthOf(figure("ap-northeast-2", "ipv4:public")!).toFixed(2)} a month in ap-northeast-2`;
    launches(noIdleElasticIp, [
        {
            why: "an Elastic IP on an interface attached to nothing is idle",
            source: ENI_APART,
            stack: [
                { ...eni, provider: { region: "ap-northeast-2" } },
                { ...on(eni), provider: { region: "ap-northeast-2" } },
            ],
            violations: [idle(seoulIpv4)],
        },
        {
            why: "an association through an interface attached to nothing is idle too",
            source: ENI_APART,
            stack: [
                eni,
                {
                    type: "aws:ec2/eip:Eip",
                    name: "app-ip",
                    props: { domain: "vpc" },
                    provider: { region: "ap-northeast-2" },
                },
                {
                    type: "aws:ec2/eipAssociation:EipAssociation",
                    name: "app-ip-association",
                    props: { allocationId: UNKNOWN, networkInterfaceId: UNKNOWN },
                    propertyDependencies: {
                        allocationId: ["urn:pulumi:dev::project::aws:ec2/eip:Eip::app-ip"],
                        networkInterfaceId: [urn(eni)],
                    },
                },
            ],
            violations: [idle(seoulIpv4)],
        },
        {
            why: "an interface an attachment attaches to an instance puts its Elastic IP in use",
            source: ENI_APART,
            stack: [web, eni, on(eni), attachment(1)],
            violations: [],
        },
        {
            why: "an interface its own attachments attach puts its Elastic IP in use",
            source: ENI_APART,
            stack: [
                web,
                {
                    ...eni,
                    props: { ...eni.props, attachments: [{ instance: UNKNOWN, deviceIndex: 1 }] },
                    propertyDependencies: { attachments: [urn(web)] },
                },
                on(eni),
            ],
            violations: [],
        },
        {
            why: "an interface an instance launches with puts its Elastic IP in use",
            source: ENI_APART,
            stack: [eni, launchedWith, on(eni)],
            violations: [],
        },
    ]);
    launches(freeTierPublicIpv4 as StackValidationPolicy, [
        {
            why: "an Elastic IP on the interface an instance launches with as eth0 is its public address, counted once",
            source: ENI_APART,
            stack: [eni, launchedWith, on(eni)],
            violations: [],
        },
        {
            why: "an Elastic IP on a secondary interface adds to the instance's own public address",
            source: ENI_APART,
            stack: [web, eni, on(eni), attachment(1)],
            violations: [
                'The stack keeps 2 public IPv4 addresses (Elastic IP "app-ip", Instance "web"): up to 1488 address-hours a month, over the 750 free hours, which cover one address all month; keep at most 1 (an Elastic IP associated with an instance replaces its auto-assigned address; associatePublicIpAddress false gives none). [free-tier-public-ipv4/too-many-addresses]',
            ],
        },
    ]);
});

describe("how AWS launches: a fleet's launch template interfaces decide its instances' subnet", () => {
    const privateSubnet: TestResource = {
        type: "aws:ec2/subnet:Subnet",
        name: "private",
        props: { id: "subnet-0priv", vpcId: "vpc-1", cidrBlock: "10.0.1.0/24", mapPublicIpOnLaunch: false },
    };
    const lt: TestResource = {
        ...GOOD.launchTemplate,
        props: { ...GOOD.launchTemplate.props, networkInterfaces: [{ deviceIndex: 0, subnetId: "subnet-0priv" }] },
    };
    const withOverrides = (overrides: Record<string, unknown>[]): TestResource => ({
        ...GOOD.fleet,
        props: {
            ...GOOD.fleet.props,
            launchTemplateConfigs: [
                { launchTemplateSpecification: { launchTemplateName: "web-lt", version: "$Latest" }, overrides },
            ],
        },
    });
    launches(freeTierPublicIpv4 as StackValidationPolicy, [
        {
            why: "a fleet whose overrides name no subnet launches into its template interface's subnet",
            source: `${TEMPLATE_INTERFACES}; EC2 User Guide, EC2 Fleet launch template overrides (SubnetId)`,
            stack: [GOOD.instance, privateSubnet, lt, withOverrides([{ instanceType: "t2.micro" }])],
            violations: [],
        },
        {
            why: "a subnet its overrides name decides instead",
            source: `${TEMPLATE_INTERFACES}; EC2 User Guide, EC2 Fleet launch template overrides (SubnetId)`,
            stack: [
                GOOD.instance,
                privateSubnet,
                lt,
                withOverrides([{ instanceType: "t2.micro", subnetId: "subnet-0else" }]),
            ],
            violations: [],
            couldNotCheck: [
                'EC2 Fleet "web-ec2-fleet" launches into subnet "subnet-0else", which is not in this stack, so whether its instances get a public IPv4 address cannot be checked',
            ],
        },
    ]);
});
