/**
 * scripts/refreshPrices.ts on the recorded sample under fixtures/offers (AWS's offer format, a
 * handful of SKUs per item with decoys): it rebuilds fixtures/expected-snapshot.json exactly,
 * skips every decoy, leaves out what the sample lacks, and reads files in any chunking.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
    DEFAULT_REGIONS,
    localReader,
    main,
    OfferReader,
    OfferScanner,
    refresh,
    renderSnapshotJson,
    usage,
} from "../../scripts/refreshPrices";

const FIXTURES = path.join(__dirname, "fixtures");
const OFFERS = path.join(FIXTURES, "offers");
const EXPECTED = path.join(FIXTURES, "expected-snapshot.json");
const DATE = "2026-12-01";

/** A fixture offer file, parsed whole (it is small). */
function offer(service: string, region: string): any {
    return JSON.parse(fs.readFileSync(path.join(OFFERS, service, "current", region, "index.json"), "utf8"));
}

/** The SKUs of an offer whose product matches `test`. */
function skus(file: any, test: (p: any) => boolean): string[] {
    return Object.values<any>(file.products)
        .filter(test)
        .map((p) => p.sku);
}

/** The USD figures of a SKU's terms of one kind (OnDemand, Reserved), as numbers. */
function figures(file: any, kind: string, sku: string): number[] {
    return Object.values<any>(file.terms[kind]?.[sku] ?? {}).flatMap((term) =>
        Object.values<any>(term.priceDimensions).map((d) => Number(d.pricePerUnit.USD)),
    );
}

async function quietly<T>(run: () => Promise<T>): Promise<T> {
    const { log, error } = console;
    console.log = () => undefined;
    console.error = () => undefined;
    try {
        return await run();
    } finally {
        console.log = log;
        console.error = error;
    }
}

/** The fixture reader, handing each file over in pieces of 1 to 13 characters. */
function choppy(): OfferReader {
    const inner = localReader(OFFERS);
    return {
        url: inner.url,
        open: async (rel) => {
            const file = path.join(OFFERS, ...rel.split("/"));
            if (!fs.existsSync(file)) {
                return undefined;
            }
            const text = fs.readFileSync(file, "utf8");
            return (function* () {
                for (let i = 0, n = 1; i < text.length; i += n, n = (n % 13) + 1) {
                    yield text.slice(i, i + n);
                }
            })();
        },
    };
}

