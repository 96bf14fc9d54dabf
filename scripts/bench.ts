/**
 * npm run bench: the figures behind the README's performance table, all in one run. Not a
 * test: it asserts nothing and prints one table (and writes it to bench-results/latest.md).
 *
 * 1. Policy pack start-up through run-policy-pack (spawn to port printed), as the engine
 *    starts it: free-tier-guard from compiled JS, the same packed alone as `pulumi policy
 *    publish` ships it (with its tarball's size and its install time), a one-policy pack built
 *    the same way, and the same policies from TypeScript source (run-policy-pack type-checks
 *    them with ts-node).
 * 2. Per-resource cost of the seven resource policies in-process, and per Analyze call over gRPC,
 *    at 1,000 and 10,000 resources; the three stack policies at 10,000 and 100,000 resources.
 * 3. The program under mocks with 1, 10 and 100 FreeTierServers (registration time).
 * 4. The freetier component plugin's start-up through run-plugin, as the engine starts it: spawn
 *    to port printed, to schema served (GetSchema) and its first Construct, compiled as shipped
 *    and from TypeScript source (the SDK's default: ts-node type-checks, GetSchema analyses).
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { PolicyPackProcess } from "../offline/analyzer";
import { EngineServer } from "../offline/engineServer";
import { policies } from "../policy/policies";
import { GOOD } from "../test/policy/fixtures";
import { checkResource, checkStack, TestResource, wire, withField } from "../test/policy/harness";
import { bytesUnder, PackedPack, packAndInstall } from "../test/pack/packedPack";
import { PLUGIN_DIR, placeholderLookup, ProviderProcess } from "../test/plugin/providerProcess";

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

/** free-tier-guard packed as `pulumi policy publish` uploads it, installed as the Pulumi CLI installs it. */
function packed(): PackedPack {
    const pack = packAndInstall();
    const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
    row(
        "packed pack: npm pack tarball (what pulumi policy publish uploads)",
        kB(pack.tarballBytes),
        `${pack.files.length} files, ${kB(pack.unpackedBytes)} unpacked`,
    );
    row(
        "packed pack: npm install --omit=dev (what the Pulumi CLI does for a policy group)",
        `${(pack.installMs / 1000).toFixed(1)} s`,
        `from npm's cache; node_modules ${(bytesUnder(path.join(pack.dir, "node_modules")) / 1e6).toFixed(0)} MB`,
    );
    return pack;
}

async function startups(): Promise<void> {
    const bin = path.join(ROOT, "policy/bin/policy");
    const alone = packed();
    const packs: [string, string][] = [
        ["free-tier-guard, compiled JS (10 policies)", path.join(ROOT, "policy")],
        ["free-tier-guard packed alone (npm pack, npm install --omit=dev, outside the repository)", alone.dir],
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
    alone.remove();
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

/**
 * The freetier plugin as a source-based plugin runs by default: the entry point is the
 * TypeScript source (freetier/index.ts, which exports the component class), so run-plugin
 * type-checks it with ts-node and GetSchema runs the SDK's analyser on every start.
 */
function sourcePluginFolder(): string {
    const dir = path.join(OUT, "plugins", "ts-source");
    fs.mkdirSync(dir, { recursive: true });
    const manifest = JSON.parse(fs.readFileSync(path.join(PLUGIN_DIR, "package.json"), "utf8"));
    const main = path.relative(dir, path.join(PLUGIN_DIR, "index.ts"));
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ ...manifest, main }, null, 2));
    const tsconfig = { extends: path.relative(dir, path.join(PLUGIN_DIR, "tsconfig.json")) };
    fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify(tsconfig, null, 2));
    return dir;
}

/** The floor: run-plugin serving a provider that does nothing, with an empty schema. */
function emptyPluginFolder(): string {
    const dir = path.join(OUT, "plugins", "empty");
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "empty", version: "0.0.0" }, null, 2));
    fs.writeFileSync(
        path.join(dir, "index.js"),
        `require("@pulumi/pulumi/provider/server").main({ version: "0.0.0", schema: "{}" }, process.argv.slice(2));\n`,
    );
    return dir;
}

async function pluginStartups(): Promise<void> {
    const engine = await EngineServer.start({
        project: "bench",
        stack: "bench",
        preview: true,
        invoke: placeholderLookup("ap-northeast-2"),
    });
    const deployment = { project: "bench", stack: "bench", preview: true, monitor: engine.address };
    // The source variant takes tens of seconds a start, so it gets fewer.
    const plugins = [
        { label: "freetier, compiled JS serving schema.json (as shipped)", dir: PLUGIN_DIR, starts: STARTS },
        { label: "an empty provider (run-plugin's own cost)", dir: emptyPluginFolder(), starts: STARTS, empty: true },
        {
            label: "freetier from TypeScript source (ts-node type-check, schema analysed)",
            dir: sourcePluginFolder(),
            starts: Math.min(STARTS, 3),
        },
    ];
    const figures = plugins.map(() => ({
        port: [] as number[],
        schema: [] as number[],
        construct: [] as number[],
        rss: 0,
    }));
    try {
        await (await ProviderProcess.start(engine.address)).stop();
        for (let round = 0; round < STARTS; round++) {
            for (const [i, { dir, starts, empty }] of plugins.entries()) {
                if (round >= starts) {
                    continue;
                }
                const plugin = await ProviderProcess.start(engine.address, dir, 120000);
                try {
                    const schemaStart = process.hrtime.bigint();
                    await plugin.getSchema();
                    figures[i].port.push(plugin.startupMs);
                    figures[i].schema.push(plugin.startupMs + ms(schemaStart));
                    figures[i].rss = rssMb(plugin.pid);
                    if (!empty) {
                        await plugin.configure();
                        const constructStart = process.hrtime.bigint();
                        await plugin.construct(deployment, {
                            name: `server-${round}-${i}`,
                            inputs: { sshAllowedCidrs: ["203.0.113.10/32"] },
                            parent: "",
                        });
                        figures[i].construct.push(ms(constructStart));
                    }
                } finally {
                    await plugin.stop();
                }
            }
        }
    } finally {
        await engine.stop();
    }
    for (const [i, { label }] of plugins.entries()) {
        const f = figures[i];
        const note = (xs: number[]) => `median of ${xs.length}, interleaved (min ${Math.min(...xs).toFixed(0)} ms)`;
        row(`plugin start-up: ${label}, spawn to port printed`, `${median(f.port).toFixed(0)} ms`, note(f.port));
        row(
            `plugin start-up: ${label}, spawn to schema served`,
            `${median(f.schema).toFixed(0)} ms`,
            `${note(f.schema)}, RSS ${f.rss.toFixed(0)} MB when served`,
        );
        if (f.construct.length > 0) {
            row(
                `plugin: ${label}, first Construct (the guide's server, preview)`,
                `${median(f.construct).toFixed(0)} ms`,
                note(f.construct),
            );
        }
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
    console.error("plugin start-up ...");
    await pluginStartups();
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
