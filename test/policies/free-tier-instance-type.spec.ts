/**
 * free-tier-instance-type (policy/policies/freeTierInstanceType.ts), filed by where it decides:
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
import * as assert from "node:assert/strict";
import { PolicyPackProcess } from "../../offline/analyzerClient";
import { checkPolicyConfig } from "../../offline/policyConfig";
import * as instanceType from "../../policy/policies/freeTierInstanceType";
import { freeTierInstanceType } from "../../policy/policies/freeTierInstanceType";
import { overTheWire, PACK_DIR, urnOf } from "../../testing/policy/engine";
import { GOOD, T } from "../../testing/policy/fixtures";
import { findResource, TestResource, UNKNOWN, withField } from "../../testing/policy/harness";
import {
    bareLaunchedFrom,
    changed,
    clean,
    HOURS_PER_MONTH,
    inSeoul,
    instance,
    launchedFrom,
    LEAVES_ALL,
    LEGACY,
    resourcePart,
    selecting,
    SEOUL,
    t3Server,
    template,
    withProps,
} from "../support/policyBuilders";
import { figure, instancePriceText } from "../support/prices";

describe("free-tier-instance-type", () => {
    resourcePart(freeTierInstanceType, ({ verdicts }) => {
        describe("types named elsewhere than an instance", () => {
            verdicts([
                {
                    why: "stops attribute-based selection that names no types: EC2 may choose any",
                    resource: changed("launchTemplate", "instanceRequirements", selecting()),
                    violations: [
                        'Launch template "web-lt" has instanceRequirements with no allowedInstanceTypes, which lets EC2 choose any instance type with those attributes, not only t2.micro; list only t2.micro in instanceRequirements.allowedInstanceTypes. [free-tier-instance-type/any-type]',
                    ],
                    findings: [[instanceType.ANY_TYPE, "instanceRequirements.allowedInstanceTypes", []]],
                },
                {
                    why: "allows attribute-based selection limited to free types",
                    resource: changed("launchTemplate", "instanceRequirements", selecting(["t2.micro"])),
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
                    resource: changed(
                        "spotFleetRequest",
                        "launchTemplateConfigs.0.overrides.0.instanceType",
                        "m5.4xlarge",
                    ),
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

        describe("the legacy plan's t3.micro by the resource's own Region", () => {
            const t3 = changed("instance", "instanceType", "t3.micro");
            verdicts([
                {
                    why: "allows t3.micro whose own region input is eu-north-1",
                    resource: { ...t3, props: { ...t3.props, region: "eu-north-1" } },
                },
                {
                    why: "takes the resource's own region over its provider's",
                    resource: {
                        ...t3,
                        props: { ...t3.props, region: "ap-northeast-2" },
                        provider: { region: "eu-north-1" },
                    },
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

        verdicts([
            {
                why: "stops t3.large, which no plan covers",
                resource: changed("instance", "instanceType", "t3.large"),
                findings: [[instanceType.NOT_ON_PLAN, "instanceType", ["t3.large"]]],
            },
            {
                why: "stops m5.large on the paid plan, outside its allowance",
                resource: changed("instance", "instanceType", "m5.large"),
                config: { plan: "paid-plan" },
                findings: [[instanceType.NOT_ON_PLAN, "instanceType", ["m5.large"]]],
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
                findings: [[instanceType.NOT_FREE_IN_REGION, "instanceType", ["t3.micro"]]],
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
                findings: [[instanceType.NOT_ELIGIBLE, "instanceType", ["t2.micro"]]],
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
                findings: [[instanceType.NOT_ALLOWED, "instanceType", ["t2.micro"]]],
            },
            {
                why: "stops an instance with no type at all",
                resource: changed("instance", "instanceType", undefined),
                violations: [
                    'Instance "web" sets no instanceType and names no launch template, so EC2 launches it as its default type, m1.small, which no free tier covers (or refuses it); set instanceType to t2.micro. [free-tier-instance-type/default-type]',
                ],
                findings: [[instanceType.DEFAULT_TYPE, "instanceType", []]],
            },
            {
                why: "stops a wildcard in allowedInstanceTypes, at its index",
                resource: withProps("launchTemplate", {
                    instanceType: undefined,
                    instanceRequirements: selecting(["t2.micro", "t3.*"]),
                }),
                findings: [[instanceType.TYPE_PATTERN, "instanceRequirements.allowedInstanceTypes[1]", ["t3.*"]]],
            },
            {
                why: "lets a launch template leave the type to its user",
                resource: changed("launchTemplate", "instanceType", undefined),
            },
            {
                why: "waits for an unknown instance type",
                resource: changed("instance", "instanceType", UNKNOWN),
                couldNotCheck: [
                    "instanceType is not known yet, so the instance type cannot be checked until `pulumi up`",
                ],
            },
        ]);

        it("prices the type it refuses, a month on demand in the resource's Region", async () => {
            const { findings } = await findResource(
                instanceType.freeTierInstanceType,
                inSeoul(changed("instance", "instanceType", "t3.large")),
            );
            const hourly = figure(SEOUL, "instance:t3.large");
            assert.ok(hourly !== undefined);
            assert.ok(
                Math.abs(findings[0].monthlyUsd! - hourly * HOURS_PER_MONTH) < 0.01,
                String(findings[0].monthlyUsd),
            );
            // No Region, no price.
            const unpriced = await findResource(
                instanceType.freeTierInstanceType,
                changed("instance", "instanceType", "t3.large"),
            );
            assert.equal(unpriced.findings[0].monthlyUsd, undefined);
        });
    });

    overTheWire("free-tier-instance-type", ({ table, refused, noted }) => {
        describe("an empty string is a setting left out, so EC2 applies its default", () => {
            const lt = template("app-lt");
            table([
                {
                    why: 'an instance whose instanceType is "" takes its launch template\'s type',
                    stack: [lt, bareLaunchedFrom("web", lt, { instanceType: "" })],
                    expected: [],
                },
                {
                    why: 'an instance whose instanceType is "" and that names no launch template launches as m1.small',
                    stack: [instance("web", { instanceType: "" })],
                    expected: [
                        refused(
                            "web",
                            'Instance "web" sets no instanceType and names no launch template, so EC2 launches it as its default type, m1.small, which no free tier covers (or refuses it); set instanceType to t2.micro. [free-tier-instance-type/default-type]',
                        ),
                    ],
                },
            ]);
        });

        describe("allowedInstanceTypes names instance types in any case", () => {
            table([
                {
                    why: "a t3.micro passes when the config lists T3.MICRO",
                    stack: [instance("web", { instanceType: "t3.micro" })],
                    config: { "free-tier-instance-type": { allowedInstanceTypes: ["T3.MICRO"] } },
                    expected: [],
                },
                {
                    why: "a type the config does not list is still refused, named as the program wrote it",
                    stack: [instance("web", { instanceType: "M5.Large" })],
                    config: { "free-tier-instance-type": { allowedInstanceTypes: ["t3.micro"] } },
                    expected: [
                        refused(
                            "web",
                            `Instance "web" has instanceType "M5.Large" (${instancePriceText("m5.large", "ap-northeast-2")}), which is not in allowedInstanceTypes (t3.micro); use t3.micro. [free-tier-instance-type/not-allowed]`,
                        ),
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

        describe("launch templates decide what an instance leaves out", () => {
            /** Instance "app", which sets no type and names a launch template made outside the stack. */
            const onOutsideTemplate = (launchTemplate: Record<string, unknown>): TestResource => ({
                type: T.instance,
                name: "app",
                props: clean({ ...GOOD.instance.props, instanceType: undefined, launchTemplate }),
            });
            const BIG_LT = refused(
                "big-lt",
                `Launch template "big-lt" has instanceType "t3.large" (${instancePriceText("t3.large", "ap-northeast-2")}), which is outside the legacy free tier (t2.micro); use t2.micro. [free-tier-instance-type/not-on-plan]`,
            );
            table([
                {
                    why: "a template's type outside the free tier is reported once, on the template, not again on the instance",
                    stack: [
                        template("big-lt", { instanceType: "t3.large" }),
                        launchedFrom("app", template("big-lt"), {}, LEAVES_ALL),
                    ],
                    expected: [BIG_LT],
                },
                {
                    why: "an instance whose template names no type either is refused: EC2 launches it as m1.small",
                    stack: [
                        template("bare-lt", { instanceType: undefined }),
                        launchedFrom("app", template("bare-lt"), {}, LEAVES_ALL),
                    ],
                    expected: [
                        refused(
                            "app",
                            'Instance "app" sets no instanceType and neither does its Launch template "bare-lt", so EC2 launches it as its default type, m1.small, which no free tier covers (or refuses it); set instanceType to t2.micro on one of them. [free-tier-instance-type/default-type-from-template]',
                        ),
                    ],
                },
                {
                    why: "an instance whose type is not known yet, with a template that names none, is a could-not-check note",
                    stack: [
                        template("bare-lt", { instanceType: undefined }),
                        launchedFrom("app", template("bare-lt"), { instanceType: UNKNOWN }, LEAVES_ALL.slice(1)),
                    ],
                    expected: [
                        noted(
                            "app",
                            "instanceType is not known yet, so the instance type cannot be checked until `pulumi up`",
                        ),
                        noted(
                            "the stack",
                            'Instance "app" instanceType is not known yet, so the instance type cannot be checked until `pulumi up`: if it is left out, its Launch template "bare-lt" names none either',
                        ),
                    ],
                },
                {
                    why: "an instance that names a template made outside the stack is not judged by one it only depends on",
                    stack: [
                        template("big-lt", { instanceType: "t3.large" }),
                        { ...onOutsideTemplate({ name: "shared-lt" }), dependencies: [urnOf(template("big-lt"))] },
                    ],
                    expected: [
                        BIG_LT,
                        noted(
                            "the stack",
                            'Instance "app" launches from launch template "shared-lt" (its launchTemplate), which is not in this stack, so its instance type cannot be checked',
                        ),
                    ],
                },
                {
                    why: "a template made outside the stack is a could-not-check note, not a refusal",
                    stack: [onOutsideTemplate({ id: "lt-0abc" })],
                    expected: [
                        noted(
                            "the stack",
                            'Instance "app" launches from launch template "lt-0abc" (its launchTemplate), which is not in this stack, so its instance type cannot be checked',
                        ),
                    ],
                },
            ]);
        });

        describe("the legacy plan's free type by Region, from the provider", () => {
            const t3 = t3Server("nordic");
            table([
                {
                    why: "t3.micro is free on the legacy plan in Stockholm, which has no t2.micro",
                    stack: [{ ...t3, provider: { region: "eu-north-1" } }],
                    expected: [],
                },
                {
                    why: "t3.micro is refused in Seoul, the stack's aws:region",
                    stack: [t3],
                    expected: [
                        refused(
                            "nordic",
                            `Instance "nordic" has instanceType "t3.micro" (${instancePriceText("t3.micro", "ap-northeast-2")}), which the legacy free tier covers only in Regions that have no t2.micro, and ap-northeast-2 has it; use t2.micro, or add "ap-northeast-2" to legacyT3MicroRegions if AWS lists t3.micro as its free-tier type there. [free-tier-instance-type/not-free-in-region]`,
                        ),
                    ],
                },
                {
                    why: "a provider with no Region is a could-not-check note",
                    stack: [{ ...t3, provider: {} }],
                    expected: [
                        noted(
                            "nordic",
                            "its Region is set neither on it nor on its provider (aws:region), so whether the legacy free tier covers t3.micro in its Region cannot be checked",
                        ),
                    ],
                },
                {
                    why: "legacyT3MicroRegions adds a Region",
                    stack: [{ ...t3, provider: { region: "me-south-1" } }],
                    config: { "free-tier-instance-type": { legacyT3MicroRegions: ["eu-north-1", "me-south-1"] } },
                    expected: [],
                },
            ]);
        });
    });
});
