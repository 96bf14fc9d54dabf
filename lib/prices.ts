/**
 * Monthly on-demand prices from a dated snapshot, for the policy pack's cost estimate.
 *
 * The figures are in lib/prices/snapshot.json (mirrored, for packaging, in the generated
 * lib/prices/snapshotData.ts): each one names the page or AWS Price List offer file it was read
 * from and the day it was read; docs/prices.md lists the sources and what could not be sourced.
 * A figure the snapshot lacks is absent, never zero: callers say so with {@link noPriceNote}.
 * `npm run prices:refresh` rebuilds the snapshot from AWS's public Price List offer files.
 * No dependencies, no I/O: the data is compiled in.
 */
import { SNAPSHOT } from "./prices/snapshotData";
import { ITEM_UNITS, FixedItem, PriceItem, PriceSnapshot, PriceSource, PriceUnit } from "./prices/types";

export { ITEM_UNITS, REQUIRED_INSTANCE_TYPES } from "./prices/types";
export type { FixedItem, PriceItem, PriceSnapshot, PriceSource, PriceUnit } from "./prices/types";

const DATA: PriceSnapshot = SNAPSHOT;

/** Whether an object has its own key (`Object.hasOwn` needs ES2022 typings, which a pack run from TypeScript source may lack). */
function hasOwn(object: object, key: string): boolean {
    return Object.prototype.hasOwnProperty.call(object, key);
}

/** Hours in a month for every estimate (730), from the snapshot. */
export const HOURS_PER_MONTH: number = DATA.hoursPerMonth;

/** The day the snapshot's figures were read (YYYY-MM-DD), from the snapshot. */
export const PRICE_SNAPSHOT: string = DATA.snapshot;

/** One price: USD per unit, and where and when it was read. */
export interface Price {
    readonly usd: number;
    readonly per: PriceUnit;
    readonly source: PriceSource;
}

/** `instance:T3.Micro` → `instance:t3.micro`; other items as given. */
function normalize(item: string): string {
    return item.startsWith("instance:") ? `instance:${item.slice("instance:".length).trim().toLowerCase()}` : item;
}

/**
 * The snapshot's price for `item` in `region` (a Region code such as `ap-northeast-2`), or
 * undefined when the snapshot has none. Instance types are matched case-insensitively; an
 * instance price is on-demand, Linux, shared tenancy, no pre-installed software.
 */
export function priceOf(region: string, item: PriceItem): Price | undefined {
    const regionKey = String(region).trim().toLowerCase();
    if (!hasOwn(DATA.regions, regionKey)) {
        return undefined;
    }
    const entries = DATA.regions[regionKey];
    const key = normalize(String(item));
    if (!hasOwn(entries, key)) {
        return undefined;
    }
    const entry = entries[key];
    return { usd: entry.usd, per: entry.per, source: DATA.sources[entry.source] };
}

/** The Regions the snapshot has any price for, sorted. */
export function pricedRegions(): readonly string[] {
    return Object.keys(DATA.regions).sort();
}

/** What an item is called in a message: the instance type alone, or the item key. */
function label(item: PriceItem): string {
    const key = normalize(String(item));
    return key.startsWith("instance:") ? key.slice("instance:".length) : key;
}

/** The note for a missing price: `no price for t3.micro in af-south-1 in the 2026-12-01 snapshot`. */
export function noPriceNote(region: string, item: PriceItem): string {
    return `no price for ${label(item)} in ${region} in the ${PRICE_SNAPSHOT} snapshot`;
}

/**
 * A month of `quantity` units (default 1): an hourly price × {@link HOURS_PER_MONTH} × quantity,
 * any other (GB-, IOPS-, MiBps-, metric-month) price × quantity. No rounding.
 */
export function monthly(price: Price, quantity = 1): number {
    return price.per === "hour" ? price.usd * HOURS_PER_MONTH * quantity : price.usd * quantity;
}

/** Whether `item` names a fixed (non-instance) item the snapshot format knows. */
export function isFixedItem(item: string): item is FixedItem {
    return hasOwn(ITEM_UNITS, item);
}
