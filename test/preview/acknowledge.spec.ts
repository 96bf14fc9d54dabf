/**
 * Acknowledgements through preview:offline, on examples/unsafe: every mandatory finding
 * acknowledged (each policy's `acknowledge: [{ resource: "*" ... }]`), and one advisory policy's
 * acknowledgement expired. Shown in the text, `--json`, SARIF (validated against the SARIF 2.1.0
 * schema), JUnit and GitHub annotations; the exit code is 0, as no finding counts as mandatory.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { previewCli } from "../../testing/previewCli";
import Ajv2020 from "ajv/dist/2020";
import { XMLParser } from "fast-xml-parser";
import { annotationLines } from "../../offline/annotations";
import { toJunit } from "../../offline/junit";
import { previewOffline, PreviewReport, Verdict } from "../../offline/preview";
import { toSarif } from "../../offline/sarif";
import { transpileOnly } from "../corpus/support";

const ROOT = path.resolve(__dirname, "../..");
const PACK = path.join(ROOT, "policy");
const UNSAFE = path.join(ROOT, "examples/unsafe");
const SCHEMA = path.join(ROOT, "test/fixtures/sarif-schema-2.1.0.json");
const TODAY = "2026-06-15";
const REASON = "Teaching stack: shows each trap, never deployed";
const EXPIRED_REASON = "Metadata options come with the next AMI";

const key = (v: Verdict) => `${v.policy} ${v.resource?.urn ?? "stack"}`;

/** The acknowledgement's line as every format shows it, written out from the verdict's entry. */
const ackLineOf = (v: Verdict) =>
    `ACKNOWLEDGED until ${v.acknowledged!.expires} (acknowledge ${JSON.stringify(v.acknowledged!.resource)}, ${v.acknowledged!.enforcementLevel} otherwise): ${v.acknowledged!.reason}`;

