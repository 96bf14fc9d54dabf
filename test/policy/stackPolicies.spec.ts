import * as assert from "node:assert/strict";
import { freeTierInstanceHours } from "../../policy/policies/freeTierInstanceHours";
import { freeTierStorageTotal } from "../../policy/policies/freeTierStorageTotal";
import { noIdleElasticIp } from "../../policy/policies/noIdleElasticIp";
import { GOOD, T } from "../../testing/policy/fixtures";
import { brief, checkStack, findStack, TestResource, UNKNOWN, withField } from "../../testing/policy/harness";

const CLEAN = { violations: [], couldNotCheck: [] };
const instance = (name: string, props: Record<string, unknown> = {}): TestResource => ({
    type: T.instance,
    name,
    props: { ...GOOD.instance.props, ...props },
});
const volume = (name: string, size: unknown): TestResource => ({
    type: T.ebsVolume,
    name,
    props: { availabilityZone: "ap-northeast-2a", size },
});

describe("free-tier-instance-hours", () => {
    it("allows the guide's one instance", async () => {
        assert.deepEqual(await checkStack(freeTierInstanceHours, [instance("web"), GOOD.securityGroup]), CLEAN);
    });
    it("stops a second instance: two cannot run all month on 750 hours", async () => {
        assert.deepEqual(await checkStack(freeTierInstanceHours, [instance("web"), instance("worker")]), {
            violations: [
                'The stack runs 2 instances (Instance "web", Instance "worker"): up to 1488 instance-hours a month, over the 750 free hours, which keep one instance running all month; run at most 1. [free-tier-instance-hours/over-free-hours]',
            ],
            couldNotCheck: [],
        });
    });
    it("counts spot requests and an Auto Scaling group's desired capacity", async () => {
        const asg = {
            type: T.autoscalingGroup,
            name: "workers",
            props: { minSize: 1, maxSize: 4, desiredCapacity: 2 },
        };
        const { findings } = await findStack(freeTierInstanceHours, [GOOD.spotInstanceRequest, asg]);
        // One spot request and the group's desired capacity of 2.
        assert.deepEqual(findings.map(brief), [["free-tier-instance-hours/over-free-hours", "", [3]]]);
        const verdict = await checkStack(freeTierInstanceHours, [GOOD.spotInstanceRequest, asg]);
        assert.deepEqual(verdict.violations, [
            'The stack runs 3 instances (Spot instance request "web-spot", Auto Scaling group "workers" (2 instances)): up to 2232 instance-hours a month, over the 750 free hours, which keep one instance running all month; run at most 1. [free-tier-instance-hours/over-free-hours]',
        ]);
    });
    it("honours maxInstances", async () => {
        assert.deepEqual(
            await checkStack(freeTierInstanceHours, [instance("a"), instance("b")], { maxInstances: 2 }),
            CLEAN,
        );
    });
    it("waits for an unknown group size", async () => {
        const asg = { type: T.autoscalingGroup, name: "workers", props: { minSize: UNKNOWN } };
        assert.deepEqual(await checkStack(freeTierInstanceHours, [instance("web"), asg]), {
            violations: [],
            couldNotCheck: [
                'Auto Scaling group "workers" minSize is not known yet, so how many instances the stack runs cannot be checked until `pulumi up`',
            ],
        });
    });
});

