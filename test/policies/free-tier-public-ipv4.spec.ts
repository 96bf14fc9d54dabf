/**
 * free-tier-public-ipv4 (policy/policies/freeTierPublicIpv4.ts), filed by where it decides:
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
import * as ipv4 from "../../policy/policies/freeTierPublicIpv4";
import { Line, overTheWire, urnOf } from "../../testing/policy/engine";
import { GOOD, T } from "../../testing/policy/fixtures";
import { TestResource, UNKNOWN, withField } from "../../testing/policy/harness";
import { dependsOn, EIP_ON_ENI, inSeoul, stackPart, TEMPLATE_INTERFACES } from "../support/policyBuilders";
import { ipv4CostText } from "../support/prices";

describe("free-tier-public-ipv4", () => {
    stackPart(ipv4.freeTierPublicIpv4, ({ verdicts, launches }) => {
        describe("findings: codes, paths and values", () => {
            const eip = (name: string, props: Record<string, unknown> = {}): TestResource =>
                inSeoul({ type: T.eip, name, props: { domain: "vpc", ...props } });
            verdicts([
                {
                    why: "two Elastic IPs: the count",
                    stack: [eip("a", { instance: "i-1" }), eip("b", { instance: "i-2" })],
                    findings: [[ipv4.TOO_MANY_ADDRESSES, "", [2]]],
                },
            ]);
        });

        describe("how AWS launches: an Elastic IP associated through the instance's network interface", () => {
            const web = { ...GOOD.instance, props: { ...GOOD.instance.props, associatePublicIpAddress: true } };
            const urn = urnOf(web);
            const onEni: TestResource = {
                type: "aws:ec2/eip:Eip",
                name: "web-ip",
                props: { domain: "vpc", networkInterface: UNKNOWN },
                propertyDependencies: { networkInterface: [urn] },
                dependencies: [urn],
            };
            const spare: TestResource = { type: "aws:ec2/eip:Eip", name: "spare-ip", props: { domain: "vpc" } };
            const spareUrn = urnOf(spare);
            const association: TestResource = {
                type: "aws:ec2/eipAssociation:EipAssociation",
                name: "web-ip-association",
                props: { allocationId: UNKNOWN, networkInterfaceId: UNKNOWN },
                propertyDependencies: { allocationId: [spareUrn], networkInterfaceId: [urn] },
                dependencies: [spareUrn, urn],
            };
            launches([
                {
                    why: "an Elastic IP on the instance's network interface replaces its public address",
                    source: EIP_ON_ENI,
                    stack: [web, onEni],
                    violations: [],
                },
                {
                    why: "an association through the instance's network interface replaces it too",
                    source: EIP_ON_ENI,
                    stack: [web, spare, association],
                    violations: [],
                },
            ]);
        });

        describe("how AWS launches: a launch template's network interfaces decide an instance's subnet and public address", () => {
            const subnet = (name: string, id: string, mapPublicIpOnLaunch: boolean): TestResource => ({
                type: "aws:ec2/subnet:Subnet",
                name,
                props: { id, vpcId: "vpc-1", cidrBlock: "10.0.1.0/24", mapPublicIpOnLaunch },
            });
            const privateSubnet = subnet("private", "subnet-0priv", false);
            const publicSubnet = subnet("public", "subnet-0pub", true);
            const lt = (networkInterface: Record<string, unknown>): TestResource => ({
                ...GOOD.launchTemplate,
                name: "app-lt",
                props: {
                    ...GOOD.launchTemplate.props,
                    name: "app-lt",
                    networkInterfaces: [{ deviceIndex: 0, ...networkInterface }],
                },
            });
            // eslint-disable-next-line @typescript-eslint/no-unused-vars
            const { instanceType, ...own } = GOOD.instance.props;
            const app = (props: Record<string, unknown> = {}): TestResource => ({
                type: GOOD.instance.type,
                name: "app",
                props: { ...own, launchTemplate: { name: "app-lt" }, ...props },
            });
            // The guide's server in the default VPC holds one address; a second is over the free one.
            const web = GOOD.instance;
            const TWO =
                'The stack keeps 2 public IPv4 addresses (Instance "web", Instance "app"): up to 1488 address-hours a month, over the 750 free hours, which cover one address all month; keep at most 1 (an Elastic IP associated with an instance replaces its auto-assigned address; associatePublicIpAddress false gives none). [free-tier-public-ipv4/too-many-addresses]';
            launches([
                {
                    why: "the template's interface launches into a subnet that maps no public address: none",
                    source: TEMPLATE_INTERFACES,
                    stack: [web, privateSubnet, lt({ subnetId: "subnet-0priv" }), app()],
                    violations: [],
                },
                {
                    why: "the template's interface launches into a subnet that maps one: a second address",
                    source: TEMPLATE_INTERFACES,
                    stack: [web, publicSubnet, lt({ subnetId: "subnet-0pub" }), app()],
                    violations: [TWO],
                },
                {
                    why: "associatePublicIpAddress false on device 0 overrides a subnet that maps one",
                    source: TEMPLATE_INTERFACES,
                    stack: [
                        web,
                        publicSubnet,
                        lt({ subnetId: "subnet-0pub", associatePublicIpAddress: "false" }),
                        app(),
                    ],
                    violations: [],
                },
                {
                    why: "associatePublicIpAddress true on device 0 overrides a subnet that maps none",
                    source: TEMPLATE_INTERFACES,
                    stack: [
                        web,
                        privateSubnet,
                        lt({ subnetId: "subnet-0priv", associatePublicIpAddress: "true" }),
                        app(),
                    ],
                    violations: [TWO],
                },
                {
                    why: "device 0 that attaches an existing interface brings that interface's addressing, no auto-assigned address",
                    source: TEMPLATE_INTERFACES,
                    stack: [web, lt({ networkInterfaceId: "eni-0app" }), app()],
                    violations: [],
                },
                {
                    why: "a subnet not known yet is said, not guessed",
                    source: TEMPLATE_INTERFACES,
                    stack: [web, lt({ subnetId: UNKNOWN }), app()],
                    violations: [],
                    couldNotCheck: [
                        'Instance "app" template "app-lt" networkInterfaces[0].subnetId is not known yet, so how many public IPv4 addresses the stack keeps cannot be checked until `pulumi up`',
                    ],
                },
            ]);
        });

        describe("how AWS launches: a fleet's launch template interfaces decide its instances' subnet", () => {
            const privateSubnet: TestResource = {
                type: "aws:ec2/subnet:Subnet",
                name: "private",
                props: { id: "subnet-0priv", vpcId: "vpc-1", cidrBlock: "10.0.1.0/24", mapPublicIpOnLaunch: false },
            };
            const lt: TestResource = {
                ...GOOD.launchTemplate,
                props: {
                    ...GOOD.launchTemplate.props,
                    networkInterfaces: [{ deviceIndex: 0, subnetId: "subnet-0priv" }],
                },
            };
            const withOverrides = (overrides: Record<string, unknown>[]): TestResource => ({
                ...GOOD.fleet,
                props: {
                    ...GOOD.fleet.props,
                    launchTemplateConfigs: [
                        {
                            launchTemplateSpecification: { launchTemplateName: "web-lt", version: "$Latest" },
                            overrides,
                        },
                    ],
                },
            });
            launches([
                {
                    why: "a fleet whose overrides name no subnet launches into its template interface's subnet",
                    source: `${TEMPLATE_INTERFACES}; EC2 User Guide, EC2 Fleet launch template overrides (SubnetId)`,
                    stack: [GOOD.instance, privateSubnet, lt, withOverrides([{ instanceType: "t2.micro" }])],
                    violations: [],
                },
                {
                    why: "a subnet its overrides name decides instead",
                    source: `${TEMPLATE_INTERFACES}; EC2 User Guide, EC2 Fleet launch template overrides (SubnetId)`,
                    stack: [
                        GOOD.instance,
                        privateSubnet,
                        lt,
                        withOverrides([{ instanceType: "t2.micro", subnetId: "subnet-0else" }]),
                    ],
                    violations: [],
                    couldNotCheck: [
                        'EC2 Fleet "web-ec2-fleet" launches into subnet "subnet-0else", which is not in this stack, so whether its instances get a public IPv4 address cannot be checked',
                    ],
                },
            ]);
        });
    });

    overTheWire("free-tier-public-ipv4", ({ table, advised, noted }) => {
        describe("public IPv4 addresses", () => {
            const web = { ...GOOD.instance, props: { ...GOOD.instance.props, associatePublicIpAddress: true } };
            /** The advisory on the stack for the public addresses of "web" and "worker". */
            const WEB_AND_WORKER: Line = advised(
                "the stack",
                `The stack keeps 2 public IPv4 addresses (Instance "web", Instance "worker"): up to 1488 address-hours a month${ipv4CostText(2)}, over the 750 free hours, which cover one address all month; keep at most 1 (an Elastic IP associated with an instance replaces its auto-assigned address; associatePublicIpAddress false gives none). [free-tier-public-ipv4/too-many-addresses]`,
            );
            /** Instance `name`, its subnetId not known at preview: the ID of `subnet` when one is given. */
            const inSubnet = (name: string, subnet?: TestResource): TestResource => ({
                ...GOOD.instance,
                name,
                props: { ...GOOD.instance.props, subnetId: UNKNOWN },
                ...(subnet && { propertyDependencies: dependsOn({ subnetId: [subnet] }) }),
            });
            const defaultA = {
                type: T.defaultSubnet,
                name: "default-a",
                props: { availabilityZone: "ap-northeast-2a" },
            };
            table([
                {
                    why: "one instance with one public address is within the free hours",
                    stack: [web],
                    expected: [],
                },
                {
                    why: "an Elastic IP associated with the instance replaces its address: one, not two",
                    stack: [
                        GOOD.instance,
                        {
                            type: T.eip,
                            name: "web-ip",
                            props: { domain: "vpc", instance: UNKNOWN },
                            propertyDependencies: dependsOn({ instance: [GOOD.instance] }),
                        },
                    ],
                    expected: [],
                },
                {
                    why: "two instances with public addresses are over the free hours",
                    stack: [web, { ...web, name: "worker" }],
                    expected: [WEB_AND_WORKER],
                },
                {
                    why: "an instance in a subnet of the stack that maps no public address gets none",
                    stack: [web, GOOD.subnet, inSubnet("private", GOOD.subnet)],
                    expected: [],
                },
                {
                    why: "instances in a default subnet the stack manages get addresses, as default subnets map them",
                    stack: [web, defaultA, inSubnet("worker", defaultA)],
                    expected: [WEB_AND_WORKER],
                },
                {
                    why: "an instance whose subnet is unknown may get an address, but alone it stays within the free one",
                    stack: [inSubnet("web")],
                    expected: [],
                },
                {
                    why: "with another public address, an instance whose subnet is unknown may be one too many: a could-not-check note",
                    stack: [web, inSubnet("maybe")],
                    expected: [
                        noted(
                            "the stack",
                            'Instance "maybe" subnetId is not known yet, so how many public IPv4 addresses the stack keeps cannot be checked until `pulumi up`',
                        ),
                    ],
                },
                {
                    why: "an EC2 Fleet's instances in the default VPC each get an address",
                    stack: [
                        GOOD.launchTemplate,
                        {
                            ...GOOD.fleet,
                            props: withField(GOOD.fleet.props, "targetCapacitySpecification.totalTargetCapacity", 2),
                        },
                    ],
                    expected: [
                        advised(
                            "the stack",
                            `The stack keeps 2 public IPv4 addresses (EC2 Fleet "web-ec2-fleet" (2 instances)): up to 1488 address-hours a month${ipv4CostText(2)}, over the 750 free hours, which cover one address all month; keep at most 1 (an Elastic IP associated with an instance replaces its auto-assigned address; associatePublicIpAddress false gives none). [free-tier-public-ipv4/too-many-addresses]`,
                        ),
                    ],
                },
                {
                    why: "a Spot Fleet launch specification that asks for a public address adds one to an instance's",
                    stack: [
                        web,
                        {
                            ...GOOD.spotFleetRequest,
                            props: {
                                iamFleetRole: "arn:aws:iam::123456789012:role/fleet",
                                targetCapacity: 1,
                                launchSpecifications: [
                                    {
                                        ami: "ami-1",
                                        instanceType: "t2.micro",
                                        subnetId: UNKNOWN,
                                        associatePublicIpAddress: true,
                                    },
                                ],
                            },
                        },
                    ],
                    expected: [
                        advised(
                            "the stack",
                            `The stack keeps 2 public IPv4 addresses (Instance "web", Spot Fleet request "web-fleet" (1 instance)): up to 1488 address-hours a month${ipv4CostText(2)}, over the 750 free hours, which cover one address all month; keep at most 1 (an Elastic IP associated with an instance replaces its auto-assigned address; associatePublicIpAddress false gives none). [free-tier-public-ipv4/too-many-addresses]`,
                        ),
                    ],
                },
                {
                    why: "a fleet whose overrides launch into a subnet of the stack that maps no public address gets none",
                    stack: [
                        web,
                        GOOD.launchTemplate,
                        GOOD.subnet,
                        {
                            ...GOOD.fleet,
                            props: withField(GOOD.fleet.props, "launchTemplateConfigs.0.overrides.0.subnetId", UNKNOWN),
                            propertyDependencies: { launchTemplateConfigs: [urnOf(GOOD.subnet)] },
                        },
                    ],
                    expected: [],
                },
                {
                    why: "a NAT gateway's Elastic IP is one more address, counted once",
                    stack: [
                        web,
                        { type: T.eip, name: "nat-ip", props: { domain: "vpc" } },
                        {
                            type: T.natGateway,
                            name: "nat",
                            props: { allocationId: UNKNOWN, subnetId: "subnet-0123" },
                            propertyDependencies: {
                                allocationId: ["urn:pulumi:dev::project::aws:ec2/eip:Eip::nat-ip"],
                            },
                        },
                    ],
                    expected: [
                        advised(
                            "the stack",
                            `The stack keeps 2 public IPv4 addresses (Elastic IP "nat-ip", Instance "web"): up to 1488 address-hours a month${ipv4CostText(2)}, over the 750 free hours, which cover one address all month; keep at most 1 (an Elastic IP associated with an instance replaces its auto-assigned address; associatePublicIpAddress false gives none). [free-tier-public-ipv4/too-many-addresses]`,
                        ),
                    ],
                },
            ]);
        });
    });
});
