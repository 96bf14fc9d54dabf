/**
 * `pulumi new <repository URL>/tree/main/templates/free-tier-server`: what the CLI copies from
 * the template folder (every file listed), what its Pulumi.yaml's `template:` section asks a
 * newcomer, and the project it creates, previewed offline with the answers (its
 * free-tier-server dependency linked to this repository; test/template/installed.slow.ts
 * installs the packed package instead).
 */
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import * as yaml from "js-yaml";
import { DEFAULT_SERVER_NAME, DEFAULTS, serverConfigFrom } from "../../components";
import { PreviewError, previewOffline } from "../../offline/preview";
import { transpileOnly } from "../corpus/support";
import { loadStackConfig } from "../../offline/projectFiles";
import { guideStack } from "../program/guideStack";
import { copiedFiles, namespaced, newProject, NewProject, projectFile, ROOT, TEMPLATE_DIR } from "./newProject";
import { INSTANCE, SECURITY_GROUP } from "../../testing/types";

const TEMPLATE_PROJECT = projectFile();
const TEMPLATE = TEMPLATE_PROJECT.template!;
const PROMPTS = TEMPLATE.config ?? {};
const PACK = path.join(ROOT, "policy");
const ROOT_PACKAGE = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
const TEMPLATE_PACKAGE = JSON.parse(fs.readFileSync(path.join(TEMPLATE_DIR, "package.json"), "utf8"));
const README = fs.readFileSync(path.join(TEMPLATE_DIR, "README.md"), "utf8");
/** Where the new project finds the pack: inside the installed free-tier-server package. */
const INSTALLED_PACK = "node_modules/free-tier-server/policy";

/** The config keys (full, with their namespace) that serverConfigFrom reads from `config`. */
function keysRead(project: string, configKeys: Record<string, string>): Set<string> {
    pulumi.runtime.setAllConfig(configKeys);
    const config = new pulumi.Config(project);
    const read = new Set<string>();
    const recording = new Proxy(config, {
        get(target, property, receiver) {
            const value = Reflect.get(target, property, receiver);
            if (typeof value !== "function") {
                return value;
            }
            return (key: string, ...rest: unknown[]) => {
                read.add(`${target.name}:${key}`);
                return value.call(target, key, ...rest);
            };
        },
    });
    serverConfigFrom(recording);
    return read;
}

/** The code of a TypeScript file, comments and blank lines left out. */
const code = (file: string) =>
    fs
        .readFileSync(file, "utf8")
        .split("\n")
        .map((line) => line.replace(/\/\/.*$/, "").trimEnd())
        .filter((line) => line.trim() !== "");

