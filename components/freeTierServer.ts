import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as tls from "@pulumi/tls";
import { AMAZON_LINUX_2_END_OF_SUPPORT, amiSsmParameter, architectureOf, isBurstable } from "../lib/freeTier";
import { FreeTierServerArgs } from "./args";
import { resolveArgs, ResolvedArgs, SSH_PORT } from "./validate";

/**
 * The characters AWS takes in the names and descriptions the server's resources need: a
 * security group's name and description (EC2 API CreateSecurityGroup: a-z, A-Z, 0-9, spaces and
 * ._-:/()#,@[]+=&;{}!$*), a key pair's name (ASCII), an IAM role's and instance profile's name
 * (IAM API CreateRole: alphanumerics and +=,.@_-). Tags take any Unicode letter, so the Name tag
 * keeps the server's name as given, Hangul included.
 */
const AWS_NAME_CHARACTERS = /^[A-Za-z0-9._-]+$/;

/**
 * A name AWS accepts for a server whose own name it would refuse ("웹 서버" becomes "server"),
 * or undefined when the name is fine as it is (so existing stacks keep their names).
 */
export function awsSafeName(name: string): string | undefined {
    if (AWS_NAME_CHARACTERS.test(name)) {
        return undefined;
    }
    const safe = name
        .replace(/[^A-Za-z0-9._-]+/g, "-")
        .replace(/-+/g, "-")
        .replace(/^[-.]+|[-.]+$/g, "")
        .slice(0, 24);
    return safe === "" ? "server" : safe;
}

/** The component's Pulumi type token. */
export const FREE_TIER_SERVER_TYPE = "freetier:index:FreeTierServer";

/** The login user of Amazon Linux AMIs. */
const LOGIN_USER = "ec2-user";

/**
 * The AWS managed policy that lets the SSM agent register the instance and serve Session
 * Manager ("AmazonSSMManagedInstanceCore", AWS Managed Policy Reference: "The policy for Amazon
 * EC2 Role to enable AWS Systems Manager service core functionality").
 */
export const SSM_CORE_POLICY_ARN = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore";

/**
 * The AWS-managed prefix list of EC2 Instance Connect's addresses in a Region (VPC User Guide,
 * "AWS-managed prefix lists": com.amazonaws.<region>.ec2-instance-connect, IPv4).
 */
export function instanceConnectPrefixListName(region: string): string {
    return `com.amazonaws.${region}.ec2-instance-connect`;
}

const WORLD_IPV4 = "0.0.0.0/0";

/** What the security group's description says of SSH, per access mode. */
const SSH_SOURCES: Readonly<Record<ResolvedArgs["access"], string>> = {
    ssh: "SSH from allowed addresses",
    "instance-connect": "SSH from EC2 Instance Connect",
    ssm: "no SSH (Session Manager)",
};
const WORLD_IPV6 = "::/0";

/**
 * A free-tier EC2 server: one instance, its security group and its key pair, as the AWS
 * console guide builds them (Amazon Linux, 30 GB, a Name tag, SSH from your own address only,
 * the app port open, a new key pair), on a type your plan launches (t3.micro on today's free
 * plan, where the guide's t2.micro no longer launches), and safe by default: IMDSv2 required, an
 * encrypted root volume deleted with the instance, standard CPU credits, no detailed
 * monitoring, a description on every rule, and no replacement when a newer AMI is published.
 * `access` "instance-connect" or "ssm" replaces the key pair and "my IP" with EC2 Instance
 * Connect or Session Manager; `budgetEmail` adds a free zero-spend AWS Budgets alert.
 *
 * Every arg is checked before anything is created; a bad one throws an error that names it.
 */
