import * as assert from "node:assert/strict";
import { freeTierCpuCredits } from "../../policy/policies/freeTierCpuCredits";
import { freeTierInstanceType } from "../../policy/policies/freeTierInstanceType";
import { freeTierStorage } from "../../policy/policies/freeTierStorage";
import { nameTagRequired } from "../../policy/policies/nameTagRequired";
import { noDetailedMonitoring } from "../../policy/policies/noDetailedMonitoring";
import { requireImdsv2 } from "../../policy/policies/requireImdsv2";
import { GOOD } from "../../testing/policy/fixtures";
import { formatFinding } from "../../policy/lib/finding";
import { brief, checkResource, findResource, TestResource, UNKNOWN, withField } from "../../testing/policy/harness";
import { instancePriceText } from "../support/prices";

const CLEAN = { violations: [], couldNotCheck: [] };

/** `GOOD[key]` with one field changed. */
function changed(key: string, path: string, value: unknown): TestResource {
    return { ...GOOD[key], props: withField(GOOD[key].props, path, value) };
}

interface Case {
    readonly why: string;
    readonly resource: TestResource;
    readonly config?: Record<string, unknown>;
    readonly violations?: string[];
    /** The findings as code, field path and values, in the order reported. */
    readonly findings?: [string, string, unknown[]][];
    readonly couldNotCheck?: string[];
}

function table(policy: Parameters<typeof checkResource>[0] & Parameters<typeof findResource>[0], cases: Case[]): void {
    for (const c of cases) {
        it(c.why, async () => {
            const verdict = await checkResource(policy, c.resource, c.config);
            const found = await findResource(policy, c.resource, c.config);
            if (c.violations) {
                assert.deepEqual(verdict.violations, c.violations);
            }
            if (c.findings) {
                assert.deepEqual(found.findings.map(brief), c.findings);
            }
            if (!c.violations && !c.findings) {
                assert.deepEqual(verdict.violations, []);
            }
            assert.deepEqual(verdict.couldNotCheck, c.couldNotCheck ?? []);
            // What the SDK is told is each finding, formatted.
            assert.deepEqual(verdict.violations, found.findings.map(formatFinding));
            assert.deepEqual(found.couldNotCheck, verdict.couldNotCheck);
        });
    }
}

describe("every resource policy passes every happy-path fixture", () => {
    for (const policy of [
        freeTierInstanceType,
        freeTierStorage,
        nameTagRequired,
        freeTierCpuCredits,
        noDetailedMonitoring,
        requireImdsv2,
    ]) {
        for (const key of Object.keys(GOOD)) {
            it(`${policy.name} on ${key}`, async () => {
                assert.deepEqual(await checkResource(policy, GOOD[key]), CLEAN);
            });
        }
    }
});

