/**
 * Pulumi.yaml and Pulumi.<stack>.yaml read as the Pulumi CLI reads them before it runs a
 * program: what it refuses (with its reasons), the runtime options, and where the program runs.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { loadStackConfig, MASKED_SECRET, programLocation, StackFileError } from "../../offline/projectFiles";
import { splitArgs } from "../../offline/programHost";
import { newPassphraseSecrets } from "../../testing/stackSecrets";
import { tempFolder } from "../../testing/tempProject";

/** A project folder with these files. */
function project(files: Record<string, string>): string {
    return tempFolder("project-files-", files);
}

describe("the project and stack files", () => {
    describe("refuses what the Pulumi CLI refuses, with its reason", () => {
        const cases: { why: string; yaml: string; stack?: string; stackYaml?: string; message: string }[] = [
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
            {
                why: "a stack without the values the project declares with no default",
                yaml: "name: p\nruntime: nodejs\nconfig:\n  dbName:\n    type: string\n  adminCidr:\n    type: string\n    description: Who may SSH\n  owner:\n  port: 8080\n",
                stackYaml: "config:\n  aws:region: eu-west-1\n",
                message: "Stack 'dev' is missing configuration values 'adminCidr', 'dbName' and 'owner'",
            },
            {
                why: "a stack value of another type than the project declares",
                yaml: "name: p\nruntime: nodejs\nconfig:\n  port:\n    type: integer\n    default: 8080\n",
                stackYaml: "config:\n  p:port: eighty\n",
                message: "Stack 'dev' with configuration key 'port' must be of type 'integer'",
            },
            {
                why: "a secret the project declares, kept in plain text by the stack",
                yaml: "name: p\nruntime: nodejs\nconfig:\n  dbPassword:\n    type: string\n    secret: true\n",
                stackYaml: "config:\n  p:dbPassword: hunter2\n",
                message: "Stack 'dev' with configuration key 'dbPassword' must be encrypted as it's secret",
            },
            {
                why: "a project default of another type than declared",
                yaml: "name: p\nruntime: nodejs\nconfig:\n  ports:\n    type: array\n    items:\n      type: integer\n    default: [80, web]\n",
                message:
                    "The default value specified for configuration key 'ports' is not of the expected type 'array<integer>'",
            },
            {
                why: "another namespace's key declared with a default, not a value",
                yaml: "name: p\nruntime: nodejs\nconfig:\n  aws:region:\n    default: eu-west-1\n",
                message:
                    "Configuration key 'aws:region' is not namespaced by the project and should not define a default value. Did you mean to use the 'value' attribute instead of 'default'?",
            },
        ];
        for (const c of cases) {
            it(c.why, () => {
                const dir = project({
                    "Pulumi.yaml": c.yaml,
                    ...(c.stackYaml ? { "Pulumi.dev.yaml": c.stackYaml } : {}),
                });
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

    it("merges the project's config under the stack's as the CLI does: shorthand, declarations, typed values", () => {
        const dir = project({
            "Pulumi.yaml": [
                "name: p",
                "runtime: nodejs",
                "config:",
                "  instanceType: t2.micro", // shorthand: the project key's default
                "  aws:region: eu-west-1", // shorthand: another namespace's value
                "  port:",
                "    type: integer",
                "    default: 8080",
                "  tags:",
                "    type: object",
                "    default: { Team: web }",
                "  adminCidrs:",
                "    type: array",
                "    items:",
                "      type: string",
                "",
            ].join("\n"),
            "Pulumi.dev.yaml":
                "config:\n  p:port: '9090'\n  p:adminCidrs: [203.0.113.10/32]\n  aws:region: ap-northeast-2\n",
        });
        assert.deepEqual(loadStackConfig(dir, "dev").config, {
            "p:port": "9090",
            "p:adminCidrs": '["203.0.113.10/32"]',
            "aws:region": "ap-northeast-2",
            "p:instanceType": "t2.micro",
            "p:tags": '{"Team":"web"}',
        });
    });

    it("says a missing value may come from an ESC environment the stack imports", () => {
        const dir = project({
            "Pulumi.yaml": "name: p\nruntime: nodejs\nconfig:\n  githubToken:\n    type: string\n    secret: true\n",
            "Pulumi.dev.yaml": "environment:\n  - acme/github\n",
        });
        assert.throws(
            () => loadStackConfig(dir, "dev"),
            new StackFileError(
                [
                    "Stack 'dev' is missing configuration value 'githubToken'",
                    "Note: the stack imports ESC environment acme/github (its file's `environment`), which only Pulumi Cloud opens: offline, the config it gives is missing.",
                ].join("\n"),
            ),
        );
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
                `${path.join(others, "Pulumi.dev.yaml")} does not exist; the stacks with a config file here are: prod, test. ` +
                    `To make stack "dev" from prod's settings: cp ${path.join(others, "Pulumi.prod.yaml")} ${path.join(others, "Pulumi.dev.yaml")} (or \`pulumi stack init dev\`, then \`pulumi config set\` its keys)`,
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
        assert.deepEqual(splitArgs(`--title="a \\"b\\""`), ['--title=a "b"']);
    });

    it("refuses nodeargs with an unclosed quote, naming the option and its value", () => {
        assert.throws(
            () => splitArgs(`--require "./my hooks.js`),
            /runtime option nodeargs "--require \\"\.\/my hooks\.js" cannot be split: .*quoted/,
        );
    });

    describe("secure config, as the CLI's passphrase secrets provider opens it", () => {
        const PASSPHRASE = "correct horse battery staple";
        const secrets = newPassphraseSecrets(PASSPHRASE);
        /** A passphrase stack with a secure scalar, and secure leaves in a map and a list. */
        const stackYaml = (extra = "") =>
            [
                `encryptionsalt: ${secrets.encryptionsalt}`,
                extra,
                "config:",
                `  p:dbPassword:\n    secure: ${secrets.seal("hunter2")}`,
                `  p:app:\n    port: 8080\n    apiKey:\n      secure: ${secrets.seal("k-123")}`,
                `  p:tokens:\n    - secure: ${secrets.seal("t-1")}`,
                "  p:plain: visible",
                "",
            ].join("\n");
        const secureProject = (extra?: string) =>
            project({ "Pulumi.yaml": "name: p\nruntime: nodejs\n", "Pulumi.dev.yaml": stackYaml(extra) });

        it("decrypts every secure value with PULUMI_CONFIG_PASSPHRASE, keeping them secret", () => {
            const stack = loadStackConfig(secureProject(), "dev", { PULUMI_CONFIG_PASSPHRASE: PASSPHRASE });
            assert.deepEqual(stack.config, {
                "p:dbPassword": "hunter2",
                "p:app": '{"apiKey":"k-123","port":8080}',
                "p:tokens": '["t-1"]',
                "p:plain": "visible",
            });
            assert.deepEqual(stack.secretKeys, ["p:dbPassword", "p:app", "p:tokens"]);
            assert.deepEqual(stack.maskedKeys, []);
        });

        it("reads the passphrase from PULUMI_CONFIG_PASSPHRASE_FILE, trimmed", () => {
            const file = path.join(project({}), "passphrase.txt");
            fs.writeFileSync(file, `${PASSPHRASE}\n`);
            const stack = loadStackConfig(secureProject(), "dev", { PULUMI_CONFIG_PASSPHRASE_FILE: file });
            assert.equal(stack.config["p:dbPassword"], "hunter2");
        });

        it("refuses a wrong passphrase with the CLI's message", () => {
            const dir = secureProject();
            assert.throws(
                () => loadStackConfig(dir, "dev", { PULUMI_CONFIG_PASSPHRASE: "not it" }),
                new StackFileError(
                    `${path.join(dir, "Pulumi.dev.yaml")}: getting stack configuration: get stack secrets manager: incorrect passphrase`,
                ),
            );
        });

        const masked = {
            "p:dbPassword": MASKED_SECRET,
            "p:app": `{"apiKey":"${MASKED_SECRET}","port":8080}`,
            "p:tokens": `["${MASKED_SECRET}"]`,
            "p:plain": "visible",
        };
        it("masks them with no passphrase set, saying which variable would decrypt them", () => {
            const stack = loadStackConfig(secureProject(), "dev", {});
            assert.deepEqual(stack.config, masked);
            assert.deepEqual(stack.maskedKeys, ["p:dbPassword", "p:app", "p:tokens"]);
            assert.equal(
                stack.maskedWhy,
                "set PULUMI_CONFIG_PASSPHRASE (or PULUMI_CONFIG_PASSPHRASE_FILE) to the stack's passphrase to decrypt them as `pulumi preview` does",
            );
        });

        it("masks them under another secrets provider (a cloud KMS), whatever the passphrase, naming it", () => {
            const dir = secureProject("secretsprovider: awskms://alias/pulumi?region=us-east-1");
            const stack = loadStackConfig(dir, "dev", { PULUMI_CONFIG_PASSPHRASE: PASSPHRASE });
            assert.deepEqual(stack.config, masked);
            assert.equal(
                stack.maskedWhy,
                "the stack's secrets provider (awskms://alias/pulumi?region=us-east-1) is not opened offline, where `pulumi preview` decrypts them with it",
            );
        });

        it("masks those of a Pulumi Cloud stack (no encryptionsalt), saying its secrets manager holds the key", () => {
            const dir = project({
                "Pulumi.yaml": "name: p\nruntime: nodejs\n",
                "Pulumi.dev.yaml": `config:\n  p:token:\n    secure: ${secrets.seal("t")}\n`,
            });
            const stack = loadStackConfig(dir, "dev", { PULUMI_CONFIG_PASSPHRASE: PASSPHRASE });
            assert.deepEqual(stack.config, { "p:token": MASKED_SECRET });
            assert.match(stack.maskedWhy!, /Pulumi Cloud's secrets manager holds their key/);
        });
    });

    it("finds the stack's file where the CLI does: in Pulumi.yaml's stackConfigDir, with the project file's extension", () => {
        const inConfigDir = project({
            "Pulumi.yaml": "name: p\nruntime: nodejs\nstackConfigDir: config\n",
            "config/Pulumi.prod.yaml": "config:\n  p:instanceType: m5.large\n",
            "Pulumi.prod.yaml": "config:\n  p:instanceType: t2.micro\n",
        });
        const prod = loadStackConfig(inConfigDir, "prod");
        assert.equal(prod.stackFile, path.join(inConfigDir, "config", "Pulumi.prod.yaml"));
        assert.equal(prod.config["p:instanceType"], "m5.large");
        assert.throws(
            () => loadStackConfig(inConfigDir, "dev"),
            new StackFileError(
                `${path.join(inConfigDir, "config", "Pulumi.dev.yaml")} does not exist; the stacks with a config file here are: prod. ` +
                    `To make stack "dev" from prod's settings: cp ${path.join(inConfigDir, "config", "Pulumi.prod.yaml")} ${path.join(inConfigDir, "config", "Pulumi.dev.yaml")} (or \`pulumi stack init dev\`, then \`pulumi config set\` its keys)`,
            ),
        );
        const yml = project({
            "Pulumi.yml": "name: p\nruntime: nodejs\n",
            "Pulumi.dev.yml": "config:\n  aws:region: eu-north-1\n",
        });
        assert.deepEqual(loadStackConfig(yml, "dev").config, { "aws:region": "eu-north-1" });
        const json = project({
            "Pulumi.json": '{"name": "p", "runtime": "nodejs"}',
            "Pulumi.dev.json": '{"config": {"aws:region": "sa-east-1"}}',
        });
        assert.deepEqual(loadStackConfig(json, "dev").config, { "aws:region": "sa-east-1" });
    });

    it("hands a map or list value to the program as the CLI does: JSON, map keys in byte order", () => {
        const dir = project({
            "Pulumi.yaml": "name: p\nruntime: nodejs\n",
            "Pulumi.dev.yaml":
                "config:\n  p:servers:\n    - port: 80\n      host: example\n  p:byName: { b: 1, a: 2, '9': 3, '10': 4 }\n",
        });
        assert.deepEqual(loadStackConfig(dir, "dev").config, {
            "p:servers": '[{"host":"example","port":80}]',
            "p:byName": '{"10":4,"9":3,"a":2,"b":1}',
        });
    });
});
