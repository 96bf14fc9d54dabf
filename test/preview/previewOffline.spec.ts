import * as assert from "node:assert/strict";
import * as path from "node:path";
import { CliRun, previewCli } from "../../testing/previewCli";
import {
    displayable,
    PlannedResource,
    PreviewError,
    previewOffline,
    PreviewOptions,
    PreviewReport,
} from "../../offline/preview";
import { loadStackConfig } from "../../offline/projectFiles";
import { keyInputs, renderText, totalsLine } from "../../offline/render";
import { sharedPack, transpileOnly, usesSharedPack } from "../corpus/support";
import { guideStackYaml } from "../program/guideStack";
import { guideProjectWith, tempFolder } from "../../testing/tempProject";
import { figure, instancePriceText, SNAPSHOT_DATE } from "../support/prices";
import {
    AUTOSCALING_GROUP,
    DEFAULT_CREDIT_SPECIFICATION,
    EIP,
    INSTANCE,
    LAUNCH_TEMPLATE,
    NAT_GATEWAY,
    SECURITY_GROUP,
    SECURITY_GROUP_RULE,
    VPC_INGRESS_RULE,
} from "../../testing/types";

const ROOT = path.resolve(__dirname, "../..");
const PACK = path.join(ROOT, "policy");
const UNSAFE = path.join(ROOT, "examples/unsafe");

/** `npm run preview:offline -- <args>`, as a user runs it (from ROOT unless `from` is given). */
const cli = (args: string[], from = ROOT) => previewCli(args, { from, timeoutMs: 240000 });

let guide: string | undefined;
/**
 * The guide's project and dev stack, as the repository ships them. Tests judge this copy, not
 * Pulumi.dev.yaml itself: a project made from the template makes that file its own.
 */
function guideProject(): string {
    guide ??= guideProjectWith(guideStackYaml());
    return guide;
}

/** What examples/unsafe breaks, each trap once: the same rule fires once per trap of its kind. */
const UNSAFE_MANDATORY = [
    "free-tier-cpu-credits", // an instance's "unlimited"
    "free-tier-cpu-credits", // the account's t2 default
    "free-tier-instance-type", // t3.medium
    "free-tier-instance-type", // an Auto Scaling group's override
    "free-tier-instance-type", // a launch template's t2.micro, which the free plan does not launch
    "free-tier-instance-type", // the guide's t2.micro, which the free plan does not launch
    "free-tier-storage", // a 40 GB root
    "free-tier-storage", // a template's root and an instance's disk together
    "name-tag-required",
    "no-public-ssh", // inline world rule
    "no-public-ssh", // "006" on ::/0
    "no-public-ssh", // halves added up on one group
];
const UNSAFE_ADVISORY = [
    "free-tier-public-ipv4",
    "no-detailed-monitoring",
    "no-idle-elastic-ip",
    "require-imdsv2",
    "stack-cost-within-credits", // far more than the credits cover
];

/** The offline preview of stack dev of the program in `cwd`, against this pack (the shared packed copy), transpile-only; `more` overrides. */
function previewDev(cwd: string, more: Partial<PreviewOptions> = {}): Promise<PreviewReport> {
    return previewOffline({ cwd, stack: "dev", policyPack: PACK, pack: sharedPack(), env: transpileOnly, ...more });
}

