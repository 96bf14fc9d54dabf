/**
 * What a message says of an instance type's price, computed here from the snapshot's data
 * (lib/prices/snapshot.json), not from the code under test: "USD 0.104 an hour in
 * ap-northeast-2, about USD 75.92 a month", or the snapshot's "no price" note.
 */
const snapshot: {
    snapshot: string;
    hoursPerMonth: number;
    regions: Record<string, Record<string, { usd: number }>>;
} = require("../../lib/prices/snapshot.json");

export const SNAPSHOT_DATE = snapshot.snapshot;

/** The snapshot's figure for an item in a Region, or undefined. */
export function figure(region: string, item: string): number | undefined {
    return snapshot.regions[region]?.[item]?.usd;
}

/** A month of an hourly figure, in cents as a bill shows it. */
export function monthOf(hourly: number, quantity = 1): number {
    return Math.round(hourly * snapshot.hoursPerMonth * quantity * 100) / 100;
}

export function instancePriceText(instanceType: string, region = "ap-northeast-2"): string {
    const hourly = figure(region, `instance:${instanceType}`);
    if (hourly === undefined) {
        return `no price for ${instanceType} in ${region} in the ${SNAPSHOT_DATE} snapshot`;
    }
    return `USD ${hourly} an hour in ${region}, about USD ${monthOf(hourly).toFixed(2)} a month`;
}

/** " (about USD 7.30 a month in ap-northeast-2)" for public IPv4 addresses, or "" when the snapshot has no price. */
export function ipv4CostText(addresses: number, region = "ap-northeast-2"): string {
    const hourly = figure(region, "ipv4:public");
    return hourly === undefined ? "" : ` (about USD ${monthOf(hourly, addresses).toFixed(2)} a month in ${region})`;
}
