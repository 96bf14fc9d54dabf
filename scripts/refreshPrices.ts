/**
 * Rebuilds the price snapshot (lib/prices/snapshot.json and its generated twin
 * lib/prices/snapshotData.ts) from AWS's public Price List bulk offer files. No credentials.
 *
 *   npm run prices:refresh                        # fetch over HTTPS, write lib/prices/snapshot.json and snapshotData.ts
 *   npm run prices:refresh -- --from <dir>        # read offer files laid out as the URLs are
 *   npm run prices:refresh -- --out <file.json>   # write only this file (add --ts-out <file.ts> for the module)
 *   npm run prices:refresh -- --regions us-east-1,eu-north-1 --date 2026-12-01
 *   npm run prices:refresh -- --module-only       # regenerate snapshotData.ts from snapshot.json
 *
 * Files read, for each service and Region (`<base>` is OFFERS_BASE, or the `--from` folder):
 *   <base>/<Service>/current/region_index.json
 *   <base>/<Service>/current/<region>/index.json
 * Services: AmazonEC2 (instances, EBS, snapshots, NAT gateway), AmazonVPC (public IPv4),
 * AmazonCloudWatch (metrics), AWSELB (load balancers).
 *
 * Memory: an offer file is scanned as a stream of text; only the products that match an item
 * and their on-demand terms are parsed and kept (a few hundred objects), so the EC2 file of a
 * Region (hundreds of MB) never sits in memory whole. This relies on `products` coming before
 * `terms` in the file, as AWS writes them; if `terms` came first, every on-demand term would be
 * kept until the products are read (hundreds of MB for EC2).
 *
 * An item with no matching product, or whose matches carry no usable on-demand price, is left
 * out of the snapshot and reported; matches that disagree on the price stop the script.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import {
    ITEM_UNITS,
    FixedItem,
    PriceSnapshot,
    PriceSource,
    PriceUnit,
    REQUIRED_INSTANCE_TYPES,
    SnapshotEntry,
} from "../lib/prices/types";

export const OFFERS_BASE = "https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws";
export const SERVICES = ["AmazonEC2", "AmazonVPC", "AmazonCloudWatch", "AWSELB"] as const;
export type Service = (typeof SERVICES)[number];
export const DEFAULT_REGIONS = ["ap-northeast-2", "us-east-1"];
export const HOURS_PER_MONTH = 730;

const ROOT = path.resolve(__dirname, "..");
export const SNAPSHOT_JSON = path.join(ROOT, "lib/prices/snapshot.json");
export const SNAPSHOT_TS = path.join(ROOT, "lib/prices/snapshotData.ts");

// ---------------------------------------------------------------------------------------------
// The offer format (the parts read here)

export interface OfferProduct {
    sku: string;
    productFamily?: string;
    attributes: Record<string, string | undefined>;
}

interface PriceDimension {
    unit?: string;
    beginRange?: string;
    endRange?: string;
    pricePerUnit?: Record<string, string | undefined>;
    description?: string;
}

/** terms.OnDemand.<sku>: offer terms by `<sku>.<offerTermCode>`. */
export type OnDemandTerms = Record<string, { priceDimensions?: Record<string, PriceDimension> }>;

// ---------------------------------------------------------------------------------------------
// Which product is which item

/** A usage type without its Region prefix: `APN2-BoxUsage:t3.micro` → `BoxUsage:t3.micro` (us-east-1 has none). */
export function usage(usagetype: string | undefined): string {
    return (usagetype ?? "").replace(/^[A-Z]{2,4}[0-9]?-(?=[A-Za-z])/, "");
}

interface Rule {
    service: Service;
    /** Offer units accepted, lower-cased, with the factor that turns one into the snapshot's unit. */
    units: Record<string, number>;
    match(product: OfferProduct): boolean;
}

function fixed(
    service: Service,
    units: Record<string, number>,
    families: string[] | undefined,
    usageType: string,
    volumeApiName?: string,
): Rule {
    return {
        service,
        units,
        match: (p) =>
            (families === undefined || families.includes(p.productFamily ?? "")) &&
            usage(p.attributes.usagetype) === usageType &&
            (volumeApiName === undefined ||
                p.attributes.volumeApiName === undefined ||
                p.attributes.volumeApiName === volumeApiName),
    };
}

