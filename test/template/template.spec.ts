/**
 * `pulumi new <this repository's URL>`: Pulumi.yaml's `template:` section asks a newcomer for
 * what the program needs, and the project it creates previews clean with those answers. The
 * section exists only in the template itself (`pulumi new` removes it from the project it
 * creates), so in such a project these tests report themselves as skipped.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import * as yaml from "js-yaml";
import { DEFAULT_SERVER_NAME, DEFAULTS, serverConfigFrom } from "../../components";
import { PreviewError, previewOffline } from "../../offline/preview";
import { transpileOnly } from "../corpus/support";
import { loadStackConfig } from "../../offline/projectFiles";
import { guideStack } from "../program/guideStack";
import { namespaced, newProject, NewProject, projectFile, ROOT } from "./newProject";

const PROJECT = projectFile();
const TEMPLATE = PROJECT.template;
const PROMPTS = TEMPLATE?.config ?? {};
const PACK = path.join(ROOT, "policy");
const SKIPPED = "skipped: this project was created from the template, whose Pulumi.yaml has no template section";
const when = (title: string) => (TEMPLATE ? title : `${title} (${SKIPPED})`);

/** The config keys (full, with their namespace) that serverConfigFrom reads from `config`. */
function keysRead(configKeys: Record<string, string>): Set<string> {
    pulumi.runtime.setAllConfig(configKeys);
    const config = new pulumi.Config(PROJECT.name);
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

/** Files that travel with the template (what `pulumi new` copies), minus installed and built ones. */
function templateFiles(dir = ROOT): string[] {
    const skip = new Set([".git", "node_modules", "dist", "bin", "bench-results"]);
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
            return skip.has(entry.name) ? [] : templateFiles(full);
        }
        return [full];
    });
}

