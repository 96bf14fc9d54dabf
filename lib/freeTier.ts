/**
 * Free-tier facts, in one place. Each constant cites FREE_TIER.md's source; when AWS changes
 * its free tier, change it here and nowhere else. Both the FreeTierServer component and the
 * free-tier-guard policy pack read these.
 */

/**
 * The two AWS free-tier plans (EC2 User Guide, "Track your Free Tier usage for Amazon EC2").
 * - `legacy`: accounts created before 15 July 2025; 12 months; t2.micro.
 * - `free-plan`: accounts created on or after 15 July 2025; credits for 6 months.
 */
export type FreeTierPlan = "legacy" | "free-plan";

export const FREE_TIER_PLANS: readonly FreeTierPlan[] = ["legacy", "free-plan"];

/**
 * Free-tier eligible instance types per plan. On the legacy plan t3.micro is free only in
 * Regions where t2.micro is unavailable (Seoul has t2.micro, so it is not free there); add it
 * through the policy pack's `allowedInstanceTypes` when your Region is one of those.
 */
export const FREE_TIER_INSTANCE_TYPES: Readonly<Record<FreeTierPlan, readonly string[]>> = {
    legacy: ["t2.micro"],
    "free-plan": ["t3.micro", "t3.small", "t4g.micro", "t4g.small", "c7i-flex.large", "m7i-flex.large"],
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

/** Every type that is free-tier eligible on at least one plan (somewhere). */
export const ANY_PLAN_INSTANCE_TYPES: readonly string[] = [
    ...new Set([
        ...FREE_TIER_INSTANCE_TYPES.legacy,
        ...LEGACY_FALLBACK_INSTANCE_TYPES,
        ...FREE_TIER_INSTANCE_TYPES["free-plan"],
    ]),
];

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

/** EBS in the free tier: 30 GB-months in total, across the whole account. */
export const FREE_EBS_GB = 30;

/** Volume types the EBS free tier covers: General Purpose SSD and Magnetic. */
export const FREE_VOLUME_TYPES: readonly string[] = ["gp2", "gp3", "standard"];

/** gp3 includes this much; provisioning more is billed. */
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
