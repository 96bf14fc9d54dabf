/** lib/prices.ts: priceOf, pricedRegions, noPriceNote, monthly, against figures read from the JSON. */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import {
    HOURS_PER_MONTH,
    ITEM_UNITS,
    monthly,
    noPriceNote,
    Price,
    PRICE_SNAPSHOT,
    priceOf,
    PriceItem,
    pricedRegions,
} from "../../lib/prices";

const json = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../lib/prices/snapshot.json"), "utf8"));

/** Every (region, item, entry) of the JSON. */
const ENTRIES: [string, string, { usd: number; per: string; source: string }][] = Object.entries<
    Record<string, { usd: number; per: string; source: string }>
>(json.regions).flatMap(([region, items]) =>
    Object.entries(items).map(([item, e]) => [region, item, e] as [string, string, typeof e]),
);

describe("prices: lookup", () => {
    it("exports the snapshot's date and month length", () => {
        assert.equal(PRICE_SNAPSHOT, json.snapshot);
        assert.equal(HOURS_PER_MONTH, json.hoursPerMonth);
    });

    it("returns every entry of the snapshot with its source resolved", () => {
        assert.ok(ENTRIES.length > 0);
        for (const [region, item, e] of ENTRIES) {
            assert.deepEqual(priceOf(region, item as PriceItem), {
                usd: e.usd,
                per: e.per,
                source: json.sources[e.source],
            });
        }
    });

    it("matches instance types whatever their case", () => {
        const [region, item, e] = ENTRIES.find(([, i]) => i.startsWith("instance:"))!;
        const type = item.slice("instance:".length);
        assert.equal(priceOf(region, `instance:${type.toUpperCase()}`)?.usd, e.usd);
        assert.equal(priceOf(region, `instance: ${type} `)?.usd, e.usd);
    });

    it("returns undefined, not zero, for what the snapshot lacks", () => {
        assert.equal(priceOf("af-south-1", "instance:t3.micro"), undefined);
        assert.equal(priceOf("us-east-1", "instance:t3.nonesuch"), undefined);
        assert.equal(priceOf("", "ebs:gp3"), undefined);
        // Whatever the committed snapshot lacks, in any of its Regions (docs/prices.md, "Not sourced").
        const absent = Object.keys(json.regions).flatMap((region) =>
            Object.keys(ITEM_UNITS)
                .filter((i) => !Object.hasOwn(json.regions[region], i))
                .map((i) => [region, i] as const),
        );
        assert.ok(absent.length > 0);
        for (const [region, item] of absent) {
            assert.equal(priceOf(region, item as PriceItem), undefined, `${region} ${item}`);
        }
    });

    it("never reads an object's own machinery as a price", () => {
        for (const item of ["instance:constructor", "instance:__proto__", "toString", "__proto__", "hasOwnProperty"]) {
            assert.equal(priceOf("us-east-1", item as PriceItem), undefined, item);
        }
        for (const region of ["constructor", "__proto__", "toString"]) {
            assert.equal(priceOf(region, "instance:t3.micro"), undefined, region);
        }
    });

    it("lists the priced Regions, sorted", () => {
        assert.deepEqual(pricedRegions(), Object.keys(json.regions).sort());
    });

    it("says which price is missing, where, and in which snapshot", () => {
        assert.equal(
            noPriceNote("af-south-1", "instance:t3.micro"),
            `no price for t3.micro in af-south-1 in the ${json.snapshot} snapshot`,
        );
        assert.equal(
            noPriceNote("us-east-1", "instance:T3.Micro"),
            `no price for t3.micro in us-east-1 in the ${json.snapshot} snapshot`,
        );
        assert.equal(
            noPriceNote("ap-northeast-2", "ebs:gp3"),
            `no price for ebs:gp3 in ap-northeast-2 in the ${json.snapshot} snapshot`,
        );
    });

    it("turns an hourly price into a month of 730 hours, times the quantity, without rounding", () => {
        const [region, item, e] = ENTRIES.find(([, , x]) => x.per === "hour")!;
        const price = priceOf(region, item as PriceItem)!;
        assert.equal(monthly(price), e.usd * json.hoursPerMonth);
        assert.equal(monthly(price, 3), e.usd * json.hoursPerMonth * 3);
        assert.equal(monthly(price, 0), 0);
    });

    it("multiplies a per-month price by the quantity only", () => {
        const source = { url: "https://example.invalid/", title: "test", read: json.snapshot };
        const gb: Price = { usd: 0.0912, per: "GB-month", source };
        assert.equal(monthly(gb, 30), 0.0912 * 30);
        assert.equal(monthly(gb), 0.0912);
        const metric: Price = { usd: 0.3, per: "metric-month", source };
        assert.equal(monthly(metric, 7), 0.3 * 7);
        const hour: Price = { usd: 0.013, per: "hour", source };
        assert.equal(monthly(hour), 0.013 * 730);
    });
});
