/**
 * free-tier-storage (policy/policies/freeTierStorage.ts), filed by where it decides:
 * - resource part: the resource judge in process (testing/policy/harness.ts).
 * - over the wire: the built pack through the real Analyzer protocol, Analyze then AnalyzeStack
 *   with the property dependencies the engine records, each case listing every diagnostic of
 *   the policies it names.
 * Findings as data: each main kind of finding asserted by its code, field path and offending
 * values, not by its prose (test/policy/goldenMessages.spec.ts holds one exact message per policy).
 * Ways a program starts an instance other than aws:ec2/Instance (a launch template's
 * attribute-based selection, an Auto Scaling group's overrides, a launch configuration, Spot
 * Fleet and EC2 Fleet requests) are judged per resource, as the framework runs a policy.
 * Builders and table runners shared with other specs: test/support/policyBuilders.ts.
 */
import * as storage from "../../policy/policies/freeTierStorage";
import { freeTierStorage } from "../../policy/policies/freeTierStorage";
import { overTheWire } from "../../testing/policy/engine";
import { GOOD } from "../../testing/policy/fixtures";
import { UNKNOWN, withField } from "../../testing/policy/harness";
import { appOnTemplate, changed, resourcePart, template, withProps } from "../support/policyBuilders";

describe("free-tier-storage", () => {
    resourcePart(freeTierStorage, ({ verdicts }) => {
        describe("types named elsewhere than an instance", () => {
            verdicts([
                {
                    why: "stops a launch configuration's 40 GB root",
                    resource: changed("launchConfiguration", "rootBlockDevice.volumeSize", 40),
                    violations: [
                        'Launch configuration "web-lc" has 40 GB of EBS (rootBlockDevice 40 GB), over the 30 GB the free tier allows; use at most 30 GB in total. [free-tier-storage/over-max-gb]',
                    ],
                },
                {
                    why: "adds a launch configuration's EBS devices to the AMI's root",
                    resource: withProps("launchConfiguration", {
                        rootBlockDevice: undefined,
                        ebsBlockDevices: [{ deviceName: "/dev/sdf", volumeSize: 25, volumeType: "gp3" }],
                    }),
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
                    resource: withProps("instance", {
                        rootBlockDevice: undefined,
                        ebsBlockDevices: [{ deviceName: "/dev/sdf", volumeSize: 25, volumeType: "gp3" }],
                        launchTemplate: { id: UNKNOWN },
                    }),
                },
            ]);
        });

        describe("values unknown at preview that decide the bill", () => {
            verdicts([
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
                    resource: withProps("ebsVolume", { size: undefined, snapshotId: "snap-0123" }),
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
        });

        verdicts([
            {
                why: "stops a disk over maxGb, at the largest volume's size, with every volume's size",
                resource: changed("instance", "ebsBlockDevices", [{ deviceName: "/dev/sdf", volumeSize: 40 }]),
                findings: [[storage.OVER_MAX_GB, "ebsBlockDevices[0].volumeSize", [30, 40]]],
            },
            {
                why: "stops a volume type the free tier does not cover and a size over the limit, each its own finding",
                resource: changed("ebsVolume", "type", "io1"),
                config: { maxGb: 5 },
                findings: [
                    ["free-tier-storage/volume-type-not-free", "type", ["io1"]],
                    [storage.OVER_MAX_GB, "size", [10]],
                ],
            },
            {
                why: "stops a 40 GB root volume",
                resource: changed("instance", "rootBlockDevice.volumeSize", 40),
                findings: [["free-tier-storage/over-max-gb", "rootBlockDevice.volumeSize", [40]]],
            },
            {
                why: "adds the EBS block devices to the root volume",
                resource: changed("instance", "ebsBlockDevices", [
                    { deviceName: "/dev/sdf", volumeSize: 10, volumeType: "gp3" },
                ]),
                findings: [["free-tier-storage/over-max-gb", "rootBlockDevice.volumeSize", [30, 10]]],
            },
            {
                why: "counts the AMI's 8 GB when no root device is set",
                resource: changed("spotInstanceRequest", "rootBlockDevice", undefined),
            },
            {
                why: "stops a 31 GB EBS volume",
                resource: changed("ebsVolume", "size", 31),
                findings: [["free-tier-storage/over-max-gb", "size", [31]]],
            },
            {
                why: "stops a launch template whose mappings add up to 40 GB",
                resource: changed("launchTemplate", "blockDeviceMappings", [
                    { deviceName: "/dev/xvda", ebs: { volumeSize: 30 } },
                    { deviceName: "/dev/sdf", ebs: { volumeSize: 10 } },
                ]),
                findings: [["free-tier-storage/over-max-gb", "blockDeviceMappings[0].ebs.volumeSize", [30, 10]]],
            },
            {
                why: "stops io2, which is never free",
                resource: changed("instance", "rootBlockDevice.volumeType", "io2"),
                findings: [["free-tier-storage/volume-type-not-free", "rootBlockDevice.volumeType", ["io2"]]],
            },
            {
                why: "stops st1 on a volume",
                resource: changed("ebsVolume", "type", "st1"),
                findings: [["free-tier-storage/volume-type-not-free", "type", ["st1"]]],
            },
            { why: "allows magnetic (standard)", resource: changed("ebsVolume", "type", "standard") },
            {
                why: "stops gp3 IOPS beyond the included 3000",
                resource: changed("ebsVolume", "iops", 4000),
                findings: [["free-tier-storage/gp3-iops-billed", "iops", [4000]]],
            },
            {
                why: "stops gp3 throughput beyond the included 125 MiB/s",
                resource: changed("instance", "rootBlockDevice.throughput", 250),
                findings: [["free-tier-storage/gp3-throughput-billed", "rootBlockDevice.throughput", [250]]],
            },
            {
                why: "stops an EBS device kept after its instance is terminated",
                resource: changed("instance", "ebsBlockDevices", [
                    { deviceName: "/dev/sdf", volumeSize: 0, deleteOnTermination: false },
                ]),
                findings: [
                    ["free-tier-storage/kept-after-instance", "ebsBlockDevices[0].deleteOnTermination", [false]],
                ],
            },
            {
                why: 'stops a launch template mapping kept after termination ("false" as the provider types it)',
                resource: changed("launchTemplate", "blockDeviceMappings.0.ebs.deleteOnTermination", "false"),
                findings: [
                    [
                        "free-tier-storage/kept-after-instance",
                        "blockDeviceMappings[0].ebs.deleteOnTermination",
                        ["false"],
                    ],
                ],
            },
            {
                why: "allows a root volume deleted with its instance",
                resource: changed("spotInstanceRequest", "rootBlockDevice.deleteOnTermination", true),
            },
            {
                why: "honours a smaller maxGb",
                resource: changed("ebsVolume", "size", 10),
                config: { maxGb: 5 },
                findings: [["free-tier-storage/over-max-gb", "size", [10]]],
            },
            {
                why: "reports what the known sizes prove despite an unknown one",
                resource: changed("instance", "ebsBlockDevices", [{ volumeSize: UNKNOWN }, { volumeSize: 5 }]),
                findings: [["free-tier-storage/over-max-gb", "rootBlockDevice.volumeSize", [30, 5]]],
                violations: [
                    'Instance "web" has at least 35 GB of EBS (rootBlockDevice 30 GB, ebsBlockDevices[1] 5 GB), over the 30 GB the free tier allows; use at most 30 GB in total. [free-tier-storage/over-max-gb]',
                ],
            },
            {
                why: "waits for an unknown size that could still fit",
                resource: changed("ebsVolume", "size", UNKNOWN),
                couldNotCheck: [
                    "size is not known yet, so its EBS size against the 30 GB limit cannot be checked until `pulumi up`",
                ],
            },
        ]);
    });

    overTheWire("free-tier-storage", ({ table, refused, noted }) => {
        describe("a size of 0 is a size left out, so the AMI or snapshot decides it", () => {
            table([
                {
                    why: "a launch template device of volumeSize 0 restored from a snapshot takes the snapshot's size",
                    stack: [
                        template("snap-lt", {
                            blockDeviceMappings: [
                                {
                                    deviceName: "/dev/xvda",
                                    ebs: { volumeSize: 0, snapshotId: "snap-0123", volumeType: "gp3" },
                                },
                            ],
                        }),
                    ],
                    expected: [
                        noted(
                            "snap-lt",
                            'blockDeviceMappings[0].ebs takes its size from snapshot "snap-0123", so its EBS size against the 30 GB limit cannot be checked',
                        ),
                    ],
                },
            ]);
        });

        describe("launch templates decide what an instance leaves out", () => {
            table([
                {
                    why: "a 25 GB template root and the instance's own 10 GB disk are over 30 GB together, though neither is alone",
                    stack: [
                        ...appOnTemplate(
                            {
                                blockDeviceMappings: [
                                    { deviceName: "/dev/xvda", ebs: { volumeSize: 25, volumeType: "gp3" } },
                                ],
                            },
                            { ebsBlockDevices: [{ deviceName: "/dev/sdf", volumeSize: 10, volumeType: "gp3" }] },
                        ),
                    ],
                    expected: [
                        refused(
                            "app",
                            'Instance "app" has 35 GB of EBS (ebsBlockDevices[0] 10 GB, template "app-lt" blockDeviceMappings[0].ebs 25 GB), over the 30 GB the free tier allows, its own disks and those of Launch template "app-lt" together; use at most 30 GB in total. [free-tier-storage/over-max-gb-with-template]',
                        ),
                    ],
                },
            ]);
        });
    });
});
