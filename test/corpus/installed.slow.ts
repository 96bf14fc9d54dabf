/**
 * The slower corpus, run in CI (`npm run test:installed`): projects with their own
 * package-lock.json, installed with `npm ci` as a user would, so that each runs on its own
 * copy of the Pulumi SDK; and TypeScript type-checked as the Pulumi CLI does by default.
 * Installs are cached under ~/.cache/free-tier-server/corpus, keyed by the lock file's hash.
 */
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { PreviewError, previewOffline, PreviewReport } from "../../offline/preview";
import { briefVerdicts, corpusProgram, PACK, sharedPack, usesSharedPack } from "./support";

const CACHE = path.join(os.homedir(), ".cache/free-tier-server/corpus");

/**
 * A copy of an installed-corpus project with its dependencies installed by `npm ci` from its
 * lock file: installed once per lock file, its program files refreshed on every run.
 */
function installed(name: string): string {
    const source = path.join(__dirname, "installed", name);
    const lock = fs.readFileSync(path.join(source, "package-lock.json"));
    const dir = path.join(CACHE, `${name}-${createHash("sha256").update(lock).digest("hex").slice(0, 16)}`);
    const stamp = path.join(dir, ".installed");
    if (!fs.existsSync(stamp)) {
        fs.rmSync(dir, { recursive: true, force: true });
        fs.mkdirSync(dir, { recursive: true });
        fs.cpSync(source, dir, { recursive: true });
        execFileSync("npm", ["ci", "--no-audit", "--no-fund"], { cwd: dir, stdio: ["ignore", "ignore", "inherit"] });
        fs.writeFileSync(stamp, new Date().toISOString());
    }
    fs.cpSync(source, dir, { recursive: true });
    return dir;
}

/**
 * Previews as the CLI would: the program's environment untouched, so TypeScript is type-checked.
 * Like the rest of the corpus, these programs were written for the legacy plan's rules (their
 * servers are t2.micro): they run under policy/plans/legacy.json.
 */
function preview(cwd: string): Promise<PreviewReport> {
    return previewOffline({
        cwd,
        stack: "dev",
        policyPack: PACK,
        policyPackConfig: path.join(PACK, "plans/legacy.json"),
        pack: sharedPack(),
    });
}

describe("projects with their own lock files, on their own SDK, type-checked as the Pulumi CLI does", function () {
    usesSharedPack();
    this.timeout(600000);

    it("runs a project on the older SDK its lock file pins, and judges it", async () => {
        const dir = installed("older-sdk");
        const report = await preview(dir);
        assert.equal(report.sdk.version, "3.50.0");
        assert.equal(report.sdk.dir, "node_modules/@pulumi/pulumi");
        assert.deepEqual(briefVerdicts(report), [
            ["mandatory", "no-public-ssh", "ssh"],
            ["mandatory", "free-tier-storage", "app"],
            ["mandatory", "free-tier-storage-total", "the stack"],
        ]);
        assert.equal(report.exitCode, 1);
    });

    it("shows an @pulumi/awsx 2.x VPC as not expanded and counts it could-not-check, saying why", async () => {
        const report = await preview(installed("awsx-vpc"));
        assert.equal(report.sdk.version, "3.228.0");
        const vpc = report.resources.find((r) => r.type === "awsx:ec2:Vpc")!;
        assert.deepEqual([vpc.name, vpc.remote], ["main", true]);
        assert.deepEqual(briefVerdicts(report), [["could-not-check", "preview:offline", "main"]]);
        assert.equal(report.exitCode, 0);
    });

    it("refuses a TypeScript program with a type error, as ts-node under the CLI does", async () => {
        await assert.rejects(preview(corpusProgram("type-error")), (err: Error) => {
            assert.ok(err instanceof PreviewError);
            const lines = err.message.split("\n");
            assert.equal(
                lines[0],
                `Running program '${path.join(corpusProgram("type-error"), "index.ts")}' failed with an unhandled exception:`,
            );
            assert.ok(
                lines.some((l) =>
                    l.includes("index.ts(5,7): error TS2322: Type 'string' is not assignable to type 'number'."),
                ),
                err.message,
            );
            return true;
        });
    });
});
