/**
 * npm run bench: the figures behind the README's performance table, all in one run. Not a
 * test: it asserts nothing and prints one table (and writes it to bench-results/latest.md).
 *
 * 1. Policy pack start-up through run-policy-pack (spawn to port printed), as the engine
 *    starts it: free-tier-guard from compiled JS, a one-policy pack built the same way, and
 *    the same ten policies from TypeScript source (run-policy-pack type-checks them with ts-node).
 * 2. Per-resource cost of the seven resource policies in-process, and per Analyze call over gRPC,
 *    at 1,000 and 10,000 resources; the three stack policies at 10,000 and 100,000 resources.
 * 3. The program under mocks with 1, 10 and 100 FreeTierServers (registration time).
 * 4. preview:offline: the dev stack end to end (TypeScript type-checked, as the CLI does, and
 *    transpile-only), and 1, 10 and 100 FreeTierServers run as a project through the offline
 *    engine (its own process, over gRPC) and analyzed.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { PolicyPackProcess } from "../offline/analyzerClient";
import { previewOffline, PreviewReport } from "../offline/preview";
import { policies } from "../policy/policies";
import { GOOD } from "../test/policy/fixtures";
import { checkResource, checkStack, TestResource, wire, withField } from "../test/policy/harness";

const ROOT = path.resolve(__dirname, "..");
const OUT = path.join(ROOT, "bench-results");
const STARTS = Number(process.env.BENCH_STARTS ?? 7);

const rows: [string, string, string][] = [];
function row(what: string, figure: string, note = ""): void {
    rows.push([what, figure, note]);
    console.error(`  ${what}: ${figure} ${note}`);
}

function median(xs: number[]): number {
    const s = [...xs].sort((a, b) => a - b);
    return s[Math.floor(s.length / 2)];
}

function ms(start: bigint): number {
    return Number(process.hrtime.bigint() - start) / 1e6;
}

function rssMb(pid: number): number {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

/** A pack folder inside the repository (so node resolves its dependencies from the root). */
function packFolder(name: string, main: string, code?: string): string {
    const dir = path.join(OUT, "packs", name);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name, version: "0.0.0", main }, null, 2));
    fs.writeFileSync(path.join(dir, "PulumiPolicy.yaml"), "runtime: nodejs\n");
    if (code) {
        fs.writeFileSync(path.join(dir, main), code);
    }
    return dir;
}

async function startups(): Promise<void> {
    const bin = path.join(ROOT, "policy/bin/policy");
    const packs: [string, string][] = [
        ["free-tier-guard, compiled JS (10 policies)", path.join(ROOT, "policy")],
        [
            "one-policy pack, compiled JS (no-public-ssh)",
            packFolder(
                "one-policy",
                "index.js",
                `const { PolicyPack } = require("@pulumi/policy");\n` +
                    `const { noPublicSsh } = require(${JSON.stringify(path.join(bin, "policies/noPublicSsh"))});\n` +
                    `new PolicyPack("one-policy", { policies: [noPublicSsh] });\n`,
            ),
        ],
        [
            "free-tier-guard from TypeScript source (ts-node)",
            packFolder(
                "ts-source",
                path.relative(path.join(OUT, "packs", "ts-source"), path.join(ROOT, "policy/index.ts")),
            ),
        ],
    ];
    // Round by round, so that no pack is favoured by a warmer file cache or a quieter moment;
    // one discarded start first warms the cache for all.
    await (await PolicyPackProcess.start(packs[0][1])).stop();
    const times = packs.map(() => [] as number[]);
    const rss = packs.map(() => 0);
    for (let round = 0; round < STARTS; round++) {
        for (const [i, [, dir]] of packs.entries()) {
            const pack = await PolicyPackProcess.start(dir, { timeoutMs: 120000 });
            times[i].push(pack.startupMs);
            rss[i] = rssMb(pack.pid);
            await pack.stop();
        }
    }
    for (const [i, [label]] of packs.entries()) {
        row(
            `start-up: ${label}`,
            `${median(times[i]).toFixed(0)} ms`,
            `median of ${STARTS}, interleaved (min ${Math.min(...times[i]).toFixed(0)} ms), RSS ${rss[i].toFixed(0)} MB when ready`,
        );
    }
}

/** `n` resources cycling through the fixtures, every third one broken in some way. */
function resources(n: number): TestResource[] {
    const good = Object.values(GOOD);
    const broken: TestResource[] = [
        {
            ...GOOD.securityGroup,
            props: withField(GOOD.securityGroup.props, "ingress.0.cidrBlocks", ["0.0.0.0/1", "128.0.0.0/1"]),
        },
        { ...GOOD.instance, props: withField(GOOD.instance.props, "instanceType", "t3.large") },
        {
            ...GOOD.launchTemplate,
            props: withField(GOOD.launchTemplate.props, "blockDeviceMappings.0.ebs.volumeSize", 40),
        },
    ];
    return Array.from({ length: n }, (_, i) => {
        const base = i % 3 === 2 ? broken[i % broken.length] : good[i % good.length];
        return { ...base, name: `${base.name}-${i}`, urn: `urn:pulumi:bench::bench::${base.type}::${base.name}-${i}` };
    });
}

