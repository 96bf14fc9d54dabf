/**
 * npm run bench: the figures behind the README's performance table, all in one run. Not a
 * test: it asserts nothing and prints one table (and writes it to bench-results/latest.md).
 *
 * 1. Policy pack start-up through run-policy-pack (spawn to port printed), as the engine
 *    starts it: free-tier-guard from compiled JS, the same packed alone as `pulumi policy
 *    publish` ships it (with its tarball's size and its install time), a one-policy pack built
 *    the same way, and the same policies from TypeScript source (run-policy-pack type-checks
 *    them with ts-node).
 * 2. Per-resource cost of the resource policies in-process, and per Analyze call over gRPC, at
 *    1,000 and 10,000 resources; the stack policies at 10,000 and 100,000 resources.
 * 3. AnalyzeStack over a stack full of joins (groups with rule resources, instances launched
 *    from templates, NAT gateways on Elastic IPs, prefix lists with entries, all linked by
 *    property dependencies as at preview), at 10,000 and 100,000 resources, in-process and
 *    over gRPC: it must not grow faster than the resource count.
 * 4. The program under mocks with 1, 10 and 100 FreeTierServers (registration time).
 * 5. The freetier component plugin's start-up through run-plugin, as the engine starts it: spawn
 *    to port printed, to schema served (GetSchema) and its first Construct, compiled as shipped
 *    and from TypeScript source (the SDK's default: ts-node type-checks, GetSchema analyses).
 * 6. preview:offline: the dev stack end to end (TypeScript type-checked, as the CLI does, and
 *    transpile-only), and 1, 10 and 100 FreeTierServers run as a project through the offline
 *    engine (its own process, over gRPC) and analyzed.
 *
 * BENCH_ONLY=startup,policies,joins,registration,plugins,offline runs only those sections;
 * BENCH_PACK=<folder> measures another built pack in section 3 (an older checkout's, to compare).
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { PolicyPackProcess } from "../offline/analyzerClient";
import { EngineServer } from "../offline/engineServer";
import { previewOffline, PreviewReport } from "../offline/preview";
import { policies } from "../policy/policies";
import { engineInput, urnOf } from "../testing/policy/engine";
import { GOOD, T } from "../testing/policy/fixtures";
import { S3_BUCKET } from "../testing/types";
import { checkResource, checkStack, TestResource, UNKNOWN, wire, withField } from "../testing/policy/harness";
import { bytesUnder, PackedPack, packAndInstall } from "../testing/pack/packedPack";
import { PLUGIN_DIR, placeholderLookup, ProviderProcess } from "../testing/plugin/providerProcess";

const ROOT = path.resolve(__dirname, "..");
const OUT = path.join(ROOT, "bench-results");
const STARTS = Number(process.env.BENCH_STARTS ?? 7);
const PACK = process.env.BENCH_PACK ? path.resolve(process.env.BENCH_PACK) : path.join(ROOT, "policy");

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

const stackPolicies = policies.filter((p): p is StackValidationPolicy => "validateStack" in p);

/** Milliseconds for every stack policy of the pack to check one stack in-process, one after another. */
async function timeStackPolicies(list: readonly TestResource[]): Promise<number> {
    const start = process.hrtime.bigint();
    for (const policy of stackPolicies) {
        await checkStack(policy, list);
    }
    return ms(start);
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

/**
 * A pack folder that runs policy/index.ts from source, as `pulumi preview --policy-pack policy`
 * does in a checkout: the SDK's ts-node reads the folder's tsconfig.json, which here is the
 * pack's own (its ES2022 library: Object.hasOwn and the like).
 */
function tsSourcePack(): string {
    const dir = packFolder(
        "ts-source",
        path.relative(path.join(OUT, "packs", "ts-source"), path.join(ROOT, "policy/index.ts")),
    );
    fs.writeFileSync(
        path.join(dir, "tsconfig.json"),
        JSON.stringify(
            { extends: path.join(ROOT, "policy", "tsconfig.json"), compilerOptions: { incremental: false } },
            null,
            2,
        ),
    );
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
        [`free-tier-guard, compiled JS (${policies.length} policies)`, path.join(ROOT, "policy")],
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
        ["free-tier-guard from TypeScript source (ts-node)", tsSourcePack()],
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
/** Resources in the engine's shape: each with its own name and URN. */
function resources(n: number): (TestResource & { readonly name: string; readonly urn: string })[] {
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
        const name = `${base.name}-${i}`;
        return { ...base, name, urn: urnOf({ type: base.type, name }) };
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
        const bucket = S3_BUCKET;
        const untouched = {
            type: bucket,
            name: "bucket",
            urn: urnOf({ type: bucket, name: "bucket" }),
            properties: { bucket: "logs" },
        };
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
                name: r.name,
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
        const list = resources(n).map((r) => ({ type: r.type, name: r.name, urn: r.urn, properties: wire(r.props) }));
        const start = process.hrtime.bigint();
        await pack.analyzeStack(list);
        row(
            `gRPC AnalyzeStack × ${n.toLocaleString("en")} resources`,
            `${ms(start).toFixed(0)} ms`,
            `one call, ${policies.filter((p) => "validateStack" in p).length} stack policies`,
        );
    } finally {
        await pack.stop();
    }
    const perStack: number[] = [];
    for (const n of [10000, 100000]) {
        const list = resources(n);
        const total = await timeStackPolicies(list);
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

/**
 * A stack full of joins, `n` resources in blocks of 13, linked as the engine links them at
 * preview (ids unknown, property dependencies): a group with an inline rule, two rule
 * resources and one naming a prefix list that has an entry resource; an instance launched from
 * a template; a NAT gateway on an Elastic IP; an instance in a subnet; a volume. Every third
 * group is opened to the world by two halves, every third instance is over 30 GB with its
 * template's root.
 */
function joinedStack(n: number): TestResource[] {
    const out: TestResource[] = [];
    const benchUrn = (type: string, name: string) => urnOf({ type, name });
    const add = (r: TestResource) => out.push({ ...r, urn: benchUrn(r.type, r.name!) });
    for (let b = 0; out.length < n; b++) {
        const group = { type: T.securityGroup, name: `g${b}` };
        const list = { type: T.managedPrefixList, name: `pl${b}` };
        const template = { type: T.launchTemplate, name: `lt${b}` };
        const ip = { type: T.eip, name: `ip${b}` };
        const subnet = { type: T.subnet, name: `subnet${b}` };
        const on = (r: { type: string; name: string }) => [benchUrn(r.type, r.name)];
        const open = b % 3 === 0;
        /** A security group rule of the group's that lets SSH in from `source`, the group known only by its dependency. */
        const sshRule = (
            name: string,
            source: Record<string, unknown>,
            dependencies: Record<string, string[]>,
        ): TestResource => ({
            type: T.securityGroupRule,
            name,
            props: { type: "ingress", securityGroupId: UNKNOWN, protocol: "tcp", fromPort: 22, toPort: 22, ...source },
            propertyDependencies: { securityGroupId: on(group), ...dependencies },
        });
        add({
            ...group,
            props: { ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["203.0.113.10/32"] }] },
        });
        add(sshRule(`g${b}-low`, { cidrBlocks: ["0.0.0.0/1"] }, {}));
        add({
            type: T.vpcIngressRule,
            name: `g${b}-high`,
            props: {
                securityGroupId: UNKNOWN,
                ipProtocol: "tcp",
                fromPort: 22,
                toPort: 22,
                cidrIpv4: open ? "128.0.0.0/1" : "192.0.2.0/24",
            },
            propertyDependencies: { securityGroupId: on(group) },
        });
        add({ ...list, props: { addressFamily: "IPv4", maxEntries: 2, entries: [{ cidr: "198.51.100.0/24" }] } });
        add({
            type: T.managedPrefixListEntry,
            name: `pl${b}-entry`,
            props: { prefixListId: UNKNOWN, cidr: "198.51.100.128/25" },
            propertyDependencies: { prefixListId: on(list) },
        });
        add(sshRule(`g${b}-list`, { prefixListIds: [UNKNOWN] }, { prefixListIds: on(list) }));
        add({
            ...template,
            props: {
                ...GOOD.launchTemplate.props,
                name: `lt${b}`,
                blockDeviceMappings: [
                    { deviceName: "/dev/xvda", ebs: { volumeSize: open ? 25 : 8, volumeType: "gp3" } },
                ],
            },
        });
        add({
            type: T.instance,
            name: `app${b}`,
            props: {
                launchTemplate: { id: UNKNOWN },
                ebsBlockDevices: [{ deviceName: "/dev/sdf", volumeSize: 10, volumeType: "gp3" }],
            },
            propertyDependencies: { launchTemplate: on(template) },
        });
        add({ ...ip, props: { domain: "vpc" } });
        add({
            type: T.natGateway,
            name: `nat${b}`,
            props: { allocationId: UNKNOWN, subnetId: UNKNOWN },
            propertyDependencies: { allocationId: on(ip), subnetId: on(subnet) },
        });
        add({ ...subnet, props: { vpcId: "vpc-0123", cidrBlock: "10.0.1.0/24", mapPublicIpOnLaunch: false } });
        add({
            ...GOOD.instance,
            name: `web${b}`,
            props: { ...GOOD.instance.props, subnetId: UNKNOWN },
            propertyDependencies: { subnetId: on(subnet) },
        });
        add({ ...GOOD.ebsVolume, name: `data${b}` });
    }
    return out.slice(0, n);
}

async function joins(): Promise<void> {
    const inProcess: number[] = [];
    for (const n of [10000, 100000]) {
        const list = joinedStack(n);
        const total = await timeStackPolicies(list);
        inProcess.push(total);
        row(
            `in-process: ${stackPolicies.length} stack policies, a stack full of joins × ${n.toLocaleString("en")}`,
            `${total.toFixed(0)} ms`,
            `${((total * 1000) / n).toFixed(1)} µs/resource`,
        );
    }
    row(
        "in-process stack policies over joins: growth from 10,000 to 100,000",
        `×${(inProcess[1] / inProcess[0]).toFixed(1)} time for ×10 resources`,
        "10.0 is linear",
    );
    // The framework deserializes every resource once per stack policy: a pack of as many
    // stack policies that do nothing shows that floor.
    const floor = packFolder(
        "floor",
        "index.js",
        `const { PolicyPack } = require("@pulumi/policy");\n` +
            `const policies = Array.from({ length: ${stackPolicies.length} }, (_, i) => ({ name: "noop-" + i, description: "Does nothing.", enforcementLevel: "advisory", validateStack: () => {} }));\n` +
            `new PolicyPack("floor", { policies });\n`,
    );
    for (const [label, dir] of [
        [`${path.relative(ROOT, PACK) || "."}`, PACK],
        [`the framework alone: ${stackPolicies.length} stack policies that do nothing`, floor],
    ]) {
        const pack = await PolicyPackProcess.start(dir, { nodeArgs: ["--max-old-space-size=8192"], timeoutMs: 120000 });
        const overGrpc: number[] = [];
        try {
            await pack.configure({});
            // One call first warms the pack's JIT; then the best of two at 10,000 (one at 100,000).
            await pack.analyzeStack(joinedStack(10000).map(engineInput));
            for (const [n, tries] of [
                [10000, 2],
                [100000, 1],
            ]) {
                const inputs = joinedStack(n).map(engineInput);
                let total = Infinity;
                let diagnostics: unknown[] = [];
                for (let i = 0; i < tries; i++) {
                    global.gc?.();
                    const start = process.hrtime.bigint();
                    diagnostics = await pack.analyzeStack(inputs);
                    total = Math.min(total, ms(start));
                }
                overGrpc.push(total);
                row(
                    `gRPC AnalyzeStack, a stack full of joins × ${n.toLocaleString("en")} (${label})`,
                    `${total.toFixed(0)} ms`,
                    `${((total * 1000) / n).toFixed(1)} µs/resource, ${diagnostics.length} diagnostics, pack RSS ${rssMb(pack.pid).toFixed(0)} MB after`,
                );
            }
        } finally {
            await pack.stop();
        }
        row(
            `gRPC AnalyzeStack over joins (${label}): growth from 10,000 to 100,000`,
            `×${(overGrpc[1] / overGrpc[0]).toFixed(1)} time for ×10 resources`,
            "10.0 is linear",
        );
    }
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

const SECTIONS: [string, () => Promise<void>][] = [
    ["startup", startups],
    ["policies", perResource],
    ["joins", joins],
    ["registration", registration],
    ["plugins", pluginStartups],
    ["offline", offlinePreview],
];

async function main(): Promise<void> {
    fs.mkdirSync(OUT, { recursive: true });
    const only = process.env.BENCH_ONLY?.split(",");
    for (const [name, run] of SECTIONS) {
        if (!only || only.includes(name)) {
            console.error(`${name} ...`);
            await run();
        }
    }
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
