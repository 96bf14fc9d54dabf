import * as pulumi from "@pulumi/pulumi";
import { AmazonLinux, Plan } from "../lib/freeTier";

export { AmazonLinux, Plan };

/**
 * Root volume types the free tier covers, as a string enum (an `as const` object, so the
 * component's schema carries it to every Pulumi language; TypeScript callers pass `"gp3"`).
 */
export const RootVolumeType = {
    /** General Purpose SSD gp3: 3000 IOPS and 125 MiB/s included. */
    Gp3: "gp3",
    /** General Purpose SSD gp2, the previous generation. */
    Gp2: "gp2",
} as const;
export type RootVolumeType = (typeof RootVolumeType)[keyof typeof RootVolumeType];

/**
 * How you get a shell on the server, as a string enum (an `as const` object, so the component's
 * schema carries it to every Pulumi language; TypeScript callers pass `"instance-connect"`).
 */
export const Access = {
    /** SSH with a key pair (generated, or your `publicKey`) from `sshAllowedCidrs`: the guide's way. */
    Ssh: "ssh",
    /**
     * EC2 Instance Connect: SSH only from AWS's Instance Connect range for the Region (the managed
     * prefix list `com.amazonaws.<region>.ec2-instance-connect`); AWS pushes a one-time key, so
     * there is no key pair and no .pem to keep.
     */
    InstanceConnect: "instance-connect",
    /**
     * AWS Systems Manager Session Manager: no inbound port at all; an IAM role with only
     * AmazonSSMManagedInstanceCore, on an instance profile, lets the SSM agent call out.
     */
    Ssm: "ssm",
} as const;
export type Access = (typeof Access)[keyof typeof Access];

/** The arguments of a {@link FreeTierServer}. */
export interface FreeTierServerArgs {
    /**
     * IPv4 and IPv6 CIDR blocks allowed to reach SSH (port 22), such as your own address as
     * a /32 ("203.0.113.7/32"), written as AWS reads them (four decimal numbers for IPv4).
     * `[]` creates no SSH rule at all. Any list whose blocks together cover the whole IPv4 or
     * IPv6 internet is refused. Required when `access` is `"ssh"` (the default); with
     * `"instance-connect"` or `"ssm"` leave it out (or `[]`): a non-empty list is refused.
     * No default.
     */
    readonly sshAllowedCidrs?: string[];
    /**
     * How you get in: `"ssh"` (a key pair and `sshAllowedCidrs`, the guide's way),
     * `"instance-connect"` (EC2 Instance Connect: port 22 only from the Region's Instance Connect
     * prefix list `com.amazonaws.<region>.ec2-instance-connect`, a one-time key pushed by
     * `aws ec2-instance-connect ssh`, no key pair, no private key; recommended to beginners) or
     * `"ssm"` (Session Manager: no port 22 at all, an IAM role with only the managed policy
     * AmazonSSMManagedInstanceCore on an instance profile; connect with `aws ssm start-session`).
     * Neither `"instance-connect"` nor `"ssm"` takes `sshAllowedCidrs` or `publicKey`. Both cost
     * nothing extra. Defaults to `"ssh"`.
     */
    readonly access?: Access;
    /**
     * TCP ports opened to the world (0.0.0.0/0 and ::/0) for your application. Port 22 is
     * refused: it would open SSH to the world. Defaults to `[8080]`, the guide's app port.
     */
    readonly appPorts?: number[];
    /**
     * Your AWS account's plan: `"free-plan"` (credits for up to 6 months, never charged; EC2
     * launches only t3.micro, t3.small, t4g.micro, t4g.small, c7i-flex.large and
     * m7i-flex.large), `"paid-plan"` (the same credits, then billing; every type launches) or
     * `"legacy"` (the 12-month free tier of accounts opened before 15 July 2025, ended for all
     * of them on 2026-07-15). An instance type the plan cannot launch is refused before anything
     * is created. Defaults to `"free-plan"`.
     */
    readonly plan?: Plan;
    /**
     * The instance type, one that `plan` launches: on the free plan t3.micro, t3.small,
     * t4g.micro, t4g.small, c7i-flex.large or m7i-flex.large (t4g is cheaper, and arm64: the
     * AMI follows); on the paid plan any type (the free-tier-guard policy pack says what it
     * costs); on the legacy plan t2.micro, or t3.micro where a Region has no t2.micro. Defaults
     * to `"t3.micro"` (x86_64, like the guide's t2.micro), or `"t2.micro"` on the legacy plan.
     */
    readonly instanceType?: string;
    /**
     * The operating system, looked up as the latest AMI for the instance type's architecture.
     * Amazon Linux 2 (the guide's) reached end of support on 2026-06-30. Defaults to
     * `"amazon-linux-2023"`.
     */
    readonly os?: AmazonLinux;
    /** Pins the AMI id and skips the lookup. Defaults to the latest AMI of `os`. */
    readonly ami?: pulumi.Input<string>;
    /** Root volume size in whole GB, from the AMI's minimum (8) up to 30. Defaults to `30`. */
    readonly rootVolumeSizeGb?: number;
    /** Root volume type, both covered by the free tier. Defaults to `"gp3"`. */
    readonly rootVolumeType?: RootVolumeType;
    /**
     * Your own OpenSSH public key ("ssh-ed25519 AAAA..."), imported as the key pair: an
     * ED25519 or RSA key, the kinds EC2 imports (not ECDSA). When
     * absent, an RSA key pair is generated and its private key is exposed as the secret
     * `privateKeyPem`. Only with `access` `"ssh"`. Defaults to a generated key.
     */
    readonly publicKey?: pulumi.Input<string>;
    /** The VPC of the security group. Defaults to the Region's default VPC. */
    readonly vpcId?: pulumi.Input<string>;
    /** The subnet of the instance. Defaults to a default subnet of the default VPC. */
    readonly subnetId?: pulumi.Input<string>;
    /** A cloud-init script run at first boot. Defaults to none. */
    readonly userData?: pulumi.Input<string>;
    /**
     * Attaches an Elastic IP, so the address survives a stop and start. An Elastic IP is
     * billed whenever it is attached to nothing. Defaults to `false`.
     */
    readonly elasticIp?: boolean;
    /**
     * An e-mail address that AWS Budgets alerts: a monthly cost budget for the whole account that
     * e-mails it at the first cent of actual spend (a zero-spend budget, as AWS recommends to
     * new accounts). A budget without actions costs nothing (AWS's Price List offer AWSBudgets;
     * see docs/access.md). AWS Budgets e-mails the address directly, with no SNS topic (whose
     * e-mail subscriptions must be confirmed first). Defaults to none: no budget.
     */
    readonly budgetEmail?: string;
    /**
     * The budget's monthly limit in US dollars, whole cents, with `budgetEmail`. Given, the
     * budget also e-mails when AWS forecasts the month's spend above it. Defaults to `0.01`: a
     * zero-spend budget that alerts only on actual spend.
     */
    readonly budgetUsd?: number;
    /**
     * Tags merged into every child. `Name` defaults to the component's name. Keys beginning with
     * `aws:` are AWS's own; values are up to 256 characters. Defaults to `{}`.
     */
    readonly tags?: Record<string, string>;
}