async function perResource(): Promise<void> {
    const resourcePolicies = policies.filter((p): p is ResourceValidationPolicy => "validateResource" in p);
    for (const n of [1000, 10000]) {
        const list = resources(n);
        const start = process.hrtime.bigint();
        for (const r of list) {
            for (const policy of resourcePolicies) {
                await checkResource(policy, r);
            }
        }
        const total = ms(start);
        row(
            `in-process: ${resourcePolicies.length} resource policies × ${n.toLocaleString("en")} resources`,
            `${((total * 1000) / n).toFixed(1)} µs/resource`,
            `${total.toFixed(0)} ms in all`,
        );
    }
    const pack = await PolicyPackProcess.start(path.join(ROOT, "policy"));
    try {
        await pack.configure({});
        const untouched = { type: "aws:s3/bucket:Bucket", name: "bucket", properties: { bucket: "logs" } };
        const calls = 1000;
        const baseline = process.hrtime.bigint();
        for (let i = 0; i < calls; i++) {
            await pack.analyze(untouched);
        }
        const perCallUs = (ms(baseline) * 1000) / calls;
        row(
            `gRPC Analyze baseline: a type no policy judges × ${calls.toLocaleString("en")}`,
            `${perCallUs.toFixed(0)} µs/call`,
            "the round trip between two Node processes on loopback",
        );
        for (const n of [1000, 10000]) {
            const list = resources(n).map((r) => ({
                type: r.type,
                name: r.name!,
                urn: r.urn,
                properties: wire(r.props),
            }));
            const start = process.hrtime.bigint();
            for (const r of list) {
                await pack.analyze(r);
            }
            const total = ms(start);
            row(
                `gRPC Analyze, one call per resource × ${n.toLocaleString("en")}`,
                `${((total * 1000) / n).toFixed(0)} µs/call`,
                `${total.toFixed(0)} ms in all, sequential, one connection`,
            );
        }
        const n = 10000;
        const list = resources(n).map((r) => ({ type: r.type, name: r.name!, urn: r.urn, properties: wire(r.props) }));
        const start = process.hrtime.bigint();
        await pack.analyzeStack(list);
        row(
            `gRPC AnalyzeStack × ${n.toLocaleString("en")} resources`,
            `${ms(start).toFixed(0)} ms`,
            "one call, three stack policies",
        );
    } finally {
        await pack.stop();
    }
    const stackPolicies = policies.filter((p): p is StackValidationPolicy => "validateStack" in p);
    const perStack: number[] = [];
    for (const n of [10000, 100000]) {
        const list = resources(n);
        const start = process.hrtime.bigint();
        for (const policy of stackPolicies) {
            await checkStack(policy, list);
        }
        const total = ms(start);
        perStack.push(total / n);
        row(
            `in-process: ${stackPolicies.length} stack policies × ${n.toLocaleString("en")} resources`,
            `${total.toFixed(0)} ms`,
            `${((total * 1000) / n).toFixed(1)} µs/resource`,
        );
    }
    row(
        "stack policies: growth from 10,000 to 100,000",
        `×${((perStack[1] * 100000) / (perStack[0] * 10000)).toFixed(1)} time for ×10 resources`,
        "10.0 is linear",
    );
}

/** Registration in a fresh process, so one measurement does not warm the next. */
function registerInChild(servers: number, nodeFlags: string[] = []): { resources: number; ms: number; heapMb: number } {
    const out = execFileSync(
        process.execPath,
        [
            ...nodeFlags,
            "--expose-gc",
            "-r",
            "ts-node/register/transpile-only",
            path.join(__dirname, "benchRegistration.ts"),
            String(servers),
        ],
        { cwd: ROOT, encoding: "utf8" },
    );
    return JSON.parse(out.trim().split("\n").pop()!);
}

async function registration(): Promise<void> {
    for (const n of [1, 10, 100]) {
        const r = registerInChild(n);
        row(
            `program under mocks: ${n} FreeTierServer${n > 1 ? "s" : ""} (${r.resources} resources)`,
            `${r.ms.toFixed(0)} ms`,
            `${(r.ms / n).toFixed(1)} ms/server, heap +${r.heapMb.toFixed(0)} MB`,
        );
    }
    // The Pulumi SDK captures `new Error().stack` for every promise it creates; under ts-node
    // each capture is remapped through source maps. Without stack traces, what is left:
    const r = registerInChild(100, ["--stack-trace-limit=0"]);
    row(
        "the same 100, with node --stack-trace-limit=0",
        `${r.ms.toFixed(0)} ms`,
        `${(r.ms / 100).toFixed(1)} ms/server: the rest is the SDK's per-promise stack capture`,
    );
}

