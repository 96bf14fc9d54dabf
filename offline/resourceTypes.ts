/**
 * The type tokens the offline preview reasons about: every token of the pack (policy/lib/resources.ts,
 * the pack's own list of the types it judges, kept there because the pack ships alone), and the
 * tokens the preview reads beyond the pack's: the types its report and its placeholder outputs
 * know. Product code names a type through these constants, never by a literal
 * (test/layout/typeTokens.spec.ts).
 */
export * from "../policy/lib/resources";

export const RDS_INSTANCE = "aws:rds/instance:Instance";
export const VPC_EGRESS_RULE = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";
export const KEY_PAIR = "aws:ec2/keyPair:KeyPair";
export const ROLE = "aws:iam/role:Role";
export const INSTANCE_PROFILE = "aws:iam/instanceProfile:InstanceProfile";
export const PRIVATE_KEY = "tls:index/privateKey:PrivateKey";
/** The engine's built-in resource that reads another stack's outputs from the Pulumi backend. */
export const STACK_REFERENCE = "pulumi:pulumi:StackReference";
