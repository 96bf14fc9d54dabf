/**
 * The plan's lines as a user reads them: which way a rule lets traffic go, the rules a group
 * gets from separate resources, a group named as a rule's peer, and the size of every disk.
 */
import * as assert from "node:assert/strict";
import { PlannedResource, PreviewReport } from "../../offline/preview";
import { keyInputs, Plan, renderText } from "../../offline/render";
import {
    AUTOSCALING_GROUP,
    EBS_VOLUME,
    INSTANCE,
    LAUNCH_CONFIGURATION,
    LAUNCH_TEMPLATE,
    RDS_INSTANCE,
    SECURITY_GROUP,
    SECURITY_GROUP_RULE,
    VOLUME_ATTACHMENT,
    VPC_EGRESS_RULE,
} from "../../testing/types";

const UNKNOWN = "(known after up)";

function resource(
    type: string,
    name: string,
    inputs: Record<string, unknown>,
    propertyDependencies: Record<string, string[]> = {},
): PlannedResource {
    return {
        urn: `urn:${name}`,
        type,
        name,
        parent: "",
        operation: "create",
        remote: false,
        inputs,
        propertyDependencies,
    };
}

/** The key inputs of `subject` in a plan of `subject` and `others`. */
function line(subject: PlannedResource, ...others: PlannedResource[]): string[] {
    return keyInputs(subject, new Plan([subject, ...others]));
}

const SG = SECURITY_GROUP;

describe("the plan's lines", () => {
    it("says egress rules go to their peers, ingress rules come from theirs", () => {
        const web = resource(SG, "web", {
            ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }],
            egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"] }],
        });
        assert.deepEqual(line(web), ["ingress: tcp 443 from 0.0.0.0/0 | egress: all traffic to 0.0.0.0/0, ::/0"]);
    });

    it("shows the rules a group gets from separate resources, and names the group another rule comes from", () => {
        const bastion = resource(SG, "bastion", {});
        const app = resource(SG, "app", {
            egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["10.0.0.0/8"] }],
        });
        const fromBastion = resource(
            SECURITY_GROUP_RULE,
            "ssh-from-bastion",
            {
                type: "ingress",
                protocol: "tcp",
                fromPort: 22,
                toPort: 22,
                securityGroupId: UNKNOWN,
                sourceSecurityGroupId: UNKNOWN,
            },
            { securityGroupId: ["urn:app"], sourceSecurityGroupId: ["urn:bastion"] },
        );
        const https = resource(
            VPC_EGRESS_RULE,
            "https-out",
            { ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "0.0.0.0/0", securityGroupId: UNKNOWN },
            { securityGroupId: ["urn:app"] },
        );
        assert.deepEqual(line(app, bastion, fromBastion, https), [
            'egress: all traffic to 10.0.0.0/8 | rule resources: ingress tcp 22 from group "bastion" ("ssh-from-bastion"); egress tcp 443 to 0.0.0.0/0 ("https-out")',
        ]);
        assert.deepEqual(line(fromBastion, app, bastion), ['ingress: tcp 22 from group "bastion" (group "app")']);
        assert.deepEqual(line(bastion, app, fromBastion), ["ingress: none"]);
    });

    it("names inline group peers through the list's dependencies, and a group's own id as written", () => {
        const lb = resource(SG, "lb", {});
        const app = resource(
            SG,
            "app",
            {
                ingress: [
                    { protocol: "tcp", fromPort: 8080, toPort: 8080, securityGroups: [UNKNOWN] },
                    { protocol: "tcp", fromPort: 9000, toPort: 9000, securityGroups: ["sg-0123"], self: true },
                ],
            },
            { ingress: ["urn:lb"] },
        );
        assert.deepEqual(line(app, lb), ['ingress: tcp 8080 from group "lb"; tcp 9000 from group sg-0123, itself']);
    });

    it("gives every disk its size: an attached volume, an instance's EBS devices, a volume sized by its snapshot", () => {
        const data = resource(EBS_VOLUME, "data", {
            size: 100,
            type: "gp3",
            availabilityZone: "ap-northeast-2a",
        });
        const web = resource(INSTANCE, "web", {
            instanceType: "t2.micro",
            rootBlockDevice: { volumeSize: 20, volumeType: "gp3" },
            ebsBlockDevices: [
                { deviceName: "/dev/sdf", volumeSize: 50, volumeType: "gp2", encrypted: true },
                { deviceName: "/dev/sdg", volumeSize: 10, encrypted: true },
            ],
        });
        const attachment = resource(
            VOLUME_ATTACHMENT,
            "data-on-web",
            { deviceName: "/dev/sdh", volumeId: UNKNOWN, instanceId: UNKNOWN },
            { volumeId: ["urn:data"], instanceId: ["urn:web"] },
        );
        const restored = resource(EBS_VOLUME, "restored", {
            snapshotId: "snap-0123",
            availabilityZone: "ap-northeast-2a",
        });
        assert.deepEqual(line(data), ["100 GB gp3", "availabilityZone=ap-northeast-2a"]);
        assert.deepEqual(line(web), [
            "instanceType=t2.micro",
            "root=20 GB gp3",
            "/dev/sdf=50 GB gp2 encrypted",
            "/dev/sdg=10 GB encrypted",
        ]);
        assert.deepEqual(line(attachment, data, web), ['volume "data" (100 GB gp3) on instance "web" as /dev/sdh']);
        assert.deepEqual(line(restored), ["snapshot snap-0123's size", "availabilityZone=ap-northeast-2a"]);
    });

    it("shows what launch templates and configurations start, and names the template an instance or group starts from", () => {
        const template = resource(LAUNCH_TEMPLATE, "web", {
            instanceType: "t3.small",
            imageId: "ami-0123",
            disableApiTermination: false,
            blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volumeSize: 40, volumeType: "gp3" } }],
        });
        const fromTemplate = resource(
            INSTANCE,
            "web-1",
            { launchTemplate: { id: UNKNOWN, version: "$Latest" } },
            { launchTemplate: ["urn:web"] },
        );
        const group = resource(
            AUTOSCALING_GROUP,
            "web-asg",
            { minSize: 1, maxSize: 3, desiredCapacity: 2, launchTemplate: { id: UNKNOWN } },
            { launchTemplate: ["urn:web"] },
        );
        const legacy = resource(LAUNCH_CONFIGURATION, "ecs", {
            enableMonitoring: true,
            imageId: "ami-0456",
            instanceType: "t3a.small",
            ebsBlockDevices: [{ deviceName: "/dev/xvdcz", volumeSize: 50, volumeType: "gp2" }],
        });
        const legacyGroup = resource(
            AUTOSCALING_GROUP,
            "ecs-asg",
            { minSize: 1, maxSize: 2, launchConfiguration: UNKNOWN },
            { launchConfiguration: ["urn:ecs"] },
        );
        const db = resource(RDS_INSTANCE, "db", {
            allocatedStorage: 20,
            applyImmediately: false,
            engine: "postgres",
            instanceClass: "db.t3.micro",
        });
        assert.deepEqual(line(template), ["instanceType=t3.small", "imageId=ami-0123", "/dev/xvda=40 GB gp3"]);
        assert.deepEqual(line(fromTemplate, template), [
            'launch template "web"',
            "root=launch template's or AMI default",
        ]);
        assert.deepEqual(line(group, template), [
            "minSize=1",
            "desiredCapacity=2",
            "maxSize=3",
            'launch template "web"',
        ]);
        assert.deepEqual(line(legacy), [
            "instanceType=t3a.small",
            "imageId=ami-0456",
            "root=AMI default",
            "/dev/xvdcz=50 GB gp2",
        ]);
        assert.deepEqual(line(legacyGroup, legacy), ["minSize=1", "maxSize=2", 'launch configuration "ecs"']);
        assert.deepEqual(line(db), ["engine=postgres", "instanceClass=db.t3.micro", "allocatedStorage=20"]);
    });

    it("leaves out the engine's own inputs, such as a dynamic provider's serialized code", () => {
        const label = resource("pulumi-nodejs:dynamic:Resource", "label", {
            __provider: "exports.handler = __f0; var __provider = {create: ...}",
            prefix: "web",
        });
        assert.deepEqual(line(label), ["prefix=web"]);
    });

    it("names a component passed as an input by its class and name, where the engine has its URN", () => {
        const cluster = resource("eks:index:Cluster", "prod", {});
        const nodes = resource("eks:index:NodeGroupV2", "nodes", { cluster: "urn:prod", instanceType: "t3.medium" });
        assert.deepEqual(line(nodes, cluster), ['cluster=Cluster "prod"', "instanceType=t3.medium"]);
    });
});