describe("npm run preview:offline", function () {
    usesSharedPack();
    this.timeout(120000);

    describe("the command line", function () {
        // Eight previews at once: on a loaded two-core machine they take minutes, not seconds.
        this.timeout(300000);
        const runs: Record<string, CliRun> = {};
        before(async () => {
            const worldSsh = guideProjectWith("config:\n  free-tier-server:sshAllowedCidrs:\n    - 0.0.0.0/0\n");
            const commands: Record<string, [string[], string?]> = {
                dev: [[]],
                guide: [["--cwd", guideProject()]],
                unsafeText: [["--cwd", UNSAFE]],
                // Run from examples/, with a path relative to it.
                unsafeJson: [["--cwd", "unsafe", "--json"], path.join(ROOT, "examples")],
                badConfig: [["--cwd", worldSsh]],
                badOption: [["--stak", "dev"]],
                badOptionJson: [["--stak", "dev", "--json"]],
                badTimeout: [["--timeout", "soon"]],
            };
            await Promise.all(
                Object.entries(commands).map(async ([key, [args, from]]) => {
                    runs[key] = await cli(args, from);
                }),
            );
        });

        it("previews this project's dev stack when given no options", () => {
            // Whatever the stack file holds (a project made from the template holds its own
            // answers), it is this project's dev stack, its program run and judged.
            const project = loadStackConfig(ROOT, "dev").project;
            assert.notEqual(runs.dev.code, 2, runs.dev.stderr);
            const lines = runs.dev.stdout.split("\n");
            assert.equal(lines[0], `Offline preview of ${project}/dev (program index.ts; no cloud, no Pulumi CLI)`);
            assert.ok(lines.includes(`+ pulumi:pulumi:Stack  ${project}-dev`), runs.dev.stdout);
            assert.ok(
                lines.some((line) => line.startsWith("    + freetier:index:FreeTierServer  ")),
                runs.dev.stdout,
            );
        });

        it("prints the guide's dev stack's plan as a tree and a clean verdict, exit 0", () => {
            assert.equal(runs.guide.code, 0, runs.guide.stderr);
            const lines = runs.guide.stdout.split("\n");
            const program = path.relative(guideProject(), path.join(ROOT, "index.ts"));
            assert.equal(
                lines[0],
                `Offline preview of free-tier-server/dev (program ${program}; no cloud, no Pulumi CLI)`,
            );
            const sdk = require("@pulumi/pulumi/package.json").version;
            assert.equal(
                lines[2],
                `Pulumi SDK: @pulumi/pulumi ${sdk}, the project's own (${path.relative(guideProject(), path.join(ROOT, "node_modules/@pulumi/pulumi"))})`,
            );
            assert.ok(lines.includes("+ pulumi:pulumi:Stack  free-tier-server-dev"));
            assert.ok(lines.includes("    + freetier:index:FreeTierServer  free-tier-server"));
            assert.ok(
                lines.includes(
                    "        + aws:ec2/instance:Instance  free-tier-server-instance  instanceType=t3.micro, ami=ami-0000000000000a86a, root=30 GB gp3 encrypted, Name=free-tier-server",
                ),
                runs.guide.stdout,
            );
            assert.ok(
                lines.includes(
                    "        + aws:ec2/securityGroup:SecurityGroup  free-tier-server-sg  ingress: tcp 22 from 203.0.113.10/32; tcp 8080 from 0.0.0.0/0, ::/0 | egress: all traffic to 0.0.0.0/0, ::/0",
                ),
            );
            assert.equal(lines.at(-2), "Result: 6 resources, 0 mandatory, 0 advisory, 0 could not check. PASSED.");
        });

        it("fails the unsafe example with each of its traps stopped exactly once, exit 1", () => {
            assert.equal(runs.unsafeText.code, 1, runs.unsafeText.stderr);
            const fired = [...runs.unsafeText.stdout.matchAll(/^ {2}\[([a-z0-9-]+)\]/gm)].map((m) => m[1]);
            const mandatorySection = runs.unsafeText.stdout.split("Advisory warnings")[0];
            const mandatory = [...mandatorySection.matchAll(/^ {2}\[([a-z0-9-]+)\]/gm)].map((m) => m[1]).sort();
            assert.deepEqual(mandatory, UNSAFE_MANDATORY);
            assert.deepEqual(fired.slice(mandatory.length).sort(), UNSAFE_ADVISORY);
            assert.match(
                runs.unsafeText.stdout,
                /\nResult: 17 resources, 12 mandatory, 5 advisory, 0 could not check\. FAILED: fix the mandatory violations above\.\n/,
            );
        });

        it("--json prints the same report as one parseable document", () => {
            assert.equal(runs.unsafeJson.code, 1, runs.unsafeJson.stderr);
            const report: PreviewReport = JSON.parse(runs.unsafeJson.stdout);
            assert.equal(report.exitCode, 1);
            assert.deepEqual(report.totals, {
                resources: 17,
                mandatory: 12,
                advisory: 5,
                "could-not-check": 0,
                acknowledged: 0,
            });
            assert.ok(
                runs.unsafeText.stdout.includes(totalsLine(report)),
                "the text's totals line matches the JSON's totals",
            );
            for (const verdict of report.verdicts) {
                for (const line of verdict.message.split("\n")) {
                    assert.ok(
                        runs.unsafeText.stdout.includes(`      ${line}`),
                        `text shows ${verdict.policy}: ${line}`,
                    );
                }
            }
            // Each verdict carries its finding's code, the one its message ends with.
            for (const verdict of report.verdicts) {
                assert.ok(verdict.code?.startsWith(`${verdict.policy}/`), `${verdict.policy}: ${verdict.code}`);
                assert.ok(verdict.message.endsWith(` [${verdict.code}]`), verdict.message);
            }
            // Its SSH traps: two rules open to the world alone, and a group's rules that add up to it.
            assert.deepEqual(
                report.verdicts
                    .filter((v) => v.policy === "no-public-ssh")
                    .map((v) => [v.resource?.name, v.code])
                    .sort(),
                [
                    ["admin-sg", "no-public-ssh/world-open-port-added-up"],
                    ["ssh-ipv6", "no-public-ssh/world-open-port"],
                    ["web-sg", "no-public-ssh/world-open-port"],
                ],
            );
            assert.deepEqual(
                report.verdicts
                    .filter((v) => v.level === "mandatory")
                    .map((v) => v.policy)
                    .sort(),
                UNSAFE_MANDATORY,
            );
            assert.deepEqual(report.resources.map((r) => r.type).sort(), [
                AUTOSCALING_GROUP,
                DEFAULT_CREDIT_SPECIFICATION,
                EIP,
                EIP,
                INSTANCE,
                INSTANCE,
                INSTANCE,
                INSTANCE,
                LAUNCH_TEMPLATE,
                NAT_GATEWAY,
                SECURITY_GROUP,
                SECURITY_GROUP,
                SECURITY_GROUP_RULE,
                SECURITY_GROUP_RULE,
                VPC_INGRESS_RULE,
                "pulumi:providers:aws",
                "pulumi:pulumi:Stack",
            ]);
        });

        it("exits 2 with the component's message, not a stack trace, for a world-open SSH config", () => {
            assert.equal(runs.badConfig.code, 2);
            assert.equal(runs.badConfig.stdout, "");
            assert.equal(
                runs.badConfig.stderr.trim(),
                'error: FreeTierServer "free-tier-server" has invalid args:\n  - sshAllowedCidrs "0.0.0.0/0" opens SSH (port 22) to the whole IPv4 internet; allow only your own address, such as "203.0.113.7/32"',
            );
        });

        it("--json reports an error as a document too, exit 2", () => {
            assert.equal(runs.badOptionJson.code, 2);
            const doc = JSON.parse(runs.badOptionJson.stdout);
            assert.equal(doc.exitCode, 2);
            assert.equal(doc.error, runs.badOption.stderr.trim().replace(/^error: /, ""));
        });

        it("exits 2 on a --timeout that is not a number of seconds, with the usage", () => {
            assert.equal(runs.badTimeout.code, 2);
            assert.match(
                runs.badTimeout.stderr,
                /^error: --timeout "soon" is not a number of seconds above 0\nusage: npm run preview:offline -- /,
            );
        });

        it("exits 2 on an unknown option, with the usage", () => {
            assert.equal(runs.badOption.code, 2);
            assert.match(
                runs.badOption.stderr,
                /^error: unknown option "--stak"\nusage: npm run preview:offline -- \[--stack <name>\]/,
            );
        });
    });

    describe("config errors stop it before any analysis, with the message a real preview gives", () => {
        const cases: { why: string; yaml: string; message: string }[] = [
            { why: "a malformed stack file", yaml: "config: [", message: "Pulumi.dev.yaml is not valid YAML" },
        ];
        const failures = new Map<string, Error>();
        const fail = (key: string, run: Promise<unknown>) =>
            run.then(
                () => failures.set(key, new Error("the preview succeeded")),
                (err: Error) => failures.set(key, err),
            );
        before(async () => {
            await Promise.all([
                ...cases.map((c) => fail(c.why, previewDev(guideProjectWith(c.yaml)))),
                ...["unmocked-lookup", "config-from-esc", "secure-config", "reads-remote-outputs", "program-bug"].map(
                    (f) => fail(f, previewDev(path.join(__dirname, "fixtures", f))),
                ),
            ]);
        });
        for (const c of cases) {
            it(c.why, () => {
                const err = failures.get(c.why)!;
                assert.ok(err instanceof PreviewError, String(err));
                assert.ok(err.message.includes(c.message), err.message);
            });
        }
        it("config that an ESC environment of the stack would give, saying that environment is not opened offline", () => {
            assert.deepEqual(failures.get("config-from-esc")!.message.split("\n"), [
                "Missing required configuration variable 'config-from-esc:githubToken'",
                "\tplease set a value using the command `pulumi config set --secret config-from-esc:githubToken <value>`",
                "Note: the stack imports ESC environment acme/github-tokens (its file's `environment`), which only Pulumi Cloud opens: offline, the config it gives is missing.",
            ]);
        });

        it("a program that parses a secure value it could not decrypt, told how to have it decrypted", () => {
            const lines = failures.get("secure-config")!.message.split("\n");
            assert.equal(
                lines[0],
                "Configuration 'secure-config:database' value '[secret]' is not a valid JSON object",
            );
            assert.equal(
                lines[1],
                'Note: the program read a secure config value (secure-config:database) masked as "[secret]", not decrypted; a program that parses or checks one fails offline only: set PULUMI_CONFIG_PASSPHRASE (or PULUMI_CONFIG_PASSPHRASE_FILE) to the stack\'s passphrase to decrypt them as `pulumi preview` does.',
            );
        });

        it("a program that awaits an output of a multi-language component, told that offline it is unknown", () => {
            const lines = failures.get("reads-remote-outputs")!.message.split("\n");
            assert.ok(lines[1].includes('the transform of acme:index:NodeGroup "workers" failed'), lines[1]);
            assert.equal(
                lines.at(-1),
                'Note: the program made multi-language component acme:index:Cluster "main", whose outputs only its provider plugin computes at `pulumi preview`. Offline they are unknown (undefined when awaited), so a program that reads one as a plain value may fail here only.',
            );
        });

        it("a lookup it has no placeholder for, in one line naming the lookup and who asked", () => {
            assert.equal(
                failures.get("unmocked-lookup")!.message,
                "Lookup aws:rds/getEngineVersion:getEngineVersion, asked by the program, failed: no placeholder answers it offline; `pulumi preview` would ask AWS",
            );
        });
        it("a bug in the program, with its stack as the Pulumi CLI shows it", () => {
            const program = path.join(__dirname, "fixtures/program-bug/index.ts");
            const lines = failures.get("program-bug")!.message.split("\n");
            assert.deepEqual(lines.slice(0, 2), [
                `Running program '${program}' failed with an unhandled exception:`,
                "TypeError: Cannot read properties of undefined (reading 'length')",
            ]);
            assert.ok(lines[2].includes(`${program}:4:`), lines[2]);
        });
        it("an unbuilt policy pack, saying how to build it", async () => {
            const unbuilt = tempFolder("unbuilt-pack-", {
                "package.json": JSON.stringify({ name: "p", version: "1.0.0", main: "bin/index.js" }),
            });
            const main = path.join(unbuilt, "bin/index.js");
            await assert.rejects(
                previewOffline({ cwd: guideProject(), stack: "dev", policyPack: unbuilt, env: transpileOnly }),
                new PreviewError(
                    `the policy pack in ${unbuilt} is not built: ${main} does not exist; run \`npm run build\``,
                ),
            );
        });
        it("a missing stack", async () => {
            await assert.rejects(
                previewOffline({ cwd: guideProject(), stack: "prod", policyPack: PACK }),
                new PreviewError(
                    `${path.join(guideProject(), "Pulumi.prod.yaml")} does not exist; the stacks with a config file here are: dev. ` +
                        `To make stack "prod" from dev's settings: cp ${path.join(guideProject(), "Pulumi.dev.yaml")} ${path.join(guideProject(), "Pulumi.prod.yaml")} (or \`pulumi stack init prod\`, then \`pulumi config set\` its keys)`,
                ),
            );
        });
    });

    describe("--policy-pack-config", () => {
        it("applies a plan file: under the legacy plan's rules the guide's t3.micro is not free in Seoul", async () => {
            const report = await previewOffline({
                cwd: guideProject(),
                stack: "dev",
                policyPack: PACK,
                policyPackConfig: path.join(PACK, "plans/legacy.json"),
                pack: sharedPack(),
                env: transpileOnly,
            });
            assert.deepEqual(
                report.verdicts.map((v) => [v.level, v.policy, v.resource?.name]),
                [["mandatory", "free-tier-instance-type", "free-tier-server-instance"]],
            );
            assert.equal(report.exitCode, 1);
        });
        /** A config file in a temporary folder. */
        const configFile = (text: string): string =>
            path.join(tempFolder("policy-config-", { "config.json": text }), "config.json");
        const previewWith = (text: string) =>
            previewOffline({
                cwd: guideProject(),
                stack: "dev",
                policyPack: PACK,
                policyPackConfig: configFile(text),
                pack: sharedPack(),
                env: transpileOnly,
            });

        // pulumi/pulumi pkg/resource/analyzer/config.go: validatePolicyConfig checks each policy's
        // properties against {type: object, properties, required}; unknown keys pass.
        it("refuses config that does not fit the policies' schemas, naming each problem", async () => {
            await assert.rejects(
                previewWith(
                    JSON.stringify({
                        "free-tier-instance-type": { plan: "free-tier" },
                        "free-tier-storage": { maxGb: 30.5 },
                        "no-public-ssh": { ports: [] },
                        "no-open-ssh": "mandatory",
                        "name-tag-required": { key: "Name" },
                    }),
                ),
                new PreviewError(
                    [
                        "the policy config is invalid:",
                        '  - free-tier-instance-type.plan is "free-tier", not one of "free-plan", "paid-plan", "legacy"',
                        "  - free-tier-storage.maxGb is 30.5, not a whole number",
                        "  - no-public-ssh.ports has 0 items, fewer than 1",
                    ].join("\n"),
                ),
            );
        });

        // config.go parsePolicyPackConfig: a string entry must be a valid level.
        it("refuses an enforcement level the engine does not know, as the engine words it", async () => {
            const text = JSON.stringify({ "name-tag-required": { enforcementLevel: "strict" } });
            await assert.rejects(previewWith(text), (err: Error) => {
                assert.match(
                    err.message,
                    /^policy config .*config\.json is invalid: parsing enforcement level for "name-tag-required": "strict" is not a valid enforcement level$/,
                );
                return true;
            });
        });

        // config.go applyConfig: "all" sets every policy's level, then named entries apply.
        it('{"all": "advisory"} makes every verdict advisory, and the preview passes', async () => {
            const report = await previewWith(
                JSON.stringify({ all: "advisory", "free-tier-instance-type": { plan: "legacy" } }),
            );
            assert.deepEqual(
                report.verdicts.map((v) => [v.level, v.policy]),
                [["advisory", "free-tier-instance-type"]],
            );
            assert.equal(report.exitCode, 0);
        });

        it("accepts a policy name the pack does not have, and an empty file as no config", async () => {
            const unknown = await previewWith(
                JSON.stringify({ "no-open-ssh": "mandatory", "free-tier-instance-type": { plan: "legacy" } }),
            );
            assert.deepEqual(
                unknown.verdicts.map((v) => [v.level, v.policy]),
                [["mandatory", "free-tier-instance-type"]],
            );
            const empty = await previewWith("  \n");
            assert.deepEqual(empty.verdicts, []);
        });
    });
});

