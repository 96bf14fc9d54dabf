/**
 * require-imdsv2 (policy/policies/requireImdsv2.ts), filed by where it decides:
 * - resource part: the resource judge in process (testing/policy/harness.ts).
 * - stack part: the stack judge in process, over a whole stack.
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
import * as imds from "../../policy/policies/requireImdsv2";
import { requireImdsv2 } from "../../policy/policies/requireImdsv2";
import { overTheWire } from "../../testing/policy/engine";
import { GOOD, T } from "../../testing/policy/fixtures";
import { TestResource, UNKNOWN, withField } from "../../testing/policy/harness";
import { changed, clean, instance, resourcePart, stackPart, template, withProps } from "../support/policyBuilders";

describe("require-imdsv2", () => {
    resourcePart(requireImdsv2, ({ verdicts }) => {
        describe("types named elsewhere than an instance", () => {
            verdicts([
                {
                    why: "warns about a launch configuration without a metadata token",
                    resource: changed("launchConfiguration", "metadataOptions.httpTokens", "optional"),
                    violations: [
                        'Launch configuration "web-lc": metadataOptions.httpTokens is "optional", so instance metadata answers without a token; set it to "required" (IMDSv2). [require-imdsv2/tokens-optional]',
                    ],
                },
                {
                    why: "leaves an instance's metadata options to the launch template it names",
                    resource: withProps("instance", {
                        metadataOptions: undefined,
                        launchTemplate: { name: "web-lt" },
                    }),
                },
            ]);
        });

        verdicts([
            {
                why: "warns when tokens are optional",
                resource: changed("instance", "metadataOptions.httpTokens", "optional"),
                findings: [[imds.TOKENS_OPTIONAL, "metadataOptions.httpTokens", ["optional"]]],
            },
            {
                why: "warns about a spot fleet's launch specifications, which cannot set metadata options",
                resource: changed("spotFleetRequest", "launchSpecifications", [
                    { ami: "ami-1", instanceType: "t2.micro" },
                ]),
                findings: [[imds.SPOT_FLEET_NO_OPTIONS, "launchSpecifications", []]],
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

    stackPart(imds.requireImdsv2, ({ verdicts, launches }) => {
        describe("findings: codes, paths and values", () => {
            verdicts([
                {
                    why: "tokens left to the AMI, no account default",
                    stack: [instance("web", { metadataOptions: { httpEndpoint: "enabled" } })],
                    findings: [[imds.TOKENS_NOT_SET, "metadataOptions.httpTokens", []]],
                },
                {
                    why: "tokens left to an account default that does not require them, with its value",
                    stack: [
                        instance("web", { metadataOptions: { httpEndpoint: "enabled" } }),
                        {
                            type: "aws:ec2/instanceMetadataDefaults:InstanceMetadataDefaults",
                            name: "d",
                            props: { httpTokens: "optional" },
                        },
                    ],
                    findings: [[imds.TOKENS_NOT_SET, "metadataOptions.httpTokens", ["optional"]]],
                },
            ]);
        });

        describe("require-imdsv2: the account's instance metadata defaults decide what an instance leaves out", () => {
            const SOURCE = 'EC2 User Guide, "Order of precedence for instance metadata options"';
            const bare: TestResource = {
                type: GOOD.instance.type,
                name: "web",
                props: { ...GOOD.instance.props, metadataOptions: undefined },
            };
            const defaults = (httpTokens: unknown): TestResource => ({
                type: "aws:ec2/instanceMetadataDefaults:InstanceMetadataDefaults",
                name: "account",
                props: { httpTokens, httpEndpoint: "enabled" },
            });
            const NOT_SET =
                'Instance "web": metadataOptions.httpTokens is not set (the AMI decides, often optional), so instance metadata answers without a token; set it to "required" (IMDSv2). [require-imdsv2/tokens-not-set]';
            launches([
                {
                    why: "with no account defaults the AMI decides, often without a token",
                    source: SOURCE,
                    stack: [bare],
                    violations: [NOT_SET],
                },
                {
                    why: "account defaults that require a token cover an instance that sets none",
                    source: SOURCE,
                    stack: [bare, defaults("required")],
                    violations: [],
                },
                {
                    why: "account defaults that do not require one leave it answering without a token",
                    source: SOURCE,
                    stack: [bare, defaults("optional")],
                    violations: [
                        'Instance "web": metadataOptions.httpTokens is not set (the AMI decides, often optional), nor do the account\'s instance metadata defaults (httpTokens "optional"), so instance metadata answers without a token; set it to "required" (IMDSv2). [require-imdsv2/tokens-not-set]',
                    ],
                },
                {
                    why: "an instance's own setting wins over the account's defaults",
                    source: SOURCE,
                    stack: [
                        { ...bare, props: { ...bare.props, metadataOptions: { httpTokens: "required" } } },
                        defaults("optional"),
                    ],
                    violations: [],
                },
                {
                    why: "account defaults not known yet are said, not guessed",
                    source: SOURCE,
                    stack: [bare, defaults(UNKNOWN)],
                    violations: [],
                    couldNotCheck: [
                        'Instance "web" httpTokens is not known yet, so whether instance metadata requires a token cannot be checked until `pulumi up`',
                    ],
                },
            ]);
        });
    });

    overTheWire("require-imdsv2", ({ table, advised }) => {
        describe("an empty string is a setting left out, so EC2 applies its default", () => {
            table([
                {
                    why: 'httpTokens "" is not set, so the AMI decides',
                    stack: [instance("web", { metadataOptions: { httpEndpoint: "enabled", httpTokens: "" } })],
                    expected: [
                        advised(
                            "web",
                            'Instance "web": metadataOptions.httpTokens is not set (the AMI decides, often optional), so instance metadata answers without a token; set it to "required" (IMDSv2). [require-imdsv2/tokens-not-set]',
                        ),
                    ],
                },
            ]);
        });

        describe("launch templates decide what an instance leaves out", () => {
            table([
                {
                    why: "a template named by its known name is found as well as one named by dependency",
                    stack: [
                        template("named-lt", { metadataOptions: { httpTokens: "optional" } }),
                        {
                            type: T.instance,
                            name: "app",
                            props: clean({
                                ...GOOD.instance.props,
                                metadataOptions: undefined,
                                launchTemplate: { name: "named-lt" },
                            }),
                        },
                    ],
                    expected: [
                        advised(
                            "named-lt",
                            'Launch template "named-lt": metadataOptions.httpTokens is "optional", so instance metadata answers without a token; set it to "required" (IMDSv2). [require-imdsv2/tokens-optional]',
                        ),
                    ],
                },
            ]);
        });
    });
});