describe("free-tier-instance-type", () => {
    table(freeTierInstanceType, [
        {
            why: "stops t3.large, which no plan covers",
            resource: changed("instance", "instanceType", "t3.large"),
            findings: [["free-tier-instance-type/not-on-plan", "instanceType", ["t3.large"]]],
        },
        {
            why: "stops a free-plan type on the legacy plan and says which plan covers it",
            resource: changed("spotInstanceRequest", "instanceType", "t4g.small"),
            violations: [
                `Spot instance request "web-spot" has instanceType "t4g.small" (no price: its Region is not known), which is outside the legacy free tier (t2.micro); use t2.micro, or set plan "free-plan" if your account is on that plan. [free-tier-instance-type/not-on-plan]`,
            ],
        },
        {
            why: "explains t3.micro on the legacy plan in a Region that has t2.micro",
            resource: {
                ...changed("launchTemplate", "instanceType", "t3.micro"),
                provider: { region: "ap-northeast-2" },
            },
            violations: [
                `Launch template "web-lt" has instanceType "t3.micro" (${instancePriceText("t3.micro", "ap-northeast-2")}), which the legacy free tier covers only in Regions that have no t2.micro, and ap-northeast-2 has it; use t2.micro, or add "ap-northeast-2" to legacyT3MicroRegions if AWS lists t3.micro as its free-tier type there. [free-tier-instance-type/not-free-in-region]`,
            ],
        },
        {
            why: "allows t3.micro on the free plan",
            resource: changed("instance", "instanceType", "t3.micro"),
            config: { plan: "free-plan" },
        },
        {
            why: "stops t2.micro on the free plan",
            resource: GOOD.instance,
            config: { plan: "free-plan" },
            violations: [
                `Instance "web" has instanceType "t2.micro" ${"(no price: its Region is not known)"}; the free plan launches only t3.micro, t3.small, t4g.micro, t4g.small, c7i-flex.large, m7i-flex.large (EC2 refuses the rest as not eligible for the Free Tier); use t3.micro or t3.small or t4g.micro or t4g.small or c7i-flex.large or m7i-flex.large, or set plan "paid-plan" if your account is on the paid plan. [free-tier-instance-type/not-eligible]`,
            ],
        },
        {
            why: "lets allowedInstanceTypes replace the plan's list",
            resource: changed("instance", "instanceType", "t3.micro"),
            config: { allowedInstanceTypes: ["t3.micro"] },
        },
        {
            why: "holds allowedInstanceTypes strictly",
            resource: GOOD.instance,
            config: { allowedInstanceTypes: ["t3.micro"] },
            violations: [
                `Instance "web" has instanceType "t2.micro" (no price: its Region is not known), which is not in allowedInstanceTypes (t3.micro); use t3.micro. [free-tier-instance-type/not-allowed]`,
            ],
        },
        {
            why: "stops an instance with no type at all",
            resource: changed("instance", "instanceType", undefined),
            violations: [
                'Instance "web" sets no instanceType and names no launch template, so EC2 launches it as its default type, m1.small, which no free tier covers (or refuses it); set instanceType to t2.micro. [free-tier-instance-type/default-type]',
            ],
        },
        {
            why: "lets a launch template leave the type to its user",
            resource: changed("launchTemplate", "instanceType", undefined),
        },
        {
            why: "waits for an unknown instance type",
            resource: changed("instance", "instanceType", UNKNOWN),
            couldNotCheck: ["instanceType is not known yet, so the instance type cannot be checked until `pulumi up`"],
        },
    ]);
});