describe("preview:offline through providers and unknown values", function () {
    usesSharedPack();
    this.timeout(60000);

    it("finds Name tags in the stack's aws:defaultTags and an explicit provider's, and says what waits for up", async () => {
        const report = await previewDev(path.join(__dirname, "fixtures/providers-and-unknowns"), {
            // Its servers are the legacy plan's t2.micro: the test is about providers and unknowns.
            policyPackConfig: path.join(PACK, "plans/legacy.json"),
        });
        assert.deepEqual(
            report.verdicts.map((v) => [v.level, v.policy, v.resource?.name ?? "the stack"]),
            [
                ["could-not-check", "no-public-ssh", "ssh-from-web"],
                ["mandatory", "free-tier-instance-hours", "the stack"],
                ["advisory", "free-tier-public-ipv4", "the stack"],
            ],
        );
        assert.equal(
            report.verdicts[0].message,
            "cidrIpv4 is not known yet, so whether SSH port 22 is open to the world cannot be checked until `pulumi up`",
        );
        const rule = report.resources.find((r) => r.name === "ssh-from-web")!;
        assert.equal(rule.inputs.cidrIpv4, "(known after up)");
        assert.ok(report.resources.some((r) => r.type === "pulumi:providers:aws" && r.name === "tokyo"));
    });
});

