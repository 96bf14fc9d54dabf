/**
 * The AWS resource types the pack judges, by type token, and the stack's own: the pack never
 * loads @pulumi/aws at run time (`import type` only), so it starts fast.
 */
export { show } from "../../lib/format";

export const INSTANCE = "aws:ec2/instance:Instance";
export const LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";
export const LAUNCH_CONFIGURATION = "aws:ec2/launchConfiguration:LaunchConfiguration";
export const SPOT_INSTANCE_REQUEST = "aws:ec2/spotInstanceRequest:SpotInstanceRequest";
export const SPOT_FLEET_REQUEST = "aws:ec2/spotFleetRequest:SpotFleetRequest";
export const FLEET = "aws:ec2/fleet:Fleet";
export const AUTOSCALING_GROUP = "aws:autoscaling/group:Group";
export const DEFAULT_CREDIT_SPECIFICATION = "aws:ec2/defaultCreditSpecification:DefaultCreditSpecification";
export const EBS_VOLUME = "aws:ebs/volume:Volume";
export const VOLUME_ATTACHMENT = "aws:ec2/volumeAttachment:VolumeAttachment";
export const SECURITY_GROUP = "aws:ec2/securityGroup:SecurityGroup";
export const DEFAULT_SECURITY_GROUP = "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup";
export const SECURITY_GROUP_RULE = "aws:ec2/securityGroupRule:SecurityGroupRule";
export const VPC_INGRESS_RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
export const MANAGED_PREFIX_LIST = "aws:ec2/managedPrefixList:ManagedPrefixList";
export const MANAGED_PREFIX_LIST_ENTRY = "aws:ec2/managedPrefixListEntry:ManagedPrefixListEntry";
export const EIP = "aws:ec2/eip:Eip";
export const NETWORK_INTERFACE = "aws:ec2/networkInterface:NetworkInterface";
export const NETWORK_INTERFACE_ATTACHMENT = "aws:ec2/networkInterfaceAttachment:NetworkInterfaceAttachment";
export const EIP_ASSOCIATION = "aws:ec2/eipAssociation:EipAssociation";
export const NAT_GATEWAY = "aws:ec2/natGateway:NatGateway";
export const LOAD_BALANCER = "aws:lb/loadBalancer:LoadBalancer";
export const ALB_LOAD_BALANCER = "aws:alb/loadBalancer:LoadBalancer";
export const CLASSIC_LOAD_BALANCER = "aws:elb/loadBalancer:LoadBalancer";
export const EBS_SNAPSHOT = "aws:ebs/snapshot:Snapshot";
export const EBS_SNAPSHOT_COPY = "aws:ebs/snapshotCopy:SnapshotCopy";
export const EBS_SNAPSHOT_IMPORT = "aws:ebs/snapshotImport:SnapshotImport";
export const AMI_FROM_INSTANCE = "aws:ec2/amiFromInstance:AmiFromInstance";
export const AMI_COPY = "aws:ec2/amiCopy:AmiCopy";
export const SUBNET = "aws:ec2/subnet:Subnet";
export const INSTANCE_STATE = "aws:ec2transitgateway/instanceState:InstanceState";
export const DEFAULT_SUBNET = "aws:ec2/defaultSubnet:DefaultSubnet";
export const BUDGET = "aws:budgets/budget:Budget";
export const VPC_ENDPOINT = "aws:ec2/vpcEndpoint:VpcEndpoint";
export const INSTANCE_METADATA_DEFAULTS = "aws:ec2/instanceMetadataDefaults:InstanceMetadataDefaults";
/** The stack's own resource, the parent of a program's top-level resources. */
export const STACK = "pulumi:pulumi:Stack";

/** Resource types whose settings start instances (the template-like ones start none alone). */
export const SERVER_TYPES: readonly string[] = [INSTANCE, SPOT_INSTANCE_REQUEST];
export const SECURITY_GROUP_TYPES: readonly string[] = [SECURITY_GROUP, DEFAULT_SECURITY_GROUP];
export const SUBNET_TYPES: readonly string[] = [SUBNET, DEFAULT_SUBNET];
/** Every resource type that writes an instance's settings (its type, disks, credits), itself or in its specifications. */
export const LAUNCH_SETTINGS_TYPES: readonly string[] = [
    INSTANCE,
    SPOT_INSTANCE_REQUEST,
    LAUNCH_TEMPLATE,
    LAUNCH_CONFIGURATION,
    AUTOSCALING_GROUP,
    SPOT_FLEET_REQUEST,
    FLEET,
];

const KINDS: Readonly<Record<string, string>> = {
    [INSTANCE]: "Instance",
    [LAUNCH_TEMPLATE]: "Launch template",
    [LAUNCH_CONFIGURATION]: "Launch configuration",
    [SPOT_INSTANCE_REQUEST]: "Spot instance request",
    [SPOT_FLEET_REQUEST]: "Spot Fleet request",
    [FLEET]: "EC2 Fleet",
    [AUTOSCALING_GROUP]: "Auto Scaling group",
    [DEFAULT_CREDIT_SPECIFICATION]: "Default credit specification",
    [EBS_VOLUME]: "EBS volume",
    [VOLUME_ATTACHMENT]: "Volume attachment",
    [SECURITY_GROUP]: "Security group",
    [DEFAULT_SECURITY_GROUP]: "Default security group",
    [SECURITY_GROUP_RULE]: "Security group rule",
    [VPC_INGRESS_RULE]: "Security group ingress rule",
    [MANAGED_PREFIX_LIST]: "Prefix list",
    [MANAGED_PREFIX_LIST_ENTRY]: "Prefix list entry",
    [EIP]: "Elastic IP",
    [NETWORK_INTERFACE]: "Network interface",
    [NETWORK_INTERFACE_ATTACHMENT]: "Network interface attachment",
    [EIP_ASSOCIATION]: "Elastic IP association",
    [NAT_GATEWAY]: "NAT gateway",
    [LOAD_BALANCER]: "Load balancer",
    [ALB_LOAD_BALANCER]: "Load balancer",
    [CLASSIC_LOAD_BALANCER]: "Classic load balancer",
    [EBS_SNAPSHOT]: "EBS snapshot",
    [EBS_SNAPSHOT_COPY]: "EBS snapshot copy",
    [EBS_SNAPSHOT_IMPORT]: "EBS snapshot import",
    [AMI_FROM_INSTANCE]: "AMI",
    [AMI_COPY]: "AMI copy",
    [SUBNET]: "Subnet",
    [DEFAULT_SUBNET]: "Default subnet",
    [INSTANCE_STATE]: "Instance state",
    [INSTANCE_METADATA_DEFAULTS]: "Instance metadata defaults",
    [BUDGET]: "Budget",
    [VPC_ENDPOINT]: "VPC endpoint",
};

/** Every type the pack reads; the stack model holds these and no others. */
export const JUDGED_TYPES: ReadonlySet<string> = new Set(Object.keys(KINDS));

/** How messages name a resource: `Instance "web"`. */
export function describe(resource: { type: string; name: string }): string {
    return `${KINDS[resource.type] ?? resource.type} "${resource.name}"`;
}
