/**
 * The corpus: programs in the shapes real projects have, each previewed offline as the Pulumi
 * CLI would run it (its own process, its folder, its SDK) and held to the verdicts its code
 * deserves. These use this repository's installed packages; `installed.slow.ts` runs those
 * with their own lock files (`npm run test:installed`, in CI).
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { PolicyPackProcess } from "../../offline/analyzerClient";
import { PreviewError, previewOffline, PreviewReport } from "../../offline/preview";
import { briefVerdicts, corpusProgram, PACK, ROOT, sharedPack, transpileOnly, usesSharedPack } from "./support";
import {
    INSTANCE,
    INSTANCE_PROFILE,
    KEY_PAIR,
    ROLE,
    ROLE_POLICY_ATTACHMENT,
    SECURITY_GROUP,
    VPC_INGRESS_RULE,
} from "../../testing/types";

/**
 * Previews a corpus program on the shared pack, with transpile-only TypeScript unless told
 * otherwise. The corpus was written for the legacy plan's rules (its servers are t2.micro): it
 * pins what the offline engine sees, so it runs under policy/plans/legacy.json.
 */
function preview(name: string, options: Partial<Parameters<typeof previewOffline>[0]> = {}): Promise<PreviewReport> {
    return previewOffline({
        cwd: corpusProgram(name),
        stack: "dev",
        policyPack: PACK,
        policyPackConfig: path.join(PACK, "plans/legacy.json"),
        pack: sharedPack(),
        env: transpileOnly,
        ...options,
    });
}

/** How a preview ended: its report, or its error's message; and how long it took. */
interface Outcome {
    readonly report?: PreviewReport;
    readonly failure?: string;
    readonly ms: number;
}

async function outcome(run: Promise<PreviewReport>): Promise<Outcome> {
    const started = Date.now();
    try {
        return { report: await run, ms: Date.now() - started };
    } catch (err) {
        assert.ok(err instanceof PreviewError, String(err));
        return { failure: err.message, ms: Date.now() - started };
    }
}

const CORPUS = [
    "exported-async-function",
    "resources-as-inputs",
    "files-in-its-folder",
    "what-offline-cannot-see",
    "registered-transforms",
    "awaits-stack-reference",
];

const HUNG = {
    lookup: () =>
        preview("resources-as-inputs", {
            lookups: { "aws:iam/getPolicyDocument:getPolicyDocument": () => new Promise(() => undefined) },
            deadlines: { lookupMs: 1000 },
        }),
    program: () => preview("never-finishes", { deadlines: { programMs: 10000 } }),
    transform: () => preview("transform-never-answers", { deadlines: { lookupMs: 1000 } }),
};

/** Programs the CLI runs that fail offline, for a reason the failure must give. */
const FAILING = {
    "iterates an awaited stack output": () => preview("awaits-stack-reference", { stack: "fleet" }),
};

let started: Record<string, Promise<Outcome>> | undefined;

/**
 * Every corpus preview, started together the first time it is asked for: each spends most of
 * its time waiting on its own processes (the hung ones on their deadlines).
 */
function outcomes(): Record<string, Promise<Outcome>> {
    return (started ??= Object.fromEntries([
        ...CORPUS.map((name) => [name, outcome(preview(name))]),
        ...Object.entries(HUNG).map(([key, run]) => [`hung ${key}`, outcome(run())]),
        ...Object.entries(FAILING).map(([key, run]) => [key, outcome(run())]),
    ]));
}

