/**
 * free-tier-cpu-credits (policy/policies/freeTierCpuCredits.ts), filed by where it decides:
 * - resource part: the resource judge in process (testing/policy/harness.ts).
 * - stack part: the stack judge in process, over a whole stack.
 * - over the wire: the built pack through the real Analyzer protocol, Analyze then AnalyzeStack
 *   with the property dependencies the engine records, each case listing every diagnostic of
 *   the policies it names.
 * Findings as data: each main kind of finding asserted by its code, field path and offending
 * values, not by its prose (test/policy/goldenMessages.spec.ts holds one exact message per policy).
 * Builders and table runners shared with other specs: test/support/policyBuilders.ts.
 */
import * as credits from "../../policy/policies/freeTierCpuCredits";
import { freeTierCpuCredits } from "../../policy/policies/freeTierCpuCredits";
import { Line, overTheWire } from "../../testing/policy/engine";
import { GOOD, T } from "../../testing/policy/fixtures";
import { UNKNOWN } from "../../testing/policy/harness";
import {
    appOnTemplate,
    changed,
    FREE_PLAN,
    instance,
    launchedFrom,
    LEAVES_ALL,
    LEAVES_OWN_CREDITS,
    resourcePart,
    selecting,
    stackPart,
    t3Server,
    template,
    withProps,
} from "../support/policyBuilders";

