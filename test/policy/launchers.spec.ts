/**
 * Every way a program starts an instance, judged per resource (in-process, as the framework
 * runs a policy): the types a launch template's attribute-based selection, an Auto Scaling
 * group's overrides, a launch configuration and Spot Fleet and EC2 Fleet requests name; an
 * account-wide credit default; values unknown at preview that can decide the bill; the Region
 * of the legacy plan's t3.micro.
 */
import * as assert from "node:assert/strict";
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { freeTierCpuCredits } from "../../policy/policies/freeTierCpuCredits";
import { freeTierInstanceHours } from "../../policy/policies/freeTierInstanceHours";
import { freeTierInstanceType } from "../../policy/policies/freeTierInstanceType";
import { freeTierStorage } from "../../policy/policies/freeTierStorage";
import { noDetailedMonitoring } from "../../policy/policies/noDetailedMonitoring";
import { requireImdsv2 } from "../../policy/policies/requireImdsv2";
import { GOOD, T } from "../../testing/policy/fixtures";
import { checkResource, checkStack, TestResource, UNKNOWN, withField } from "../../testing/policy/harness";
import { instancePriceText } from "../support/prices";

interface Case {
    readonly why: string;
    readonly resource: TestResource;
    readonly config?: Record<string, unknown>;
    readonly violations?: string[];
    readonly couldNotCheck?: string[];
}

function table(policy: ResourceValidationPolicy, cases: Case[]): void {
    for (const c of cases) {
        it(c.why, async () => {
            assert.deepEqual(await checkResource(policy, c.resource, c.config), {
                violations: c.violations ?? [],
                couldNotCheck: c.couldNotCheck ?? [],
            });
        });
    }
}

function changed(key: string, path: string, value: unknown): TestResource {
    return { ...GOOD[key], props: withField(GOOD[key].props, path, value) };
}

const LEGACY = "which is outside the legacy free tier (t2.micro); use t2.micro. [free-tier-instance-type/not-on-plan]";

