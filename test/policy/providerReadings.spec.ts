/**
 * Values read as the AWS provider reads them before it calls EC2, through the real Analyzer
 * protocol. An optional string set to "" is sent as nothing (the provider's `v != ""` and
 * GetOk checks), so EC2's default applies: a T3 with cpuCredits "" is unlimited, a device with
 * volumeType "" takes the AMI's (free) type, an instance with instanceType "" takes its launch
 * template's, or EC2's m1.small when it has none.
 */
import { packTables } from "../../testing/policy/engine";
import { instance, template, volume } from "../support/policyBuilders";

describe("free-tier-guard reads values as the AWS provider does, through the Analyzer protocol", function () {
    this.timeout(60000);
    const table = packTables();

    describe("an empty string is a setting left out, so EC2 applies its default", () => {
        table([
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
        ]);
    });
});