describe("free-tier-storage-total", () => {
    it("allows the guide's 30 GB", async () => {
        assert.deepEqual(await checkStack(freeTierStorageTotal, [instance("web")]), CLEAN);
    });
    it("stops 30 GB of root plus a 10 GB volume, each fine alone", async () => {
        assert.deepEqual(await checkStack(freeTierStorageTotal, [instance("web"), volume("data", 10)]), {
            violations: [
                'The stack has 40 GB of EBS (Instance "web" 30 GB, EBS volume "data" 10 GB), over the 30 GB the free tier allows across the account; shrink or remove volumes to 30 GB in total. [free-tier-storage-total/over-max-gb]',
            ],
            couldNotCheck: [],
        });
    });
    it("counts an instance with no root device as the AMI's 8 GB", async () => {
        const bare = {
            type: T.instance,
            name: "bare",
            props: withField(GOOD.instance.props, "rootBlockDevice", undefined),
        };
        const { findings } = await findStack(freeTierStorageTotal, [bare, volume("data", 25)]);
        assert.deepEqual(findings.map(brief), [["free-tier-storage-total/over-max-gb", "", [8 + 25]]]);
        const verdict = await checkStack(freeTierStorageTotal, [bare, volume("data", 25)]);
        assert.match(verdict.violations[0], /\(Instance "bare" 8 GB, EBS volume "data" 25 GB\)/);
    });
    it("does not count launch templates, which create no volume themselves", async () => {
        assert.deepEqual(await checkStack(freeTierStorageTotal, [instance("web"), GOOD.launchTemplate]), CLEAN);
    });
    it("reports what known sizes prove despite an unknown one", async () => {
        const stack = [instance("web"), volume("a", UNKNOWN), volume("b", 5)];
        const { findings } = await findStack(freeTierStorageTotal, stack);
        assert.deepEqual(findings.map(brief), [["free-tier-storage-total/over-max-gb", "", [30 + 5]]]);
        const verdict = await checkStack(freeTierStorageTotal, stack);
        assert.match(verdict.violations[0], /^The stack has at least 35 GB of EBS/);
    });
    it("waits for an unknown size that could still fit", async () => {
        assert.deepEqual(await checkStack(freeTierStorageTotal, [volume("a", UNKNOWN)]), {
            violations: [],
            couldNotCheck: [
                'EBS volume "a" size is not known yet, so the stack\'s EBS total against 30 GB cannot be checked until `pulumi up`',
            ],
        });
    });
});

describe("no-idle-elastic-ip", () => {
    const eip = (props: Record<string, unknown>): TestResource => ({
        type: T.eip,
        name: "ip",
        urn: "urn:eip",
        props: { domain: "vpc", ...props },
    });
    const idle =
        'Elastic IP "ip" is attached to no instance, network interface, NAT gateway or load balancer, and AWS bills an idle Elastic IP every hour; set its instance, add an EipAssociation, or remove it. [no-idle-elastic-ip/idle]';

    it("allows an Elastic IP attached to an instance, even one not created yet", async () => {
        assert.deepEqual(await checkStack(noIdleElasticIp, [eip({ instance: "i-1" })]), CLEAN);
        assert.deepEqual(await checkStack(noIdleElasticIp, [eip({ instance: UNKNOWN })]), CLEAN);
    });
    it("allows one attached to a network interface", async () => {
        assert.deepEqual(await checkStack(noIdleElasticIp, [eip({ networkInterface: "eni-1" })]), CLEAN);
    });
    it("warns about one attached to nothing", async () => {
        assert.deepEqual(await checkStack(noIdleElasticIp, [eip({})]), { violations: [idle], couldNotCheck: [] });
        const { findings } = await findStack(noIdleElasticIp, [eip({})]);
        assert.deepEqual(
            findings.map((f) => [f.code, f.urn]),
            [["no-idle-elastic-ip/idle", "urn:eip"]],
        );
    });
    it("allows one that an EipAssociation depends on, though its id is unknown at preview", async () => {
        const association = {
            type: T.eipAssociation,
            name: "assoc",
            props: { allocationId: UNKNOWN, instanceId: "i-1" },
            propertyDependencies: { allocationId: ["urn:eip"] },
        };
        assert.deepEqual(await checkStack(noIdleElasticIp, [eip({}), association]), CLEAN);
    });
    it("allows one an association names by its known allocation id", async () => {
        const association = {
            type: T.eipAssociation,
            name: "assoc",
            props: { allocationId: "eipalloc-1", instanceId: "i-1" },
        };
        assert.deepEqual(await checkStack(noIdleElasticIp, [eip({ id: "eipalloc-1" }), association]), CLEAN);
    });
    it("still warns when an association points at another Elastic IP", async () => {
        const association = {
            type: T.eipAssociation,
            name: "assoc",
            props: { allocationId: "eipalloc-2", instanceId: "i-1" },
        };
        const { findings, couldNotCheck } = await findStack(noIdleElasticIp, [eip({ id: "eipalloc-1" }), association]);
        assert.deepEqual(couldNotCheck, []);
        assert.deepEqual(
            findings.map((f) => [f.code, f.urn]),
            [["no-idle-elastic-ip/idle", "urn:eip"]],
        );
    });
});
