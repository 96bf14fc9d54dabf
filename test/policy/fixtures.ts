/**
 * One happy-path resource per type the pack judges: each passes every policy. Cases change
 * one field of these.
 */
import { TestResource } from "./harness";

export const T = {
    instance: "aws:ec2/instance:Instance",
    launchTemplate: "aws:ec2/launchTemplate:LaunchTemplate",
    spotInstanceRequest: "aws:ec2/spotInstanceRequest:SpotInstanceRequest",
    autoscalingGroup: "aws:autoscaling/group:Group",
    ebsVolume: "aws:ebs/volume:Volume",
    securityGroup: "aws:ec2/securityGroup:SecurityGroup",
    defaultSecurityGroup: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
    securityGroupRule: "aws:ec2/securityGroupRule:SecurityGroupRule",
    vpcIngressRule: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    eip: "aws:ec2/eip:Eip",
    eipAssociation: "aws:ec2/eipAssociation:EipAssociation",
} as const;

const server = {
    ami: "ami-0000000000000a86a",
    instanceType: "t2.micro",
    tags: { Name: "web" },
    rootBlockDevice: { volumeSize: 30, volumeType: "gp3", encrypted: true, deleteOnTermination: true },
    metadataOptions: { httpEndpoint: "enabled", httpTokens: "required" },
    monitoring: false,
    creditSpecification: { cpuCredits: "standard" },
};

export const GOOD: Record<string, TestResource> = {
    instance: { type: T.instance, name: "web", props: server },
    spotInstanceRequest: { type: T.spotInstanceRequest, name: "web-spot", props: { ...server, spotPrice: "0.01" } },
    launchTemplate: {
        type: T.launchTemplate,
        name: "web-lt",
        props: {
            imageId: "ami-0000000000000a86a",
            instanceType: "t2.micro",
            tagSpecifications: [{ resourceType: "instance", tags: { Name: "web" } }],
            blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volumeSize: 30, volumeType: "gp3" } }],
            metadataOptions: { httpEndpoint: "enabled", httpTokens: "required" },
            monitoring: { enabled: false },
            creditSpecification: { cpuCredits: "standard" },
        },
    },
    ebsVolume: {
        type: T.ebsVolume,
        name: "data",
        props: { availabilityZone: "ap-northeast-2a", size: 10, type: "gp3" },
    },
    securityGroup: {
        type: T.securityGroup,
        name: "web-sg",
        props: {
            ingress: [
                {
                    protocol: "tcp",
                    fromPort: 22,
                    toPort: 22,
                    cidrBlocks: ["203.0.113.10/32"],
                    description: "SSH from home",
                },
                { protocol: "tcp", fromPort: 8080, toPort: 8080, cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"] },
            ],
            egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }],
        },
    },
    defaultSecurityGroup: {
        type: T.defaultSecurityGroup,
        name: "default-sg",
        props: { vpcId: "vpc-1", ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, self: true }] },
    },
    securityGroupRule: {
        type: T.securityGroupRule,
        name: "ssh-rule",
        props: {
            type: "ingress",
            securityGroupId: "sg-1",
            protocol: "tcp",
            fromPort: 22,
            toPort: 22,
            cidrBlocks: ["203.0.113.10/32"],
        },
    },
    vpcIngressRule: {
        type: T.vpcIngressRule,
        name: "ssh-ingress",
        props: { securityGroupId: "sg-1", ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: "203.0.113.10/32" },
    },
    eip: { type: T.eip, name: "web-ip", props: { domain: "vpc", instance: "i-0123" } },
};