describe("the report as text", () => {
    const report: PreviewReport = {
        project: "shop",
        stack: "dev",
        program: ".",
        sdk: { version: "3.276.0", dir: "node_modules/@pulumi/pulumi" },
        region: { name: "eu-west-1", from: "config" },
        maskedConfig: [],
        maskedConfigWhy: "",
        escEnvironments: ["acme/aws-dev"],
        policyPack: { name: "free-tier-guard", version: "0.1.0", startupMs: 1 },
        policies: [],
        resources: [
            { ...resource("pulumi:pulumi:Stack", "shop-dev", {}), urn: "urn:stack" },
            { ...resource("eks:index:NodeGroup", "spot", {}), parent: "urn:stack" },
        ],
        outputs: { subnetIds: [UNKNOWN, UNKNOWN], name: "shop", token: "[secret]", tags: { Name: UNKNOWN } },
        diagnostics: [
            { severity: "warning", message: "NodeGroup is deprecated", urn: "urn:spot" },
            { severity: "warning", message: "the program's own warning", urn: "" },
        ],
        verdicts: [],
        totals: { resources: 2, mandatory: 0, advisory: 0, "could-not-check": 0, acknowledged: 0 },
        cost: {
            monthlyUsd: 0,
            atLeast: false,
            currency: "USD",
            snapshot: "2026-12-01",
            hoursPerMonth: 730,
            items: [],
            plan: "free-plan",
            creditsUsd: 100,
            creditMonths: null,
            months: 6,
            notes: [],
            unverified: [],
        },
        timings: { programMs: 1, analysisMs: 1 },
        exitCode: 0,
    };
    const text = renderText(report);
    /** The `count` lines under a heading line of the text, such as "Outputs:". */
    const under = (heading: string, count: number): string[] => {
        const lines = text.split("\n");
        const at = lines.indexOf(heading);
        assert.ok(at >= 0, `the text has a line "${heading}"`);
        return lines.slice(at + 1, at + 1 + count);
    };

    it("says in its header which ESC environments were not opened", () => {
        assert.equal(
            text.split("\n")[2],
            "ESC environments: acme/aws-dev, not opened (only Pulumi Cloud opens them): the config they give is missing here",
        );
    });

    it("shows unknown and secret values as bare markers, inside lists and maps too", () => {
        assert.deepEqual(under("Outputs:", 4), [
            "    subnetIds: [(known after up),(known after up)]",
            '    name: "shop"',
            "    token: [secret]",
            '    tags: {"Name":(known after up)}',
        ]);
    });

    it("says which resource a program diagnostic is about", () => {
        assert.deepEqual(under("Program diagnostics:", 2), [
            '  warning: eks:index:NodeGroup "spot": NodeGroup is deprecated',
            "  warning: the program's own warning",
        ]);
    });
});
