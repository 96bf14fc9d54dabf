/**
 * The type tokens tests and the bench name: every token of the product (offline/resourceTypes.ts,
 * which carries the pack's), and those only tests need.
 */
export * from "../offline/resourceTypes";

/** The component's token: in every existing stack's URNs, so it never changes. */
export const COMPONENT = "freetier:index:FreeTierServer";
export const ROLE_POLICY_ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
export const S3_BUCKET = "aws:s3/bucket:Bucket";
export const AWS_PROVIDER = "pulumi:providers:aws";