export class FreeTierServer extends pulumi.ComponentResource {
    /** The EC2 instance. */
    public readonly instance: aws.ec2.Instance;
    /** The instance's security group: SSH from `sshAllowedCidrs`, `appPorts` from anywhere. */
    public readonly securityGroup: aws.ec2.SecurityGroup;
    /** The key pair the instance accepts for SSH; only with `access` "ssh". */
    public readonly keyPair?: aws.ec2.KeyPair;
    /** The instance's IAM role (Session Manager's), only with `access` "ssm". */
    public readonly role?: aws.iam.Role;
    /** The instance profile that puts the role on the instance, only with `access` "ssm". */
    public readonly instanceProfile?: aws.iam.InstanceProfile;
    /** The zero-spend (or `budgetUsd`) AWS Budgets budget, when `budgetEmail` is set. */
    public readonly budget?: aws.budgets.Budget;
    /** The Elastic IP, when `elasticIp` is true. */
    public readonly elasticIp?: aws.ec2.Eip;
    /** The server's public IPv4 address (the Elastic IP's when there is one). */
    public readonly publicIp: pulumi.Output<string>;
    /** The server's public DNS name, or its public IP where the VPC gives it no DNS name. */
    public readonly publicDns: pulumi.Output<string>;
    /**
     * The generated private key in PEM form (the console's .pem file), as a Pulumi secret.
     * Not set when `publicKey` imports your own key.
     */
    public readonly privateKeyPem?: pulumi.Output<string>;
    /** The ssh command that opens a shell on the server; only with `access` "ssh". */
    public readonly sshCommand?: pulumi.Output<string>;
    /**
     * The command that opens a shell on the server, for every access mode: `ssh -i <name>.pem
     * ec2-user@<host>`, `aws ec2-instance-connect ssh --instance-id <id> --os-user ec2-user`, or
     * `aws ssm start-session --target <id>`.
     */
    public readonly connectCommand: pulumi.Output<string>;
    /** One http URL per app port. */
    public readonly appUrls: pulumi.Output<string[]>;

    constructor(name: string, args: FreeTierServerArgs, opts?: pulumi.ComponentResourceOptions) {
        // Validate before registering anything, so bad args leave nothing half-built.
        const resolved = resolveArgs(name, args);
        super(FREE_TIER_SERVER_TYPE, name, {}, opts);
        if (resolved.os === "amazon-linux-2") {
            pulumi.log.warn(
                `os "amazon-linux-2" reached end of support on ${AMAZON_LINUX_2_END_OF_SUPPORT} and gets no more security updates; AWS recommends "amazon-linux-2023"`,
                this,
            );
        }

        const vpcId = resolved.vpcId ?? this.vpcOfSubnet(resolved.subnetId);
        this.securityGroup = this.createSecurityGroup(name, resolved, vpcId);

        let privateKey: tls.PrivateKey | undefined;
        if (resolved.access === "ssh") {
            if (resolved.publicKey === undefined) {
                // The tls SDK stores the private key in state as a secret (additionalSecretOutputs).
                privateKey = new tls.PrivateKey(
                    `${name}-ssh-key`,
                    { algorithm: "RSA", rsaBits: 4096 },
                    { parent: this },
                );
                this.privateKeyPem = pulumi.secret(privateKey.privateKeyPem);
            }
            const safe = awsSafeName(name);
            this.keyPair = new aws.ec2.KeyPair(
                `${name}-key`,
                {
                    publicKey: resolved.publicKey ?? privateKey!.publicKeyOpenssh,
                    // Autonamed from the resource name, unless AWS would refuse that.
                    ...(safe ? { keyNamePrefix: `${safe}-key-` } : {}),
                    tags: resolved.tags,
                },
                { parent: this },
            );
        }
        if (resolved.access === "ssm") {
            [this.role, this.instanceProfile] = this.createSessionManagerProfile(name, resolved);
        }

        this.instance = new aws.ec2.Instance(
            `${name}-instance`,
            {
                ami: resolved.ami ?? this.latestAmi(resolved),
                instanceType: resolved.instanceType,
                keyName: this.keyPair?.keyName,
                iamInstanceProfile: this.instanceProfile?.name,
                vpcSecurityGroupIds: [this.securityGroup.id],
                subnetId: resolved.subnetId,
                associatePublicIpAddress: resolved.elasticIp ? undefined : true,
                userData: resolved.userData,
                metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 },
                monitoring: false,
                creditSpecification: isBurstable(resolved.instanceType) ? { cpuCredits: "standard" } : undefined,
                rootBlockDevice: {
                    volumeSize: resolved.rootVolumeSizeGb,
                    volumeType: resolved.rootVolumeType,
                    encrypted: true,
                    deleteOnTermination: true,
                    tags: resolved.tags,
                },
                tags: resolved.tags,
            },
            // A newer AMI from the lookup must never replace the server and lose its disk.
            { parent: this, ignoreChanges: ["ami"] },
        );

