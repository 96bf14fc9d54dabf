/**
 * One happy-path resource per type the pack judges: each passes every policy. Cases change
 * one field of these.
 */
import * as Types from "../types";
import { TestResource } from "./harness";

/** The types by a short name, for tables of cases. */
export const T = {
    instance: Types.INSTANCE,
    launchTemplate: Types.LAUNCH_TEMPLATE,
    spotInstanceRequest: Types.SPOT_INSTANCE_REQUEST,
    autoscalingGroup: Types.AUTOSCALING_GROUP,
    ebsVolume: Types.EBS_VOLUME,
    securityGroup: Types.SECURITY_GROUP,
    defaultSecurityGroup: Types.DEFAULT_SECURITY_GROUP,
    securityGroupRule: Types.SECURITY_GROUP_RULE,
    vpcIngressRule: Types.VPC_INGRESS_RULE,
    eip: Types.EIP,
    eipAssociation: Types.EIP_ASSOCIATION,
    launchConfiguration: Types.LAUNCH_CONFIGURATION,
    spotFleetRequest: Types.SPOT_FLEET_REQUEST,
    fleet: Types.FLEET,
    defaultCreditSpecification: Types.DEFAULT_CREDIT_SPECIFICATION,
    managedPrefixList: Types.MANAGED_PREFIX_LIST,
    managedPrefixListEntry: Types.MANAGED_PREFIX_LIST_ENTRY,
    natGateway: Types.NAT_GATEWAY,
    loadBalancer: Types.LOAD_BALANCER,
    subnet: Types.SUBNET,
    defaultSubnet: Types.DEFAULT_SUBNET,
    budget: Types.BUDGET,
    role: Types.ROLE,
    instanceProfile: Types.INSTANCE_PROFILE,
    rolePolicyAttachment: Types.ROLE_POLICY_ATTACHMENT,
    keyPair: Types.KEY_PAIR,
    privateKey: Types.PRIVATE_KEY,
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
    // Its own tags stay on the request (terraform aws_spot_instance_request `tags`): the
    // instance it launches is named by its launch template.
    spotInstanceRequest: {
        type: T.spotInstanceRequest,
        name: "web-spot",
        props: { ...server, spotPrice: "0.01", launchTemplate: { name: "web-lt" } },
    },
    launchTemplate: {
        type: T.launchTemplate,
        name: "web-lt",
        props: {
            name: "web-lt",
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
    eipAssociation: {
        type: T.eipAssociation,
        name: "web-ip-assoc",
        props: { allocationId: "eipalloc-0123", instanceId: "i-0123" },
    },
    launchConfiguration: {
        type: T.launchConfiguration,
        name: "web-lc",
        props: {
            name: "web-lc",
            imageId: "ami-0000000000000a86a",
            instanceType: "t2.micro",
            enableMonitoring: false,
            rootBlockDevice: { volumeSize: 30, volumeType: "gp3", deleteOnTermination: true },
            metadataOptions: { httpEndpoint: "enabled", httpTokens: "required" },
        },
    },
    autoscalingGroup: {
        type: T.autoscalingGroup,
        name: "web-asg",
        props: { minSize: 1, maxSize: 1, desiredCapacity: 1, launchTemplate: { name: "web-lt" } },
    },
    spotFleetRequest: {
        type: T.spotFleetRequest,
        name: "web-fleet",
        props: {
            iamFleetRole: "arn:aws:iam::123456789012:role/fleet",
            targetCapacity: 1,
            launchTemplateConfigs: [
                { launchTemplateSpecification: { name: "web-lt" }, overrides: [{ instanceType: "t2.micro" }] },
            ],
        },
    },
    fleet: {
        type: T.fleet,
        name: "web-ec2-fleet",
        props: {
            targetCapacitySpecification: { totalTargetCapacity: 1, defaultTargetCapacityType: "on-demand" },
            launchTemplateConfigs: [
                {
                    launchTemplateSpecification: { launchTemplateName: "web-lt", version: "$Latest" },
                    overrides: [{ instanceType: "t2.micro" }],
                },
            ],
        },
    },
    defaultCreditSpecification: {
        type: T.defaultCreditSpecification,
        name: "t3-default",
        props: { instanceFamily: "t3", cpuCredits: "standard" },
    },
    managedPrefixList: {
        type: T.managedPrefixList,
        name: "office",
        props: { addressFamily: "IPv4", maxEntries: 2, entries: [{ cidr: "203.0.113.0/24", description: "office" }] },
    },
    managedPrefixListEntry: {
        type: T.managedPrefixListEntry,
        name: "home",
        props: { prefixListId: "pl-0123", cidr: "198.51.100.7/32" },
    },
    natGateway: {
        type: T.natGateway,
        name: "nat",
        props: { allocationId: "eipalloc-0123", subnetId: "subnet-0123", connectivityType: "public" },
    },
    loadBalancer: {
        type: T.loadBalancer,
        name: "nlb",
        props: {
            loadBalancerType: "network",
            subnetMappings: [{ subnetId: "subnet-0123", allocationId: "eipalloc-0123" }],
        },
    },
    subnet: {
        type: T.subnet,
        name: "private",
        props: { vpcId: "vpc-0123", cidrBlock: "10.0.1.0/24", mapPublicIpOnLaunch: false },
    },
};