describe("preview:offline with the stack's passphrase", function () {
    usesSharedPack();
    this.timeout(60000);

    it("decrypts secure config as `pulumi preview` does, so the program reads its secrets", async () => {
        const report = await previewDev(path.join(__dirname, "fixtures/secure-config"), {
            env: { ...transpileOnly, PULUMI_CONFIG_PASSPHRASE: "preview-offline-fixture" },
        });
        assert.deepEqual(report.maskedConfig, []);
        assert.equal(report.outputs.databasePort, 5432);
    });
});

describe("displayable", () => {
    const { specialSigKey, specialSecretSig, specialResourceSig } = require("@pulumi/pulumi").runtime;

    it("masks secrets and marks unknowns, but shows other signed values such as resource references", () => {
        const reference = { [specialSigKey]: specialResourceSig, urn: "urn:pulumi:dev::p::aws:ec2/vpc:Vpc::main" };
        assert.deepEqual(
            displayable({
                key: { [specialSigKey]: specialSecretSig, value: "ssh-ed25519 AAAA" },
                vpc: reference,
                id: "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
            }),
            { key: "[secret]", vpc: reference, id: "(known after up)" },
        );
    });
});

describe("keyInputs", () => {
    const sg = (ingress: unknown[]): PlannedResource => ({
        urn: "u",
        type: SECURITY_GROUP,
        name: "sg",
        parent: "",
        operation: "create",
        remote: false,
        inputs: { ingress },
        propertyDependencies: {},
    });

    it("shows each rule's protocol, ports and sources as written, a rule with no ports as all ports", () => {
        assert.deepEqual(
            keyInputs(
                sg([
                    { protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["203.0.113.10/32"] },
                    { protocol: "tcp", cidrBlocks: ["10.0.0.0/8"] },
                    { protocol: "udp", fromPort: 1000, toPort: 2000, ipv6CidrBlocks: ["::/0"] },
                    { protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] },
                ]),
            ),
            [
                "ingress: tcp 22 from 203.0.113.10/32; tcp (all ports) from 10.0.0.0/8; udp 1000-2000 from ::/0; all traffic from 0.0.0.0/0",
            ],
        );
    });
});

