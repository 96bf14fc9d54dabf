/**
 * How AWS launches, where it decides a verdict: each case cites the AWS documentation or the
 * provider source it follows (docs/free-tier.md, "How AWS launches").
 */
import { freeTierInstanceHours } from "../../policy/policies/freeTierInstanceHours";
import { freeTierPublicIpv4 } from "../../policy/policies/freeTierPublicIpv4";
import { freeTierStorageTotal } from "../../policy/policies/freeTierStorageTotal";
import { noIdleElasticIp } from "../../policy/policies/noIdleElasticIp";
import { GOOD } from "../../testing/policy/fixtures";
import { TestResource, UNKNOWN, urnOf } from "../../testing/policy/harness";
import { ENI_APART, launches, overHours, STOPPED } from "../support/policyBuilders";
import { figure, monthOf } from "../support/prices";

describe("how AWS launches: an instance its InstanceState keeps stopped", () => {
    const web = GOOD.instance;
    const second: TestResource = { ...web, name: "second" };
    const stopped = (state: unknown, of: TestResource = second): TestResource => ({
        type: "aws:ec2transitgateway/instanceState:InstanceState",
        name: `${of.name}-state`,
        props: { instanceId: UNKNOWN, state },
        propertyDependencies: { instanceId: [urnOf(of)] },
        dependencies: [urnOf(of)],
    });
    launches(freeTierInstanceHours, [
        {
            why: "a stopped instance runs no hours",
            source: STOPPED,
            stack: [web, second, stopped("stopped")],
            violations: [],
        },
        {
            why: "a running state changes nothing",
            source: STOPPED,
            stack: [web, second, stopped("running")],
            violations: [overHours(2, 'Instance "web", Instance "second"')],
        },
        {
            why: "a state not known yet may stop it, so the count waits",
            source: STOPPED,
            stack: [web, second, stopped(UNKNOWN)],
            violations: [],
            couldNotCheck: [
                'Instance "second" state is not known yet, so how many instances the stack runs cannot be checked until `pulumi up`',
            ],
        },
    ]);
    launches(freeTierPublicIpv4, [
        {
            why: "a stopped instance holds no auto-assigned public IPv4",
            source: STOPPED,
            stack: [web, second, stopped("stopped")],
            violations: [],
        },
    ]);
    launches(freeTierStorageTotal, [
        {
            why: "a stopped instance's volumes still count",
            source: STOPPED,
            stack: [web, second, stopped("stopped")],
            violations: [
                'The stack has 60 GB of EBS (Instance "web" 30 GB, Instance "second" 30 GB), over the 30 GB the free tier allows across the account; shrink or remove volumes to 30 GB in total. [free-tier-storage-total/over-max-gb]',
            ],
        },
    ]);
});

describe("how AWS launches: an Elastic IP on a network interface made apart from the instance", () => {
    const eni: TestResource = {
        type: "aws:ec2/networkInterface:NetworkInterface",
        name: "app-eni",
        props: { subnetId: "subnet-0123" },
    };
    const on = (target: TestResource, name = "app-ip"): TestResource => ({
        type: "aws:ec2/eip:Eip",
        name,
        props: { domain: "vpc", networkInterface: UNKNOWN },
        propertyDependencies: { networkInterface: [urnOf(target)] },
        dependencies: [urnOf(target)],
    });
    const web = GOOD.instance;
    const attachment = (deviceIndex: number): TestResource => ({
        type: "aws:ec2/networkInterfaceAttachment:NetworkInterfaceAttachment",
        name: "app-eni-attachment",
        props: { instanceId: UNKNOWN, networkInterfaceId: UNKNOWN, deviceIndex },
        propertyDependencies: { instanceId: [urnOf(web)], networkInterfaceId: [urnOf(eni)] },
        dependencies: [urnOf(web), urnOf(eni)],
    });
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    const { associatePublicIpAddress, ...own } = GOOD.instance.props as Record<string, unknown>;
    const launchedWith: TestResource = {
        type: GOOD.instance.type,
        name: "app",
        props: { ...own, networkInterfaces: [{ networkInterfaceId: UNKNOWN, deviceIndex: 0 }] },
        propertyDependencies: { networkInterfaces: [urnOf(eni)] },
        dependencies: [urnOf(eni)],
    };
    const idle = (cost: string) =>
        `Elastic IP "app-ip" is on Network interface "app-eni", which is attached to no instance, and AWS bills an idle Elastic IP every hour (${cost}); attach the interface to an instance (an instance's networkInterfaces, or an aws.ec2.NetworkInterfaceAttachment), or remove the Elastic IP. [no-idle-elastic-ip/on-detached-interface]`;
    const seoulIpv4 = `about USD ${monthOf(figure("ap-northeast-2", "ipv4:public")!).toFixed(2)} a month in ap-northeast-2`;
    launches(noIdleElasticIp, [
        {
            why: "an Elastic IP on an interface attached to nothing is idle",
            source: ENI_APART,
            stack: [
                { ...eni, provider: { region: "ap-northeast-2" } },
                { ...on(eni), provider: { region: "ap-northeast-2" } },
            ],
            violations: [idle(seoulIpv4)],
        },
        {
            why: "an association through an interface attached to nothing is idle too",
            source: ENI_APART,
            stack: [
                eni,
                {
                    type: "aws:ec2/eip:Eip",
                    name: "app-ip",
                    props: { domain: "vpc" },
                    provider: { region: "ap-northeast-2" },
                },
                {
                    type: "aws:ec2/eipAssociation:EipAssociation",
                    name: "app-ip-association",
                    props: { allocationId: UNKNOWN, networkInterfaceId: UNKNOWN },
                    propertyDependencies: {
                        allocationId: ["urn:pulumi:dev::project::aws:ec2/eip:Eip::app-ip"],
                        networkInterfaceId: [urnOf(eni)],
                    },
                },
            ],
            violations: [idle(seoulIpv4)],
        },
        {
            why: "an interface an attachment attaches to an instance puts its Elastic IP in use",
            source: ENI_APART,
            stack: [web, eni, on(eni), attachment(1)],
            violations: [],
        },
        {
            why: "an interface its own attachments attach puts its Elastic IP in use",
            source: ENI_APART,
            stack: [
                web,
                {
                    ...eni,
                    props: { ...eni.props, attachments: [{ instance: UNKNOWN, deviceIndex: 1 }] },
                    propertyDependencies: { attachments: [urnOf(web)] },
                },
                on(eni),
            ],
            violations: [],
        },
        {
            why: "an interface an instance launches with puts its Elastic IP in use",
            source: ENI_APART,
            stack: [eni, launchedWith, on(eni)],
            violations: [],
        },
    ]);
    launches(freeTierPublicIpv4, [
        {
            why: "an Elastic IP on the interface an instance launches with as eth0 is its public address, counted once",
            source: ENI_APART,
            stack: [eni, launchedWith, on(eni)],
            violations: [],
        },
        {
            why: "an Elastic IP on a secondary interface adds to the instance's own public address",
            source: ENI_APART,
            stack: [web, eni, on(eni), attachment(1)],
            violations: [
                'The stack keeps 2 public IPv4 addresses (Elastic IP "app-ip", Instance "web"): up to 1488 address-hours a month, over the 750 free hours, which cover one address all month; keep at most 1 (an Elastic IP associated with an instance replaces its auto-assigned address; associatePublicIpAddress false gives none). [free-tier-public-ipv4/too-many-addresses]',
            ],
        },
    ]);
});