describe("prices: refresh from offer files", () => {
    let result: Awaited<ReturnType<typeof refresh>>;
    before(async () => {
        result = await refresh({ reader: localReader(OFFERS), regions: DEFAULT_REGIONS, date: DATE });
    });
    const region = (r: string): Record<string, { usd: number; per: string; source: string }> =>
        result.snapshot.regions[r] as any;

    it("rebuilds the expected sample snapshot exactly", () => {
        assert.equal(renderSnapshotJson(result.snapshot), fs.readFileSync(EXPECTED, "utf8"));
    });

    it("does the same from the command line (--from, --out, --date)", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "prices-refresh-"));
        try {
            const out = path.join(dir, "snapshot.json");
            const code = await quietly(() => main(["--from", OFFERS, "--out", out, "--date", DATE]));
            assert.equal(code, 0);
            assert.equal(fs.readFileSync(out, "utf8"), fs.readFileSync(EXPECTED, "utf8"));
            assert.deepEqual(fs.readdirSync(dir), ["snapshot.json"], "--out alone writes no module");
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("reads a file cut into pieces anywhere the same way", async () => {
        const again = await refresh({ reader: choppy(), regions: DEFAULT_REGIONS, date: DATE });
        assert.deepEqual(again, result);
    });

    it("takes the on-demand Linux, shared, no-software, used-capacity t3.micro and skips every decoy", () => {
        const ec2 = offer("AmazonEC2", "ap-northeast-2");
        const all = skus(ec2, (p) => p.attributes.instanceType === "t3.micro");
        const good = skus(
            ec2,
            (p) =>
                p.attributes.instanceType === "t3.micro" &&
                p.attributes.operatingSystem === "Linux" &&
                p.attributes.tenancy === "Shared" &&
                p.attributes.preInstalledSw === "NA" &&
                p.attributes.capacitystatus === "Used" &&
                p.attributes.regionCode === "ap-northeast-2",
        );
        assert.equal(good.length, 1);
        const decoys = all.filter((s) => s !== good[0]);
        assert.equal(decoys.length, 5, "Windows, dedicated, SQL Web, capacity reservation, Tokyo");
        const [usd] = figures(ec2, "OnDemand", good[0]);
        assert.equal(region("ap-northeast-2")["instance:t3.micro"].usd, usd);
        for (const sku of decoys) {
            assert.notEqual(figures(ec2, "OnDemand", sku)[0], usd, `decoy ${sku} has its own price`);
        }
    });

    it("takes the on-demand term, never the reserved one", () => {
        const ec2 = offer("AmazonEC2", "ap-northeast-2");
        const [sku] = skus(ec2, (p) => p.attributes.instanceType === "t4g.small");
        const [onDemand] = figures(ec2, "OnDemand", sku);
        const [reserved] = figures(ec2, "Reserved", sku);
        assert.ok(reserved !== undefined && reserved !== onDemand);
        assert.equal(region("ap-northeast-2")["instance:t4g.small"].usd, onDemand);
    });

    it("reads us-east-1's usage types, which have no Region prefix, and skips a licensed decoy", () => {
        const ec2 = offer("AmazonEC2", "us-east-1");
        const [sku] = skus(
            ec2,
            (p) => p.attributes.usagetype === "BoxUsage:c7i-flex.large" && p.attributes.operatingSystem === "Linux",
        );
        assert.equal(region("us-east-1")["instance:c7i-flex.large"].usd, figures(ec2, "OnDemand", sku)[0]);
    });

    it("strips every Region prefix form the offer files use, and only a prefix", () => {
        // Prefixes as AWS's usage types carry them: four letters and a digit (APN2 Seoul, USE2 Ohio,
        // EUC1 Frankfurt), and the older two-letter EU- of eu-west-1; Infracost's LB filter accepts the
        // same (infracost/infracost internal/resources/aws/lb.go: ^([A-Z]{3}\d-|Global-|EU-)?LoadBalancerUsage$).
        assert.equal(usage("APN2-BoxUsage:t3.micro"), "BoxUsage:t3.micro");
        assert.equal(usage("APN2-EBS:VolumeP-Throughput.gp3"), "EBS:VolumeP-Throughput.gp3");
        assert.equal(usage("APN2-CW:MetricMonitorUsage"), "CW:MetricMonitorUsage");
        assert.equal(usage("USE2-NatGateway-Hours"), "NatGateway-Hours");
        assert.equal(usage("EUC1-PublicIPv4:InUseAddress"), "PublicIPv4:InUseAddress");
        assert.equal(usage("EU-LoadBalancerUsage"), "LoadBalancerUsage");
        assert.equal(usage("LoadBalancerUsage"), "LoadBalancerUsage");
        assert.equal(usage("NatGateway-Hours"), "NatGateway-Hours");
        assert.equal(usage("EBS:VolumeUsage.gp3"), "EBS:VolumeUsage.gp3");
        assert.equal(usage(undefined), "");
    });

    it("prices only the instance types asked for", () => {
        assert.ok(
            skus(offer("AmazonEC2", "ap-northeast-2"), (p) => p.attributes.instanceType === "t3.nano").length === 1,
        );
        assert.equal(region("ap-northeast-2")["instance:t3.nano"], undefined);
    });

    it("turns gp3 throughput from per GiBps-month into per MiBps-month", () => {
        const ec2 = offer("AmazonEC2", "ap-northeast-2");
        const [sku] = skus(ec2, (p) => p.attributes.usagetype === "APN2-EBS:VolumeP-Throughput.gp3");
        const dims: any[] = Object.values<any>(ec2.terms.OnDemand[sku]).flatMap((t) =>
            Object.values(t.priceDimensions),
        );
        assert.equal(dims[0].unit, "GiBps-mo");
        assert.equal(region("ap-northeast-2")["ebs:gp3-throughput"].usd, Number(dims[0].pricePerUnit.USD) / 1024);
        assert.equal(region("ap-northeast-2")["ebs:gp3-throughput"].per, "MiBps-month");
    });

    it("takes the first tier of tiered prices (io2 IOPS, CloudWatch metrics) and not other usage types", () => {
        const ec2 = offer("AmazonEC2", "ap-northeast-2");
        const [tier1] = skus(ec2, (p) => p.attributes.usagetype === "APN2-EBS:VolumeP-IOPS.io2");
        assert.equal(region("ap-northeast-2")["ebs:io2-iops"].usd, figures(ec2, "OnDemand", tier1)[0]);
        const cw = offer("AmazonCloudWatch", "us-east-1");
        const [metric] = skus(cw, (p) => p.attributes.usagetype === "CW:MetricMonitorUsage");
        const dims: any[] = Object.values<any>(cw.terms.OnDemand[metric]).flatMap((t) =>
            Object.values(t.priceDimensions),
        );
        const first = dims.find((d) => d.beginRange === "0");
        assert.equal(region("us-east-1")["cloudwatch:metric"].usd, Number(first.pricePerUnit.USD));
    });

    it("takes hours, not per-GB or LCU charges, for NAT gateways and load balancers", () => {
        const ec2 = offer("AmazonEC2", "ap-northeast-2");
        const [hours] = skus(ec2, (p) => p.attributes.usagetype === "APN2-NatGateway-Hours");
        assert.equal(region("ap-northeast-2")["nat:gateway"].usd, figures(ec2, "OnDemand", hours)[0]);
        const elb = offer("AWSELB", "ap-northeast-2");
        const [alb] = skus(
            elb,
            (p) =>
                p.productFamily === "Load Balancer-Application" && p.attributes.usagetype === "APN2-LoadBalancerUsage",
        );
        assert.equal(region("ap-northeast-2")["elb:application"].usd, figures(elb, "OnDemand", alb)[0]);
    });

    it("leaves out, rather than zeroes, what the sample lacks, and reports it", () => {
        for (const item of ["ebs:st1", "ebs:sc1", "ebs:io1", "instance:t3.small"]) {
            assert.equal(Object.hasOwn(region("ap-northeast-2"), item), false, item);
            assert.ok(result.missing.includes(`ap-northeast-2 ${item}`), item);
        }
        // AWSELB's region index has no us-east-1: no load balancer price there.
        assert.equal(Object.keys(region("us-east-1")).filter((i) => i.startsWith("elb:")).length, 0);
        assert.ok(result.missing.includes("us-east-1 elb:application"));
    });

    it("records each offer file read as the source, with its URL and publicationDate", () => {
        for (const [id, source] of Object.entries(result.snapshot.sources)) {
            const [service, r] = id.split("/");
            const file = offer(service, r);
            assert.equal(
                source.url,
                `https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/${service}/current/${r}/index.json`,
            );
            assert.equal(source.published, file.publicationDate);
            assert.equal(source.read, DATE);
        }
        for (const items of Object.values(result.snapshot.regions)) {
            for (const entry of Object.values(items)) {
                assert.ok(Object.hasOwn(result.snapshot.sources, entry.source));
            }
        }
    });

    it("stops when two matching products disagree on the price", async () => {
        const ec2 = offer("AmazonEC2", "ap-northeast-2");
        const [good] = skus(ec2, (p) => p.attributes.instanceType === "m7i-flex.large");
        const twin = `${good}X`;
        ec2.products[twin] = { ...ec2.products[good], sku: twin };
        const term = JSON.parse(JSON.stringify(ec2.terms.OnDemand[good]).replaceAll(good, twin));
        for (const t of Object.values<any>(term)) {
            for (const d of Object.values<any>(t.priceDimensions)) {
                d.pricePerUnit.USD = String(Number(d.pricePerUnit.USD) * 2);
            }
        }
        ec2.terms.OnDemand[twin] = term;
        const inner = localReader(OFFERS);
        const reader: OfferReader = {
            url: inner.url,
            open: async (rel) =>
                rel === "AmazonEC2/current/ap-northeast-2/index.json" ? [JSON.stringify(ec2)] : inner.open(rel),
        };
        await assert.rejects(
            refresh({ reader, regions: ["ap-northeast-2"], date: DATE }),
            /m7i-flex\.large has two prices/,
        );
    });
});