const GB_MONTH = { "gb-mo": 1 };
const HOURS = { hrs: 1 };
const STORAGE = ["Storage"];

/** The rule for each fixed item. Usage types are the billing identifiers AWS puts on the bill. */
export const FIXED_RULES: Record<FixedItem, Rule> = {
    "ebs:gp2": fixed("AmazonEC2", GB_MONTH, STORAGE, "EBS:VolumeUsage.gp2", "gp2"),
    "ebs:gp3": fixed("AmazonEC2", GB_MONTH, STORAGE, "EBS:VolumeUsage.gp3", "gp3"),
    "ebs:io1": fixed("AmazonEC2", GB_MONTH, STORAGE, "EBS:VolumeUsage.piops", "io1"),
    "ebs:io2": fixed("AmazonEC2", GB_MONTH, STORAGE, "EBS:VolumeUsage.io2", "io2"),
    "ebs:st1": fixed("AmazonEC2", GB_MONTH, STORAGE, "EBS:VolumeUsage.st1", "st1"),
    "ebs:sc1": fixed("AmazonEC2", GB_MONTH, STORAGE, "EBS:VolumeUsage.sc1", "sc1"),
    "ebs:standard": fixed("AmazonEC2", GB_MONTH, STORAGE, "EBS:VolumeUsage", "standard"),
    "ebs:gp3-iops": fixed("AmazonEC2", { "iops-mo": 1 }, undefined, "EBS:VolumeP-IOPS.gp3", "gp3"),
    // The offer prices gp3 throughput per GiBps-month; the snapshot per MiBps-month.
    "ebs:gp3-throughput": fixed(
        "AmazonEC2",
        { "gibps-mo": 1 / 1024, "mibps-mo": 1 },
        undefined,
        "EBS:VolumeP-Throughput.gp3",
        "gp3",
    ),
    "ebs:io1-iops": fixed("AmazonEC2", { "iops-mo": 1 }, undefined, "EBS:VolumeP-IOPS.piops", "io1"),
    // io2's first tier; `.tier2` and `.tier3` are other usage types and do not match.
    "ebs:io2-iops": fixed("AmazonEC2", { "iops-mo": 1 }, undefined, "EBS:VolumeP-IOPS.io2", "io2"),
    "ebs:snapshot": fixed("AmazonEC2", GB_MONTH, ["Storage Snapshot"], "EBS:SnapshotUsage"),
    "ipv4:public": fixed("AmazonVPC", HOURS, undefined, "PublicIPv4:InUseAddress"),
    "cloudwatch:metric": fixed("AmazonCloudWatch", { metrics: 1 }, undefined, "CW:MetricMonitorUsage"),
    "nat:gateway": fixed("AmazonEC2", HOURS, ["NAT Gateway"], "NatGateway-Hours"),
    "elb:application": fixed("AWSELB", HOURS, ["Load Balancer-Application"], "LoadBalancerUsage"),
    "elb:network": fixed("AWSELB", HOURS, ["Load Balancer-Network"], "LoadBalancerUsage"),
    "elb:gateway": fixed("AWSELB", HOURS, ["Load Balancer-Gateway"], "LoadBalancerUsage"),
    "elb:classic": fixed("AWSELB", HOURS, ["Load Balancer"], "LoadBalancerUsage"),
};

/**
 * The instance type an EC2 product prices on demand, Linux, shared tenancy, no pre-installed
 * software, no licence, used capacity (not a capacity reservation), or undefined.
 */
export function instanceTypeOf(p: OfferProduct): string | undefined {
    const a = p.attributes;
    const type = a.instanceType;
    if (
        p.productFamily !== "Compute Instance" ||
        type === undefined ||
        a.operatingSystem !== "Linux" ||
        a.tenancy !== "Shared" ||
        a.preInstalledSw !== "NA" ||
        (a.licenseModel !== undefined && a.licenseModel !== "No License required") ||
        a.capacitystatus !== "Used" ||
        (a.marketoption !== undefined && a.marketoption !== "OnDemand") ||
        a.operation !== "RunInstances" ||
        usage(a.usagetype) !== `BoxUsage:${type}`
    ) {
        return undefined;
    }
    return type.toLowerCase();
}