describe("types named elsewhere than an instance", () => {
    describe("free-tier-instance-type", () => {
        table(freeTierInstanceType, [
            {
                why: "stops attribute-based selection that names no types: EC2 may choose any",
                resource: changed("launchTemplate", "instanceRequirements", {
                    vcpuCount: { min: 1 },
                    memoryMib: { min: 512 },
                }),
                violations: [
                    'Launch template "web-lt" has instanceRequirements with no allowedInstanceTypes, which lets EC2 choose any instance type with those attributes, not only t2.micro; list only t2.micro in instanceRequirements.allowedInstanceTypes. [free-tier-instance-type/any-type]',
                ],
            },
            {
                why: "allows attribute-based selection limited to free types",
                resource: changed("launchTemplate", "instanceRequirements", {
                    vcpuCount: { min: 1 },
                    memoryMib: { min: 512 },
                    allowedInstanceTypes: ["t2.micro"],
                }),
            },
            {
                why: "stops a wildcard in allowedInstanceTypes, which matches types outside the free tier",
                resource: changed("launchTemplate", "instanceRequirements", { allowedInstanceTypes: ["t2.*"] }),
                violations: [
                    'Launch template "web-lt" has instanceRequirements.allowedInstanceTypes[0] "t2.*", a pattern that also matches types outside the free tier; name t2.micro exactly. [free-tier-instance-type/type-pattern]',
                ],
            },
            {
                why: "stops an Auto Scaling group's mixed-instances override",
                resource: changed("autoscalingGroup", "mixedInstancesPolicy", {
                    launchTemplate: {
                        launchTemplateSpecification: { launchTemplateName: "web-lt" },
                        overrides: [{ instanceType: "t2.micro" }, { instanceType: "m5.4xlarge" }],
                    },
                }),
                violations: [
                    `Auto Scaling group "web-asg" has mixedInstancesPolicy.launchTemplate.overrides[1].instanceType "m5.4xlarge" (no price: its Region is not known), ${LEGACY}`,
                ],
            },
            {
                why: "stops an override's attribute-based selection",
                resource: changed("autoscalingGroup", "mixedInstancesPolicy", {
                    launchTemplate: {
                        overrides: [{ instanceRequirements: { vcpuCount: { min: 16 }, memoryMib: { min: 1 } } }],
                    },
                }),
                violations: [
                    'Auto Scaling group "web-asg" has mixedInstancesPolicy.launchTemplate.overrides[0].instanceRequirements with no allowedInstanceTypes, which lets EC2 choose any instance type with those attributes, not only t2.micro; list only t2.micro in mixedInstancesPolicy.launchTemplate.overrides[0].instanceRequirements.allowedInstanceTypes. [free-tier-instance-type/any-type]',
                ],
            },
            {
                why: "reads blocks given as lists of one and one override given where the list goes, as the provider does",
                resource: changed("autoscalingGroup", "mixedInstancesPolicy", [
                    {
                        launchTemplate: [
                            {
                                launchTemplateSpecification: [{ launchTemplateName: "web-lt" }],
                                overrides: { instanceType: "m5.large" },
                            },
                        ],
                    },
                ]),
                violations: [
                    `Auto Scaling group "web-asg" has mixedInstancesPolicy.launchTemplate.overrides[0].instanceType "m5.large" (no price: its Region is not known), ${LEGACY}`,
                ],
            },
            {
                why: "stops a launch configuration's type",
                resource: changed("launchConfiguration", "instanceType", "m5.4xlarge"),
                violations: [
                    `Launch configuration "web-lc" has instanceType "m5.4xlarge" (no price: its Region is not known), ${LEGACY}`,
                ],
            },
            {
                why: "stops a Spot Fleet launch specification's type",
                resource: changed("spotFleetRequest", "launchSpecifications", [
                    { ami: "ami-1", instanceType: "m5.4xlarge" },
                ]),
                violations: [
                    `Spot Fleet request "web-fleet" has launchSpecifications[0].instanceType "m5.4xlarge" (no price: its Region is not known), ${LEGACY}`,
                ],
            },
            {
                why: "stops a Spot Fleet launch template override",
                resource: changed("spotFleetRequest", "launchTemplateConfigs.0.overrides.0.instanceType", "m5.4xlarge"),
                violations: [
                    `Spot Fleet request "web-fleet" has launchTemplateConfigs[0].overrides[0].instanceType "m5.4xlarge" (no price: its Region is not known), ${LEGACY}`,
                ],
            },
            {
                why: "stops an EC2 Fleet override",
                resource: changed("fleet", "launchTemplateConfigs.0.overrides.0.instanceType", "m5.4xlarge"),
                violations: [
                    `EC2 Fleet "web-ec2-fleet" has launchTemplateConfigs[0].overrides[0].instanceType "m5.4xlarge" (no price: its Region is not known), ${LEGACY}`,
                ],
            },
            {
                why: "does not refuse an instance that leaves its type to a launch template (the stack part finds it)",
                resource: {
                    ...changed("instance", "instanceType", undefined),
                    props: {
                        ...withField(GOOD.instance.props, "instanceType", undefined),
                        launchTemplate: { id: UNKNOWN },
                    },
                },
            },
        ]);
    });

    describe("free-tier-storage", () => {
        table(freeTierStorage, [
            {
                why: "stops a launch configuration's 40 GB root",
                resource: changed("launchConfiguration", "rootBlockDevice.volumeSize", 40),
                violations: [
                    'Launch configuration "web-lc" has 40 GB of EBS (rootBlockDevice 40 GB), over the 30 GB the free tier allows; use at most 30 GB in total. [free-tier-storage/over-max-gb]',
                ],
            },
            {
                why: "adds a launch configuration's EBS devices to the AMI's root",
                resource: {
                    ...GOOD.launchConfiguration,
                    props: {
                        ...withField(GOOD.launchConfiguration.props, "rootBlockDevice", undefined),
                        ebsBlockDevices: [{ deviceName: "/dev/sdf", volumeSize: 25, volumeType: "gp3" }],
                    },
                },
                violations: [
                    'Launch configuration "web-lc" has 33 GB of EBS (the AMI\'s root volume 8 GB, ebsBlockDevices[0] 25 GB), over the 30 GB the free tier allows; use at most 30 GB in total. [free-tier-storage/over-max-gb]',
                ],
            },
            {
                why: "judges each Spot Fleet launch specification as one instance",
                resource: changed("spotFleetRequest", "launchSpecifications", [
                    {
                        ami: "ami-1",
                        instanceType: "t2.micro",
                        rootBlockDevices: [{ volumeSize: 20, volumeType: "io1" }],
                    },
                ]),
                violations: [
                    'Spot Fleet request "web-fleet": launchSpecifications[0].rootBlockDevices[0] is "io1", a volume type the free tier does not cover; use gp2, gp3, standard. [free-tier-storage/volume-type-not-free]',
                ],
            },
            {
                why: "counts a root device set without a size as the AMI's root, 8 GB, not 0",
                resource: {
                    ...GOOD.instance,
                    props: {
                        ...withField(GOOD.instance.props, "rootBlockDevice", { volumeType: "gp3" }),
                        ebsBlockDevices: [{ deviceName: "/dev/sdf", volumeSize: 25, volumeType: "gp3" }],
                    },
                },
                violations: [
                    'Instance "web" has 33 GB of EBS (rootBlockDevice 8 GB, ebsBlockDevices[0] 25 GB), over the 30 GB the free tier allows; use at most 30 GB in total. [free-tier-storage/over-max-gb]',
                ],
            },
            {
                why: "counts a template's root mapping without a size as the AMI's root",
                resource: changed("launchTemplate", "blockDeviceMappings", [
                    { deviceName: "/dev/sda1", ebs: { volumeType: "gp3" } },
                    { deviceName: "/dev/sdf", ebs: { volumeSize: 25, volumeType: "gp3" } },
                ]),
                violations: [
                    'Launch template "web-lt" has 33 GB of EBS (blockDeviceMappings[0].ebs 8 GB, blockDeviceMappings[1].ebs 25 GB), over the 30 GB the free tier allows; use at most 30 GB in total. [free-tier-storage/over-max-gb]',
                ],
            },
            {
                why: "adds the AMI's root to a template that maps no root device",
                resource: changed("launchTemplate", "blockDeviceMappings", [
                    { deviceName: "/dev/sdf", ebs: { volumeSize: 25, volumeType: "gp3" } },
                ]),
                violations: [
                    'Launch template "web-lt" has 33 GB of EBS (the AMI\'s root volume 8 GB, blockDeviceMappings[0].ebs 25 GB), over the 30 GB the free tier allows; use at most 30 GB in total. [free-tier-storage/over-max-gb]',
                ],
            },
            {
                why: "reads a root device given as a list of one, which the provider takes as the block",
                resource: changed("instance", "rootBlockDevice", [{ volumeSize: 100, volumeType: "gp3" }]),
                violations: [
                    'Instance "web" has 100 GB of EBS (rootBlockDevice 100 GB), over the 30 GB the free tier allows; use at most 30 GB in total. [free-tier-storage/over-max-gb]',
                ],
            },
            {
                why: "does not count the AMI's 8 GB for an instance whose template decides its root",
                resource: {
                    ...GOOD.instance,
                    props: {
                        ...withField(GOOD.instance.props, "rootBlockDevice", undefined),
                        ebsBlockDevices: [{ deviceName: "/dev/sdf", volumeSize: 25, volumeType: "gp3" }],
                        launchTemplate: { id: UNKNOWN },
                    },
                },
            },
        ]);
    });

    describe("no-detailed-monitoring and require-imdsv2", () => {
        table(noDetailedMonitoring, [
            {
                why: "warns about a launch configuration, which turns monitoring on unless told otherwise",
                resource: changed("launchConfiguration", "enableMonitoring", undefined),
                violations: [
                    'Launch configuration "web-lc" leaves enableMonitoring unset, and a launch configuration then turns on detailed monitoring, billed per metric; set enableMonitoring to false for the free 5-minute metrics. [no-detailed-monitoring/on-by-default]',
                ],
            },
        ]);
        table(requireImdsv2, [
            {
                why: "warns about a launch configuration without a metadata token",
                resource: changed("launchConfiguration", "metadataOptions.httpTokens", "optional"),
                violations: [
                    'Launch configuration "web-lc": metadataOptions.httpTokens is "optional", so instance metadata answers without a token; set it to "required" (IMDSv2). [require-imdsv2/tokens-optional]',
                ],
            },
            {
                why: "leaves an instance's metadata options to the launch template it names",
                resource: {
                    ...GOOD.instance,
                    props: {
                        ...withField(GOOD.instance.props, "metadataOptions", undefined),
                        launchTemplate: { name: "web-lt" },
                    },
                },
            },
        ]);
    });
});

