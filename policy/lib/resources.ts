/**
 * The AWS resource types the pack judges, by type token: the pack never loads @pulumi/aws at
 * run time (`import type` only), so it starts fast.
 */
export { show } from "../../lib/format";

export const INSTANCE = "aws:ec2/instance:Instance";
export const LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";
export const SPOT_INSTANCE_REQUEST = "aws:ec2/spotInstanceRequest:SpotInstanceRequest";
export const AUTOSCALING_GROUP = "aws:autoscaling/group:Group";
export const EBS_VOLUME = "aws:ebs/volume:Volume";
export const SECURITY_GROUP = "aws:ec2/securityGroup:SecurityGroup";
export const DEFAULT_SECURITY_GROUP = "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup";
export const SECURITY_GROUP_RULE = "aws:ec2/securityGroupRule:SecurityGroupRule";
export const VPC_INGRESS_RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
export const EIP = "aws:ec2/eip:Eip";
export const EIP_ASSOCIATION = "aws:ec2/eipAssociation:EipAssociation";

const KINDS: Readonly<Record<string, string>> = {
    [INSTANCE]: "Instance",
    [LAUNCH_TEMPLATE]: "Launch template",
    [SPOT_INSTANCE_REQUEST]: "Spot instance request",
    [AUTOSCALING_GROUP]: "Auto Scaling group",
    [EBS_VOLUME]: "EBS volume",
    [SECURITY_GROUP]: "Security group",
    [DEFAULT_SECURITY_GROUP]: "Default security group",
    [SECURITY_GROUP_RULE]: "Security group rule",
    [VPC_INGRESS_RULE]: "Security group ingress rule",
    [EIP]: "Elastic IP",
};

/** How messages name a resource: `Instance "web"`. */
export function describe(resource: { type: string; name: string }): string {
    return `${KINDS[resource.type] ?? resource.type} "${resource.name}"`;
}
