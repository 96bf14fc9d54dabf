/**
 * What a stack costs a month (policy/lib/cost.ts) and what stack-cost-within-credits makes of it
 * on each plan. Every expected figure is computed here from the price snapshot's data
 * (lib/prices/snapshot.json, through test/support/prices.ts) and the resource's own sizes, as a
 * person checking the bill by hand would: price × 730 hours, or price × GB, in cents per line.
 */
import * as assert from "node:assert/strict";
import { StackCost } from "../../policy/lib/cost";

import { GOOD, T } from "../../testing/policy/fixtures";
import { TestResource, UNKNOWN } from "../../testing/policy/harness";
import {
    cents,
    costOf,
    hourly,
    lines,
    perMonth,
    price,
    SEOUL,
    sum,
    t3Server,
    VIRGINIA,
} from "../support/policyBuilders";
import { figure, SNAPSHOT_DATE } from "../support/prices";

describe("the stack's monthly cost", () => {
    it("prices the guide's server in Seoul: t3.micro all month, 30 GB of gp3, one public IPv4 address", () => {
        const cost = costOf([t3Server("web"), GOOD.securityGroup], SEOUL);
        const expected = [
            ["web", "t3.micro, 730 hours", hourly(SEOUL, "instance:t3.micro")],
            ["web", "EBS 30 GB gp3", perMonth(SEOUL, "ebs:gp3", 30)],
            ["web", "public IPv4 address", hourly(SEOUL, "ipv4:public")],
        ];
        assert.deepEqual(lines(cost), expected);
        assert.equal(cost.monthlyUsd, sum(...expected.map((l) => l[2] as number)));
        assert.equal(cost.atLeast, false);
        assert.deepEqual(cost.notes, []);
        assert.equal(cost.snapshot, SNAPSHOT_DATE);
    });

    it("adds gp3 IOPS and throughput above what gp3 includes, and io1's provisioned IOPS", () => {
        const big = t3Server("db", {
            instanceType: "t3.large",
            rootBlockDevice: { volumeSize: 100, volumeType: "gp3", iops: 6000, throughput: 250 },
            associatePublicIpAddress: false,
        });
        const io1 = {
            type: T.ebsVolume,
            name: "fast",
            props: { availabilityZone: "us-east-1a", size: 50, type: "io1", iops: 1000 },
        };
        assert.deepEqual(lines(costOf([big, io1])), [
            ["db", "t3.large, 730 hours", hourly(VIRGINIA, "instance:t3.large")],
            [
                "db",
                "EBS 100 GB gp3 + 3000 IOPS over 3000 + 125 MiB/s over 125",
                cents(
                    price(VIRGINIA, "ebs:gp3") * 100 +
                        price(VIRGINIA, "ebs:gp3-iops") * 3000 +
                        price(VIRGINIA, "ebs:gp3-throughput") * 125,
                ),
            ],
            [
                "fast",
                "EBS 50 GB io1 + 1000 IOPS",
                cents(price(VIRGINIA, "ebs:io1") * 50 + price(VIRGINIA, "ebs:io1-iops") * 1000),
            ],
        ]);
    });

    it("prices a volume that names no type as gp2, EC2's default for a new volume", () => {
        const plain = { type: T.ebsVolume, name: "data", props: { availabilityZone: "us-east-1a", size: 10 } };
        assert.deepEqual(lines(costOf([plain])), [["data", "EBS 10 GB gp2", perMonth(VIRGINIA, "ebs:gp2", 10)]]);
    });

    it("counts an Auto Scaling group's instances, each with its template's type and disks, and their addresses", () => {
        const template = {
            type: T.launchTemplate,
            name: "web-lt",
            urn: "urn:lt",
            props: {
                instanceType: "t3.small",
                blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volumeSize: 20, volumeType: "gp3" } }],
            },
        };
        const group = {
            type: T.autoscalingGroup,
            name: "workers",
            props: { minSize: 1, maxSize: 5, desiredCapacity: 3, launchTemplate: { id: UNKNOWN } },
            propertyDependencies: { launchTemplate: ["urn:lt"] },
        };
        assert.deepEqual(lines(costOf([template, group])), [
            ["workers", "3 × t3.small, 730 hours", hourly(VIRGINIA, "instance:t3.small", 3)],
            ["workers", "EBS 3 × (20 GB gp3)", cents(3 * price(VIRGINIA, "ebs:gp3") * 20)],
            ["workers", "3 public IPv4 addresses", hourly(VIRGINIA, "ipv4:public", 3)],
        ]);
    });

    it("bills an idle Elastic IP, a NAT gateway and its address, and load balancers by the hour, saying what it leaves out", () => {
        const cost = costOf([
            { type: T.eip, name: "spare", props: { domain: "vpc" } },
            { type: T.eip, name: "nat-ip", urn: "urn:nat-ip", props: { domain: "vpc" } },
            {
                type: T.natGateway,
                name: "nat",
                props: { allocationId: UNKNOWN, subnetId: "subnet-1" },
                propertyDependencies: { allocationId: ["urn:nat-ip"] },
            },
            { type: T.loadBalancer, name: "alb", props: { subnets: ["subnet-1"] } },
            { type: T.loadBalancer, name: "nlb", props: { loadBalancerType: "network", subnets: ["subnet-1"] } },
            { type: "aws:elb/loadBalancer:LoadBalancer", name: "classic", props: { listeners: [] } },
        ]);
        assert.deepEqual(lines(cost), [
            ["spare", "Elastic IP (public IPv4), billed in use or idle", hourly(VIRGINIA, "ipv4:public")],
            ["nat-ip", "Elastic IP (public IPv4), billed in use or idle", hourly(VIRGINIA, "ipv4:public")],
            ["nat", "NAT gateway, 730 hours (data processed not counted)", hourly(VIRGINIA, "nat:gateway")],
            [
                "alb",
                "application load balancer, 730 hours (capacity units not counted)",
                hourly(VIRGINIA, "elb:application"),
            ],
            ["nlb", "network load balancer, 730 hours (capacity units not counted)", hourly(VIRGINIA, "elb:network")],
            [
                "classic",
                "classic load balancer, 730 hours (capacity units not counted)",
                hourly(VIRGINIA, "elb:classic"),
            ],
        ]);
        // Usage-based charges are left out: the total is a lower bound.
        assert.equal(cost.atLeast, true);
    });

    it("prices detailed monitoring as 7 metrics per instance", () => {
        const cost = costOf([t3Server("web", { monitoring: true, associatePublicIpAddress: false })]);
        assert.deepEqual(cost.items[2], {
            urn: "urn:pulumi:dev::project::aws:ec2/instance:Instance::web",
            type: T.instance,
            name: "web",
            what: "detailed monitoring, 7 metrics",
            monthlyUsd: perMonth(VIRGINIA, "cloudwatch:metric", 7),
        });
    });

    describe("prices detailed monitoring where what an instance launches from turns it on", () => {
        const group = (from: Record<string, unknown>): TestResource => ({
            type: T.autoscalingGroup,
            name: "web-asg",
            props: { minSize: 1, maxSize: 1, desiredCapacity: 1, ...from },
        });
        const configuration = (props: Record<string, unknown>): TestResource => ({
            ...GOOD.launchConfiguration,
            props: { ...GOOD.launchConfiguration.props, ...props },
        });
        const fleet = (monitoring: unknown): TestResource => ({
            type: T.spotFleetRequest,
            name: "web-fleet",
            props: {
                iamFleetRole: "arn:aws:iam::123456789012:role/fleet",
                targetCapacity: 1,
                launchSpecifications: [{ ami: "ami-1", instanceType: "t2.micro", monitoring }],
            },
        });
        const monitoringLines = (resources: TestResource[]) =>
            lines(costOf(resources)).filter(([, what]) => String(what).startsWith("detailed monitoring"));
        const ONE_INSTANCE = (name: string) => [
            [name, "detailed monitoring, 7 metrics", perMonth(VIRGINIA, "cloudwatch:metric", 7)],
        ];
        for (const c of [
            {
                why: "a launch configuration that leaves enableMonitoring unset, which turns it on",
                stack: [configuration({ enableMonitoring: undefined }), group({ launchConfiguration: "web-lc" })],
                expected: ONE_INSTANCE("web-asg"),
            },
            {
                why: "not a launch configuration that sets enableMonitoring false",
                stack: [configuration({ enableMonitoring: false }), group({ launchConfiguration: "web-lc" })],
                expected: [],
            },
            {
                why: "a launch template with monitoring.enabled",
                stack: [
                    { ...GOOD.launchTemplate, props: { ...GOOD.launchTemplate.props, monitoring: { enabled: true } } },
                    group({ launchTemplate: { name: "web-lt" } }),
                ],
                expected: ONE_INSTANCE("web-asg"),
            },
            {
                why: "a Spot Fleet launch specification with monitoring",
                stack: [fleet(true)],
                expected: ONE_INSTANCE("web-fleet"),
            },
            {
                why: "not a Spot Fleet launch specification without it",
                stack: [fleet(false)],
                expected: [],
            },
        ]) {
            it(c.why, () => {
                assert.deepEqual(monitoringLines(c.stack), c.expected);
            });
        }
    });

    it("counts what is known and says what is not: an unknown size, a Spot price, a Region without prices", () => {
        const unknownSize = {
            type: T.ebsVolume,
            name: "later",
            props: { availabilityZone: "us-east-1a", size: UNKNOWN, type: "gp3" },
        };
        const spot = {
            type: T.spotInstanceRequest,
            name: "web-spot",
            props: { ...t3Server("x").props, spotPrice: "0.01", associatePublicIpAddress: false },
        };
        const cost = costOf([unknownSize, spot]);
        assert.equal(cost.atLeast, true);
        assert.deepEqual(cost.notes, [
            'Spot instance request "web-spot" runs Spot instances, billed at the Spot price (up to USD ' +
                hourly(VIRGINIA, "instance:t3.micro").toFixed(2) +
                " a month each on demand), which is not counted",
            'the size of a volume of EBS volume "later" is not known yet, so its cost is not counted',
        ]);
        const elsewhere = costOf([t3Server("cape")], "af-south-1");
        assert.deepEqual(elsewhere.notes, [
            `no price for t3.micro in af-south-1 in the ${SNAPSHOT_DATE} snapshot`,
            `no price for ebs:gp3 in af-south-1 in the ${SNAPSHOT_DATE} snapshot`,
            `no price for ipv4:public in af-south-1 in the ${SNAPSHOT_DATE} snapshot`,
        ]);
        assert.equal(elsewhere.monthlyUsd, 0);
        assert.equal(elsewhere.atLeast, true);
    });
});