describe("free-tier-storage", () => {
    table(freeTierStorage, [
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
            findings: [["free-tier-storage/kept-after-instance", "ebsBlockDevices[0].deleteOnTermination", [false]]],
        },
        {
            why: 'stops a launch template mapping kept after termination ("false" as the provider types it)',
            resource: changed("launchTemplate", "blockDeviceMappings.0.ebs.deleteOnTermination", "false"),
            findings: [
                ["free-tier-storage/kept-after-instance", "blockDeviceMappings[0].ebs.deleteOnTermination", ["false"]],
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

describe("name-tag-required", () => {
    table(nameTagRequired, [
        {
            why: "stops an instance without tags",
            resource: changed("instance", "tags", undefined),
            findings: [["name-tag-required/missing", "", []]],
        },
        {
            why: "stops an empty Name",
            resource: changed("instance", "tags.Name", "   "),
            findings: [["name-tag-required/missing", "tags.Name", ["   "]]],
        },
        {
            why: "stops a lowercase name key (keys are case-sensitive)",
            resource: changed("instance", "tags", { name: "web" }),
            violations: [
                'Instance "web" has no usable Name tag: it has a "name" tag in tags, but tag keys are case-sensitive: the key must be "Name"; set tags.Name in its tags (or the provider\'s defaultTags). [name-tag-required/missing]',
            ],
        },
        {
            why: "stops a spot request named only by its own tags, which stay on the request (terraform aws_spot_instance_request tags)",
            resource: changed("spotInstanceRequest", "launchTemplate", undefined),
            violations: [
                'Spot instance request "web-spot" has no usable Name tag: its tags stay on the spot request, not on the instance it launches; set tags.Name in the tagSpecifications entry with resourceType "instance" of a launch template it launches from. [name-tag-required/missing]',
            ],
        },
        {
            why: "accepts a Name from the provider's defaultTags (as the SDK sends it, JSON)",
            resource: {
                ...changed("instance", "tags", undefined),
                provider: { region: "ap-northeast-2", defaultTags: JSON.stringify({ tags: { Name: "web" } }) },
            },
        },
        {
            why: "accepts a Name from defaultTags as an object",
            resource: {
                ...changed("instance", "tags", { Project: "x" }),
                provider: { defaultTags: { tags: { Name: "web" } } },
            },
        },
        {
            why: "leaves a launch template with no Name for its instances to the stack, which sees who launches from it",
            resource: {
                ...changed("launchTemplate", "tagSpecifications", [{ resourceType: "volume", tags: { Name: "disk" } }]),
                props: {
                    ...withField(GOOD.launchTemplate.props, "tagSpecifications", [
                        { resourceType: "volume", tags: { Name: "disk" } },
                    ]),
                    tags: { Name: "template" },
                },
            },
        },
        {
            why: "waits for an unknown Name",
            resource: changed("instance", "tags.Name", UNKNOWN),
            couldNotCheck: ["tags.Name is not known yet, so its Name tag cannot be checked until `pulumi up`"],
        },
        {
            why: "passes an unknown tag map when defaultTags already name it",
            resource: { ...changed("instance", "tags", UNKNOWN), provider: { defaultTags: { tags: { Name: "web" } } } },
        },
    ]);
});

describe("free-tier-cpu-credits", () => {
    table(freeTierCpuCredits, [
        {
            why: "stops explicit unlimited credits on a launch template",
            resource: changed("launchTemplate", "creditSpecification.cpuCredits", "unlimited"),
            findings: [["free-tier-cpu-credits/unlimited", "creditSpecification.cpuCredits", ["unlimited"]]],
        },
        ...["instance", "spotInstanceRequest"].map((key) => ({
            why: `leaves the credits of ${key} to the stack, which also sees what AWS reports once it exists`,
            resource: changed(key, "creditSpecification.cpuCredits", "unlimited"),
        })),
        {
            why: "leaves a t3.micro with no credit setting to the stack, where the account default is seen",
            resource: {
                ...GOOD.instance,
                props: {
                    ...withField(GOOD.instance.props, "creditSpecification", undefined),
                    instanceType: "t3.micro",
                },
            },
        },
        {
            why: "allows a t2.micro with no credit setting (T2 defaults to standard)",
            resource: changed("instance", "creditSpecification", undefined),
        },
        {
            why: "allows a non-burstable flex type with no credit setting",
            resource: {
                ...GOOD.instance,
                props: {
                    ...withField(GOOD.instance.props, "creditSpecification", undefined),
                    instanceType: "m7i-flex.large",
                },
            },
        },
        {
            why: "waits for an unknown credit mode",
            resource: changed("launchTemplate", "creditSpecification.cpuCredits", UNKNOWN),
            couldNotCheck: [
                "creditSpecification.cpuCredits is not known yet, so its CPU credit mode cannot be checked until `pulumi up`",
            ],
        },
    ]);
});

describe("no-detailed-monitoring", () => {
    table(noDetailedMonitoring, [
        {
            why: "warns about monitoring on an instance",
            resource: changed("instance", "monitoring", true),
            findings: [["no-detailed-monitoring/on", "monitoring", [true]]],
        },
        {
            why: "warns about monitoring.enabled on a launch template",
            resource: changed("launchTemplate", "monitoring.enabled", true),
            findings: [["no-detailed-monitoring/on", "monitoring.enabled", [true]]],
        },
    ]);
});

describe("require-imdsv2", () => {
    table(requireImdsv2, [
        {
            why: "warns when tokens are optional",
            resource: changed("instance", "metadataOptions.httpTokens", "optional"),
            findings: [["require-imdsv2/tokens-optional", "metadataOptions.httpTokens", ["optional"]]],
        },
        {
            why: "leaves an instance that sets no metadata options to the stack part, where the account's defaults decide",
            resource: {
                ...GOOD.spotInstanceRequest,
                props: withField(
                    withField(GOOD.spotInstanceRequest.props, "metadataOptions", undefined),
                    "launchTemplate",
                    undefined,
                ),
            },
            // Left out, the account's instance metadata defaults decide, which only the stack part
            // sees (test/policy/howAwsLaunches.spec.ts).
            violations: [],
        },
        {
            why: "allows metadata turned off altogether",
            resource: changed("launchTemplate", "metadataOptions", { httpEndpoint: "disabled" }),
        },
    ]);
});
