/**
 * free-tier-storage-total (policy/policies/freeTierStorageTotal.ts), filed by where it decides:
 * - stack part: the stack judge in process, over a whole stack.
 * - over the wire: the built pack through the real Analyzer protocol, Analyze then AnalyzeStack
 *   with the property dependencies the engine records, each case listing every diagnostic of
 *   the policies it names.
 * Resources that already exist are read as AWS reports them: a same step keeps the old outputs
 * (pulumi/pulumi pkg/resource/deploy/step.go, `SameStep.Apply`: `s.new.Outputs = s.old.Outputs`),
 * and Analyze still gets the program's inputs.
 * How AWS launches: each such case cites the AWS documentation or the provider source it
 * follows (docs/free-tier.md, "How AWS launches").
 * Findings as data: each main kind of finding asserted by its code, field path and offending
 * values, not by its prose (test/policy/goldenMessages.spec.ts holds one exact message per policy).
 * Builders and table runners shared with other specs: test/support/policyBuilders.ts.
 */
import * as assert from "node:assert/strict";
import * as storageTotal from "../../policy/policies/freeTierStorageTotal";
import { freeTierStorageTotal } from "../../policy/policies/freeTierStorageTotal";
import { overTheWire } from "../../testing/policy/engine";
import { GOOD, T } from "../../testing/policy/fixtures";
import { brief, checkStack, findStack, TestResource, UNKNOWN, withField } from "../../testing/policy/harness";
import {
    appOnTemplate,
    attachedDevice,
    attachment,
    cited,
    clean,
    data,
    dependsOn,
    EBS_STATE,
    existing,
    instance,
    LaunchCase,
    scalingGroup,
    sizedVolume,
    stackPart,
    template,
    total,
    VERSIONS,
    volume,
    web,
    withAttachedData,
} from "../support/policyBuilders";

/** Launch template "app-lt" of a 25 GB gp3 root, as the stack shows it: its latest version. */
const lt = (props: Record<string, unknown> = {}): TestResource =>
    template("app-lt", {
        blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volumeSize: 25, volumeType: "gp3" } }],
        ...props,
    });

/** Instance "app", which leaves its root device to the launch template it names. */
const server = (launchTemplate: Record<string, unknown>): TestResource => ({
    type: T.instance,
    name: "app",
    props: clean({ ...GOOD.instance.props, rootBlockDevice: undefined, launchTemplate }),
});