describe("resources that exist, as AWS reports them", () => {
    // terraform-provider-aws internal/service/ec2/ec2_instance.go, readBlockDevices: an instance's
    // ebs_block_device lists every EBS volume attached to it, an aws_volume_attachment's too.
    it("bills a volume attached to an existing instance once, as the volume", () => {
        const cost = costOf([
            t3Server("web", {
                id: "i-0123",
                rootBlockDevice: { volumeSize: 8, volumeType: "gp3", deleteOnTermination: true },
                ebsBlockDevices: [
                    { deviceName: "/dev/sdf", volumeId: "vol-0data", volumeSize: 20, volumeType: "gp3" },
                    { deviceName: "/dev/sdg", volumeId: "vol-0else", volumeSize: 5, volumeType: "gp2" },
                ],
                associatePublicIpAddress: false,
            }),
            { ...GOOD.ebsVolume, props: { ...GOOD.ebsVolume.props, id: "vol-0data", size: 20 } },
            {
                type: "aws:ec2/volumeAttachment:VolumeAttachment",
                name: "data-attach",
                props: { id: "vai-1", deviceName: "/dev/sdf", instanceId: "i-0123", volumeId: "vol-0data" },
            },
        ]);
        assert.deepEqual(lines(cost), [
            ["web", "t3.micro, 730 hours", hourly(VIRGINIA, "instance:t3.micro")],
            ["web", "EBS 8 GB gp3, 5 GB gp2", cents(price(VIRGINIA, "ebs:gp3") * 8 + price(VIRGINIA, "ebs:gp2") * 5)],
            ["data", "EBS 20 GB gp3", perMonth(VIRGINIA, "ebs:gp3", 20)],
        ]);
    });
});

