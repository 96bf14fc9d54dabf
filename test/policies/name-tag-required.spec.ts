/**
 * name-tag-required (policy/policies/nameTagRequired.ts), filed by where it decides:
 * - resource part: the resource judge in process (testing/policy/harness.ts).
 * - stack part: the stack judge in process, over a whole stack.
 * - over the wire: the built pack through the real Analyzer protocol, Analyze then AnalyzeStack
 *   with the property dependencies the engine records, each case listing every diagnostic of
 *   the policies it names.
 * How AWS launches: each such case cites the AWS documentation or the provider source it
 * follows (docs/free-tier.md, "How AWS launches").
 * Findings as data: each main kind of finding asserted by its code, field path and offending
 * values, not by its prose (test/policy/goldenMessages.spec.ts holds one exact message per policy).
 * Builders and table runners shared with other specs: test/support/policyBuilders.ts.
 */
import * as nameTag from "../../policy/policies/nameTagRequired";
import { nameTagRequired } from "../../policy/policies/nameTagRequired";
import { Line, overTheWire, urnOf } from "../../testing/policy/engine";
import { GOOD, T } from "../../testing/policy/fixtures";
import { TestResource, UNKNOWN, withField } from "../../testing/policy/harness";
import {
    changed,
    dependsOn,
    launchedFrom,
    LEAVES_ALL,
    PROPAGATE,
    resourcePart,
    scalingGroup,
    SPOT_TAGS,
    stackPart,
    template,
} from "../support/policyBuilders";