const TRANSPILE_ONLY = { ...process.env, PULUMI_NODEJS_TRANSPILE_ONLY: "true" };

/** One preview:offline of a project, timed from the call to the report. */
async function timedPreview(
    cwd: string,
    env: NodeJS.ProcessEnv,
    pack?: PolicyPackProcess,
): Promise<{ ms: number; report: PreviewReport }> {
    const start = process.hrtime.bigint();
    const report = await previewOffline({ cwd, stack: "dev", policyPack: path.join(ROOT, "policy"), pack, env });
    return { ms: ms(start), report };
}

/** The dev stack through preview:offline, a fresh pack each time, as `npm run preview:offline` runs it. */
async function offlinePreview(): Promise<void> {
    const runs = 3;
    for (const [label, env] of [
        ["type-checked, as the CLI does", process.env],
        ["transpile-only (PULUMI_NODEJS_TRANSPILE_ONLY=true)", TRANSPILE_ONLY],
    ] as const) {
        const reports: { ms: number; report: PreviewReport }[] = [];
        for (let i = 0; i < runs; i++) {
            reports.push(await timedPreview(ROOT, env, undefined));
        }
        const mid = reports.sort((a, b) => a.ms - b.ms)[Math.floor(runs / 2)];
        const t = mid.report.timings;
        row(
            `preview:offline, dev stack, ${label}`,
            `${mid.ms.toFixed(0)} ms`,
            `median of ${runs}: program ${t.programMs} ms, pack start ${mid.report.policyPack.startupMs} ms (meanwhile), analysis ${t.analysisMs} ms`,
        );
    }
    // N servers as a project of its own, run as the CLI runs it, on one pack.
    const pack = await PolicyPackProcess.start(path.join(ROOT, "policy"));
    try {
        const programMs: number[] = [];
        const counts = [1, 10, 100];
        for (const n of counts) {
            const dir = path.join(OUT, "projects", `servers-${n}`);
            fs.mkdirSync(dir, { recursive: true });
            // Plain JavaScript on the built package: what is measured is the engine, not ts-node.
            fs.writeFileSync(
                path.join(dir, "Pulumi.yaml"),
                "name: bench-servers\nruntime:\n  name: nodejs\n  options:\n    typescript: false\nmain: index.js\n",
            );
            fs.writeFileSync(path.join(dir, "Pulumi.dev.yaml"), "config:\n  aws:region: ap-northeast-2\n");
            fs.writeFileSync(
                path.join(dir, "index.js"),
                `const { FreeTierServer } = require(${JSON.stringify(path.join(ROOT, "dist/components"))});\n` +
                    `for (let i = 0; i < ${n}; i++) {\n` +
                    `    new FreeTierServer(\`server-\${i}\`, { sshAllowedCidrs: ["203.0.113.10/32"] });\n}\n`,
            );
            const { ms: total, report } = await timedPreview(dir, process.env, pack);
            const t = report.timings;
            programMs.push(t.programMs);
            row(
                `preview:offline, ${n} FreeTierServer${n > 1 ? "s" : ""} (${report.totals.resources} resources), a JavaScript program`,
                `${total.toFixed(0)} ms`,
                `program ${t.programMs} ms, analysis ${t.analysisMs} ms (${report.totals.resources} Analyze calls and one AnalyzeStack)`,
            );
        }
        const extra = (programMs[2] - programMs[0]) / (counts[2] - counts[0]);
        row(
            "preview:offline: each FreeTierServer beyond the first, in the program",
            `${extra.toFixed(0)} ms`,
            "its 5 registrations and 1 lookup over gRPC to the offline engine, in the program's own process",
        );
    } finally {
        await pack.stop();
    }
}

async function main(): Promise<void> {
    fs.mkdirSync(OUT, { recursive: true });
    console.error("start-up ...");
    await startups();
    console.error("policy cost ...");
    await perResource();
    console.error("registration ...");
    await registration();
    console.error("offline preview ...");
    await offlinePreview();
    const cpu = os.cpus()[0]?.model ?? "unknown CPU";
    const header = `Machine: ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`;
    const table = ["| what | figure | note |", "|---|---|---|", ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");
    const text = `${header}\n\n${table}\n`;
    fs.writeFileSync(path.join(OUT, "latest.md"), text);
    console.log(text);
    process.exit(0);
}

main().catch((err) => {
    console.error(err);
    process.exit(1);
});