describe("a launch template's network interfaces", () => {
    // EC2 User Guide, "Network interfaces in launch templates": device 0's subnet is the
    // instance's, and its associatePublicIpAddress overrides the subnet's mapPublicIpOnLaunch.
    const subnet = (id: string, mapPublicIpOnLaunch: boolean): TestResource => ({
        type: T.subnet,
        name: id,
        props: { id, vpcId: "vpc-1", cidrBlock: "10.0.1.0/24", mapPublicIpOnLaunch },
    });
    const template = (networkInterface: Record<string, unknown>): TestResource => ({
        ...GOOD.launchTemplate,
        props: { ...GOOD.launchTemplate.props, networkInterfaces: [{ deviceIndex: 0, ...networkInterface }] },
    });
    const app: TestResource = {
        type: T.instance,
        name: "app",
        props: { ami: "ami-0000000000000a86a", launchTemplate: { name: "web-lt" } },
    };
    const addressLines = (cost: StackCost) => lines(cost).filter((l) => String(l[1]).includes("IPv4"));

    it("bill no public address for an instance its template puts in a subnet that maps none", () => {
        const cost = costOf([subnet("subnet-0priv", false), template({ subnetId: "subnet-0priv" }), app]);
        assert.deepEqual(addressLines(cost), []);
    });

    it("bill one for an instance its template puts in a subnet that maps one", () => {
        const cost = costOf([subnet("subnet-0pub", true), template({ subnetId: "subnet-0pub" }), app]);
        assert.deepEqual(addressLines(cost), [["app", "public IPv4 address", hourly(VIRGINIA, "ipv4:public")]]);
    });
});