describe("preview:offline shows the bill", function () {
    usesSharedPack();
    this.timeout(120000);
    const SEOUL = "ap-northeast-2";
    /** A bill line's cents, computed from the price snapshot's figures. */
    const line = (item: string, quantity: number, hourly: boolean) => {
        const usd = figure(SEOUL, item);
        assert.ok(usd !== undefined, `the snapshot prices ${item} in ${SEOUL}`);
        return Math.round(usd * (hourly ? 730 : 1) * quantity * 100) / 100;
    };

    it("of the guide's dev stack on the free plan: what costs money, the total, and how long USD 100 of credits last", async () => {
        const report = await previewDev(guideProject());
        const instance =
            "urn:pulumi:dev::free-tier-server::freetier:index:FreeTierServer$aws:ec2/instance:Instance::free-tier-server-instance";
        const expected = [
            { what: "t3.micro, 730 hours", monthlyUsd: line("instance:t3.micro", 1, true) },
            { what: "EBS 30 GB gp3", monthlyUsd: line("ebs:gp3", 30, false) },
            { what: "public IPv4 address", monthlyUsd: line("ipv4:public", 1, true) },
        ];
        assert.deepEqual(
            report.cost.items.map((i) => ({
                urn: i.urn,
                type: i.type,
                name: i.name,
                what: i.what,
                monthlyUsd: i.monthlyUsd,
            })),
            expected.map((e) => ({
                urn: instance,
                type: INSTANCE,
                name: "free-tier-server-instance",
                ...e,
            })),
        );
        const total = Math.round(expected.reduce((s, e) => s + e.monthlyUsd, 0) * 100) / 100;
        assert.equal(report.cost.monthlyUsd, total);
        assert.equal(report.cost.currency, "USD");
        assert.equal(report.cost.snapshot, SNAPSHOT_DATE);
        assert.equal(report.cost.plan, "free-plan");
        assert.equal(report.cost.creditsUsd, 100);
        assert.equal(report.cost.creditMonths, Math.round((100 / total) * 10) / 10);
        assert.equal(report.exitCode, 0);
        const text = renderText(report);
        assert.match(text.split("\n")[3], /; judged by the free plan$/);
        assert.ok(
            text.includes(
                `  Total: USD ${total.toFixed(2)} a month. On the free plan, USD 100 of credits last ${report.cost.creditMonths} months; the plan ends after 6.`,
            ),
            text,
        );
    });

    it("--json carries it as cost, parseable however npm prints its banner", async () => {
        const run = await cli(["--cwd", guideProject(), "--json"]);
        assert.equal(run.code, 0, run.stderr);
        const report: PreviewReport = JSON.parse(run.stdout);
        assert.deepEqual(Object.keys(report.cost).sort(), [
            "atLeast",
            "creditMonths",
            "creditsUsd",
            "currency",
            "hoursPerMonth",
            "items",
            "monthlyUsd",
            "months",
            "notes",
            "plan",
            "snapshot",
            "unverified",
        ]);
    });

    it("refuses the guide's old t2.micro on the free plan with its price, when the program is told it is on the paid plan", async () => {
        const dir = guideProjectWith(
            guideStackYaml()
                .replace("free-tier-server:plan: free-plan", "free-tier-server:plan: paid-plan")
                .replace("free-tier-server:instanceType: t3.micro", "free-tier-server:instanceType: t2.micro"),
        );
        const report = await previewDev(dir);
        const refused = report.verdicts.filter((v) => v.level === "mandatory");
        assert.deepEqual(
            refused.map((v) => [v.policy, v.resource?.name]),
            [["free-tier-instance-type", "free-tier-server-instance"]],
        );
        assert.ok(
            refused[0].message.startsWith(
                `Instance "free-tier-server-instance" has instanceType "t2.micro" (${instancePriceText("t2.micro", SEOUL)}); the free plan launches only t3.micro,`,
            ),
            refused[0].message,
        );
        assert.equal(report.cost.items[0].monthlyUsd, line("instance:t2.micro", 1, true));
    });
});