/** The snapshot item a product of `service` prices in `region`, if any (with the unit factors). */
export function itemOf(
    service: Service,
    region: string,
    p: OfferProduct,
    instanceTypes: ReadonlySet<string>,
): { item: string; units: Record<string, number> } | undefined {
    // A product of another Region (its regionCode, and with it its usage-type prefix) is never this Region's.
    if (p.attributes.regionCode !== region) {
        return undefined;
    }
    if (service === "AmazonEC2") {
        const type = instanceTypeOf(p);
        if (type !== undefined) {
            return instanceTypes.has(type) ? { item: `instance:${type}`, units: HOURS } : undefined;
        }
    }
    for (const [item, rule] of Object.entries(FIXED_RULES)) {
        if (rule.service === service && rule.match(p)) {
            return { item, units: rule.units };
        }
    }
    return undefined;
}

/**
 * The on-demand USD price per offer unit in a product's terms: the dimension that starts at 0
 * (the first tier) in a unit the item accepts, converted to the snapshot's unit. Undefined when
 * there is none; an error when the terms disagree.
 */
export function onDemandPrice(
    sku: string,
    terms: OnDemandTerms | undefined,
    units: Record<string, number>,
): number | undefined {
    const found = new Set<number>();
    for (const term of Object.values(terms ?? {})) {
        for (const dim of Object.values(term.priceDimensions ?? {})) {
            const factor = units[(dim.unit ?? "").toLowerCase()];
            const text = dim.pricePerUnit?.USD;
            if (factor === undefined || text === undefined || (dim.beginRange ?? "0") !== "0") {
                continue;
            }
            const usd = Number(text);
            if (Number.isFinite(usd) && usd > 0) {
                found.add(usd * factor);
            }
        }
    }
    if (found.size > 1) {
        throw new Error(`SKU ${sku} has ${found.size} different first-tier on-demand prices: ${[...found].join(", ")}`);
    }
    return found.size === 1 ? [...found][0] : undefined;
}

// ---------------------------------------------------------------------------------------------
// Reading an offer file as a stream

/**
 * Scans an offer file's text, chunk by chunk, and hands over the parts asked for: each
 * `products.<sku>`, each `terms.OnDemand.<sku>` that `wantTerm` accepts, and the top-level
 * scalars (`publicationDate`, `version`, ...). Only those parts are parsed.
 */
export class OfferScanner {
    private readonly stack: { object: boolean; key?: string; expectKey: boolean }[] = [];
    private inString = false;
    private escape = false;
    private keyParts: string[] | undefined;
    private keyStart = 0;
    private capture: { parts: string[]; start: number; depth: number; path: string[]; bare: boolean } | undefined;

    constructor(
        private readonly on: {
            product(p: OfferProduct): void;
            wantTerm(sku: string): boolean;
            term(sku: string, terms: OnDemandTerms): void;
            top(key: string, value: unknown): void;
        },
    ) {}

    private wants(p: string[]): boolean {
        if (p.length === 1) {
            return p[0] !== "products" && p[0] !== "terms";
        }
        if (p.length === 2) {
            return p[0] === "products";
        }
        return p.length === 3 && p[0] === "terms" && p[1] === "OnDemand" && this.on.wantTerm(p[2]);
    }

    private startValue(i: number, bare: boolean): void {
        if (this.capture !== undefined) {
            return;
        }
        const p = this.stack.map((f) => (f.object ? (f.key ?? "") : "[]"));
        if (p.length > 0 && !p.includes("[]") && this.wants(p)) {
            this.capture = { parts: [], start: i, depth: this.stack.length, path: p, bare };
        }
    }

    private endValue(chunk: string, end: number): void {
        const c = this.capture!;
        c.parts.push(chunk.slice(c.start, end));
        this.capture = undefined;
        const value: unknown = JSON.parse(c.parts.join(""));
        const p = c.path;
        if (p.length === 1) {
            this.on.top(p[0], value);
        } else if (p.length === 2) {
            this.on.product(value as OfferProduct);
        } else {
            this.on.term(p[2], value as OnDemandTerms);
        }
    }