describe("free-tier-storage-total", () => {
    stackPart(storageTotal.freeTierStorageTotal, ({ verdicts, launches }) => {
        describe("findings: codes, paths and values", () => {
            verdicts([
                {
                    why: "30 GB of root and a 10 GB volume: the total",
                    stack: [
                        instance("web"),
                        { type: T.ebsVolume, name: "data", props: { availabilityZone: "a", size: 10 } },
                    ],
                    findings: [[storageTotal.OVER_MAX_GB_TOTAL, "", [40]]],
                },
            ]);
        });

        describe("how AWS launches: the launch template version an instance or group names", () => {
            /** Every case here follows the page on launch template versions. */
            const fromVersions = (cases: Omit<LaunchCase, "source">[]): LaunchCase[] =>
                cases.map((c) => ({ ...c, source: VERSIONS }));
            /** The template as it exists: AWS's state, its latest version 3 and its default 1. */
            const existingLt = (props: Record<string, unknown> = {}) =>
                lt({ id: "lt-0app", latestVersion: 3, defaultVersion: 1, ...props });
            /** Instance "app" launching `version` of the existing template, and the stack's 10 GB volume. */
            const onExisting = (version: string | undefined, ltProps: Record<string, unknown> = {}) => [
                existingLt(ltProps),
                server({ id: "lt-0app", ...(version !== undefined && { version }) }),
                data,
            ];
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
            launches(
                fromVersions([
                    {
                        why: "$Latest launches the settings the stack shows",
                        stack: onExisting("$Latest"),
                        violations: [OVER],
                    },
                    {
                        why: "$Default of a template that exists, its default older than its latest, cannot be checked",
                        stack: onExisting("$Default"),
                        couldNotCheck: [DEFAULT_UNSEEN()],
                    },
                    {
                        why: "a version left unset is $Default",
                        stack: onExisting(undefined),
                        couldNotCheck: [DEFAULT_UNSEEN("launchTemplate, which sets no version: $Default")],
                    },
                    {
                        why: "$Default is the latest when the template updates its default version",
                        stack: onExisting("$Default", { updateDefaultVersion: true }),
                        violations: [OVER],
                    },
                    {
                        why: "$Default is the latest when AWS reports them the same",
                        stack: onExisting("$Default", { defaultVersion: 3 }),
                        violations: [OVER],
                    },
                    {
                        why: "$Default of a template being created is its first version, the one the stack shows",
                        stack: [lt(), server({ name: "app-lt", version: "$Default" }), data],
                        violations: [OVER],
                    },
                    {
                        why: "a version number that is the template's latest launches what the stack shows",
                        stack: onExisting("3"),
                        violations: [OVER],
                    },
                    {
                        why: "an older version number cannot be checked",
                        stack: onExisting("2"),
                        couldNotCheck: [
                            unseen("2", "launchTemplate.version", "while the stack shows its latest version (3)"),
                        ],
                    },
                    {
                        why: "a version number whose template's latest is not known yet cannot be checked",
                        stack: onExisting("3", { latestVersion: UNKNOWN }),
                        couldNotCheck: [
                            unseen(
                                "3",
                                "launchTemplate.version",
                                "while the stack shows its latest version (not known yet)",
                            ),
                        ],
                    },
                    {
                        why: "version 1 of a template being created is the one the stack shows",
                        stack: [lt(), server({ name: "app-lt", version: 1 }), data],
                        violations: [OVER],
                    },
                    {
                        why: "a version not known yet is said, not guessed",
                        stack: [existingLt(), server({ id: "lt-0app", version: UNKNOWN }), data],
                        couldNotCheck: [
                            'Instance "app" launchTemplate.version is not known yet, so the stack\'s EBS total against 30 GB cannot be checked until `pulumi up`',
                        ],
                    },
                ]),
            );
            const workers = (version: unknown): TestResource =>
                scalingGroup({
                    minSize: 2,
                    maxSize: 2,
                    desiredCapacity: 2,
                    launchTemplate: { id: "lt-0app", version },
                });
            launches(
                fromVersions([
                    {
                        why: "a group's $Latest launches the template's 25 GB root on each instance",
                        stack: [existingLt(), workers("$Latest")],
                        violations: [
                            'The stack has 50 GB of EBS (Auto Scaling group "workers" 50 GB (2 instances × 25 GB)), over the 30 GB the free tier allows across the account; shrink or remove volumes to 30 GB in total. [free-tier-storage-total/over-max-gb]',
                        ],
                    },
                    {
                        why: "a group's $Default of an existing template cannot be checked",
                        stack: [existingLt(), workers("$Default")],
                        violations: [],
                        couldNotCheck: [
                            `Auto Scaling group "workers": it launches version "$Default" of Launch template "app-lt" (its launchTemplate.version), its default version, while the stack shows its latest (updateDefaultVersion is not set), so the stack's EBS total against 30 GB cannot be checked`,
                        ],
                    },
                ]),
            );
        });

        verdicts([
            { why: "allows the guide's 30 GB", stack: [instance("web")] },
            {
                why: "stops 30 GB of root plus a 10 GB volume, each fine alone",
                stack: [instance("web"), sizedVolume("data", 10)],
                violations: [
                    'The stack has 40 GB of EBS (Instance "web" 30 GB, EBS volume "data" 10 GB), over the 30 GB the free tier allows across the account; shrink or remove volumes to 30 GB in total. [free-tier-storage-total/over-max-gb]',
                ],
            },
            {
                why: "does not count launch templates, which create no volume themselves",
                stack: [instance("web"), GOOD.launchTemplate],
            },
            {
                why: "waits for an unknown size that could still fit",
                stack: [sizedVolume("a", UNKNOWN)],
                couldNotCheck: [
                    'EBS volume "a" size is not known yet, so the stack\'s EBS total against 30 GB cannot be checked until `pulumi up`',
                ],
            },
        ]);
        it("counts an instance with no root device as the AMI's 8 GB", async () => {
            const bare = {
                type: T.instance,
                name: "bare",
                props: withField(GOOD.instance.props, "rootBlockDevice", undefined),
            };
            const { findings } = await findStack(freeTierStorageTotal, [bare, sizedVolume("data", 25)]);
            assert.deepEqual(findings.map(brief), [["free-tier-storage-total/over-max-gb", "", [8 + 25]]]);
            const verdict = await checkStack(freeTierStorageTotal, [bare, sizedVolume("data", 25)]);
            assert.match(verdict.violations[0], /\(Instance "bare" 8 GB, EBS volume "data" 25 GB\)/);
        });
        it("reports what known sizes prove despite an unknown one", async () => {
            const stack = [instance("web"), sizedVolume("a", UNKNOWN), sizedVolume("b", 5)];
            const { findings } = await findStack(freeTierStorageTotal, stack);
            assert.deepEqual(findings.map(brief), [["free-tier-storage-total/over-max-gb", "", [30 + 5]]]);
            const verdict = await checkStack(freeTierStorageTotal, stack);
            assert.match(verdict.violations[0], /^The stack has at least 35 GB of EBS/);
        });
    });

    overTheWire("free-tier-storage-total", ({ table, refused, noted }) => {
        describe("an existing instance's ebsBlockDevices include the volumes attached to it", () => {
            table(
                cited([
                    {
                        why: "the total over 30 GB names the volume once, as itself",
                        source: EBS_STATE,
                        stack: withAttachedData(25),
                        expected: [total('33 GB of EBS (Instance "web" 8 GB, EBS volume "data" 25 GB)')],
                    },
                    {
                        why: "a volume being replaced is the one its attachment names: the old one AWS still reports on the instance is not counted again",
                        source: EBS_STATE,
                        stack: [
                            existing(web, "i-0123", { ebsBlockDevices: [attachedDevice("vol-0old", 20)] }),
                            data(20),
                            {
                                ...attachment("vol-0old"),
                                props: { deviceName: "/dev/sdf", instanceId: "i-0123", volumeId: UNKNOWN },
                                propertyDependencies: dependsOn({ volumeId: [data(20)] }),
                            },
                        ],
                        expected: [],
                    },
                    {
                        why: "a volume attached from outside the stack still counts on the instance",
                        source: EBS_STATE,
                        stack: [existing(web, "i-0123", { ebsBlockDevices: [attachedDevice("vol-0else", 25)] })],
                        expected: [total('33 GB of EBS (Instance "web" 33 GB)')],
                    },
                ]),
            );
        });

        describe("an existing launch template shows its latest version", () => {
            const READ_LATEST =
                "terraform-provider-aws internal/service/ec2/ec2_launch_template.go: resourceLaunchTemplateRead reads the latest version; resourceLaunchTemplateUpdate makes a new version the default only with update_default_version";
            /** The template as AWS reports it (latest version 2, default 1), instance "app" launching `version` of it, and a 10 GB volume. */
            const launching = (version: string) => [
                existing(lt(), "lt-0app", { latestVersion: 2, defaultVersion: 1 }),
                server({ id: "lt-0app", version }),
                data(10),
            ];
            table(
                cited([
                    {
                        why: "an instance that launches its $Default, older than its latest, is a could-not-check note, not a pass",
                        source: READ_LATEST,
                        stack: launching("$Default"),
                        expected: [
                            noted(
                                "the stack",
                                `Instance "app": it launches version "$Default" of Launch template "app-lt" (its launchTemplate.version), its default version, while the stack shows its latest (updateDefaultVersion is not set), so the stack's EBS total against 30 GB cannot be checked`,
                            ),
                        ],
                    },
                    {
                        why: "an instance that launches its $Latest gets the template's 25 GB root",
                        source: READ_LATEST,
                        stack: launching("$Latest"),
                        expected: [total('35 GB of EBS (Instance "app" 25 GB, EBS volume "data" 10 GB)')],
                    },
                ]),
            );
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
                    expected: [
                        refused(
                            "the stack",
                            'The stack has 33 GB of EBS (Instance "web" 8 GB, EBS volume "data" 25 GB), over the 30 GB the free tier allows across the account; shrink or remove volumes to 30 GB in total. [free-tier-storage-total/over-max-gb]',
                        ),
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
                    expected: [
                        refused(
                            "the stack",
                            'The stack has 45 GB of EBS (Instance "web" 20 GB, EBS volume "data" 25 GB), over the 30 GB the free tier allows across the account; shrink or remove volumes to 30 GB in total. [free-tier-storage-total/over-max-gb]',
                        ),
                    ],
                },
            ]);
        });

        describe("the stack's EBS total names what it could not add", () => {
            table([
                {
                    why: "a volume whose size is not known yet is named as such, not as 0 GB",
                    stack: [
                        instance("web"),
                        volume("logs", { size: 10, type: "gp3" }),
                        volume("later", { size: UNKNOWN }),
                    ],
                    expected: [
                        refused(
                            "the stack",
                            'The stack has at least 40 GB of EBS (Instance "web" 30 GB, EBS volume "logs" 10 GB, EBS volume "later" size not known yet), over the 30 GB the free tier allows across the account; shrink or remove volumes to 30 GB in total. [free-tier-storage-total/over-max-gb]',
                        ),
                    ],
                },
            ]);
        });

        describe("launch templates decide what an instance leaves out", () => {
            table([
                {
                    why: "the stack total counts the template's 25 GB root, not the AMI's 8 GB",
                    stack: [
                        ...appOnTemplate({
                            blockDeviceMappings: [
                                { deviceName: "/dev/xvda", ebs: { volumeSize: 25, volumeType: "gp3" } },
                            ],
                        }),
                        { ...GOOD.ebsVolume, props: { ...GOOD.ebsVolume.props, size: 6 } },
                    ],
                    expected: [
                        refused(
                            "the stack",
                            'The stack has 31 GB of EBS (Instance "app" 25 GB, EBS volume "data" 6 GB), over the 30 GB the free tier allows across the account; shrink or remove volumes to 30 GB in total. [free-tier-storage-total/over-max-gb]',
                        ),
                    ],
                },
                {
                    why: "the stack total counts a template's root mapping set without a size as the AMI's 8 GB, not 0",
                    stack: [
                        ...appOnTemplate({
                            blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volumeType: "gp3" } }],
                        }),
                        { ...GOOD.ebsVolume, props: { ...GOOD.ebsVolume.props, size: 25 } },
                    ],
                    expected: [
                        refused(
                            "the stack",
                            'The stack has 33 GB of EBS (Instance "app" 8 GB, EBS volume "data" 25 GB), over the 30 GB the free tier allows across the account; shrink or remove volumes to 30 GB in total. [free-tier-storage-total/over-max-gb]',
                        ),
                    ],
                },
            ]);
        });
    });
});
