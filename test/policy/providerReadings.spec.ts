/**
 * Values read as the AWS provider reads them before it calls EC2, through the real Analyzer
 * protocol. An optional string set to "" is sent as nothing (the provider's `v != ""` and
 * GetOk checks), so EC2's default applies: a T3 with cpuCredits "" is unlimited, a device with
 * volumeType "" takes the AMI's (free) type, an instance with instanceType "" takes its launch
 * template's, or EC2's m1.small when it has none.
 */
import * as assert from "node:assert/strict";
import { PolicyPackProcess } from "../../offline/analyzerClient";
import { checkPolicyConfig } from "../../offline/policyConfig";
import { note, PACK_DIR, packTables, urnOf } from "../../testing/policy/engine";
import { GOOD, T } from "../../testing/policy/fixtures";
import { TestResource, UNKNOWN } from "../../testing/policy/harness";
import { instancePriceText } from "../support/prices";

const FREE_PLAN = { "free-tier-instance-type": { plan: "free-plan" } };

function instance(name: string, props: Record<string, unknown> = {}): TestResource {
    return { type: T.instance, name, props: { ...GOOD.instance.props, ...props } };
}
function template(name: string, props: Record<string, unknown> = {}): TestResource {
    return { ...GOOD.launchTemplate, name, props: { ...GOOD.launchTemplate.props, name, ...props } };
}
function volume(name: string, props: Record<string, unknown>): TestResource {
    return { type: T.ebsVolume, name, props: { availabilityZone: "ap-northeast-2a", size: 8, ...props } };
}
/** An instance that names a launch template by its (unknown) id, as at preview. */
function launchedFrom(name: string, lt: TestResource, props: Record<string, unknown>): TestResource {
    return {
        type: T.instance,
        name,
        props: { tags: { Name: name }, launchTemplate: { id: UNKNOWN }, ...props },
        propertyDependencies: { launchTemplate: [urnOf(lt)] },
    };
}