describe("the corpus, previewed offline as the Pulumi CLI runs each program", function () {
    usesSharedPack();
    this.timeout(120000);
    const reports: Record<string, PreviewReport> = {};
    before(async () => {
        for (const name of CORPUS) {
            const { report, failure } = await outcomes()[name];
            assert.ok(report, `${name}: ${failure}`);
            reports[name] = report;
        }
    });

    it("calls an exported async function and awaits it: its resources are judged, its result is the stack's outputs", () => {
        const report = reports["exported-async-function"];
        assert.deepEqual(briefVerdicts(report), [
            ["mandatory", "no-public-ssh", "admin"],
            ["mandatory", "free-tier-instance-type", "build-box"],
            ["mandatory", "free-tier-storage", "build-box"],
            ["mandatory", "free-tier-storage-total", "the stack"],
        ]);
        assert.equal(report.exitCode, 1);
        assert.deepEqual(report.outputs, {
            amiName: "ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-*",
            zone: "eu-west-1a",
            publicIp: "(known after up)",
        });
    });

    it("answers an Ubuntu AMI lookup with a placeholder that is not Amazon Linux's", () => {
        const instance = reports["exported-async-function"].resources.find((r) => r.name === "build-box")!;
        assert.match(String(instance.inputs.ami), /^ami-0[0-9a-f]{16}$/);
        assert.notEqual(instance.inputs.ami, "ami-0000000000000a86a");
    });

    it("hands the pack a resource passed as an input as its id, and judges the rule resource attached to a group", () => {
        const report = reports["resources-as-inputs"];
        assert.deepEqual(briefVerdicts(report), [["mandatory", "no-public-ssh", "app-ssh-anywhere"]]);
        const profile = report.resources.find((r) => r.type === INSTANCE_PROFILE)!;
        assert.equal(profile.inputs.role, "(known after up)", "the role's name (its id) is not known at preview");
        const policy = report.resources.find((r) => r.type === ROLE)!.inputs.assumeRolePolicy;
        assert.deepEqual(JSON.parse(String(policy)), {
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { Service: "ec2.amazonaws.com" } }],
        });
    });

    it("runs the program in its project folder, warns that package.json's main is missing, and passes a free-tier server", () => {
        const report = reports["files-in-its-folder"];
        assert.deepEqual(briefVerdicts(report), []);
        assert.equal(report.exitCode, 0);
        const instance = report.resources.find((r) => r.type === INSTANCE)!;
        assert.match(String(instance.inputs.userData), /^#!\/bin\/bash\n# Installs and starts the web server/);
        const key = report.resources.find((r) => r.type === KEY_PAIR)!;
        assert.match(String(key.inputs.publicKey), /^ssh-ed25519 AAAA\S+ deploy@example\.com$/);
        assert.deepEqual(
            report.diagnostics.filter((d) => d.severity === "warning").map((d) => d.message),
            [
                `Could not find entry point 'bin/index.js' specified in package.json; using '${corpusProgram("files-in-its-folder")}' instead`,
            ],
        );
    });

    it("calls the program's transforms back as the engine does: the stack's on every resource, a component's on its children, a resource's own, an invoke transform on its lookup; hooks are registered", () => {
        const report = reports["registered-transforms"];
        // The servers have no Name tag in code; the stack transform gives them one. The fleet's
        // transform makes its runner a c5.xlarge, which only its transformed inputs show.
        assert.deepEqual(briefVerdicts(report), [
            ["mandatory", "free-tier-instance-type", "ci-runner"],
            ["mandatory", "free-tier-instance-hours", "the stack"],
        ]);
        const runner = report.resources.find((r) => r.name === "ci-runner")!;
        assert.equal(runner.inputs.instanceType, "c5.xlarge");
        assert.deepEqual(runner.inputs.tags, { Name: "ci-runner" });
        // The server's own transform turned its monitoring off (no-detailed-monitoring is quiet).
        const web = report.resources.find((r) => r.type === INSTANCE && r.name === "web")!;
        assert.equal(web.inputs.monitoring, false);
        assert.deepEqual(report.outputs, { amiOwners: ["amazon"], webName: "web" });
        // Its hooks are registered, and the one a real preview would run is named as not run.
        assert.deepEqual(
            report.diagnostics.filter((d) => d.severity === "warning").map((d) => d.message),
            ['Resource hook "rehearse" runs at `pulumi preview` (onDryRun), but preview:offline runs no hooks'],
        );
    });

    it("counts a StackReference no resource takes an Output from as could-not-check: an awaited output was undefined", () => {
        const report = reports["awaits-stack-reference"];
        assert.deepEqual(briefVerdicts(report), [["could-not-check", "preview:offline", "acme/network/dev"]]);
        assert.match(report.verdicts[0].message, /\(getOutputValue, requireOutputValue\) was undefined offline/);
        const web = report.resources.find((r) => r.name === "web")!;
        assert.deepEqual(web.inputs.tags, { Name: "web" }, "the team tag it awaited is undefined, so left out");
    });

    it("says, when a program that read a StackReference fails, that its awaited outputs were undefined offline", async () => {
        const { failure } = await outcomes()["iterates an awaited stack output"];
        const lines = failure!.split("\n");
        assert.match(failure!, /TypeError: Cannot read properties of undefined \(reading 'entries'\)\n/);
        assert.equal(
            lines.at(-1),
            'Note: the program read StackReference "acme/network/prod", whose outputs only the Pulumi backend has. Offline they are unknown: a value awaited with getOutputValue or requireOutputValue is undefined, where `pulumi preview` gives the stack\'s value.',
        );
    });

    it("counts as could-not-check what only the backend, a provider plugin or the cloud knows, saying why; a component's method is unknown", () => {
        const report = reports["what-offline-cannot-see"];
        assert.deepEqual(briefVerdicts(report), [
            ["could-not-check", "no-public-ssh", "admin-ssh"],
            ["could-not-check", "preview:offline", "shared"],
            ["could-not-check", "preview:offline", "app"],
            ["could-not-check", "preview:offline", "admin-ssh"],
        ]);
        const why = Object.fromEntries(
            report.verdicts.filter((v) => v.policy === "preview:offline").map((v) => [v.resource!.type, v.message]),
        );
        assert.equal(
            why["awsx:ec2:Vpc"],
            "not expanded: a multi-language component, whose children the awsx provider plugin builds at `pulumi preview`; preview:offline runs no provider plugins, so none of them was checked",
        );
        assert.equal(
            why[VPC_INGRESS_RULE],
            'depends on StackReference "acme/network/prod", whose outputs only the Pulumi backend has: what its cidrIpv4 input takes from them is unknown offline',
        );
        assert.deepEqual(
            report.resources.filter((r) => r.operation === "read").map((r) => r.type),
            ["pulumi:pulumi:StackReference", SECURITY_GROUP],
        );
        // A method of the component is answered as unknown, as its plugin would for what does not exist yet.
        assert.deepEqual(report.outputs, { natGatewayIps: "(known after up)" });
        assert.equal(report.exitCode, 0);
    });
});