describe("free-tier-cpu-credits", () => {
    resourcePart(freeTierCpuCredits, ({ verdicts }) => {
        describe("account-wide defaults", () => {
            verdicts([
                {
                    why: "stops an account default of Unlimited in any case, at its cpuCredits as written",
                    resource: changed("defaultCreditSpecification", "cpuCredits", "Unlimited"),
                    findings: [[credits.ACCOUNT_DEFAULT_UNLIMITED, "cpuCredits", ["Unlimited"]]],
                },
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

        verdicts([
            {
                why: "stops explicit unlimited credits on a launch template",
                resource: changed("launchTemplate", "creditSpecification.cpuCredits", "unlimited"),
                findings: [[credits.UNLIMITED, "creditSpecification.cpuCredits", ["unlimited"]]],
            },
            ...["instance", "spotInstanceRequest"].map((key) => ({
                why: `leaves the credits of ${key} to the stack, which also sees what AWS reports once it exists`,
                resource: changed(key, "creditSpecification.cpuCredits", "unlimited"),
            })),
            {
                why: "leaves a t3.micro with no credit setting to the stack, where the account default is seen",
                resource: withProps("instance", {
                    creditSpecification: undefined,
                    instanceType: "t3.micro",
                }),
            },
            {
                why: "allows a t2.micro with no credit setting (T2 defaults to standard)",
                resource: changed("instance", "creditSpecification", undefined),
            },
            {
                why: "allows a non-burstable flex type with no credit setting",
                resource: withProps("instance", {
                    creditSpecification: undefined,
                    instanceType: "m7i-flex.large",
                }),
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

    stackPart(credits.freeTierCpuCredits, ({ verdicts }) => {
        describe("findings: codes, paths and values", () => {
            verdicts([
                {
                    why: "a t3.micro left at its unlimited default, at its instanceType",
                    stack: [instance("web", { instanceType: "t3.micro", creditSpecification: undefined })],
                    findings: [[credits.UNLIMITED_BY_DEFAULT, "instanceType", ["t3.micro"]]],
                },
                {
                    why: "an instance set to unlimited",
                    stack: [
                        instance("web", { instanceType: "t3.micro", creditSpecification: { cpuCredits: "unlimited" } }),
                    ],
                    findings: [[credits.UNLIMITED, "creditSpecification.cpuCredits", ["unlimited"]]],
                },
            ]);
        });
    });

    overTheWire("free-tier-cpu-credits", ({ table, refused, noted }) => {
        describe("an empty string is a setting left out, so EC2 applies its default", () => {
            table([
                {
                    why: 'a T3 whose cpuCredits is "" launches in unlimited mode, as one that sets none',
                    stack: [instance("web", { instanceType: "t3.micro", creditSpecification: { cpuCredits: "" } })],
                    config: FREE_PLAN,
                    expected: [
                        refused(
                            "web",
                            'Instance "web" is a t3.micro, which launches with "unlimited" CPU credits and bills surplus credits; set creditSpecification.cpuCredits to "standard". [free-tier-cpu-credits/unlimited-by-default]',
                        ),
                    ],
                },
                {
                    why: 'a launch template of T3s whose cpuCredits is "" launches them in unlimited mode',
                    stack: [template("t3-lt", { instanceType: "t3.micro", creditSpecification: { cpuCredits: "" } })],
                    config: FREE_PLAN,
                    expected: [
                        refused(
                            "t3-lt",
                            'Launch template "t3-lt" starts t3.micro instances, which launch with "unlimited" CPU credits and bill surplus credits; set creditSpecification.cpuCredits to "standard". [free-tier-cpu-credits/unlimited-by-default]',
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
                    expected: [
                        refused(
                            "web",
                            'Instance "web" has creditSpecification.cpuCredits "Unlimited", which bills surplus CPU credits; set it to "standard". [free-tier-cpu-credits/unlimited]',
                        ),
                    ],
                },
                {
                    why: 'cpuCredits "Standard" on a T3 keeps it standard',
                    stack: [
                        instance("web", { instanceType: "t3.micro", creditSpecification: { cpuCredits: "Standard" } }),
                    ],
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
                    expected: [
                        refused(
                            "t2-default",
                            'Default credit specification "t2-default" sets cpuCredits "UNLIMITED" for every t2 instance the account launches in its Region without its own credit setting, which bills surplus CPU credits; set it to "standard". [free-tier-cpu-credits/account-default-unlimited]',
                        ),
                    ],
                },
            ]);
        });

        describe("launch templates decide what an instance leaves out", () => {
            table([
                {
                    why: "an instance's own t3.micro with a template that sets no credit mode bills surplus credits, reported on the instance",
                    stack: [
                        ...appOnTemplate({ creditSpecification: undefined }, { instanceType: "t3.micro" }, [
                            "creditSpecification",
                        ]),
                    ],
                    config: FREE_PLAN,
                    expected: [
                        refused(
                            "app",
                            'Instance "app" is a t3.micro, which launches with "unlimited" CPU credits and bills surplus credits; neither it nor its Launch template "app-lt" sets a credit mode: set creditSpecification.cpuCredits to "standard" on one of them. [free-tier-cpu-credits/unlimited-by-default]',
                        ),
                    ],
                },
            ]);
        });

        describe("CPU credits across the stack", () => {
            const t3 = t3Server("t3-box", { creditSpecification: undefined });
            const t3Template = template("t3-lt", { instanceType: "t3.micro", creditSpecification: undefined });
            const t3TemplateRefusal: Line = refused(
                "t3-lt",
                'Launch template "t3-lt" starts t3.micro instances, which launch with "unlimited" CPU credits and bill surplus credits; set creditSpecification.cpuCredits to "standard". [free-tier-cpu-credits/unlimited-by-default]',
            );
            /** An instance from the T3 template that sets its own standard credits. */
            const ownStandard = launchedFrom(
                "app",
                t3Template,
                { creditSpecification: { cpuCredits: "standard" } },
                LEAVES_OWN_CREDITS,
            );
            table([
                {
                    why: "a T3 template that sets no credit mode passes when every instance from it sets its own",
                    stack: [t3Template, ownStandard],
                    config: FREE_PLAN,
                    expected: [],
                },
                {
                    why: "a T3 template that sets no credit mode is refused once when one instance from it sets none",
                    stack: [t3Template, ownStandard, launchedFrom("worker", t3Template, {}, LEAVES_ALL)],
                    config: FREE_PLAN,
                    expected: [t3TemplateRefusal],
                },
                {
                    why: "an instance that sets unlimited on a T3 template that sets none is refused on the instance",
                    stack: [
                        t3Template,
                        launchedFrom(
                            "app",
                            t3Template,
                            { creditSpecification: { cpuCredits: "unlimited" } },
                            LEAVES_OWN_CREDITS,
                        ),
                    ],
                    config: FREE_PLAN,
                    expected: [
                        refused(
                            "app",
                            'Instance "app" has creditSpecification.cpuCredits "unlimited", which bills surplus CPU credits; set it to "standard". [free-tier-cpu-credits/unlimited]',
                        ),
                    ],
                },
                {
                    why: "a t3.micro left at AWS's default bills surplus credits",
                    stack: [t3],
                    config: FREE_PLAN,
                    expected: [
                        refused(
                            "t3-box",
                            'Instance "t3-box" is a t3.micro, which launches with "unlimited" CPU credits and bills surplus credits; set creditSpecification.cpuCredits to "standard". [free-tier-cpu-credits/unlimited-by-default]',
                        ),
                    ],
                },
                {
                    why: "an account default of standard for t3 keeps it standard",
                    stack: [t3, GOOD.defaultCreditSpecification],
                    config: FREE_PLAN,
                    expected: [],
                },
                {
                    why: "an unlimited default for t2 is reported once, on the default, not on every t2 it reaches",
                    stack: [
                        GOOD.instance,
                        {
                            ...GOOD.defaultCreditSpecification,
                            props: { instanceFamily: "t2", cpuCredits: "unlimited" },
                        },
                    ],
                    expected: [
                        refused(
                            "t3-default",
                            'Default credit specification "t3-default" sets cpuCredits "unlimited" for every t2 instance the account launches in its Region without its own credit setting, which bills surplus CPU credits; set it to "standard". [free-tier-cpu-credits/account-default-unlimited]',
                        ),
                    ],
                },
                {
                    why: "an instance's own unlimited credits are reported once, by the stack part",
                    stack: [{ ...t3, props: { ...t3.props, creditSpecification: { cpuCredits: "unlimited" } } }],
                    config: FREE_PLAN,
                    expected: [
                        refused(
                            "t3-box",
                            'Instance "t3-box" has creditSpecification.cpuCredits "unlimited", which bills surplus CPU credits; set it to "standard". [free-tier-cpu-credits/unlimited]',
                        ),
                    ],
                },
                {
                    why: "a t3.micro that exists reads back unlimited from AWS though the program left the mode out: reported",
                    stack: [
                        {
                            ...t3,
                            outputs: { ...t3.props, id: "i-0123", creditSpecification: { cpuCredits: "unlimited" } },
                        },
                    ],
                    config: FREE_PLAN,
                    expected: [
                        refused(
                            "t3-box",
                            'Instance "t3-box" has creditSpecification.cpuCredits "unlimited", which bills surplus CPU credits; set it to "standard". [free-tier-cpu-credits/unlimited]',
                        ),
                    ],
                },
                {
                    why: "an instance that exists, launched from a template reported for the same credits, is not reported again",
                    stack: [
                        template("t3-lt", { instanceType: "t3.micro", creditSpecification: undefined }),
                        {
                            ...launchedFrom("app", template("t3-lt"), {}, LEAVES_ALL),
                            outputs: {
                                ...launchedFrom("app", template("t3-lt"), {}, LEAVES_ALL).props,
                                id: "i-0123",
                                instanceType: "t3.micro",
                                creditSpecification: { cpuCredits: "unlimited" },
                            },
                        },
                    ],
                    config: FREE_PLAN,
                    expected: [
                        refused(
                            "t3-lt",
                            'Launch template "t3-lt" starts t3.micro instances, which launch with "unlimited" CPU credits and bill surplus credits; set creditSpecification.cpuCredits to "standard". [free-tier-cpu-credits/unlimited-by-default]',
                        ),
                    ],
                },
                {
                    why: "an instance's credit mode not known yet is a could-not-check note",
                    stack: [{ ...t3, props: { ...t3.props, creditSpecification: { cpuCredits: UNKNOWN } } }],
                    config: FREE_PLAN,
                    expected: [
                        noted(
                            "the stack",
                            'Instance "t3-box" creditSpecification.cpuCredits is not known yet, so its CPU credit mode cannot be checked until `pulumi up`',
                        ),
                    ],
                },
                {
                    why: "burstable types a template's attribute-based selection includes launch unlimited when it sets no credit mode",
                    stack: [
                        template("abs-lt", {
                            instanceType: undefined,
                            creditSpecification: undefined,
                            instanceRequirements: selecting(["t3.micro"], { burstablePerformance: "included" }),
                        }),
                    ],
                    config: FREE_PLAN,
                    expected: [
                        refused(
                            "abs-lt",
                            'Launch template "abs-lt" instanceRequirements.allowedInstanceTypes[0] starts t3.micro instances, which launch with "unlimited" CPU credits and bill surplus credits; set creditSpecification.cpuCredits to "standard". [free-tier-cpu-credits/unlimited-by-default]',
                        ),
                    ],
                },
                {
                    why: "an Auto Scaling group override's attribute-based selection takes its template's missing credit mode",
                    stack: [
                        template("web-lt", { creditSpecification: undefined }),
                        {
                            ...GOOD.autoscalingGroup,
                            props: {
                                minSize: 1,
                                maxSize: 1,
                                mixedInstancesPolicy: {
                                    launchTemplate: {
                                        launchTemplateSpecification: { launchTemplateName: "web-lt" },
                                        overrides: [
                                            {
                                                instanceRequirements: selecting(["t4g.micro"], {
                                                    burstablePerformance: "required",
                                                }),
                                            },
                                        ],
                                    },
                                },
                            },
                        },
                    ],
                    config: FREE_PLAN,
                    expected: [
                        refused(
                            "web-asg",
                            'Auto Scaling group "web-asg" mixedInstancesPolicy.launchTemplate.overrides[0].instanceRequirements.allowedInstanceTypes[0] starts t4g.micro instances, which launch with "unlimited" CPU credits and bill surplus credits; its Launch template "web-lt" sets no credit mode: set creditSpecification.cpuCredits to "standard" there. [free-tier-cpu-credits/unlimited-by-default]',
                        ),
                    ],
                },
                {
                    why: "attribute-based selection that leaves burstable types out, as EC2 does by default, launches no T3",
                    stack: [
                        template("abs-lt", {
                            instanceType: undefined,
                            creditSpecification: undefined,
                            instanceRequirements: selecting(["t3.micro"]),
                        }),
                    ],
                    config: FREE_PLAN,
                    expected: [],
                },
                {
                    why: "a default for another Region does not apply",
                    stack: [t3, { ...GOOD.defaultCreditSpecification, provider: { region: "eu-north-1" } }],
                    config: FREE_PLAN,
                    expected: [
                        refused(
                            "t3-box",
                            'Instance "t3-box" is a t3.micro, which launches with "unlimited" CPU credits and bills surplus credits; set creditSpecification.cpuCredits to "standard". [free-tier-cpu-credits/unlimited-by-default]',
                        ),
                    ],
                },
            ]);
        });
    });
});