        if (resolved.elasticIp) {
            this.elasticIp = new aws.ec2.Eip(
                `${name}-eip`,
                { domain: "vpc", instance: this.instance.id, tags: resolved.tags },
                { parent: this },
            );
        }
        this.publicIp = this.elasticIp ? this.elasticIp.publicIp : this.instance.publicIp;
        const dns = this.elasticIp ? this.elasticIp.publicDns : this.instance.publicDns;
        this.publicDns = pulumi.all([dns, this.publicIp]).apply(([d, ip]) => d || ip);
        if (this.keyPair) {
            this.sshCommand = privateKey
                ? pulumi.interpolate`ssh -i ${name}.pem ${LOGIN_USER}@${this.publicDns}`
                : pulumi.interpolate`ssh ${LOGIN_USER}@${this.publicDns}`;
        }
        // AWS CLI v2 reference: "aws ec2-instance-connect ssh --instance-id <value> [--os-user
        // <value>]" (Default: ec2-user), and "aws ssm start-session --target <value>".
        this.connectCommand =
            this.sshCommand ??
            (resolved.access === "instance-connect"
                ? pulumi.interpolate`aws ec2-instance-connect ssh --instance-id ${this.instance.id} --os-user ${LOGIN_USER}`
                : pulumi.interpolate`aws ssm start-session --target ${this.instance.id}`);
        if (resolved.budget) {
            this.budget = this.createBudget(name, resolved.budget, resolved.tags);
        }
        this.appUrls = this.publicDns.apply((host) => resolved.appPorts.map((port) => `http://${host}:${port}`));

