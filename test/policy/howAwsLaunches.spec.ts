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
import { requireImdsv2 } from "../../policy/policies/requireImdsv2";
import { GOOD } from "./fixtures";
import { checkStack, TestResource, UNKNOWN } from "./harness";

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