    write(chunk: string): void {
        const n = chunk.length;
        for (let i = 0; i < n; i++) {
            const c = chunk.charCodeAt(i);
            if (this.inString) {
                if (this.escape) {
                    this.escape = false;
                } else if (c === 92) {
                    this.escape = true;
                } else if (c === 34) {
                    this.inString = false;
                    if (this.keyParts !== undefined) {
                        this.keyParts.push(chunk.slice(this.keyStart, i));
                        this.stack[this.stack.length - 1].key = JSON.parse(`"${this.keyParts.join("")}"`) as string;
                        this.keyParts = undefined;
                    } else if (
                        this.capture !== undefined &&
                        this.capture.depth === this.stack.length &&
                        !this.capture.bare
                    ) {
                        this.endValue(chunk, i + 1);
                    }
                }
                continue;
            }
            if (this.capture !== undefined && this.capture.bare && this.capture.depth === this.stack.length) {
                // A number, true, false or null ends at the first character that cannot be part of it.
                if (c === 44 || c === 125 || c === 93 || c === 32 || c === 10 || c === 13 || c === 9) {
                    this.endValue(chunk, i);
                }
            }
            const top = this.stack[this.stack.length - 1];
            switch (c) {
                case 34: // "
                    this.inString = true;
                    if (top !== undefined && top.object && top.expectKey) {
                        this.keyParts = [];
                        this.keyStart = i + 1;
                    } else {
                        this.startValue(i, false);
                    }
                    break;
                case 123: // {
                case 91: // [
                    this.startValue(i, false);
                    this.stack.push({ object: c === 123, expectKey: c === 123 });
                    break;
                case 125: // }
                case 93: // ]
                    this.stack.pop();
                    if (this.capture !== undefined && !this.capture.bare && this.capture.depth === this.stack.length) {
                        this.endValue(chunk, i + 1);
                    }
                    break;
                case 58: // :
                    if (top !== undefined) {
                        top.expectKey = false;
                    }
                    break;
                case 44: // ,
                    if (top !== undefined && top.object) {
                        top.expectKey = true;
                    }
                    break;
                case 32:
                case 10:
                case 13:
                case 9:
                    break;
                default:
                    if (this.capture === undefined || this.capture.depth !== this.stack.length) {
                        // The first character of a bare scalar (the rest are skipped once captured).
                        if (top !== undefined && !top.expectKey && !this.bareOpen(chunk, i)) {
                            this.startValue(i, true);
                        }
                    }
            }
        }
        if (this.capture !== undefined) {
            this.capture.parts.push(chunk.slice(this.capture.start));
            this.capture.start = 0;
        }
        if (this.keyParts !== undefined) {
            this.keyParts.push(chunk.slice(this.keyStart));
            this.keyStart = 0;
        }
    }

    /** Whether the character before `i` (in this chunk) already belongs to the same bare scalar. */
    private bareOpen(chunk: string, i: number): boolean {
        if (i === 0) {
            return false;
        }
        const prev = chunk.charCodeAt(i - 1);
        return !(prev === 44 || prev === 58 || prev === 91 || prev === 32 || prev === 10 || prev === 13 || prev === 9);
    }