describe("account-wide defaults", () => {
    table(freeTierCpuCredits, [
        {
            why: "stops an account default of unlimited, which every instance of the family takes",
            resource: changed("defaultCreditSpecification", "cpuCredits", "unlimited"),
            violations: [
                'Default credit specification "t3-default" sets cpuCredits "unlimited" for every t3 instance the account launches in its Region without its own credit setting, which bills surplus CPU credits; set it to "standard". [free-tier-cpu-credits/account-default-unlimited]',
            ],
        },
        { why: "allows an account default of standard", resource: GOOD.defaultCreditSpecification },
        {
            why: "waits for an unknown account default",
            resource: changed("defaultCreditSpecification", "cpuCredits", UNKNOWN),
            couldNotCheck: [
                "cpuCredits is not known yet, so the account's default CPU credit mode cannot be checked until `pulumi up`",
            ],
        },
    ]);
});

describe("values unknown at preview that decide the bill", () => {
    table(freeTierStorage, [
        {
            why: "waits for an unknown volume type",
            resource: changed("ebsVolume", "type", UNKNOWN),
            couldNotCheck: [
                "type is not known yet, so whether its volume type is free cannot be checked until `pulumi up`",
            ],
        },
        {
            why: "waits for unknown gp3 IOPS",
            resource: changed("ebsVolume", "iops", UNKNOWN),
            couldNotCheck: [
                "iops is not known yet, so whether it provisions gp3 IOPS beyond the included 3000 cannot be checked until `pulumi up`",
            ],
        },
        {
            why: "waits for unknown gp3 throughput",
            resource: changed("instance", "rootBlockDevice.throughput", UNKNOWN),
            couldNotCheck: [
                "rootBlockDevice.throughput is not known yet, so whether it provisions gp3 throughput beyond the included 125 MiB/s cannot be checked until `pulumi up`",
            ],
        },
        {
            why: "waits for an unknown deleteOnTermination",
            resource: changed("instance", "rootBlockDevice.deleteOnTermination", UNKNOWN),
            couldNotCheck: [
                "rootBlockDevice.deleteOnTermination is not known yet, so whether the volume is deleted with its instance cannot be checked until `pulumi up`",
            ],
        },
        {
            why: "says it cannot see the size of a volume restored from a snapshot with no size given",
            resource: {
                ...GOOD.ebsVolume,
                props: { ...withField(GOOD.ebsVolume.props, "size", undefined), snapshotId: "snap-0123" },
            },
            couldNotCheck: [
                'it takes its size from snapshot "snap-0123", so its EBS size against the 30 GB limit cannot be checked',
            ],
        },
        {
            why: "waits for the snapshot of a device that takes its size from one not made yet",
            resource: changed("instance", "ebsBlockDevices", [{ deviceName: "/dev/sdf", snapshotId: UNKNOWN }]),
            couldNotCheck: [
                "ebsBlockDevices[0].snapshotId is not known yet, so its EBS size against the 30 GB limit cannot be checked until `pulumi up`",
            ],
        },
        {
            why: "ignores unknown IOPS on a gp2 volume, which takes none",
            resource: { ...GOOD.ebsVolume, props: { ...GOOD.ebsVolume.props, type: "gp2", iops: UNKNOWN } },
        },
        {
            why: 'reads no number from a numeric string past what a number holds ("1e999"), as the provider reads none',
            resource: changed("ebsVolume", "size", "1e999"),
        },
        {
            why: "reads numbers sent as strings",
            resource: changed("ebsVolume", "iops", "4000"),
            violations: [
                'EBS volume "data": the volume provisions 4000 IOPS; gp3 includes 3000 and bills the rest. [free-tier-storage/gp3-iops-billed]',
            ],
        },
    ]);

    it("counts at least minSize instances of a group whose desired capacity is unknown (AWS refuses less)", async () => {
        const group: TestResource = {
            type: T.autoscalingGroup,
            name: "workers",
            props: { minSize: 2, maxSize: 4, desiredCapacity: UNKNOWN },
        };
        const verdict = await checkStack(freeTierInstanceHours as StackValidationPolicy, [group]);
        assert.deepEqual(verdict, {
            violations: [
                'The stack runs at least 2 instances (Auto Scaling group "workers" (at least 2 instances)): up to 1488 instance-hours a month, over the 750 free hours, which keep one instance running all month; run at most 1. [free-tier-instance-hours/over-free-hours]',
            ],
            couldNotCheck: [],
        });
    });

    it("counts a fleet's target capacity over its largest weight", async () => {
        const fleet = {
            ...GOOD.spotFleetRequest,
            props: withField(
                withField(GOOD.spotFleetRequest.props, "targetCapacity", 6),
                "launchTemplateConfigs.0.overrides.0.weightedCapacity",
                3,
            ),
        };
        assert.deepEqual((await checkStack(freeTierInstanceHours as StackValidationPolicy, [fleet])).violations, [
            'The stack runs 2 instances (Spot Fleet request "web-fleet" (2 instances)): up to 1488 instance-hours a month, over the 750 free hours, which keep one instance running all month; run at most 1. [free-tier-instance-hours/over-free-hours]',
        ]);
    });
});