describe("name-tag-required", () => {
    resourcePart(nameTagRequired, ({ verdicts }) => {
        verdicts([
            {
                why: 'stops a Name of "", at tags.Name',
                resource: changed("instance", "tags.Name", ""),
                findings: [[nameTag.MISSING, "tags.Name", [""]]],
            },
            {
                why: "stops a look-alike key, at that key",
                resource: changed("instance", "tags", { NAME: "web" }),
                findings: [[nameTag.MISSING, "tags.NAME", ["NAME"]]],
            },
            {
                why: "stops an instance without tags, at no field",
                resource: changed("instance", "tags", undefined),
                findings: [[nameTag.MISSING, "", []]],
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
                    ...changed("launchTemplate", "tagSpecifications", [
                        { resourceType: "volume", tags: { Name: "disk" } },
                    ]),
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
                resource: {
                    ...changed("instance", "tags", UNKNOWN),
                    provider: { defaultTags: { tags: { Name: "web" } } },
                },
            },
        ]);
    });

    stackPart(nameTag.nameTagRequired, ({ verdicts, launches }) => {
        describe("findings: codes, paths and values", () => {
            verdicts([
                {
                    why: "a launch template that names the instances of a server that does not name itself",
                    stack: [
                        {
                            ...GOOD.launchTemplate,
                            props: withField(GOOD.launchTemplate.props, "tagSpecifications", []),
                        },
                        {
                            type: T.instance,
                            name: "from-lt",
                            props: {
                                ...withField(GOOD.instance.props, "tags", undefined),
                                launchTemplate: { id: UNKNOWN },
                            },
                            propertyDependencies: { launchTemplate: [urnOf(GOOD.launchTemplate)] },
                        },
                    ],
                    findings: [[nameTag.TEMPLATE_MISSING, "", []]],
                },
            ]);
        });

        describe("how AWS launches: an Auto Scaling group's tags with propagateAtLaunch name its instances", () => {
            const unnamed: TestResource = {
                ...GOOD.launchTemplate,
                props: { ...GOOD.launchTemplate.props, tagSpecifications: [] },
            };
            const tagged = (propagateAtLaunch: unknown, value: unknown = "workers"): TestResource =>
                scalingGroup({ tags: [{ key: "Name", value, propagateAtLaunch }] });
            const refusal =
                'Launch template "web-lt" has no usable Name tag: it has no Name tag; set tags.Name in a tagSpecifications entry with resourceType "instance". [name-tag-required/template-missing]';
            launches([
                {
                    why: "a template with no Name tag passes when every group that launches from it propagates one",
                    source: PROPAGATE,
                    stack: [unnamed, tagged(true)],
                    violations: [],
                },
                {
                    why: "a group's Name tag that does not propagate leaves its instances unnamed",
                    source: PROPAGATE,
                    stack: [unnamed, tagged(false)],
                    violations: [refusal],
                },
                {
                    why: "a propagated Name that is empty names nothing",
                    source: PROPAGATE,
                    stack: [unnamed, tagged(true, " ")],
                    violations: [refusal],
                },
                {
                    why: "a group takes no provider defaultTags, so they name none of its instances",
                    source: "aws:autoscaling/group:Group has no tagsAll (@pulumi/aws 7.48.0 schema, offline/plannedOutputs.table.ts)",
                    stack: [
                        unnamed,
                        { ...scalingGroup({}), provider: { defaultTags: JSON.stringify({ tags: { Name: "x" } }) } },
                    ],
                    violations: [refusal],
                },
            ]);
        });

        describe("how AWS launches: a spot request's tags stay on the request", () => {
            const unnamed: TestResource = {
                ...GOOD.launchTemplate,
                props: { ...GOOD.launchTemplate.props, tagSpecifications: [] },
            };
            launches([
                {
                    why: "a spot request's Name does not name the instance its launch template launches",
                    source: SPOT_TAGS,
                    stack: [unnamed, GOOD.spotInstanceRequest],
                    violations: [
                        'Launch template "web-lt" has no usable Name tag: it has no Name tag; set tags.Name in a tagSpecifications entry with resourceType "instance". [name-tag-required/template-missing]',
                    ],
                },
                {
                    why: "its launch template's instance tags name it",
                    source: SPOT_TAGS,
                    stack: [GOOD.launchTemplate, GOOD.spotInstanceRequest],
                    violations: [],
                },
            ]);
        });
    });

    overTheWire("name-tag-required", ({ table, refused }) => {
        describe("a launch template's Name tag is needed by the servers that take it", () => {
            const unnamed = template("plain-lt", { tagSpecifications: undefined });
            const refusal: Line = refused(
                "plain-lt",
                'Launch template "plain-lt" has no usable Name tag: it has no Name tag; set tags.Name in a tagSpecifications entry with resourceType "instance". [name-tag-required/template-missing]',
            );
            table([
                {
                    why: "a template with no Name tag whose every instance names itself passes",
                    stack: [unnamed, launchedFrom("app", unnamed, { tags: { Name: "app" } }, LEAVES_ALL.slice(0, -1))],
                    expected: [],
                },
                {
                    why: "a template with no Name tag is refused once when one of its instances leaves the Name to it",
                    stack: [
                        unnamed,
                        launchedFrom("app", unnamed, { tags: { Name: "app" } }, LEAVES_ALL.slice(0, -1)),
                        launchedFrom("worker", unnamed, {}, LEAVES_ALL),
                    ],
                    expected: [refusal],
                },
                {
                    why: "a template with no Name tag that an Auto Scaling group launches from is refused",
                    stack: [
                        unnamed,
                        {
                            type: T.autoscalingGroup,
                            name: "workers",
                            props: { minSize: 1, maxSize: 1, launchTemplate: { id: UNKNOWN } },
                            propertyDependencies: dependsOn({ launchTemplate: [unnamed] }),
                        },
                    ],
                    expected: [refusal],
                },
                {
                    why: "a template's own tags and its volumes' tags do not name its instances",
                    stack: [
                        template("plain-lt", {
                            tags: { Name: "template" },
                            tagSpecifications: [{ resourceType: "volume", tags: { Name: "disk" } }],
                        }),
                    ],
                    expected: [refusal],
                },
                {
                    why: "a template with no Name tag that nothing in the stack launches from is refused",
                    stack: [unnamed],
                    expected: [refusal],
                },
            ]);
        });
    });
});
