/**
 * Pulumi.yaml and Pulumi.<stack>.yaml read as the Pulumi CLI reads them before it runs a
 * program: what it refuses (with its reasons), the runtime options, and where the program runs.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { loadStackConfig, programLocation, StackFileError } from "../../offline/projectFiles";
import { splitArgs } from "../../offline/programHost";

/** A project folder with these files. */
function project(files: Record<string, string>): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "project-files-"));
    for (const [name, text] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
        fs.writeFileSync(path.join(dir, name), text);
    }
    return dir;
}

describe("the project and stack files", () => {
    describe("refuses what the Pulumi CLI refuses, with its reason", () => {
        const cases: { why: string; yaml: string; stack?: string; message: string }[] = [
            {
                why: "a project name with a space",
                yaml: "name: my project\nruntime: nodejs\n",
                message:
                    'invalid project name "my project": project names may only contain alphanumerics, hyphens, underscores, and periods',
            },
            {
                why: "a project name over 100 characters",
                yaml: `name: ${"a".repeat(101)}\nruntime: nodejs\n`,
                message: `invalid project name "${"a".repeat(101)}": project names are limited to 100 characters`,
            },
            { why: "no project name", yaml: "runtime: nodejs\n", message: "project is missing a 'name' attribute" },
            { why: "no runtime", yaml: "name: p\n", message: "project is missing a 'runtime' attribute" },
            {
                why: "a runtime other than Node.js",
                yaml: "name: p\nruntime: python\n",
                message: 'runtime "python": preview:offline runs Node.js programs (runtime: nodejs) only',
            },
            {
                why: "a typescript option that is not a boolean",
                yaml: "name: p\nruntime:\n  name: nodejs\n  options:\n    typescript: 'no'\n",
                message: 'typescript option must be a boolean, got "no"',
            },
            {
                why: "a stack name with a slash",
                yaml: "name: p\nruntime: nodejs\n",
                stack: "dev/eu",
                message:
                    'invalid stack name "dev/eu": a stack name may only contain alphanumeric, hyphens, underscores, or periods: invalid character "/" at position 3',
            },
        ];
        for (const c of cases) {
            it(c.why, () => {
                const dir = project({ "Pulumi.yaml": c.yaml });
                assert.throws(
                    () => loadStackConfig(dir, c.stack ?? "dev"),
                    (err: Error) => {
                        assert.ok(err instanceof StackFileError);
                        assert.equal(err.message.replace(`${path.join(dir, "Pulumi.yaml")}: `, ""), c.message);
                        return true;
                    },
                );
            });
        }
    });

    it("reads the runtime options the language host passes on, TypeScript on by default", () => {
        const yaml =
            "name: p\nruntime:\n  name: nodejs\n  options:\n    tsconfig: tsconfig.pulumi.json\n    nodeargs: --max-old-space-size=4096\n";
        assert.deepEqual(loadStackConfig(project({ "Pulumi.yaml": yaml }), "dev").runtime, {
            typescript: true,
            tsconfig: "tsconfig.pulumi.json",
            nodeargs: "--max-old-space-size=4096",
        });
    });

    it("lists the ESC environments a stack imports, in either form of its file's environment", () => {
        const listed = project({
            "Pulumi.yaml": "name: p\nruntime: nodejs\n",
            "Pulumi.dev.yaml": "environment:\n  - acme/common\n  - acme/dev\n",
            "Pulumi.prod.yaml": "environment:\n  imports:\n    - acme/prod\nconfig:\n  aws:region: eu-west-1\n",
        });
        assert.deepEqual(loadStackConfig(listed, "dev").environments, ["acme/common", "acme/dev"]);
        assert.deepEqual(loadStackConfig(listed, "prod").environments, ["acme/prod"]);
        const none = project({ "Pulumi.yaml": "name: p\nruntime: nodejs\n", "Pulumi.dev.yaml": "config: {}\n" });
        assert.deepEqual(loadStackConfig(none, "dev").environments, []);
    });

    it("runs a stack with no config file on the project's config, unless other stacks have files (a typo, then)", () => {
        const alone = project({ "Pulumi.yaml": "name: p\nruntime: nodejs\nconfig:\n  aws:region: eu-west-1\n" });
        const stack = loadStackConfig(alone, "dev");
        assert.equal(stack.stackFile, undefined);
        assert.deepEqual(stack.config, { "aws:region": "eu-west-1" });
        const others = project({
            "Pulumi.yaml": "name: p\nruntime: nodejs\n",
            "Pulumi.prod.yaml": "config: {}\n",
            "Pulumi.test.yaml": "",
        });
        assert.throws(
            () => loadStackConfig(others, "dev"),
            new StackFileError(
                `${path.join(others, "Pulumi.dev.yaml")} does not exist; the stacks with a config file here are: prod, test`,
            ),
        );
    });

    describe("runs the program where the CLI runs it", () => {
        const table: { why: string; main?: string; files: string[]; pwd: string; entry: string }[] = [
            { why: "no main: the project folder", files: [], pwd: ".", entry: "." },
            {
                why: "main is a file: in its folder",
                main: "src/index.ts",
                files: ["src/index.ts"],
                pwd: "src",
                entry: "index.ts",
            },
            { why: "main is a folder: in that folder", main: "app", files: ["app/index.ts"], pwd: "app", entry: "." },
        ];
        for (const c of table) {
            it(c.why, () => {
                const files = Object.fromEntries(c.files.map((f) => [f, ""]));
                const main = c.main ? `main: ${c.main}\n` : "";
                const dir = project({ "Pulumi.yaml": `name: p\nruntime: nodejs\n${main}`, ...files });
                assert.deepEqual(programLocation(loadStackConfig(dir, "dev")), {
                    pwd: path.join(dir, c.pwd),
                    entry: c.entry,
                });
            });
        }
        it("a main that does not exist is an error, as the CLI's", () => {
            const dir = project({ "Pulumi.yaml": "name: p\nruntime: nodejs\nmain: bin/index.js\n" });
            assert.throws(
                () => programLocation(loadStackConfig(dir, "dev")),
                new StackFileError(
                    `project 'main' could not be read: stat ${path.join(dir, "bin/index.js")}: no such file or directory`,
                ),
            );
        });
    });

    it("splits nodeargs as a shell does", () => {
        assert.deepEqual(splitArgs(`--max-old-space-size=4096  --require "./my hooks.js" --title='a b' x\\ y`), [
            "--max-old-space-size=4096",
            "--require",
            "./my hooks.js",
            "--title=a b",
            "x y",
        ]);
        assert.deepEqual(splitArgs(""), []);
    });
});
