import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import Ajv2020 from "ajv/dist/2020";
import { XMLParser } from "fast-xml-parser";
import { annotationLines, escapeData } from "../../offline/annotations";
import { previewOffline, PreviewReport } from "../../offline/preview";
import { writeReportFiles } from "../../offline/reportFiles";
import { sharedPack, transpileOnly, usesSharedPack } from "../corpus/support";
import { INSTANCE } from "../../testing/types";

const ROOT = path.resolve(__dirname, "../..");
const PACK = path.join(ROOT, "policy");
/** The SARIF 2.1.0 JSON schema, as the SARIF SDK ships it (@microsoft/sarif-multitool-linux 5.7.0, MIT: sarif-2.1.0.json). */
const SCHEMA = path.join(ROOT, "test/fixtures/sarif-schema-2.1.0.json");

describe("preview:offline's report formats: SARIF, JUnit, GitHub annotations and job summary", function () {
    usesSharedPack();
    this.timeout(120000);
    let report: PreviewReport;
    let dir: string;
    before(async () => {
        report = await previewOffline({
            cwd: path.join(ROOT, "examples/unsafe"),
            stack: "dev",
            policyPack: PACK,
            pack: sharedPack(),
            env: transpileOnly,
        });
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "formats-"));
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("--sarif writes SARIF 2.1.0 that the official schema accepts: a rule per policy, a result per verdict at its line", () => {
        const file = path.join(dir, "x.sarif");
        writeReportFiles(report, { sarif: file }, {}, undefined, "examples/unsafe");
        const sarif: any = JSON.parse(fs.readFileSync(file, "utf8"));
        const validate = new Ajv2020({ strict: false, validateFormats: false }).compile<any>(
            JSON.parse(fs.readFileSync(SCHEMA, "utf8")),
        );
        assert.ok(validate(sarif), JSON.stringify(validate.errors, null, 2));
        // The schema does refuse what is not SARIF 2.1.0.
        assert.equal(validate({ ...sarif, runs: [{ ...sarif.runs[0], results: [{ level: "fatal" }] }] }), false);
        assert.equal(sarif.runs.length, 1);
        const driver = sarif.runs[0].tool.driver;
        assert.equal(driver.name, "free-tier-guard");
        assert.equal(driver.version, report.policyPack.version);
        assert.deepEqual(
            driver.rules.map((r: any) => r.id),
            report.policies.map((p) => p.name),
        );
        const ssh = driver.rules.find((r: any) => r.id === "no-public-ssh");
        assert.equal(ssh.defaultConfiguration.level, "error");
        assert.equal(ssh.helpUri, "docs/policies.md#no-public-ssh");
        assert.ok(ssh.shortDescription.text.startsWith("Forbids ingress rules that open SSH"));
        const cost = driver.rules.find((r: any) => r.id === "stack-cost-within-credits");
        assert.equal(cost.helpUri, "docs/plans-and-cost.md#stack-cost-within-credits");
        const results = sarif.runs[0].results;
        assert.equal(results.length, report.verdicts.length);
        assert.deepEqual(
            results.map((r: any) => r.level).sort(),
            report.verdicts.map((v) => (v.level === "mandatory" ? "error" : "warning")).sort(),
        );
        const web = results.find(
            (r: any) => r.ruleId === "no-public-ssh" && r.locations[0].logicalLocations[0].name === "web-sg",
        );
        const verdict = report.verdicts.find((v) => v.policy === "no-public-ssh" && v.resource?.name === "web-sg")!;
        assert.deepEqual(web.locations[0].physicalLocation, {
            artifactLocation: { uri: "examples/unsafe/index.ts", uriBaseId: "%SRCROOT%" },
            region: { startLine: verdict.location!.line, startColumn: verdict.location!.column },
        });
        assert.equal(web.locations[0].logicalLocations[0].fullyQualifiedName, verdict.resource!.urn);
        assert.ok(web.partialFingerprints["resourceUrn/v1"].endsWith(verdict.resource!.urn));
        assert.ok(web.message.text.includes(verdict.message));
        // The finding's code, read back from the end of its message, travels in properties and
        // fingerprints: code scanning tracks the finding by it across runs.
        assert.equal(verdict.code, "no-public-ssh/world-open-port");
        assert.ok(verdict.message.endsWith(" [no-public-ssh/world-open-port]"), verdict.message);
        assert.equal(web.properties.code, "no-public-ssh/world-open-port");
        const print = `no-public-ssh/world-open-port:${verdict.resource!.urn}`;
        assert.deepEqual(web.fingerprints, { "findingCode/v1": print });
        assert.equal(web.partialFingerprints["findingCode/v1"], print);
        // Every pack finding has a code; no two results share a fingerprint.
        const coded = results.filter((r: any) => r.properties.code !== undefined);
        assert.equal(coded.length, report.verdicts.filter((v) => v.level !== "could-not-check").length);
        for (const r of coded) {
            assert.ok(r.properties.code.startsWith(`${r.ruleId}/`), r.properties.code);
        }
        const prints = coded.map((r: any) => r.fingerprints["findingCode/v1"]);
        assert.equal(new Set(prints).size, prints.length);
    });

    it("--sarif gives two findings of one code on one resource fingerprints of their own, and none to a verdict without a code", () => {
        const resource = {
            type: INSTANCE,
            name: "web",
            urn: "urn:pulumi:dev::p::aws:ec2/instance:Instance::web",
        };
        const file = path.join(dir, "dup.sarif");
        writeReportFiles(
            {
                ...report,
                verdicts: [
                    {
                        level: "mandatory",
                        policy: "free-tier-storage",
                        code: "free-tier-storage/volume-type-not-free",
                        message: "a",
                        resource,
                    },
                    {
                        level: "mandatory",
                        policy: "free-tier-storage",
                        code: "free-tier-storage/volume-type-not-free",
                        message: "b",
                        resource,
                    },
                    { level: "could-not-check", policy: "free-tier-storage", message: "c", resource },
                ],
            },
            { sarif: file },
            {},
        );
        const results = JSON.parse(fs.readFileSync(file, "utf8")).runs[0].results;
        assert.deepEqual(
            results.map((r: any) => [r.fingerprints?.["findingCode/v1"], r.properties.code]),
            [
                [`free-tier-storage/volume-type-not-free:${resource.urn}`, "free-tier-storage/volume-type-not-free"],
                [`free-tier-storage/volume-type-not-free:${resource.urn}#2`, "free-tier-storage/volume-type-not-free"],
                [undefined, undefined],
            ],
        );
    });

    it("--junit writes JUnit XML: a test suite per policy, a test case per resource judged, mandatory ones failed", () => {
        const file = path.join(dir, "x.xml");
        writeReportFiles(report, { junit: file }, {});
        const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(
            fs.readFileSync(file, "utf8"),
        );
        const suites: any[] = [xml.testsuites.testsuite].flat();
        assert.deepEqual(
            suites.map((s) => s.name),
            report.policies.map((p) => p.name),
        );
        const cases = (name: string) => [suites.find((s) => s.name === name).testcase].flat();
        const ssh = cases("no-public-ssh");
        // A case for every resource the resource policy judged.
        assert.equal(ssh.length, report.resources.length);
        const failed = ssh.filter((c) => c.failure !== undefined);
        assert.equal(failed.length, report.verdicts.filter((v) => v.policy === "no-public-ssh").length);
        assert.ok(
            failed.some((c) => c.name === 'aws:ec2/securityGroup:SecurityGroup "web-sg"' && c.file === "index.ts"),
        );
        const imds = cases("require-imdsv2").find((c) => c["system-out"] !== undefined);
        assert.match(imds["system-out"], /^advisory: Instance "web": metadataOptions.httpTokens/);
        assert.equal(imds.failure, undefined);
        // examples/unsafe has no two mandatory verdicts of one policy on one resource.
        assert.equal(Number(xml.testsuites.failures), report.totals.mandatory);
    });

    it("prints workflow annotations and appends a job summary with the bill only on GitHub", () => {
        const summary = path.join(dir, "summary.md");
        const printed: string[] = [];
        writeReportFiles(report, {}, { GITHUB_STEP_SUMMARY: summary }, (l) => printed.push(l));
        assert.equal(printed.length, 0);
        assert.equal(fs.existsSync(summary), false);

        writeReportFiles(
            report,
            {},
            { GITHUB_ACTIONS: "true", GITHUB_STEP_SUMMARY: summary },
            (l) => printed.push(l),
            "examples/unsafe",
        );
        assert.equal(printed.length, report.verdicts.length);
        const verdict = report.verdicts.find((v) => v.policy === "no-public-ssh" && v.resource?.name === "web-sg")!;
        assert.ok(
            printed.includes(
                `::error file=examples/unsafe/index.ts,line=${verdict.location!.line},col=${verdict.location!.column},title=no-public-ssh::aws:ec2/securityGroup:SecurityGroup "web-sg": ${verdict.message}`,
            ),
            printed.join("\n"),
        );
        assert.ok(
            printed.some(
                (l) =>
                    l.startsWith("::warning file=examples/unsafe/index.ts,line=") &&
                    l.includes("title=require-imdsv2::"),
            ),
        );
        const markdown = fs.readFileSync(summary, "utf8");
        assert.match(markdown, /\| 12 \| 5 \| 0 \| 0 \| 17 \|/);
        assert.ok(markdown.includes(`| mandatory | no-public-ssh | aws:ec2/securityGroup:SecurityGroup "web-sg" |`));
        assert.ok(markdown.includes("**Total:**"));
        for (const item of report.cost.items) {
            assert.ok(markdown.includes(item.what), item.what);
        }
    });

    it("escapes %, CR and LF in annotation messages as GitHub requires", () => {
        assert.equal(escapeData("100% sure\r\nnext"), "100%25 sure%0D%0Anext");
        const lines = annotationLines({
            ...report,
            verdicts: [{ level: "advisory", policy: "p", message: "a\nb 5%" }],
        });
        assert.deepEqual(lines, [`::warning file=${report.program},title=p::the stack: a%0Ab 5%25`]);
    });
});