        this.registerOutputs({
            instance: this.instance,
            securityGroup: this.securityGroup,
            keyPair: this.keyPair,
            role: this.role,
            instanceProfile: this.instanceProfile,
            budget: this.budget,
            elasticIp: this.elasticIp,
            publicIp: this.publicIp,
            publicDns: this.publicDns,
            privateKeyPem: this.privateKeyPem,
            sshCommand: this.sshCommand,
            connectCommand: this.connectCommand,
            appUrls: this.appUrls,
        });
    }

    /** The security group goes where the instance goes: the chosen subnet's VPC. */
    private vpcOfSubnet(subnetId: pulumi.Input<string> | undefined): pulumi.Output<string> | undefined {
        if (subnetId === undefined) {
            return undefined;
        }
        return aws.ec2.getSubnetOutput({ id: subnetId }, { parent: this }).vpcId;
    }

    /**
     * The id of the Region's EC2 Instance Connect prefix list, looked up by name in the Region of
     * this component's provider (its `aws:region`). Pulumi AWS `aws.ec2.getManagedPrefixList`:
     * "provides details about a specific AWS prefix list ... in the current region", by `name`,
     * as its example does with `com.amazonaws.${current.region}.dynamodb`
     * (terraform-provider-aws data source aws_ec2_managed_prefix_list).
     */
    private instanceConnectPrefixList(): pulumi.Output<string> {
        const region = aws.getRegionOutput({}, { parent: this }).region;
        const name = region.apply(instanceConnectPrefixListName);
        return aws.ec2.getManagedPrefixListOutput({ name }, { parent: this }).id;
    }

    /**
     * Session Manager's way in: an IAM role EC2 may assume, with only AmazonSSMManagedInstanceCore
     * attached, and the instance profile that puts it on the instance (Pulumi AWS aws.iam.Role
     * `assumeRolePolicy`, aws.iam.RolePolicyAttachment `role` and `policyArn`,
     * aws.iam.InstanceProfile `role`; terraform-provider-aws aws_iam_role, aws_iam_role_policy_attachment,
     * aws_iam_instance_profile).
     */
    private createSessionManagerProfile(name: string, args: ResolvedArgs): [aws.iam.Role, aws.iam.InstanceProfile] {
        const safe = awsSafeName(name);
        const role = new aws.iam.Role(
            `${name}-ssm-role`,
            {
                ...(safe ? { namePrefix: `${safe}-ssm-` } : {}),
                description: `FreeTierServer ${safe ?? name}: Session Manager access for its instance`,
                assumeRolePolicy: JSON.stringify({
                    Version: "2012-10-17",
                    Statement: [
                        {
                            Effect: "Allow",
                            Principal: { Service: "ec2.amazonaws.com" },
                            Action: "sts:AssumeRole",
                        },
                    ],
                }),
                tags: args.tags,
            },
            { parent: this },
        );
        new aws.iam.RolePolicyAttachment(
            `${name}-ssm-core`,
            { role: role.name, policyArn: SSM_CORE_POLICY_ARN },
            { parent: this },
        );
        const profile = new aws.iam.InstanceProfile(
            `${name}-ssm-profile`,
            { role: role.name, ...(safe ? { namePrefix: `${safe}-ssm-` } : {}), tags: args.tags },
            { parent: this },
        );
        return [role, profile];
    }

    /**
     * A monthly cost budget for the account that e-mails at the first cent of actual spend, and,
     * with a limit of one's own, when the month's spend is forecast above it. Pulumi AWS
     * aws.budgets.Budget: `budgetType` "COST", `timeUnit` "MONTHLY", `limitAmount`/`limitUnit`,
     * `notifications` of { comparisonOperator, threshold, thresholdType (PERCENTAGE |
     * ABSOLUTE_VALUE), notificationType (ACTUAL | FORECASTED), subscriberEmailAddresses }
     * (terraform-provider-aws aws_budgets_budget; AWS Budgets API "Notification").
     */
    private createBudget(
        name: string,
        budget: NonNullable<ResolvedArgs["budget"]>,
        tags: Record<string, string>,
    ): aws.budgets.Budget {
        const notifications: aws.types.input.budgets.BudgetNotification[] = [
            {
                notificationType: "ACTUAL",
                comparisonOperator: "GREATER_THAN",
                threshold: 0,
                thresholdType: "ABSOLUTE_VALUE",
                subscriberEmailAddresses: [budget.email],
            },
        ];
        if (budget.forecast) {
            notifications.push({
                notificationType: "FORECASTED",
                comparisonOperator: "GREATER_THAN",
                threshold: 100,
                thresholdType: "PERCENTAGE",
                subscriberEmailAddresses: [budget.email],
            });
        }
        return new aws.budgets.Budget(
            `${name}-budget`,
            {
                budgetType: "COST",
                timeUnit: "MONTHLY",
                limitAmount: budget.limitUsd.toFixed(2),
                limitUnit: "USD",
                notifications,
                tags,
            },
            { parent: this },
        );
    }

    /** The latest Amazon Linux AMI for the instance type's architecture, from public SSM. */
    private latestAmi(args: ResolvedArgs): pulumi.Output<string> {
        const name = amiSsmParameter(args.os, architectureOf(args.instanceType));
        return aws.ssm.getParameterOutput({ name }, { parent: this }).value;
    }

    private createSecurityGroup(
        name: string,
        args: ResolvedArgs,
        vpcId: pulumi.Input<string> | undefined,
    ): aws.ec2.SecurityGroup {
        const ingress: aws.types.input.ec2.SecurityGroupIngress[] = [];
        if (args.access === "instance-connect") {
            ingress.push({
                description: "SSH from EC2 Instance Connect only",
                protocol: "tcp",
                fromPort: SSH_PORT,
                toPort: SSH_PORT,
                prefixListIds: [this.instanceConnectPrefixList()],
            });
        } else if (args.ssh.ipv4.length + args.ssh.ipv6.length > 0) {
            ingress.push({
                description: "SSH from the allowed addresses only",
                protocol: "tcp",
                fromPort: SSH_PORT,
                toPort: SSH_PORT,
                cidrBlocks: args.ssh.ipv4,
                ipv6CidrBlocks: args.ssh.ipv6,
            });
        }
        for (const port of args.appPorts) {
            ingress.push({
                description: `App port ${port} from anywhere`,
                protocol: "tcp",
                fromPort: port,
                toPort: port,
                cidrBlocks: [WORLD_IPV4],
                ipv6CidrBlocks: [WORLD_IPV6],
            });
        }
        const safe = awsSafeName(name);
        return new aws.ec2.SecurityGroup(
            `${name}-sg`,
            {
                ...(safe ? { namePrefix: `${safe}-sg-` } : {}),
                description: `FreeTierServer ${safe ?? name}: ${SSH_SOURCES[args.access]}, app ports from anywhere`,
                vpcId,
                ingress,
                egress: [
                    {
                        description: "All outbound traffic, so the server can install packages",
                        protocol: "-1",
                        fromPort: 0,
                        toPort: 0,
                        cidrBlocks: [WORLD_IPV4],
                        ipv6CidrBlocks: [WORLD_IPV6],
                    },
                ],
                tags: args.tags,
            },
            { parent: this },
        );
    }
}
