/**
 * Plan and free-tier facts, in one place. Each constant's source is in docs/free-tier.md; when
 * AWS changes its plans, change them here (and there) and nowhere else. Both the FreeTierServer component and the
 * free-tier-guard policy pack read these.
 */

/**
 * The AWS plans an account is on (AWS Billing User Guide, "AWS Free Tier"; docs/free-tier.md):
 * - `free-plan`: accounts opened since 15 July 2025 that chose it: credits, at most 6 months,
 *   never charged; EC2 launches only free-tier-eligible types. The default: every account opened
 *   today is on a credit plan.
 * - `paid-plan`: the same credits, then pay-as-you-go; every instance type launches.
 * - `legacy`: the 12-month free tier (750 hours of t2.micro, 30 GB of EBS) of accounts opened
 *   before 15 July 2025. It ended for the last of them on {@link LEGACY_PLAN_ENDED}; kept for the
 *   rules' history and for anyone who needs them.
 *
 * A string enum written as an `as const` object, so the component's schema carries it to every
 * Pulumi language while TypeScript callers pass plain strings such as `"free-plan"`.
 */
export const Plan = {
    /** The credit-based free plan: only free-tier-eligible types launch. */
    FreePlan: "free-plan",
    /** The credit-based paid plan: the same credits, then billing. */
    PaidPlan: "paid-plan",
    /** The 12-month free tier of accounts opened before 15 July 2025, ended for all by 2026-07-15. */
    Legacy: "legacy",
} as const;
export type Plan = (typeof Plan)[keyof typeof Plan];

export const PLANS: readonly Plan[] = Object.values(Plan);

/** Every account opened today is on a credit plan; the free plan is the one that refuses what it cannot pay for. */
export const DEFAULT_PLAN: Plan = Plan.FreePlan;

/** The last legacy 12-month allowances ended on this date (accounts opened before 15 July 2025, plus 12 months). */
export const LEGACY_PLAN_ENDED = "2026-07-15";

/** Credits at sign-up on both credit plans, in USD (up to as much again for completing set activities). */
export const SIGN_UP_CREDITS_USD = 100;

/** The free plan lasts at most this many months (or until the credits are spent); then the account closes. */
export const FREE_PLAN_MONTHS = 6;

/** How long AWS keeps a closed free-plan account's resources; upgrading to the paid plan restores them. */
export const FREE_PLAN_CLOSED_KEPT_DAYS = 90;

/** The credit plans: usage draws on credits, and the stack's cost against them is the limit. */
export function isCreditPlan(plan: Plan): boolean {
    return plan !== Plan.Legacy;
}

/**
 * The instance types the free plan launches: EC2 refuses the rest on a free-plan account ("not
 * eligible for Free Tier"). t4g (Graviton) needs an arm64 AMI; the others are x86_64.
 */
export const FREE_PLAN_INSTANCE_TYPES: readonly string[] = [
    "t3.micro",
    "t3.small",
    "t4g.micro",
    "t4g.small",
    "c7i-flex.large",
    "m7i-flex.large",
];

/**
 * The instance types each plan allows by default. On the free plan, the types it launches; on
 * the paid plan every type launches and draws on the same credits, so its default allowance is
 * the free plan's (a user widens it, and the price says what that costs); on the legacy plan,
 * t2.micro (t3.micro where a Region has no t2.micro: {@link LEGACY_T3_MICRO_REGIONS}).
 */
export const PLAN_INSTANCE_TYPES: Readonly<Record<Plan, readonly string[]>> = {
    "free-plan": FREE_PLAN_INSTANCE_TYPES,
    "paid-plan": FREE_PLAN_INSTANCE_TYPES,
    legacy: ["t2.micro"],
};

/** Types free on the legacy plan only in Regions that have no t2.micro. */
export const LEGACY_FALLBACK_INSTANCE_TYPES: readonly string[] = ["t3.micro"];

/**
 * Regions with no t2 instances, where the legacy plan's free type is t3.micro. Only Europe
 * (Stockholm) is confirmed (AWS lists t3.micro as its free-tier type). Regions opened since
 * 2019 are reported the same (Bahrain me-south-1, Hong Kong ap-east-1, Cape Town af-south-1,
 * Milan eu-south-1, Jakarta ap-southeast-3, and later ones) but are not confirmed by the EC2
 * documentation, so they are not listed: the policy pack's `legacyT3MicroRegions` adds them.
 * `aws ec2 describe-instance-types --filters Name=free-tier-eligible,Values=true` answers for
 * one account and Region.
 */
export const LEGACY_T3_MICRO_REGIONS: readonly string[] = ["eu-north-1"];

export type Architecture = "x86_64" | "arm64";

/** The instance family: "t4g" for "t4g.micro", "c7i-flex" for "c7i-flex.large". */
export function instanceFamily(instanceType: string): string {
    const dot = instanceType.indexOf(".");
    return (dot < 0 ? instanceType : instanceType.slice(0, dot)).toLowerCase();
}

