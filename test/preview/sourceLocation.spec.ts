import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { RegisteredResource } from "../../offline/engineServer";
import { previewOffline, PreviewReport } from "../../offline/preview";
import { renderText } from "../../offline/render";
import { inProgram, locateResources } from "../../offline/sourceLocation";
import { sharedPack, transpileOnly, usesSharedPack } from "../corpus/support";
import { INSTANCE } from "../../testing/types";

const ROOT = path.resolve(__dirname, "../..");
const PACK = path.join(ROOT, "policy");
const FIXTURES = path.join(__dirname, "fixtures");

/** The line of `text` in a file where it first occurs, and its column, 1-based. */
function lineOf(file: string, text: string): { line: number; column: number } {
    const lines = fs.readFileSync(file, "utf8").split("\n");
    const line = lines.findIndex((l) => l.includes(text));
    assert.ok(line >= 0, `${text} in ${file}`);
    return { line: line + 1, column: lines[line].indexOf(text) + 1 };
}

function preview(cwd: string, policyPackConfig?: string): Promise<PreviewReport> {
    return previewOffline({
        cwd,
        stack: "dev",
        policyPack: PACK,
        policyPackConfig,
        pack: sharedPack(),
        env: transpileOnly,
    });
}

const locationsOf = (report: PreviewReport, policy: string) =>
    Object.fromEntries(report.verdicts.filter((v) => v.policy === policy).map((v) => [v.resource!.name, v.location]));

describe("verdicts point at the program's line that made the resource", function () {
    usesSharedPack();
    this.timeout(120000);

    it("a plain resource, one made in a helper module, and a component's child (at the component's line), in TypeScript", async () => {
        const dir = path.join(FIXTURES, "located-ts");
        const report = await preview(dir);
        const index = path.join(dir, "index.ts");
        assert.deepEqual(locationsOf(report, "no-public-ssh"), {
            "plain-open": { file: "index.ts", ...lineOf(index, "new aws.ec2.SecurityGroup") },
            "helper-open": { file: "helper.ts", ...lineOf(path.join(dir, "helper.ts"), "new aws.ec2.SecurityGroup") },
            "component-sg": { file: "index.ts", ...lineOf(index, "new OpenServer") },
        });
        const text = renderText(report);
        const { line, column } = lineOf(index, "new OpenServer");
        assert.ok(
            text.includes(
                `[no-public-ssh] aws:ec2/securityGroup:SecurityGroup "component-sg"  index.ts:${line}:${column}`,
            ),
            text,
        );
    });

    it("a JavaScript program", async () => {
        const dir = path.join(FIXTURES, "located-js");
        const report = await preview(dir);
        assert.deepEqual(locationsOf(report, "no-public-ssh"), {
            "js-open": { file: "index.js", ...lineOf(path.join(dir, "index.js"), "new aws.ec2.SecurityGroup") },
        });
    });

    it("this repository's program: FreeTierServer's instance points at `new FreeTierServer` in index.ts, in --json too", async () => {
        // A config under which the component's instance fails: only t4g.nano is allowed.
        const config = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "located-")), "config.json");
        fs.writeFileSync(config, JSON.stringify({ "free-tier-instance-type": { allowedInstanceTypes: ["t4g.nano"] } }));
        try {
            const report = await preview(ROOT, config);
            const verdict = report.verdicts.find((v) => v.policy === "free-tier-instance-type");
            assert.equal(verdict?.resource?.type, INSTANCE);
            const where = lineOf(path.join(ROOT, "index.ts"), "new FreeTierServer");
            assert.deepEqual(verdict.location, { file: "index.ts", ...where });
            assert.deepEqual(JSON.parse(JSON.stringify(report)).verdicts[0].location, verdict.location);
        } finally {
            fs.rmSync(path.dirname(config), { recursive: true, force: true });
        }
    });
});

describe("locateResources", () => {
    const dir = path.join(os.tmpdir(), "project");
    const at = (file: string, line: number, column = 1) => ({
        uri: pathToFileURL(path.join(dir, file)).toString(),
        line,
        column,
    });
    const resource = (r: Partial<RegisteredResource> & { urn: string }): RegisteredResource =>
        ({ type: "t", name: r.urn, parent: "stack", custom: true, ...r }) as RegisteredResource;
    const stack = resource({ urn: "stack", parent: "", custom: false });

    it("leaves out positions outside the project or under node_modules", () => {
        assert.equal(inProgram(at("node_modules/x/index.js", 3), dir), undefined);
        assert.equal(
            inProgram({ uri: pathToFileURL("/elsewhere/a.ts").toString(), line: 1, column: 1 }, dir),
            undefined,
        );
        assert.deepEqual(inProgram(at("src/a.ts", 3, 5), dir), { file: "src/a.ts", line: 3, column: 5 });
    });

    it("a child made inside a component of the program points at the component; one parented from outside at its own line", () => {
        const component = resource({ urn: "c", custom: false, sourcePosition: at("index.ts", 7, 16) });
        const inside = resource({
            urn: "inside",
            parent: "c",
            sourcePosition: at("components/c.ts", 40, 9),
            stackTrace: [at("components/c.ts", 40, 9), at("index.ts", 7, 16)],
        });
        const outside = resource({
            urn: "outside",
            parent: "c",
            sourcePosition: at("index.ts", 12, 1),
            stackTrace: [at("index.ts", 12, 1)],
        });
        const library = resource({ urn: "library", parent: "c", sourcePosition: at("node_modules/lib/x.js", 1) });
        const nowhere = resource({ urn: "nowhere" });
        const located = locateResources([stack, component, inside, outside, library, nowhere], dir);
        assert.deepEqual(Object.fromEntries(located), {
            c: { file: "index.ts", line: 7, column: 16 },
            inside: { file: "index.ts", line: 7, column: 16 },
            outside: { file: "index.ts", line: 12, column: 1 },
            library: { file: "index.ts", line: 7, column: 16 },
        });
    });
});