    end(): void {
        if (this.inString || this.stack.length > 0) {
            throw new Error("offer file ended before its JSON did");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Where the files come from

export interface OfferReader {
    /** The URL recorded as the source of a file (`rel` is relative to OFFERS_BASE). */
    url(rel: string): string;
    /** The file's text in chunks, or undefined when there is no such file. */
    open(rel: string): Promise<AsyncIterable<string> | Iterable<string> | undefined>;
}

export function localReader(dir: string): OfferReader {
    return {
        url: (rel) => `${OFFERS_BASE}/${rel}`,
        open: async (rel) => {
            const file = path.join(dir, ...rel.split("/"));
            if (!fs.existsSync(file)) {
                return undefined;
            }
            return fs.createReadStream(file, { encoding: "utf8", highWaterMark: 1 << 20 });
        },
    };
}

export function httpsReader(base = OFFERS_BASE): OfferReader {
    return {
        url: (rel) => `${base}/${rel}`,
        open: async (rel) => {
            const response = await fetch(`${base}/${rel}`);
            if (response.status === 404 || response.status === 403) {
                return undefined;
            }
            if (!response.ok || response.body === null) {
                throw new Error(`GET ${base}/${rel}: HTTP ${response.status}`);
            }
            return response.body.pipeThrough(new TextDecoderStream());
        },
    };
}

async function readJson(reader: OfferReader, rel: string): Promise<unknown> {
    const stream = await reader.open(rel);
    if (stream === undefined) {
        return undefined;
    }
    let text = "";
    for await (const chunk of stream) {
        text += chunk;
    }
    return JSON.parse(text);
}

// ---------------------------------------------------------------------------------------------
// Building the snapshot

export interface RefreshOptions {
    reader: OfferReader;
    regions: readonly string[];
    /** The day the files are read (YYYY-MM-DD). */
    date: string;
    instanceTypes?: readonly string[];
    log?: (line: string) => void;
}

export interface RefreshResult {
    snapshot: PriceSnapshot;
    /** `<region> <item>` for every item with no price. */
    missing: string[];
}

/** Reads one Region's offer file of one service and returns its items' prices. */
async function readRegion(
    reader: OfferReader,
    service: Service,
    region: string,
    instanceTypes: ReadonlySet<string>,
): Promise<{ prices: Map<string, { usd: number; skus: string[] }>; published?: string } | undefined> {
    const rel = `${service}/current/${region}/index.json`;
    const stream = await reader.open(rel);
    if (stream === undefined) {
        return undefined;
    }
    const candidates = new Map<string, { item: string; units: Record<string, number> }>();
    const early = new Map<string, OnDemandTerms>();
    const terms = new Map<string, OnDemandTerms>();
    let productsSeen = false;
    let published: string | undefined;
    const scanner = new OfferScanner({
        product: (p) => {
            productsSeen = true;
            const found = itemOf(service, region, p, instanceTypes);
            if (found !== undefined) {
                candidates.set(p.sku, found);
            }
        },
        wantTerm: (sku) => !productsSeen || candidates.has(sku),
        term: (sku, t) => (productsSeen ? terms : early).set(sku, t),
        top: (key, value) => {
            if (key === "publicationDate" && typeof value === "string") {
                published = value;
            }
        },
    });
    for await (const chunk of stream) {
        scanner.write(chunk);
    }
    scanner.end();
    const prices = new Map<string, { usd: number; skus: string[] }>();
    for (const [sku, { item, units }] of candidates) {
        const usd = onDemandPrice(sku, terms.get(sku) ?? early.get(sku), units);
        if (usd === undefined) {
            continue;
        }
        const known = prices.get(item);
        if (known === undefined) {
            prices.set(item, { usd, skus: [sku] });
        } else if (known.usd !== usd) {
            throw new Error(
                `${service} ${region}: ${item} has two prices, ${known.usd} (${known.skus.join(", ")}) and ${usd} (${sku})`,
            );
        } else {
            known.skus.push(sku);
        }
    }
    return { prices, published };
}

/** A map with its keys in order, so that the snapshot's text does not depend on the files' order. */
function byKey<T>(map: Record<string, T>, each: (value: T) => T = (v) => v): Record<string, T> {
    return Object.fromEntries(
        Object.keys(map)
            .sort()
            .map((k) => [k, each(map[k])]),
    );
}

/** Builds a snapshot of `regions` from the offer files `reader` gives. */
export async function refresh(options: RefreshOptions): Promise<RefreshResult> {
    const log = options.log ?? (() => undefined);
    const instanceTypes = new Set((options.instanceTypes ?? REQUIRED_INSTANCE_TYPES).map((t) => t.toLowerCase()));
    const sources: Record<string, PriceSource> = {};
    const regions: Record<string, Record<string, SnapshotEntry>> = {};
    for (const region of options.regions) {
        regions[region] = {};
    }
    for (const service of SERVICES) {
        const index = (await readJson(options.reader, `${service}/current/region_index.json`)) as
            { regions?: Record<string, unknown> } | undefined;
        const offered = new Set(Object.keys(index?.regions ?? {}));
        for (const region of options.regions) {
            if (!offered.has(region)) {
                log(`${service}: no offer file for ${region} in its region index`);
                continue;
            }
            const rel = `${service}/current/${region}/index.json`;
            const read = await readRegion(options.reader, service, region, instanceTypes);
            if (read === undefined) {
                log(`${service}: ${rel} is missing`);
                continue;
            }
            const id = `${service}/${region}`;
            for (const [item, { usd }] of read.prices) {
                const per: PriceUnit = item.startsWith("instance:") ? "hour" : ITEM_UNITS[item as FixedItem];
                regions[region][item] = { usd: Number(usd.toPrecision(12)), per, source: id };
            }
            if (read.prices.size > 0) {
                sources[id] = {
                    url: options.reader.url(rel),
                    title: `AWS Price List offer file, ${service}, ${region}${read.published ? `, published ${read.published}` : ""}`,
                    read: options.date,
                    ...(read.published ? { published: read.published } : {}),
                };
            }
            log(`${service} ${region}: ${read.prices.size} prices`);
        }
    }
    const wanted = [...[...instanceTypes].map((t) => `instance:${t}`), ...Object.keys(ITEM_UNITS)];
    const missing = options.regions.flatMap((r) =>
        wanted.filter((item) => !(item in regions[r])).map((item) => `${r} ${item}`),
    );
    const snapshot: PriceSnapshot = {
        snapshot: options.date,
        currency: "USD",
        hoursPerMonth: HOURS_PER_MONTH,
        sources: byKey(sources),
        regions: byKey(regions, (items) => byKey(items)),
    };
    return { snapshot, missing };
}

// ---------------------------------------------------------------------------------------------
// Writing

/** The snapshot as JSON text, as committed. */
export function renderSnapshotJson(snapshot: PriceSnapshot): string {
    return `${JSON.stringify(snapshot, null, 2)}\n`;
}

/** A value as TypeScript source in the repository's Prettier style (4 spaces, trailing commas). */
function tsValue(value: unknown, indent: string): string {
    if (value === null || typeof value !== "object") {
        return JSON.stringify(value);
    }
    const inner = `${indent}    `;
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) {
        return "{}";
    }
    const lines = entries.map(([k, v]) => {
        const key = /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(k) ? k : JSON.stringify(k);
        return `${inner}${key}: ${tsValue(v, inner)},`;
    });
    return `{\n${lines.join("\n")}\n${indent}}`;
}

/** The generated lib/prices/snapshotData.ts: the same data as snapshot.json, as a module that packs as .js. */
export function renderSnapshotModule(snapshot: PriceSnapshot): string {
    return [
        "// Generated from lib/prices/snapshot.json by scripts/refreshPrices.ts (npm run prices:refresh); do not edit.",
        "// The policy pack packs only .js files, so the lookup imports this module rather than the JSON.",
        'import type { PriceSnapshot } from "./types";',
        "",
        `export const SNAPSHOT: PriceSnapshot = ${tsValue(snapshot, "")};`,
        "",
    ].join("\n");
}

function argValue(args: string[], name: string): string | undefined {
    const i = args.indexOf(name);
    if (i < 0) {
        return undefined;
    }
    const value = args[i + 1];
    if (value === undefined || value.startsWith("--")) {
        throw new Error(`${name} needs a value`);
    }
    return value;
}

export async function main(args: string[]): Promise<number> {
    if (args.includes("--module-only")) {
        const snapshot = JSON.parse(fs.readFileSync(SNAPSHOT_JSON, "utf8")) as PriceSnapshot;
        fs.writeFileSync(SNAPSHOT_TS, renderSnapshotModule(snapshot));
        console.log(`wrote ${path.relative(process.cwd(), SNAPSHOT_TS)}`);
        return 0;
    }
    const from = argValue(args, "--from");
    const out = argValue(args, "--out");
    const tsOut = argValue(args, "--ts-out") ?? (out === undefined ? SNAPSHOT_TS : undefined);
    const date = argValue(args, "--date") ?? new Date().toISOString().slice(0, 10);
    const regions = (argValue(args, "--regions") ?? DEFAULT_REGIONS.join(",")).split(",").map((r) => r.trim());
    const instanceTypes = argValue(args, "--instance-types")
        ?.split(",")
        .map((t) => t.trim());
    const reader = from === undefined ? httpsReader() : localReader(path.resolve(from));
    const { snapshot, missing } = await refresh({ reader, regions, date, instanceTypes, log: (l) => console.error(l) });
    const jsonOut = out ?? SNAPSHOT_JSON;
    fs.writeFileSync(jsonOut, renderSnapshotJson(snapshot));
    console.log(`wrote ${jsonOut}`);
    if (tsOut !== undefined) {
        fs.writeFileSync(tsOut, renderSnapshotModule(snapshot));
        console.log(`wrote ${tsOut}`);
    }
    for (const m of missing) {
        console.error(`no price: ${m}`);
    }
    return 0;
}

if (require.main === module) {
    main(process.argv.slice(2)).then(
        (code) => process.exit(code),
        (err: unknown) => {
            console.error(err instanceof Error ? err.message : err);
            process.exit(1);
        },
    );
}
