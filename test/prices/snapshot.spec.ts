/**
 * The committed snapshot (lib/prices/snapshot.json) and its generated twin (snapshotData.ts): every
 * entry known, positive, sourced and dated; the required instance types present; nothing else.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { SNAPSHOT } from "../../lib/prices/snapshotData";
import { ITEM_UNITS, REQUIRED_INSTANCE_TYPES } from "../../lib/prices/types";
import { renderSnapshotModule } from "../../scripts/refreshPrices";

const JSON_FILE = path.resolve(__dirname, "../../lib/prices/snapshot.json");
const TS_FILE = path.resolve(__dirname, "../../lib/prices/snapshotData.ts");
const json = JSON.parse(fs.readFileSync(JSON_FILE, "utf8"));

/** Required instance types for which no price could be sourced (docs/prices.md lists them). */
/** Seoul's instance figures carried unverified from the project's brief (docs/prices.md). */
const SEOUL_UNVERIFIED = ["t3.micro", "t3.small", "t3.medium", "t3.large", "t2.micro"];

const UNSOURCED: Record<string, readonly string[]> = {
    "ap-northeast-2": REQUIRED_INSTANCE_TYPES.filter((t) => !SEOUL_UNVERIFIED.includes(t)),
    "us-east-1": [],
};

describe("prices: the committed snapshot", () => {
    it("has exactly the documented top-level fields, dated 2026-12-01, in USD, with 730-hour months", () => {
        assert.deepEqual(Object.keys(json).sort(), ["currency", "hoursPerMonth", "regions", "snapshot", "sources"]);
        assert.equal(json.snapshot, "2026-12-01");
        assert.equal(json.currency, "USD");
        assert.equal(json.hoursPerMonth, 730);
    });

    it("prices ap-northeast-2 and us-east-1", () => {
        assert.ok(Object.hasOwn(json.regions, "ap-northeast-2"));
        assert.ok(Object.hasOwn(json.regions, "us-east-1"));
    });

    it("gives every source an https URL, a title and the day it was read, and uses every source", () => {
        const used = new Set<string>();
        for (const items of Object.values<Record<string, { source: string }>>(json.regions)) {
            for (const entry of Object.values(items)) {
                used.add(entry.source);
            }
        }
        for (const [id, source] of Object.entries<Record<string, string>>(json.sources)) {
            assert.ok(
                Object.keys(source).every((k) => ["url", "title", "read", "published", "verified"].includes(k)),
                id,
            );
            assert.match(source.url, /^https:\/\/\S+$/, id);
            assert.ok(source.title.trim().length > 0, id);
            assert.equal(source.read, json.snapshot, `${id} was read on the snapshot's day`);
            assert.ok(used.has(id), `${id} is used by some entry`);
        }
    });

    it("has only known items, each a positive USD figure in its item's unit, with a source that resolves", () => {
        for (const [region, items] of Object.entries<Record<string, Record<string, unknown>>>(json.regions)) {
            assert.match(region, /^[a-z]{2}(-[a-z]+)+-\d$/, region);
            for (const [item, entry] of Object.entries(items)) {
                const where = `${region} ${item}`;
                assert.deepEqual(Object.keys(entry).sort(), ["per", "source", "usd"], where);
                const instance = /^instance:([a-z0-9-]+\.[a-z0-9-]+)$/.exec(item);
                assert.ok(instance !== null || Object.hasOwn(ITEM_UNITS, item), `${where} is a known item`);
                const unit = instance !== null ? "hour" : ITEM_UNITS[item as keyof typeof ITEM_UNITS];
                assert.equal(entry.per, unit, where);
                assert.equal(typeof entry.usd, "number", where);
                assert.ok(Number.isFinite(entry.usd) && (entry.usd as number) > 0, `${where} is positive`);
                assert.ok(Object.hasOwn(json.sources, entry.source as string), `${where}: source ${entry.source}`);
            }
        }
    });

    for (const region of ["ap-northeast-2", "us-east-1"]) {
        it(`has every required instance type for ${region}, except those documented as unsourced`, () => {
            const missing = REQUIRED_INSTANCE_TYPES.filter(
                (t) => !Object.hasOwn(json.regions[region], `instance:${t}`),
            );
            assert.deepEqual(missing, [...UNSOURCED[region]]);
        });
    }

    it("lists in docs/prices.md every required instance type it could not source", () => {
        const doc = fs.readFileSync(path.resolve(__dirname, "../../docs/prices.md"), "utf8");
        const start = doc.indexOf("## Not sourced");
        const end = doc.indexOf("\n## ", start + 1);
        const section = doc.slice(start, end < 0 ? undefined : end);
        for (const [region, types] of Object.entries(UNSOURCED)) {
            for (const t of types) {
                assert.ok(section.includes(t), `${region} ${t} is listed`);
            }
        }
    });

    it("marks the figures not checked against AWS, and lists each in docs/prices.md", () => {
        const doc = fs.readFileSync(path.resolve(__dirname, "../../docs/prices.md"), "utf8");
        const section = doc.slice(doc.indexOf("## Seoul figures not verified against AWS"));
        for (const [region, items] of Object.entries<Record<string, { source: string; usd: number }>>(json.regions)) {
            for (const [item, entry] of Object.entries(items)) {
                if (json.sources[entry.source].verified === false) {
                    assert.equal(region, "ap-northeast-2", item);
                    assert.ok(
                        section.includes(`${item.replace(/^(instance|ebs|nat):/, "")} ${entry.usd}`) ||
                            section.includes(`${entry.usd}`),
                        item,
                    );
                }
            }
        }
        const unverified = Object.keys(json.regions["ap-northeast-2"]).filter(
            (item) => json.sources[json.regions["ap-northeast-2"][item].source].verified === false,
        );
        assert.deepEqual(
            unverified
                .filter((i) => i.startsWith("instance:"))
                .map((i) => i.slice("instance:".length))
                .sort(),
            [...SEOUL_UNVERIFIED].sort(),
        );
    });

    it("is mirrored exactly by the generated lib/prices/snapshotData.ts", () => {
        assert.deepEqual(SNAPSHOT, json);
        assert.equal(fs.readFileSync(TS_FILE, "utf8"), renderSnapshotModule(json));
    });
});