describe("the legacy plan's t3.micro by the resource's own Region", () => {
    const t3 = changed("instance", "instanceType", "t3.micro");
    table(freeTierInstanceType, [
        {
            why: "allows t3.micro whose own region input is eu-north-1",
            resource: { ...t3, props: { ...t3.props, region: "eu-north-1" } },
        },
        {
            why: "takes the resource's own region over its provider's",
            resource: { ...t3, props: { ...t3.props, region: "ap-northeast-2" }, provider: { region: "eu-north-1" } },
            violations: [
                `Instance "web" has instanceType "t3.micro" (${instancePriceText("t3.micro", "ap-northeast-2")}), which the legacy free tier covers only in Regions that have no t2.micro, and ap-northeast-2 has it; use t2.micro, or add "ap-northeast-2" to legacyT3MicroRegions if AWS lists t3.micro as its free-tier type there. [free-tier-instance-type/not-free-in-region]`,
            ],
        },
        {
            why: "waits for a Region unknown at preview",
            resource: { ...t3, provider: { region: UNKNOWN } },
            couldNotCheck: [
                "region is not known yet, so whether the legacy free tier covers t3.micro in its Region cannot be checked until `pulumi up`",
            ],
        },
        {
            why: "holds allowedInstanceTypes strictly, whatever the Region",
            resource: { ...t3, provider: { region: "eu-north-1" } },
            config: { allowedInstanceTypes: ["t2.micro"] },
            violations: [
                `Instance "web" has instanceType "t3.micro" (${instancePriceText("t3.micro", "eu-north-1")}), which is not in allowedInstanceTypes (t2.micro); use t2.micro. [free-tier-instance-type/not-allowed]`,
            ],
        },
    ]);
});
