/**
 * The AWS SDK's types (@pulumi/aws 7.48.0) the pack's readers check their key names against
 * (read.ts: `field<T>`, `Fields<T>`), each by its deep path so that the pack's own build reads
 * only the modules it names. Type-only: the compiled pack has no require of @pulumi/aws
 * (test/layout/imports.spec.ts), and nothing here vouches for a value's type.
 */
import type { InstanceArgs } from "@pulumi/aws/ec2/instance";
import type { SpotInstanceRequestArgs } from "@pulumi/aws/ec2/spotInstanceRequest";
import type * as inputs from "@pulumi/aws/types/input";

export type * as input from "@pulumi/aws/types/input";
export type { LoadBalancerArgs as AlbLoadBalancerArgs } from "@pulumi/aws/alb/loadBalancer";
export type { GroupArgs as AutoscalingGroupArgs } from "@pulumi/aws/autoscaling/group";
export type { SnapshotArgs, SnapshotState } from "@pulumi/aws/ebs/snapshot";
export type { SnapshotCopyArgs, SnapshotCopyState } from "@pulumi/aws/ebs/snapshotCopy";
export type { SnapshotImportState } from "@pulumi/aws/ebs/snapshotImport";
export type { VolumeArgs as EbsVolumeArgs, VolumeState as EbsVolumeState } from "@pulumi/aws/ebs/volume";
export type { AmiCopyArgs, AmiCopyState } from "@pulumi/aws/ec2/amiCopy";
export type { AmiFromInstanceArgs, AmiFromInstanceState } from "@pulumi/aws/ec2/amiFromInstance";
export type { DefaultCreditSpecificationArgs } from "@pulumi/aws/ec2/defaultCreditSpecification";
export type { DefaultSecurityGroupArgs } from "@pulumi/aws/ec2/defaultSecurityGroup";
export type { DefaultSubnetArgs } from "@pulumi/aws/ec2/defaultSubnet";
export type { EipArgs, EipState } from "@pulumi/aws/ec2/eip";
export type { EipAssociationArgs } from "@pulumi/aws/ec2/eipAssociation";
export type { FleetArgs } from "@pulumi/aws/ec2/fleet";
export type { InstanceArgs, InstanceState } from "@pulumi/aws/ec2/instance";
export type { InstanceMetadataDefaultsArgs } from "@pulumi/aws/ec2/instanceMetadataDefaults";
export type { LaunchConfigurationArgs } from "@pulumi/aws/ec2/launchConfiguration";
export type { LaunchTemplateArgs, LaunchTemplateState } from "@pulumi/aws/ec2/launchTemplate";
export type { ManagedPrefixListArgs } from "@pulumi/aws/ec2/managedPrefixList";
export type { ManagedPrefixListEntryArgs } from "@pulumi/aws/ec2/managedPrefixListEntry";
export type { NatGatewayArgs } from "@pulumi/aws/ec2/natGateway";
export type { NetworkInterfaceArgs } from "@pulumi/aws/ec2/networkInterface";
export type { NetworkInterfaceAttachmentArgs } from "@pulumi/aws/ec2/networkInterfaceAttachment";
export type { SecurityGroupArgs } from "@pulumi/aws/ec2/securityGroup";
export type { SecurityGroupRuleArgs } from "@pulumi/aws/ec2/securityGroupRule";
export type { SpotFleetRequestArgs } from "@pulumi/aws/ec2/spotFleetRequest";
export type { SpotInstanceRequestArgs, SpotInstanceRequestState } from "@pulumi/aws/ec2/spotInstanceRequest";
export type { SubnetArgs } from "@pulumi/aws/ec2/subnet";
export type { VolumeAttachmentArgs } from "@pulumi/aws/ec2/volumeAttachment";
export type { VpcEndpointArgs } from "@pulumi/aws/ec2/vpcEndpoint";
export type { InstanceStateArgs } from "@pulumi/aws/ec2transitgateway/instanceState";
export type { LoadBalancerArgs } from "@pulumi/aws/lb/loadBalancer";
export type { ProviderArgs } from "@pulumi/aws/provider";
export type { SecurityGroupIngressRuleArgs } from "@pulumi/aws/vpc/securityGroupIngressRule";

/** The servers, an instance and a Spot Instance request, whose settings are read alike. */
export type ServerArgs = InstanceArgs | SpotInstanceRequestArgs;
/** A Spot Fleet request's or an EC2 Fleet's launch template config. */
export type FleetTemplateConfig =
    inputs.ec2.SpotFleetRequestLaunchTemplateConfig | inputs.ec2.FleetLaunchTemplateConfig;
/** An override of a Spot Fleet request's or an EC2 Fleet's launch template config. */
export type FleetTemplateOverride =
    inputs.ec2.SpotFleetRequestLaunchTemplateConfigOverride | inputs.ec2.FleetLaunchTemplateConfigOverride;
/** An override of a group's mixed instances policy, or of a fleet's launch template config. */
export type TemplateOverride =
    inputs.autoscaling.GroupMixedInstancesPolicyLaunchTemplateOverride | FleetTemplateOverride;
/** The attributes EC2 chooses an instance type by: a launch template's, or an override's. */
export type InstanceRequirements =
    | inputs.ec2.LaunchTemplateInstanceRequirements
    | inputs.autoscaling.GroupMixedInstancesPolicyLaunchTemplateOverrideInstanceRequirements
    | inputs.ec2.SpotFleetRequestLaunchTemplateConfigOverrideInstanceRequirements
    | inputs.ec2.FleetLaunchTemplateConfigOverrideInstanceRequirements;
