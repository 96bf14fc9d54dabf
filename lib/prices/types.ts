/**
 * The shape of the price snapshot (lib/prices/snapshot.json, mirrored in snapshot.ts) and the
 * names of the items it prices. Kept apart from lib/prices.ts so that the generated data module
 * can name its type without importing the lookup.
 */

import { FREE_PLAN_INSTANCE_TYPES } from "../freeTier";

/** What one figure is charged per. */
export type PriceUnit = "hour" | "GB-month" | "IOPS-month" | "MiBps-month" | "metric-month";

/** Where a figure was read: a page or an offer file, and the day it was read. */
export interface PriceSource {
    readonly url: string;
    readonly title: string;
    /** The day the figure was read from `url` (YYYY-MM-DD). */
    readonly read: string;
    /** For an AWS Price List offer file: its `publicationDate`. */
    readonly published?: string;
    /**
     * False for figures not checked against AWS's own pages or offer files (bills mark them
     * unverified until `npm run prices:refresh` replaces them); absent for checked ones.
     */
    readonly verified?: false;
}

/** One priced item as the snapshot stores it: the source is an id into `sources`. */
export interface SnapshotEntry {
    readonly usd: number;
    readonly per: PriceUnit;
    readonly source: string;
}

export interface PriceSnapshot {
    /** The day the figures were read (YYYY-MM-DD). */
    readonly snapshot: string;
    readonly currency: "USD";
    /** A month in every estimate: 730 hours, as AWS's calculator and Infracost use. */
    readonly hoursPerMonth: number;
    readonly sources: { readonly [id: string]: PriceSource };
    /** Region code, then item key (`instance:t3.micro`, `ebs:gp3`, ...). */
    readonly regions: { readonly [region: string]: { readonly [item: string]: SnapshotEntry } };
}

/** Every item other than instances, with the unit it is priced in. */
export const ITEM_UNITS = {
    "ebs:gp2": "GB-month",
    "ebs:gp3": "GB-month",
    "ebs:io1": "GB-month",
    "ebs:io2": "GB-month",
    "ebs:st1": "GB-month",
    "ebs:sc1": "GB-month",
    "ebs:standard": "GB-month",
    /** Each provisioned IOPS above the 3,000 a gp3 volume includes. */
    "ebs:gp3-iops": "IOPS-month",
    /** Each provisioned MiB/s above the 125 a gp3 volume includes. */
    "ebs:gp3-throughput": "MiBps-month",
    "ebs:io1-iops": "IOPS-month",
    /** io2's first tier (up to 32,000 IOPS); higher tiers are cheaper and not in the snapshot. */
    "ebs:io2-iops": "IOPS-month",
    /** Standard-tier snapshot storage. */
    "ebs:snapshot": "GB-month",
    /** One public IPv4 address, in use or idle. */
    "ipv4:public": "hour",
    /** First tier; detailed monitoring is 7 metrics per instance, counted by the consumer. */
    "cloudwatch:metric": "metric-month",
    /** Gateway hours only: the per-GB processing charge is not included. */
    "nat:gateway": "hour",
    /** Load balancer hours only: LCU, NLCU and GLCU usage are not included. */
    "elb:application": "hour",
    "elb:network": "hour",
    "elb:gateway": "hour",
    /** Hours only: the per-GB charge is not included. */
    "elb:classic": "hour",
} as const satisfies Record<string, PriceUnit>;

export type FixedItem = keyof typeof ITEM_UNITS;

/** An item the snapshot can price: an instance type (on-demand, Linux, shared tenancy) or a fixed item. */
export type PriceItem = `instance:${string}` | FixedItem;

/**
 * The instance types the snapshot must price in ap-northeast-2 and us-east-1: every type the
 * free plan launches, t2.micro, and the common sizes a program moves to.
 */
export const REQUIRED_INSTANCE_TYPES: readonly string[] = [
    ...FREE_PLAN_INSTANCE_TYPES,
    "t2.micro",
    ...["t3", "t3a", "t4g"].flatMap((f) => ["medium", "large", "xlarge"].map((s) => `${f}.${s}`)),
    ...["m5", "m6i", "m7i", "c5", "c6i", "c7i"].flatMap((f) => ["large", "xlarge", "2xlarge"].map((s) => `${f}.${s}`)),
];