describe("prices: offer scanner", () => {
    function scan(text: string, piece: number) {
        const out: { products: any[]; terms: Record<string, any>; top: Record<string, unknown> } = {
            products: [],
            terms: {},
            top: {},
        };
        const scanner = new OfferScanner({
            product: (p) => out.products.push(p),
            wantTerm: (sku) => sku !== "SKIPPED",
            term: (sku, t) => (out.terms[sku] = t),
            top: (k, v) => (out.top[k] = v),
        });
        for (let i = 0; i < text.length; i += piece) {
            scanner.write(text.slice(i, i + piece));
        }
        scanner.end();
        return out;
    }

    const doc = {
        formatVersion: "v1.0",
        'odd "key"': 12.5,
        flag: true,
        nothing: null,
        products: {
            A: {
                sku: "A",
                attributes: { note: 'a "quoted" \\ value, with } and ] and {', list: [1, [2, { x: "y" }]] },
            },
            B: { sku: "B", attributes: {} },
        },
        terms: { OnDemand: { A: { "A.T": { priceDimensions: {} } }, SKIPPED: { x: 1 } }, Reserved: { A: { no: 1 } } },
        publicationDate: "2026-11-27T18:02:41Z",
    };

    for (const spacing of [0, 1, 4]) {
        for (const piece of [1, 2, 3, 7, 1 << 20]) {
            it(`hands over products, wanted on-demand terms and top-level scalars (spacing ${spacing}, pieces of ${piece})`, () => {
                const out = scan(JSON.stringify(doc, null, spacing), piece);
                assert.deepEqual(out.products, [doc.products.A, doc.products.B]);
                assert.deepEqual(out.terms, { A: doc.terms.OnDemand.A });
                assert.deepEqual(out.top, {
                    formatVersion: "v1.0",
                    'odd "key"': 12.5,
                    flag: true,
                    nothing: null,
                    publicationDate: doc.publicationDate,
                });
            });
        }
    }

    it("refuses a file cut short", () => {
        const scanner = new OfferScanner({
            product: () => undefined,
            wantTerm: () => true,
            term: () => undefined,
            top: () => undefined,
        });
        scanner.write('{"products": {"A": {"sku": "A"');
        assert.throws(() => scanner.end(), /ended/);
    });
});