describe("preview:offline with acknowledgements", function () {
    this.timeout(600_000);
    let dir: string;
    let baseline: PreviewReport;
    let report: PreviewReport;
    let text: { code: number; stdout: string; stderr: string };
    let mandatory: string[];
    let expiredPolicy: string;
    /** An advisory stack policy whose finding about the whole stack is acknowledged by the stack's name. */
    let stackPolicy: string;
    before(async () => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "acknowledge-"));
        baseline = await previewOffline({ cwd: UNSAFE, stack: "dev", policyPack: PACK, env: transpileOnly });
        mandatory = [...new Set(baseline.verdicts.filter((v) => v.level === "mandatory").map((v) => v.policy))];
        assert.ok(mandatory.includes("no-public-ssh"), "examples/unsafe opens SSH to the world");
        expiredPolicy = baseline.verdicts.find((v) => v.level === "advisory" && !mandatory.includes(v.policy))!.policy;
        const config: Record<string, unknown> = {};
        for (const policy of mandatory) {
            config[policy] = {
                acknowledge: [
                    {
                        resource: "*",
                        reason: REASON,
                        expires: "2026-12-31",
                        ...(policy === "no-public-ssh" ? { allowWorldOpenSsh: true } : {}),
                    },
                ],
            };
        }
        config[expiredPolicy] = { acknowledge: [{ resource: "*", reason: EXPIRED_REASON, expires: "2026-06-14" }] };
        stackPolicy = baseline.verdicts.find(
            (v) => v.level === "advisory" && !v.resource && v.policy !== expiredPolicy && !mandatory.includes(v.policy),
        )!.policy;
        // The stack's own resource is named <project>-<stack> (its URN's last part).
        config[stackPolicy] = {
            acknowledge: [{ resource: `${baseline.project}-${baseline.stack}`, reason: REASON, expires: "2026-12-31" }],
        };
        const file = path.join(dir, "config.json");
        fs.writeFileSync(file, JSON.stringify(config, null, 2));
        const env = { ...transpileOnly, FREE_TIER_GUARD_TODAY: TODAY };
        [report, text] = await Promise.all([
            previewOffline({ cwd: UNSAFE, stack: "dev", policyPack: PACK, policyPackConfig: file, env }),
            previewCli(["--cwd", "examples/unsafe", "--policy-pack-config", file], { env }),
        ]);
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("--json: each mandatory finding is acknowledged, with its entry, none counts, and the exit code is 0", () => {
        const before = baseline.verdicts.filter((v) => v.level === "mandatory");
        assert.ok(before.length > 0);
        assert.equal(report.totals.mandatory, 0);
        assert.equal(report.totals.acknowledged, before.length + 1, "and the stack policy's one finding");
        assert.equal(report.exitCode, 0);
        const acknowledged = new Map(report.verdicts.filter((v) => v.level === "acknowledged").map((v) => [key(v), v]));
        for (const v of before) {
            const now = acknowledged.get(key(v));
            assert.ok(now, `${key(v)} is acknowledged`);
            assert.equal(now.message, v.message, "the finding itself is shown unchanged");
            assert.deepEqual(now.acknowledged, {
                resource: "*",
                reason: REASON,
                expires: "2026-12-31",
                enforcementLevel: "mandatory",
            });
        }
    });

    it("--json: a finding whose acknowledgement expired counts again at its level, with the expired entry", () => {
        const before = baseline.verdicts.filter((v) => v.policy === expiredPolicy);
        const after = report.verdicts.filter((v) => v.policy === expiredPolicy);
        assert.deepEqual(
            after.map((v) => [key(v), v.level, v.message]),
            before.map((v) => [key(v), v.level, v.message]),
        );
        for (const v of after) {
            assert.deepEqual(v.acknowledgementExpired, {
                resource: "*",
                reason: EXPIRED_REASON,
                expires: "2026-06-14",
                enforcementLevel: v.level,
            });
            assert.equal(v.acknowledged, undefined);
        }
        assert.equal(report.totals.advisory, baseline.totals.advisory - 1, "all but the stack policy's finding");
    });

    it("--json: a finding about the whole stack is matched by the stack's name", () => {
        const before = baseline.verdicts.filter((v) => v.policy === stackPolicy);
        const after = report.verdicts.filter((v) => v.policy === stackPolicy);
        assert.equal(before.length, 1);
        assert.deepEqual(
            after.map((v) => [v.level, v.message, v.resource, v.acknowledged]),
            [
                [
                    "acknowledged",
                    before[0].message,
                    undefined,
                    {
                        resource: `${baseline.project}-${baseline.stack}`,
                        reason: REASON,
                        expires: "2026-12-31",
                        enforcementLevel: "advisory",
                    },
                ],
            ],
        );
    });

    it("the text shows them as ACKNOWLEDGED with the reason and date, the expired ones noted, and exits 0", () => {
        assert.equal(text.code, 0, text.stderr);
        const n = report.totals.acknowledged;
        assert.match(
            text.stdout,
            new RegExp(
                `\\nAcknowledged \\(accepted by the policy config until their date; they block nothing\\): ${n}\\n`,
            ),
        );
        assert.match(text.stdout, /\nMandatory violations \(these block `pulumi up`\): 0\n/);
        const ackLine = `      ACKNOWLEDGED until 2026-12-31 (acknowledge "*", mandatory otherwise): ${REASON}`;
        assert.equal(text.stdout.split("\n").filter((l) => l === ackLine).length, n - 1);
        const stackLine = `      ACKNOWLEDGED until 2026-12-31 (acknowledge "${report.project}-${report.stack}", advisory otherwise): ${REASON}`;
        assert.equal(text.stdout.split("\n").filter((l) => l === stackLine).length, 1);
        const expiredLine = `      acknowledgement expired on 2026-06-14 (acknowledge "*": ${EXPIRED_REASON}), so it counts again`;
        assert.equal(
            text.stdout.split("\n").filter((l) => l === expiredLine).length,
            report.verdicts.filter((v) => v.acknowledgementExpired).length,
        );
        assert.match(text.stdout, new RegExp(`, ${n} acknowledged\\. PASSED\\.\\n`));
    });

    it("SARIF: an acknowledged result keeps its level, with an external, accepted suppression carrying the reason", () => {
        const sarif: any = toSarif(report);
        const validate = new Ajv2020({ strict: false, validateFormats: false }).compile<any>(
            JSON.parse(fs.readFileSync(SCHEMA, "utf8")),
        );
        assert.ok(validate(sarif), JSON.stringify(validate.errors, null, 2));
        const results: any[] = sarif.runs[0].results;
        assert.equal(results.length, report.verdicts.length);
        report.verdicts.forEach((v, i) => {
            if (v.level === "acknowledged") {
                const level = v.acknowledged!.enforcementLevel === "mandatory" ? "error" : "warning";
                assert.equal(results[i].level, level, key(v));
                assert.deepEqual(results[i].suppressions, [
                    {
                        kind: "external",
                        status: "accepted",
                        justification: REASON,
                        properties: { resource: v.acknowledged!.resource, expires: "2026-12-31" },
                    },
                ]);
            } else {
                assert.equal(results[i].suppressions, undefined, key(v));
            }
        });
        // The schema refuses a suppression of a kind SARIF does not have.
        const bad = structuredClone(sarif);
        bad.runs[0].results.find((r: any) => r.suppressions).suppressions[0].kind = "acknowledged";
        assert.equal(validate(bad), false);
        // The rules carry the pack's rule metadata.
        const ssh = sarif.runs[0].tool.driver.rules.find((r: any) => r.id === "no-public-ssh");
        const info = report.policies.find((p) => p.name === "no-public-ssh")!;
        assert.equal(ssh.helpUri, info.url);
        assert.equal(ssh.properties.severity, "critical");
        assert.deepEqual(ssh.properties.tags, info.tags);
        assert.ok(ssh.help.text.includes(info.remediationSteps!));
    });

    it("JUnit: an acknowledged case is skipped with its reason, not failed", () => {
        const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(toJunit(report));
        assert.equal(Number(xml.testsuites.failures), 0);
        const suites: any[] = [xml.testsuites.testsuite].flat();
        let skipped = 0;
        for (const suite of suites) {
            const cases: any[] = [suite.testcase ?? []].flat();
            const own = cases.filter((c) => c.skipped !== undefined);
            assert.equal(Number(suite.skipped), own.length, suite.name);
            for (const c of own) {
                const verdict = report.verdicts.find(
                    (v) =>
                        v.policy === suite.name &&
                        v.level === "acknowledged" &&
                        (v.resource ? c.name.endsWith(`"${v.resource.name}"`) : c.name === "the stack"),
                )!;
                assert.equal(c.skipped.message, ackLineOf(verdict));
            }
            skipped += own.length;
        }
        const cases = new Set(report.verdicts.filter((v) => v.level === "acknowledged").map(key));
        assert.equal(skipped, cases.size);
    });

    it("GitHub annotations: an acknowledged finding is a notice with its reason, not an error", () => {
        const lines = annotationLines(report);
        assert.equal(lines.filter((l) => l.startsWith("::error ")).length, 0);
        report.verdicts.forEach((v, i) => {
            if (v.level === "acknowledged") {
                assert.ok(lines[i].startsWith("::notice "), lines[i]);
                assert.ok(lines[i].includes(`%0A${ackLineOf(v)}`), lines[i]);
            }
        });
    });
});