describe("snapshots and AMIs the stack makes", () => {
    // Amazon EBS pricing (aws.amazon.com/ebs/pricing, "Snapshots"): snapshot storage is billed per
    // GB-month of the data stored. EBS User Guide, "How incremental snapshots work": a first
    // snapshot stores the blocks its volume has written, so at most the volume's size, and later
    // ones only what changed. The data stored is not known before it exists, so the bill prices
    // the most it can be: the source's size.
    const upTo = (gb: number) => `snapshot storage, up to ${gb} GB (a first snapshot stores at most its source's size)`;
    const data: TestResource = {
        type: T.ebsVolume,
        name: "data",
        urn: "urn:data",
        props: { availabilityZone: "us-east-1a", size: 20, type: "gp3" },
    };
    const nightly: TestResource = {
        type: "aws:ebs/snapshot:Snapshot",
        name: "nightly",
        urn: "urn:nightly",
        props: { volumeId: UNKNOWN },
        propertyDependencies: { volumeId: ["urn:data"] },
    };
    const snapshotLines = (cost: StackCost) => lines(cost).filter((l) => String(l[1]).startsWith("snapshot storage"));

    it("prices a snapshot of a volume of the stack at most at the volume's size", () => {
        const cost = costOf([data, nightly]);
        assert.deepEqual(snapshotLines(cost), [["nightly", upTo(20), perMonth(VIRGINIA, "ebs:snapshot", 20)]]);
        assert.equal(cost.monthlyUsd, sum(perMonth(VIRGINIA, "ebs:gp3", 20), perMonth(VIRGINIA, "ebs:snapshot", 20)));
    });

    it("prices a copy of that snapshot, and an AMI of an instance at most at its disks' size", () => {
        const cost = costOf([
            data,
            nightly,
            {
                type: "aws:ebs/snapshotCopy:SnapshotCopy",
                name: "offsite",
                props: { sourceSnapshotId: UNKNOWN, sourceRegion: "us-east-1" },
                propertyDependencies: { sourceSnapshotId: ["urn:nightly"] },
            },
            { ...t3Server("web"), urn: "urn:web" },
            {
                type: "aws:ec2/amiFromInstance:AmiFromInstance",
                name: "golden",
                props: { sourceInstanceId: UNKNOWN },
                propertyDependencies: { sourceInstanceId: ["urn:web"] },
            },
        ]);
        assert.deepEqual(snapshotLines(cost), [
            ["nightly", upTo(20), perMonth(VIRGINIA, "ebs:snapshot", 20)],
            ["offsite", upTo(20), perMonth(VIRGINIA, "ebs:snapshot", 20)],
            ["golden", upTo(30), perMonth(VIRGINIA, "ebs:snapshot", 30)],
        ]);
    });

    it("counts in an AMI of an instance the volumes attached to it, which CreateImage snapshots too", () => {
        // EC2 CreateImage: the AMI holds a snapshot of each EBS volume attached to the instance.
        const cost = costOf([
            { ...t3Server("web"), urn: "urn:web" },
            data,
            {
                type: "aws:ec2/volumeAttachment:VolumeAttachment",
                name: "data-attach",
                props: { deviceName: "/dev/sdf", instanceId: UNKNOWN, volumeId: UNKNOWN },
                propertyDependencies: { instanceId: ["urn:web"], volumeId: ["urn:data"] },
            },
            {
                type: "aws:ec2/amiFromInstance:AmiFromInstance",
                name: "golden",
                props: { sourceInstanceId: UNKNOWN },
                propertyDependencies: { sourceInstanceId: ["urn:web"] },
            },
        ]);
        assert.deepEqual(snapshotLines(cost), [["golden", upTo(50), perMonth(VIRGINIA, "ebs:snapshot", 50)]]);
    });

    it("reads the size AWS reports for one that exists, an imported snapshot among them", () => {
        const cost = costOf([
            { type: "aws:ebs/snapshotImport:SnapshotImport", name: "imported", props: { id: "snap-1", volumeSize: 8 } },
        ]);
        assert.deepEqual(snapshotLines(cost), [["imported", upTo(8), perMonth(VIRGINIA, "ebs:snapshot", 8)]]);
    });

    it("names what it cannot size as not counted, and a Region with no snapshot price by the no-price note", () => {
        const copy: TestResource = {
            type: "aws:ec2/amiCopy:AmiCopy",
            name: "copy",
            props: { sourceAmiId: "ami-1", sourceAmiRegion: "us-west-2" },
        };
        const cost = costOf([copy]);
        assert.deepEqual(snapshotLines(cost), [["copy", "snapshot storage, billed per GB stored (not counted)", 0]]);
        assert.equal(cost.atLeast, true);
        assert.ok(
            cost.notes.includes(
                'AMI copy "copy" holds snapshot storage, billed per GB of the data it stores, which is not known before it exists',
            ),
        );
        assert.equal(figure(SEOUL, "ebs:snapshot"), undefined, "the snapshot has no snapshot price in Seoul");
        const seoul = costOf(
            [{ ...data, props: { ...data.props, availabilityZone: "ap-northeast-2a" } }, nightly],
            SEOUL,
        );
        assert.deepEqual(snapshotLines(seoul), [
            ["nightly", "snapshot storage, up to 20 GB (not counted: no price)", 0],
        ]);
        assert.ok(seoul.notes.includes(`no price for ebs:snapshot in ${SEOUL} in the ${SNAPSHOT_DATE} snapshot`));
    });
});