describe("free-tier-guard reads values as the AWS provider does, through the Analyzer protocol", function () {
    this.timeout(60000);
    const table = packTables();

    describe("an empty string is a setting left out, so EC2 applies its default", () => {
        const lt = template("app-lt");
        table([
            {
                why: 'a T3 whose cpuCredits is "" launches in unlimited mode, as one that sets none',
                stack: [instance("web", { instanceType: "t3.micro", creditSpecification: { cpuCredits: "" } })],
                policies: ["free-tier-cpu-credits"],
                config: FREE_PLAN,
                expected: [
                    [
                        "free-tier-cpu-credits",
                        "mandatory",
                        "web",
                        'Instance "web" is a t3.micro, which launches with "unlimited" CPU credits and bills surplus credits; set creditSpecification.cpuCredits to "standard". [free-tier-cpu-credits/unlimited-by-default]',
                    ],
                ],
            },
            {
                why: 'a launch template of T3s whose cpuCredits is "" launches them in unlimited mode',
                stack: [template("t3-lt", { instanceType: "t3.micro", creditSpecification: { cpuCredits: "" } })],
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
                why: 'a root device whose volumeType is "" takes the AMI\'s type, which the free tier covers',
                stack: [
                    instance("web", { rootBlockDevice: { volumeSize: 8, volumeType: "", deleteOnTermination: true } }),
                ],
                policies: ["free-tier-storage", "free-tier-storage-total"],
                expected: [],
            },
            {
                why: 'an EBS volume whose type is "" is gp2, which the free tier covers',
                stack: [volume("data", { type: "" })],
                policies: ["free-tier-storage", "free-tier-storage-total"],
                expected: [],
            },
            {
                why: 'a launch template device whose volumeType is "" takes the AMI\'s type',
                stack: [
                    template("disk-lt", {
                        blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volumeSize: 8, volumeType: "" } }],
                    }),
                ],
                policies: ["free-tier-storage", "free-tier-storage-total"],
                expected: [],
            },
            {
                why: 'an instance whose instanceType is "" takes its launch template\'s type',
                stack: [lt, launchedFrom("web", lt, { instanceType: "" })],
                policies: ["free-tier-instance-type"],
                expected: [],
            },
            {
                why: 'an instance whose instanceType is "" and that names no launch template launches as m1.small',
                stack: [instance("web", { instanceType: "" })],
                policies: ["free-tier-instance-type"],
                expected: [
                    [
                        "free-tier-instance-type",
                        "mandatory",
                        "web",
                        'Instance "web" sets no instanceType and names no launch template, so EC2 launches it as its default type, m1.small, which no free tier covers (or refuses it); set instanceType to t2.micro. [free-tier-instance-type/default-type]',
                    ],
                ],
            },
            {
                why: 'httpTokens "" is not set, so the AMI decides',
                stack: [instance("web", { metadataOptions: { httpEndpoint: "enabled", httpTokens: "" } })],
                policies: ["require-imdsv2"],
                expected: [
                    [
                        "require-imdsv2",
                        "advisory",
                        "web",
                        'Instance "web": metadataOptions.httpTokens is not set (the AMI decides, often optional), so instance metadata answers without a token; set it to "required" (IMDSv2). [require-imdsv2/tokens-not-set]',
                    ],
                ],
            },
        ]);
    });

    describe("a size of 0 is a size left out, so the AMI or snapshot decides it", () => {
        table([
            {
                why: "a root device of volumeSize 0 is the AMI's 8 GB, counted in the stack's total",
                stack: [
                    instance("web", {
                        rootBlockDevice: { volumeSize: 0, volumeType: "gp3", deleteOnTermination: true },
                    }),
                    volume("data", { size: 25, type: "gp3" }),
                ],
                policies: ["free-tier-storage", "free-tier-storage-total"],
                expected: [
                    [
                        "free-tier-storage-total",
                        "mandatory",
                        "the stack",
                        'The stack has 33 GB of EBS (Instance "web" 8 GB, EBS volume "data" 25 GB), over the 30 GB the free tier allows across the account; shrink or remove volumes to 30 GB in total. [free-tier-storage-total/over-max-gb]',
                    ],
                ],
            },
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
                policies: ["free-tier-storage"],
                expected: [
                    note(
                        "free-tier-storage",
                        "snap-lt",
                        'blockDeviceMappings[0].ebs takes its size from snapshot "snap-0123", so its EBS size against the 30 GB limit cannot be checked',
                    ),
                ],
            },
        ]);
    });

    describe("a credit mode in any case is that mode", () => {
        table([
            {
                why: 'cpuCredits "Unlimited" on a t2.micro is refused like "unlimited"',
                stack: [instance("web", { creditSpecification: { cpuCredits: "Unlimited" } })],
                policies: ["free-tier-cpu-credits"],
                expected: [
                    [
                        "free-tier-cpu-credits",
                        "mandatory",
                        "web",
                        'Instance "web" has creditSpecification.cpuCredits "Unlimited", which bills surplus CPU credits; set it to "standard". [free-tier-cpu-credits/unlimited]',
                    ],
                ],
            },
            {
                why: 'cpuCredits "Standard" on a T3 keeps it standard',
                stack: [instance("web", { instanceType: "t3.micro", creditSpecification: { cpuCredits: "Standard" } })],
                policies: ["free-tier-cpu-credits"],
                config: FREE_PLAN,
                expected: [],
            },
            {
                why: 'an account default of "UNLIMITED" is refused like "unlimited"',
                stack: [
                    {
                        type: T.defaultCreditSpecification,
                        name: "t2-default",
                        props: { instanceFamily: "t2", cpuCredits: "UNLIMITED" },
                    },
                ],
                policies: ["free-tier-cpu-credits"],
                expected: [
                    [
                        "free-tier-cpu-credits",
                        "mandatory",
                        "t2-default",
                        'Default credit specification "t2-default" sets cpuCredits "UNLIMITED" for every t2 instance the account launches in its Region without its own credit setting, which bills surplus CPU credits; set it to "standard". [free-tier-cpu-credits/account-default-unlimited]',
                    ],
                ],
            },
        ]);
    });

    describe("allowedInstanceTypes names instance types in any case", () => {
        table([
            {
                why: "a t3.micro passes when the config lists T3.MICRO",
                stack: [instance("web", { instanceType: "t3.micro" })],
                policies: ["free-tier-instance-type"],
                config: { "free-tier-instance-type": { allowedInstanceTypes: ["T3.MICRO"] } },
                expected: [],
            },
            {
                why: "a type the config does not list is still refused, named as the program wrote it",
                stack: [instance("web", { instanceType: "M5.Large" })],
                policies: ["free-tier-instance-type"],
                config: { "free-tier-instance-type": { allowedInstanceTypes: ["t3.micro"] } },
                expected: [
                    [
                        "free-tier-instance-type",
                        "mandatory",
                        "web",
                        `Instance "web" has instanceType "M5.Large" (${instancePriceText("m5.large", "ap-northeast-2")}), which is not in allowedInstanceTypes (t3.micro); use t3.micro. [free-tier-instance-type/not-allowed]`,
                    ],
                ],
            },
        ]);

        it("an empty allowedInstanceTypes, which would refuse every instance, is refused before the preview", async () => {
            const pack = await PolicyPackProcess.start(PACK_DIR);
            try {
                const info = await pack.getAnalyzerInfo();
                assert.throws(
                    () => checkPolicyConfig({ "free-tier-instance-type": { allowedInstanceTypes: [] } }, info),
                    /allowedInstanceTypes/,
                );
            } finally {
                await pack.stop();
            }
        });
    });

    describe("a resource being created is judged in the stack by what the program set, not by its planned outputs", () => {
        // At preview the engine sends AnalyzeStack the provider's planned outputs: what AWS
        // computes is unknown there (an instance's root device when the program leaves it out),
        // and the id of a resource being created is not known yet.
        const plain = instance("web", { rootBlockDevice: undefined });
        delete plain.props.rootBlockDevice;
        const planned = { ...plain.props, rootBlockDevice: UNKNOWN, ebsBlockDevices: UNKNOWN, id: UNKNOWN };
        table([
            {
                why: "an instance that leaves its root device to the AMI counts its 8 GB in the stack's total",
                stack: [{ ...plain, outputs: planned }, volume("data", { size: 25, type: "gp3" })],
                policies: ["free-tier-storage-total"],
                expected: [
                    [
                        "free-tier-storage-total",
                        "mandatory",
                        "the stack",
                        'The stack has 33 GB of EBS (Instance "web" 8 GB, EBS volume "data" 25 GB), over the 30 GB the free tier allows across the account; shrink or remove volumes to 30 GB in total. [free-tier-storage-total/over-max-gb]',
                    ],
                ],
            },
            {
                why: "an instance that exists is judged by what AWS reports for it",
                stack: [
                    {
                        ...plain,
                        outputs: {
                            ...plain.props,
                            id: "i-0123",
                            rootBlockDevice: { volumeSize: 20, volumeType: "gp3", deleteOnTermination: true },
                        },
                    },
                    volume("data", { size: 25, type: "gp3" }),
                ],
                policies: ["free-tier-storage-total"],
                expected: [
                    [
                        "free-tier-storage-total",
                        "mandatory",
                        "the stack",
                        'The stack has 45 GB of EBS (Instance "web" 20 GB, EBS volume "data" 25 GB), over the 30 GB the free tier allows across the account; shrink or remove volumes to 30 GB in total. [free-tier-storage-total/over-max-gb]',
                    ],
                ],
            },
        ]);
    });

    describe("the stack's EBS total names what it could not add", () => {
        table([
            {
                why: "a volume whose size is not known yet is named as such, not as 0 GB",
                stack: [instance("web"), volume("logs", { size: 10, type: "gp3" }), volume("later", { size: UNKNOWN })],
                policies: ["free-tier-storage-total"],
                expected: [
                    [
                        "free-tier-storage-total",
                        "mandatory",
                        "the stack",
                        'The stack has at least 40 GB of EBS (Instance "web" 30 GB, EBS volume "logs" 10 GB, EBS volume "later" size not known yet), over the 30 GB the free tier allows across the account; shrink or remove volumes to 30 GB in total. [free-tier-storage-total/over-max-gb]',
                    ],
                ],
            },
        ]);
    });
});