/**
 * The CPU architecture an instance type needs. Graviton families carry a "g" right after the
 * generation digit (t4g, m6g, c7gn, ...), plus the first-generation a1; they need an arm64 AMI.
 */
export function architectureOf(instanceType: string): Architecture {
    const family = instanceFamily(instanceType);
    return family === "a1" || /^[a-z]+\d+g/.test(family) ? "arm64" : "x86_64";
}

/** Burstable (CPU credit) families: the T series. */
export function isBurstable(instanceType: string): boolean {
    return /^t\d/.test(instanceFamily(instanceType));
}

/**
 * T3, T3a and T4g launch in "unlimited" credit mode unless told otherwise, and bill surplus
 * credits; T2 defaults to "standard" (EC2 User Guide, burstable performance instances).
 */
export function defaultsToUnlimitedCredits(instanceType: string): boolean {
    return isBurstable(instanceType) && instanceFamily(instanceType) !== "t2";
}

/** EBS in the legacy free tier: 30 GB-months in total, across the whole account; also the guide's root volume. */
export const FREE_EBS_GB = 30;

/** Volume types the EBS free tier covers: General Purpose SSD and Magnetic. */
export const FREE_VOLUME_TYPES: readonly string[] = ["gp2", "gp3", "standard"];

/**
 * gp3 includes this much; provisioning more is billed (docs/prices.md, `ebs:gp3-iops` and
 * `ebs:gp3-throughput`). They are gp3's defaults and minimums in the EC2 API Reference,
 * EbsBlockDevice `Iops` ("The default for gp3 volumes is 3,000 IOPS") and ModifyVolume
 * `Throughput` ("the default value is 125", valid range from 125), read 2026-12-02.
 */
export const GP3_INCLUDED_IOPS = 3000;
export const GP3_INCLUDED_THROUGHPUT_MIBPS = 125;

/** With no root block device set, the AMI's snapshot decides the size (Amazon Linux: 8 GB). */
export const DEFAULT_ROOT_VOLUME_GB = 8;

/** Legacy plan: 750 instance-hours a month, pooled across all eligible instances and Regions. */
export const FREE_INSTANCE_HOURS_PER_MONTH = 750;
export const HOURS_IN_LONGEST_MONTH = 31 * 24;

/** How many instances the free hours keep running all month: one (750 / 744). */
export const FREE_ALWAYS_ON_INSTANCES = Math.floor(FREE_INSTANCE_HOURS_PER_MONTH / HOURS_IN_LONGEST_MONTH);

/**
 * Public IPv4 addresses are billed per hour since 1 February 2024 (an instance's auto-assigned
 * one, an Elastic IP, a NAT gateway's); the legacy free tier includes 750 hours a month in
 * total, so one always-on address is free and two are not.
 */
export const FREE_PUBLIC_IPV4_HOURS_PER_MONTH = 750;
export const FREE_ALWAYS_ON_PUBLIC_IPV4 = Math.floor(FREE_PUBLIC_IPV4_HOURS_PER_MONTH / HOURS_IN_LONGEST_MONTH);

/**
 * The Amazon Linux versions a server can run. A string enum written as an `as const` object
 * (the value declared before its type), so the component's schema carries it to every Pulumi
 * language, while TypeScript callers still pass plain strings such as `"amazon-linux-2023"`.
 */
export const AmazonLinux = {
    /** Amazon Linux 2023, the version AWS recommends. */
    AmazonLinux2023: "amazon-linux-2023",
    /** Amazon Linux 2 (the console guide's), past its end of support since 2026-06-30. */
    AmazonLinux2: "amazon-linux-2",
} as const;
export type AmazonLinux = (typeof AmazonLinux)[keyof typeof AmazonLinux];

export const AMAZON_LINUX_VERSIONS: readonly AmazonLinux[] = Object.values(AmazonLinux);

/** Amazon Linux 2 reached end of support on this date; AWS recommends Amazon Linux 2023. */
export const AMAZON_LINUX_2_END_OF_SUPPORT = "2026-06-30";

/** Public SSM parameters that always hold the current Amazon Linux AMI id in every Region. */
export function amiSsmParameter(os: AmazonLinux, architecture: Architecture): string {
    const image =
        os === "amazon-linux-2023" ? `al2023-ami-kernel-default-${architecture}` : `amzn2-ami-hvm-${architecture}-gp2`;
    return `/aws/service/ami-amazon-linux-latest/${image}`;
}

/** The smallest root volume the Amazon Linux AMIs boot from (their snapshot size), in GB. */
export const AMAZON_LINUX_MIN_ROOT_GB: Readonly<Record<AmazonLinux, number>> = {
    "amazon-linux-2023": 8,
    "amazon-linux-2": 8,
};
