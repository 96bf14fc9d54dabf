/**
 * The offline preview's command line as a newcomer meets it: `--help` explains every option
 * with an example, a missing stack file says how to make one, and `--json` is JSON alone when
 * run through the package's bin (`npx free-tier-preview`, `npm exec free-tier-preview`).
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { CliRun as Run, PREVIEW_SCRIPT, previewCli, runIn } from "../../testing/previewCli";

const ROOT = path.resolve(__dirname, "../..");

const run = (command: string, args: string[]) => runIn(command, args);
const script = (...args: string[]) => previewCli(args);

describe("preview:offline's command line", function () {
    this.timeout(600_000);
    const runs: Record<string, Run> = {};
    before(async () => {
        const [help, missing, missingInline, npx, npmExec] = await Promise.all([
            script("--help"),
            script("--stack", "prod"),
            script("--stack=prod"),
            run("npx", ["--no-install", "free-tier-preview", "--json"]),
            run("npm", ["exec", "--no", "--", "free-tier-preview", "--json", "--cwd", "examples/unsafe"]),
        ]);
        Object.assign(runs, { help, missing, missingInline, npx, npmExec });
    });

    it("--help lists every option the parser takes, each with an explanation and an example", () => {
        assert.equal(runs.help.code, 0, runs.help.stderr);
        // Every option of the parser's table (OPTIONS, for util.parseArgs): the long name and its short one.
        const table = fs.readFileSync(PREVIEW_SCRIPT, "utf8").match(/^const OPTIONS = \{\n([\s\S]*?)\n\}/m)![1];
        const flags = [
            ...table.matchAll(/^ {4}"?([a-z-]+)"?: \{ type: "(?:string|boolean)"(?:, short: "([A-Za-z])")?/gm),
        ].flatMap((m) => [`--${m[1]}`, ...(m[2] ? [`-${m[2]}`] : [])]);
        assert.ok(flags.length >= 9, flags.join(" "));
        const lines = runs.help.stdout.split("\n");
        for (const flag of flags) {
            const at = lines.findIndex((line) => new RegExp(`^  (--[a-z-]+, )?${flag}\\b`).test(line));
            assert.ok(at >= 0, `--help does not list ${flag}:\n${runs.help.stdout}`);
            const entry = lines.slice(at, at + 4).join("\n");
            assert.match(entry, /\s{2,}\S.*\n(.*\n)*?\s+e\.g\. \S/, `${flag} has no explanation and example`);
        }
        assert.match(runs.help.stdout, /Exit codes: 0 .*, 1 .*, 2 /);
    });

    it("a missing stack file says how to make one (exit 2)", () => {
        assert.equal(runs.missing.code, 2, runs.missing.stdout);
        const stackFile = path.join(ROOT, "Pulumi.prod.yaml");
        assert.ok(runs.missing.stderr.includes(`error: ${stackFile} does not exist`), runs.missing.stderr);
        assert.ok(runs.missing.stderr.includes(`cp ${path.join(ROOT, "Pulumi.dev.yaml")} ${stackFile}`));
        assert.ok(runs.missing.stderr.includes("`pulumi stack init prod`"), runs.missing.stderr);
    });

    it("takes an option's value after = as well (--stack=prod)", () => {
        assert.equal(runs.missingInline.code, 2, runs.missingInline.stdout);
        assert.equal(runs.missingInline.stderr, runs.missing.stderr);
    });

    it("package.json's bin free-tier-preview is an executable file of the repository", () => {
        const bin = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).bin;
        const file = path.join(ROOT, bin["free-tier-preview"]);
        assert.ok(fs.existsSync(file), file);
        fs.accessSync(file, fs.constants.X_OK);
        assert.match(fs.readFileSync(file, "utf8"), /^#!\/usr\/bin\/env node\n/);
    });

    it("npx free-tier-preview --json prints one JSON document and nothing else (exit 0)", () => {
        assert.equal(runs.npx.code, 0, runs.npx.stderr);
        const report = JSON.parse(runs.npx.stdout);
        assert.equal(report.exitCode, 0);
        assert.equal(report.stack, "dev");
        assert.equal(report.totals.mandatory, 0);
    });

    it("npm exec free-tier-preview -- --json --cwd examples/unsafe is JSON alone too (exit 1)", () => {
        assert.equal(runs.npmExec.code, 1, runs.npmExec.stderr);
        const report = JSON.parse(runs.npmExec.stdout);
        assert.equal(report.exitCode, 1);
        assert.equal(report.project, "free-tier-unsafe");
        assert.ok(report.totals.mandatory > 0);
    });
});