describe("nothing waits forever: a deadline on every stage, naming what it waited for", function () {
    usesSharedPack();
    this.timeout(60000);

    it("stops a program whose lookup never answers, naming the lookup and the resource waiting on it", async () => {
        const { failure, ms } = await outcomes()["hung lookup"];
        const lines = failure!.split("\n");
        assert.equal(lines[0], "A lookup went unanswered for 1 s and the program was stopped. It was waiting for:");
        assert.match(
            lines[1],
            /^ {2}- lookup aws:iam\/getPolicyDocument:getPolicyDocument \{"statements":.*, unanswered for 1\.\d s$/,
        );
        // The role waits on the lookup; the rest wait on the role.
        const waiting = (type: string, name: string) =>
            `  - resource ${type} "${name}": the program began registering it but never sent it (an input never resolved)`;
        assert.deepEqual(lines.slice(2), [
            waiting(ROLE, "app"),
            waiting(ROLE_POLICY_ATTACHMENT, "app-ssm"),
            waiting(INSTANCE_PROFILE, "app"),
            waiting(INSTANCE, "app"),
        ]);
        assert.ok(ms < 20000, `stopped after ${ms} ms`);
    });

    it("fails the registration whose transform never answers, naming the transform and the resource", async () => {
        const { failure, ms } = await outcomes()["hung transform"];
        assert.match(
            failure!,
            /failed to register new resource web \[aws:ec2\/instance:Instance\]: .*the transform of aws:ec2\/instance:Instance "web" did not answer within 1 s/,
        );
        assert.ok(ms < 20000, `stopped after ${ms} ms`);
    });

    it("stops a program that never finishes at the program's deadline, naming the registration it waits on", async () => {
        const { failure } = await outcomes()["hung program"];
        assert.equal(
            failure,
            [
                "The program did not finish within 10 s and was stopped. It was waiting for:",
                '  - resource aws:ec2/instance:Instance "web": the program began registering it but never sent it (an input never resolved)',
            ].join("\n"),
        );
    });

    it("gives up on a policy pack that never prints its port, or never answers", async () => {
        // Packs that run on this repository's SDK, as an installed pack runs on its own.
        const folders: string[] = [];
        const fakePack = (name: string, code: string): string => {
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${name}-`));
            folders.push(dir);
            fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name, main: "index.js" }));
            fs.writeFileSync(path.join(dir, "index.js"), code);
            fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
            return dir;
        };
        try {
            const silent = fakePack("silent-pack", "setInterval(() => undefined, 1000);\n");
            await assert.rejects(
                PolicyPackProcess.start(silent, { timeoutMs: 2000 }),
                new Error(`policy pack in ${silent} printed no port within 2000 ms`),
            );
            // A port that accepts connections and never answers.
            const mute = fakePack(
                "mute-pack",
                'const server = require("node:net").createServer(() => undefined);\n' +
                    "server.listen(0, () => console.log(server.address().port));\n",
            );
            const pack = await PolicyPackProcess.start(mute, { callTimeoutMs: 1000 });
            try {
                await assert.rejects(
                    pack.getAnalyzerInfo(),
                    new Error("the policy pack did not answer GetAnalyzerInfo within 1 s"),
                );
            } finally {
                await pack.stop();
            }
        } finally {
            folders.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true }));
        }
    });
});