describe("pulumi new from templates/free-tier-server", function () {
    this.timeout(120000);
    after(() => {
        // Leave no config behind for the specs that follow.
        pulumi.runtime.setAllConfig({});
    });

    it("copies the program, its Pulumi.yaml, package.json, tsconfig.json, .gitignore, README.md and the workflow, nothing else", () => {
        const expected = [
            ".github/workflows/check.yml",
            ".gitignore",
            "Pulumi.yaml",
            "README.md",
            "index.ts",
            "package.json",
            "tsconfig.json",
        ];
        assert.deepEqual(copiedFiles(), expected);
        // The CLI clones the repository: what it copies is what Git holds.
        const git = spawnSync("git", ["ls-files", "-z", "templates/free-tier-server"], { cwd: ROOT, encoding: "utf8" });
        if (git.status === 0 && git.stdout !== "") {
            const tracked = git.stdout
                .split("\0")
                .filter((f) => f !== "")
                .map((f) => path.posix.relative("templates/free-tier-server", f))
                .sort();
            assert.deepEqual(tracked, expected);
        }
    });

    it("the repository's root Pulumi.yaml asks nothing: pulumi new is given the template folder", () => {
        const root = yaml.load(fs.readFileSync(path.join(ROOT, "Pulumi.yaml"), "utf8")) as Record<string, unknown>;
        assert.equal(root.template, undefined);
    });

    it("leaves the repository's Pulumi.dev.yaml the guide's stack, the one the program's tests run on", () => {
        const dev = loadStackConfig(ROOT, "dev");
        const guide = guideStack();
        assert.deepEqual([dev.project, dev.config, dev.maskedKeys], [guide.project, guide.config, []]);
    });

    it("names the project and its package after the answer to the project-name prompt", () => {
        assert.equal(TEMPLATE_PROJECT.name, "${PROJECT}");
        assert.equal(TEMPLATE_PROJECT.description, "${DESCRIPTION}");
        assert.equal(TEMPLATE_PACKAGE.name, "${PROJECT}");
    });

    it("runs the repository's program, with the component from the free-tier-server package", () => {
        assert.deepEqual(
            code(path.join(TEMPLATE_DIR, "index.ts")),
            code(path.join(ROOT, "index.ts")).map((line) =>
                line.replace('from "./components"', 'from "free-tier-server"'),
            ),
        );
    });

    it("depends on this repository's package (which ships the pack) and SDK at their exact versions", () => {
        assert.deepEqual(TEMPLATE_PACKAGE.dependencies, {
            "@pulumi/pulumi": ROOT_PACKAGE.dependencies["@pulumi/pulumi"],
            "free-tier-server": ROOT_PACKAGE.version,
        });
        assert.deepEqual(TEMPLATE_PACKAGE.devDependencies, {
            "@types/node": ROOT_PACKAGE.devDependencies["@types/node"],
            typescript: ROOT_PACKAGE.devDependencies.typescript,
        });
        assert.equal(TEMPLATE_PACKAGE.scripts["preview:offline"], Object.keys(ROOT_PACKAGE.bin)[0]);
        // The package ships the compiled pack, its manifests and the plan files the docs name.
        for (const shipped of [
            "policy/package.json",
            "policy/PulumiPolicy.yaml",
            "policy/bin/**/*.js",
            "policy/plans/*.json",
        ]) {
            assert.ok(ROOT_PACKAGE.files.includes(shipped), shipped);
        }
    });

    it("gives the pack as node_modules/free-tier-server/policy wherever it names one", () => {
        const named = [
            README,
            TEMPLATE.quickstart ?? "",
            fs.readFileSync(path.join(TEMPLATE_DIR, ".github/workflows/check.yml"), "utf8"),
        ].flatMap((text) => [...text.matchAll(/--policy-pack(?:-config)? (\S+)/g)].map((m) => m[1]));
        assert.ok(named.length >= 5);
        assert.deepEqual(
            named.filter((p) => !p.startsWith(`${INSTALLED_PACK}`)),
            [],
        );
        for (const file of named.filter((p) => !p.includes("<"))) {
            const inRepository = path.join(PACK, path.relative(INSTALLED_PACK, file));
            assert.ok(fs.existsSync(inRepository), `${file} is ${path.relative(ROOT, inRepository)} here`);
        }
    });

    it("has only the fields Pulumi reads, and every prompt has a description and a plain default", () => {
        const known = ["displayName", "description", "quickstart", "config", "metadata"];
        assert.deepEqual(
            Object.keys(TEMPLATE).filter((k) => !known.includes(k)),
            [],
        );
        assert.match(TEMPLATE.description ?? "", /\S/);
        for (const [key, entry] of Object.entries(PROMPTS)) {
            assert.deepEqual(
                Object.keys(entry).filter((k) => !["description", "default", "secret"].includes(k)),
                [],
                key,
            );
            assert.match(entry.description ?? "", /^[A-Z].{20,}[^.]$/, `${key} has a description (no final period)`);
            if (entry.default !== undefined) {
                assert.equal(typeof entry.default, "string", `${key}'s default is a string`);
                // The CLI fills the project name into the files it copies, not into prompt defaults.
                assert.doesNotMatch(entry.default, /\$\{/, `${key}'s default is shown as written`);
            }
        }
    });

    it("asks for the Region (Seoul by default), how to connect, SSH addresses, the plan, instance type, a budget address and server name", () => {
        assert.deepEqual(Object.keys(PROMPTS).sort(), [
            "access",
            "aws:region",
            "budgetEmail",
            "instanceType",
            "plan",
            "serverName",
            "sshAllowedCidrs",
        ]);
        assert.equal(PROMPTS.access.default, DEFAULTS.access);
        assert.match(String(PROMPTS.access.description), /instance-connect is recommended to beginners/);
        assert.equal(PROMPTS["aws:region"].default, "ap-northeast-2");
        // The program's own defaults, so that pressing Enter changes nothing.
        assert.equal(PROMPTS.plan.default, DEFAULTS.plan);
        assert.equal(PROMPTS.instanceType.default, DEFAULTS.instanceType);
        assert.equal(PROMPTS.serverName.default, DEFAULT_SERVER_NAME);
        // "My IP" has no default that could be right; nothing is secret.
        assert.equal(PROMPTS.sshAllowedCidrs.default, undefined);
        assert.deepEqual(
            Object.entries(PROMPTS).filter(([, entry]) => entry.secret),
            [],
        );
    });

    it("asks only for keys that the program, or the AWS provider for aws:, reads", () => {
        const project = "my-server";
        const answers = Object.fromEntries(
            Object.keys(PROMPTS).map((key) => [namespaced(key, project), key === "sshAllowedCidrs" ? "[]" : "x"]),
        );
        const read = keysRead(project, answers);
        for (const key of Object.keys(PROMPTS)) {
            const full = namespaced(key, project);
            const [namespace, name] = full.split(":");
            if (namespace === project) {
                assert.ok(read.has(full), `the program reads ${full}`);
            } else {
                pulumi.runtime.setAllConfig({ [full]: "ap-southeast-2" });
                const providerConfig = require(`@pulumi/${namespace}/config`);
                assert.equal(providerConfig[name], "ap-southeast-2", `@pulumi/${namespace} reads ${full}`);
            }
        }
    });

    it("covers every key the program reads: each is asked, or named in the new project's README with the guide's default", () => {
        const project = "my-server";
        const read = [...keysRead(project, { [`${project}:sshAllowedCidrs`]: "[]" })].map((k) =>
            k.slice(project.length + 1),
        );
        assert.ok(read.length > Object.keys(PROMPTS).length - 1, read.join(", "));
        const settings = README.slice(
            README.indexOf("## Settings"),
            README.indexOf("\n## ", README.indexOf("## Settings") + 1),
        );
        const named = new Set([...settings.matchAll(/`([A-Za-z:]+)`/g)].map((m) => m[1]));
        assert.deepEqual(
            read.filter((key) => !(key in PROMPTS) && !named.has(key)),
            [],
        );
        for (const key of Object.keys(PROMPTS)) {
            assert.ok(named.has(key), `README names ${key}`);
        }
    });

    it("copies a workflow that runs only commands its README gives, the offline job with no secret", () => {
        const workflow = yaml.load(fs.readFileSync(path.join(TEMPLATE_DIR, ".github/workflows/check.yml"), "utf8")) as {
            on: Record<string, unknown>;
            jobs: Record<string, { env?: Record<string, string>; steps: { run?: string; if?: string }[] }>;
        };
        assert.ok("pull_request" in workflow.on);
        const given = new Set(
            [...README.matchAll(/^```sh\n([\s\S]*?)^```/gm)].flatMap((m) => m[1].split("\n").map((l) => l.trim())),
        );
        const runs = (job: string) => workflow.jobs[job].steps.flatMap((step) => (step.run ? [step.run.trim()] : []));
        assert.deepEqual(
            [...runs("offline"), ...runs("preview")].filter((line) => !given.has(line)),
            [],
        );
        assert.doesNotMatch(JSON.stringify(workflow.jobs.offline), /secrets\./);
        // The real preview's steps run only where the credentials are.
        assert.deepEqual(
            workflow.jobs.preview.steps.filter((step) => step.if !== "env.HAS_CREDENTIALS == 'true'"),
            [],
        );
    });

    it("docs/development.md lists every file it copies and every prompt with its default", () => {
        const docs = fs.readFileSync(path.join(ROOT, "docs/development.md"), "utf8");
        const start = docs.indexOf("## Start your own project: `pulumi new`");
        const end = docs.indexOf("\n## ", start + 1);
        const section = docs.slice(start, end < 0 ? undefined : end);
        const listing = /exactly:\n\n```\n([\s\S]*?)```/.exec(section)![1];
        const listed = listing
            .split("\n")
            .flatMap((line) => (line.trim() === "" ? [] : line.split(/\s{2,}/)[0].split(", ")))
            .sort();
        assert.deepEqual(listed, [...copiedFiles(), "Pulumi.<stack>.yaml"].sort());
        const rows = [...section.matchAll(/^\| `([^`]+)` \| ([^|]+) \|/gm)].map((m) => [m[1], m[2]]);
        assert.deepEqual(
            rows.map(([key]) => key),
            Object.keys(PROMPTS),
        );
        for (const [key, shown] of rows) {
            const byDefault = PROMPTS[key].default;
            if (byDefault) {
                assert.ok(shown.startsWith(`\`${byDefault}\``), `${key}: ${shown}`);
            }
        }
    });

    describe("the project it creates, previewed offline with the answers", () => {
        let created: NewProject | undefined;
        afterEach(() => {
            created?.remove();
            created = undefined;
        });

        it("with the template's defaults and an SSH address: every required key is asked", async () => {
            created = newProject({ stack: "dev", answers: { sshAllowedCidrs: "198.51.100.7/32" } });
            assert.deepEqual(
                fs
                    .readdirSync(created.dir)
                    .filter((f) => f.startsWith("Pulumi."))
                    .sort(),
                ["Pulumi.dev.yaml", "Pulumi.yaml"],
            );
            const report = await previewOffline({
                cwd: created.dir,
                stack: created.stack,
                policyPack: PACK,
                env: transpileOnly,
            });
            assert.deepEqual(report.totals, {
                resources: 6,
                mandatory: 0,
                advisory: 0,
                "could-not-check": 0,
                acknowledged: 0,
            });
            assert.equal(report.exitCode, 0);
            assert.equal(report.project, "my-server");
            const instance = report.resources.find((r) => r.type === INSTANCE)!;
            assert.equal(instance.inputs.instanceType, DEFAULTS.instanceType);
            assert.deepEqual(instance.inputs.tags, { Name: DEFAULT_SERVER_NAME });
            const group = report.resources.find((r) => r.type === SECURITY_GROUP)!;
            assert.deepEqual((group.inputs.ingress as any[])[0].cidrBlocks, ["198.51.100.7/32"]);
        });

        it("on the free plan, t3.micro passes with policy/plans/free-plan.json, and is refused by the legacy plan's rules", async () => {
            created = newProject({
                stack: "newcomer",
                answers: { sshAllowedCidrs: "198.51.100.7/32", plan: "free-plan", instanceType: "t3.micro" },
            });
            const options = { cwd: created.dir, stack: created.stack, policyPack: PACK, env: transpileOnly };
            const legacy = await previewOffline({ ...options, policyPackConfig: path.join(PACK, "plans/legacy.json") });
            assert.deepEqual(
                legacy.verdicts.map((v) => [v.level, v.policy]),
                [["mandatory", "free-tier-instance-type"]],
            );
            const freePlan = await previewOffline({
                ...options,
                policyPackConfig: path.join(PACK, "plans/free-plan.json"),
            });
            assert.deepEqual(freePlan.verdicts, []);
            assert.equal(freePlan.exitCode, 0);
        });

        it("without an SSH address it stops before anything is created, naming the key", async () => {
            created = newProject({ stack: "newcomer" });
            await assert.rejects(
                previewOffline({ cwd: created.dir, stack: created.stack, policyPack: PACK, env: transpileOnly }),
                (err: Error) =>
                    err instanceof PreviewError &&
                    err.message.startsWith(`Stack config ${created!.projectName}:sshAllowedCidrs is not set.`),
            );
        });

        it("renamed at the prompt, it reads the answers under the new name", async () => {
            created = newProject({
                projectName: "my-blog",
                stack: "dev",
                answers: { sshAllowedCidrs: "198.51.100.7/32, 2001:db8::7/128", serverName: "blog" },
            });
            assert.equal(JSON.parse(fs.readFileSync(path.join(created.dir, "package.json"), "utf8")).name, "my-blog");
            const report = await previewOffline({
                cwd: created.dir,
                stack: created.stack,
                policyPack: PACK,
                env: transpileOnly,
            });
            assert.equal(report.project, "my-blog");
            assert.equal(report.exitCode, 0);
            assert.deepEqual(
                report.resources.map((r) => r.name),
                ["my-blog-dev", "blog", "blog-ssh-key", "blog-sg", "blog-key", "blog-instance"],
            );
            const group = report.resources.find((r) => r.type === SECURITY_GROUP)!;
            const ssh = (group.inputs.ingress as any[])[0];
            assert.deepEqual([ssh.cidrBlocks, ssh.ipv6CidrBlocks], [["198.51.100.7/32"], ["2001:db8::7/128"]]);
        });
    });
});
