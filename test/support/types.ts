/** The type tokens of FreeTierServer and of the resources it creates, as the engine sees them. */
export { EIP, INSTANCE, SECURITY_GROUP } from "../../policy/lib/resources";

/** The component's token: in every existing stack's URNs, so it never changes. */
export const COMPONENT = "freetier:index:FreeTierServer";
export const KEY_PAIR = "aws:ec2/keyPair:KeyPair";
export const PRIVATE_KEY = "tls:index/privateKey:PrivateKey";
export const ROLE = "aws:iam/role:Role";
export const INSTANCE_PROFILE = "aws:iam/instanceProfile:InstanceProfile";
export const ROLE_POLICY_ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
export const BUDGET = "aws:budgets/budget:Budget";