describe("pulumi new from this repository (Pulumi.yaml's template section)", function () {
    this.timeout(120000);
    before(function () {
        if (!TEMPLATE) {
            this.skip();
        }
    });
    after(() => {
        // Leave no config behind for the specs that follow.
        pulumi.runtime.setAllConfig({});
    });

    it(when("has only the fields Pulumi reads, and every prompt has a description and a plain default"), () => {
        const known = ["displayName", "description", "quickstart", "config", "metadata"];
        assert.deepEqual(
            Object.keys(TEMPLATE!).filter((k) => !known.includes(k)),
            [],
        );
        assert.match(TEMPLATE!.description ?? "", /\S/);
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

    it(
        when(
            "asks for the Region (Seoul by default), how to connect, SSH addresses, the plan, instance type, a budget address and server name",
        ),
        () => {
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
        },
    );

    it(when("asks only for keys that the program, or the AWS provider for aws:, reads"), () => {
        const answers = Object.fromEntries(
            Object.keys(PROMPTS).map((key) => [namespaced(key, PROJECT.name), key === "sshAllowedCidrs" ? "[]" : "x"]),
        );
        const read = keysRead(answers);
        for (const key of Object.keys(PROMPTS)) {
            const full = namespaced(key, PROJECT.name);
            const [namespace, name] = full.split(":");
            if (namespace === PROJECT.name) {
                assert.ok(read.has(full), `the program reads ${full}`);
            } else {
                pulumi.runtime.setAllConfig({ [full]: "ap-southeast-2" });
                const providerConfig = require(`@pulumi/${namespace}/config`);
                assert.equal(providerConfig[name], "ap-southeast-2", `@pulumi/${namespace} reads ${full}`);
            }
        }
    });

    it(when("leaves in no file the placeholders pulumi new would rewrite in every file it copies"), () => {
        const placeholder = new RegExp("\\$\\{(PROJECT|DESCRIPTION)\\}");
        const carrying = templateFiles()
            .filter((file) => placeholder.test(fs.readFileSync(file, "latin1")))
            .map((file) => path.relative(ROOT, file));
        assert.deepEqual(carrying, []);
    });

    describe("the project it creates, previewed offline with the answers", () => {
        let created: NewProject | undefined;
        afterEach(() => {
            created?.remove();
            created = undefined;
        });

        it(
            when("a new stack with the template's defaults and an SSH address: every required key is asked"),
            async () => {
                created = newProject({ stack: "newcomer", answers: { sshAllowedCidrs: "198.51.100.7/32" } });
                assert.ok(!fs.existsSync(path.join(ROOT, "Pulumi.newcomer.yaml")), "no stack file but the answers");
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
                const instance = report.resources.find((r) => r.type === "aws:ec2/instance:Instance")!;
                assert.equal(instance.inputs.instanceType, DEFAULTS.instanceType);
                assert.deepEqual(instance.inputs.tags, { Name: DEFAULT_SERVER_NAME });
                const group = report.resources.find((r) => r.type === "aws:ec2/securityGroup:SecurityGroup")!;
                assert.deepEqual((group.inputs.ingress as any[])[0].cidrBlocks, ["198.51.100.7/32"]);
            },
        );

        it(
            when(
                "on the free plan, t3.micro passes with policy/plans/free-plan.json, and is refused by the legacy plan's rules",
            ),
            async () => {
                created = newProject({
                    stack: "newcomer",
                    answers: { sshAllowedCidrs: "198.51.100.7/32", plan: "free-plan", instanceType: "t3.micro" },
                });
                const options = { cwd: created.dir, stack: created.stack, policyPack: PACK, env: transpileOnly };
                const legacy = await previewOffline({
                    ...options,
                    policyPackConfig: path.join(created.dir, "policy/plans/legacy.json"),
                });
                assert.deepEqual(
                    legacy.verdicts.map((v) => [v.level, v.policy]),
                    [["mandatory", "free-tier-instance-type"]],
                );
                const freePlan = await previewOffline({
                    ...options,
                    policyPackConfig: path.join(created.dir, "policy/plans/free-plan.json"),
                });
                assert.deepEqual(freePlan.verdicts, []);
                assert.equal(freePlan.exitCode, 0);
            },
        );

        it(when("the same stack without an SSH address stops before anything is created, naming the key"), async () => {
            created = newProject({ stack: "newcomer" });
            await assert.rejects(
                previewOffline({ cwd: created.dir, stack: created.stack, policyPack: PACK, env: transpileOnly }),
                (err: Error) =>
                    err instanceof PreviewError &&
                    err.message.startsWith(`Stack config ${PROJECT.name}:sshAllowedCidrs is not set.`),
            );
        });

        it(when("renamed at the prompt, the dev stack reads the copied Pulumi.dev.yaml and the answers"), async () => {
            created = newProject({
                projectName: "my-blog",
                stack: "dev",
                answers: { sshAllowedCidrs: "198.51.100.7/32, 2001:db8::7/128", serverName: "blog" },
            });
            // Pulumi.dev.yaml's own keys have no namespace, so they follow the project's new name.
            assert.deepEqual(
                Object.keys(created.stackConfig).filter((key) => key.startsWith(`${PROJECT.name}:`)),
                [],
            );
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
            const group = report.resources.find((r) => r.type === "aws:ec2/securityGroup:SecurityGroup")!;
            const ssh = (group.inputs.ingress as any[])[0];
            assert.deepEqual([ssh.cidrBlocks, ssh.ipv6CidrBlocks], [["198.51.100.7/32"], ["2001:db8::7/128"]]);
        });
    });

    it(when("Pulumi.dev.yaml is the guide's stack, the one the program's tests run on"), () => {
        const dev = loadStackConfig(ROOT, "dev");
        const guide = guideStack();
        assert.deepEqual([dev.project, dev.config, dev.maskedKeys], [guide.project, guide.config, []]);
    });

    it(when("keeps the guide's dev stack settings without a namespace, so a renamed project reads them"), () => {
        const dev = yaml.load(fs.readFileSync(path.join(ROOT, "Pulumi.dev.yaml"), "utf8")) as {
            config: Record<string, unknown>;
        };
        assert.deepEqual(
            Object.keys(dev.config).filter((key) => key.startsWith(`${PROJECT.name}:`)),
            [],
        );
    });
});
