/**
 * The freetier plugin through the ResourceProvider protocol, as the Pulumi engine calls it: the
 * built plugin started by run-plugin, its Construct calling back the offline engine's
 * ResourceMonitor and Engine services. Each server it builds is compared with the same server
 * built by a TypeScript program (cmd/run) against another such engine: same resources, inputs,
 * options, dependencies, lookups, warnings and outputs.
 */
import * as assert from "node:assert/strict";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import { EngineServer, RegisteredResource, WireMap } from "../../offline/engineServer";
import { PLACEHOLDERS, placeholderDns } from "../../offline/lookups";
import { isResourceReference, isSecret, reveal, secret, UNKNOWN } from "../../offline/wireValues";
import { FreeTierServer, FreeTierServerArgs } from "../../components";
import {
    BUDGET,
    COMPONENT,
    EIP,
    INSTANCE,
    INSTANCE_PROFILE,
    KEY_PAIR,
    PRIVATE_KEY,
    ROLE,
    ROLE_POLICY_ATTACHMENT,
    SECURITY_GROUP,
} from "../../testing/types";
import { BAD_ARGS } from "../component/badArgs";
import {
    ConstructOptions,
    Constructed,
    Deployment,
    PLUGIN_DIR,
    placeholderLookup,
    ProviderProcess,
    registerProvider,
} from "../../testing/plugin/providerProcess";

const PROJECT_NAME = "consumer";
const STACK = "dev";
const REGION = "ap-northeast-2";
const STACK_URN = `urn:pulumi:${STACK}::${PROJECT_NAME}::pulumi:pulumi:Stack::${PROJECT_NAME}-${STACK}`;
const PACKAGE = JSON.parse(fs.readFileSync(path.join(PLUGIN_DIR, "package.json"), "utf8"));
const SCHEMA = JSON.parse(fs.readFileSync(path.join(PLUGIN_DIR, "schema.json"), "utf8"));
const PROGRAM_DIR = path.join(__dirname, "fixtures/ts-program");
const RUN = path.join(path.dirname(require.resolve("@pulumi/pulumi/package.json")), "cmd/run");

const MY_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIPlaceholderKeyForTests me@laptop";
const TEST_PEM = "-----BEGIN RSA PRIVATE KEY-----\nplaceholder\n-----END RSA PRIVATE KEY-----\n";
const SERVER_IP = PLACEHOLDERS.publicIp;
const SERVER_DNS = placeholderDns(SERVER_IP, REGION);

interface Case {
    readonly why: string;
    readonly name: string;
    readonly args: Record<string, unknown>;
    /** Args sent as secrets. */
    readonly secretArgs?: readonly string[];
    /** Args whose value comes from another resource (known, so usable). */
    readonly dependencies?: Readonly<Record<string, readonly string[]>>;
    /** The resource options the program gives the component, but its providers. */
    readonly options?: Omit<ConstructOptions, "providers">;
    /** The program gives the component its AWS provider for Tokyo (TOKYO). */
    readonly tokyo?: true;
}

const OFFICE_IP = `urn:pulumi:${STACK}::${PROJECT_NAME}::aws:ec2/eip:Eip::office`;
const GOLDEN_AMI = `urn:pulumi:${STACK}::${PROJECT_NAME}::aws:ec2/ami:Ami::golden`;
/** The program's AWS provider for another Region, which a case gives the component. */
const TOKYO = { name: "tokyo", region: "ap-northeast-1" };

/** The console guide's server, as Pulumi.dev.yaml sets it. */
const GUIDE = {
    sshAllowedCidrs: ["203.0.113.10/32"],
    appPorts: [8080],
    instanceType: "t3.micro",
    os: "amazon-linux-2023",
    rootVolumeSizeGb: 30,
};

/** The guide's server without its SSH sources, for the keyless access modes. */
const KEYLESS = Object.fromEntries(Object.entries(GUIDE).filter(([key]) => key !== "sshAllowedCidrs"));

const CASES: Case[] = [
    { why: "the console guide's args", name: "guide", args: GUIDE },
    { why: 'access "instance-connect"', name: "eic", args: { ...KEYLESS, access: "instance-connect" } },
    {
        why: 'access "ssm" and a zero-spend budget',
        name: "ssm",
        args: { ...KEYLESS, sshAllowedCidrs: [], access: "ssm", budgetEmail: "me@example.com" },
    },
    {
        why: "a budget of one's own limit",
        name: "budget",
        args: { ...GUIDE, budgetEmail: "me@example.com", budgetUsd: 5 },
    },
    { why: "an Elastic IP", name: "eip", args: { ...GUIDE, elasticIp: true } },
    {
        why: "an imported public key sent as a secret",
        name: "own-key",
        args: { ...GUIDE, publicKey: MY_KEY },
        secretArgs: ["publicKey"],
    },
    { why: "Amazon Linux 2", name: "al2", args: { ...GUIDE, os: "amazon-linux-2" } },
    {
        why: "a plain arg that comes from another resource but is known",
        name: "ports",
        args: { ...GUIDE, appPorts: [8080, 443] },
        dependencies: { appPorts: [`urn:pulumi:${STACK}::${PROJECT_NAME}::aws:ec2/eip:Eip::office`] },
    },
    {
        why: "an AMI from another resource and a secret userData",
        name: "pinned",
        args: { ...GUIDE, ami: "ami-0123456789abcdef0", userData: "#!/bin/sh\necho token=s3cr3t\n" },
        secretArgs: ["userData"],
        dependencies: { ami: [GOLDEN_AMI] },
    },
    {
        why: "resource options: an AWS provider of another Region, protect, dependsOn, an alias, ignoreChanges, retainOnDelete",
        name: "tokyo",
        args: { ...GUIDE, subnetId: "subnet-0123456789abcdef0" },
        tokyo: true,
        options: {
            protect: true,
            dependsOn: [OFFICE_IP],
            aliases: [`urn:pulumi:${STACK}::${PROJECT_NAME}::${COMPONENT}::old-tokyo`],
            ignoreChanges: ["tags"],
            retainOnDelete: true,
        },
    },
];

/** What AWS and tls compute when an update creates a resource. */
function create(resource: RegisteredResource): { outputs?: WireMap } {
    switch (resource.type) {
        case INSTANCE:
        case EIP:
            return { outputs: { publicIp: SERVER_IP, publicDns: SERVER_DNS } };
        case KEY_PAIR:
            return { outputs: { keyName: `${resource.name}-1234567` } };
        case ROLE:
        case INSTANCE_PROFILE:
            return { outputs: { name: `${resource.name}-1234567` } };
        case PRIVATE_KEY:
            return { outputs: { privateKeyPem: TEST_PEM, publicKeyOpenssh: "ssh-rsa AAAAB3placeholder" } };
        default:
            return {};
    }
}

function startEngine(preview: boolean): Promise<EngineServer> {
    return EngineServer.start({
        project: PROJECT_NAME,
        stack: STACK,
        preview,
        invoke: placeholderLookup(REGION),
        create,
    });
}

function deployment(engine: EngineServer, preview: boolean): Deployment {
    return { project: PROJECT_NAME, stack: STACK, preview, monitor: engine.address, config: { "aws:region": REGION } };
}

/** The cases' servers built by a TypeScript program through cmd/run, against a fresh engine. */
async function runProgram(preview: boolean): Promise<EngineServer> {
    const engine = await startEngine(preview);
    const args = [RUN, "--monitor", engine.address, "--engine", engine.address, "--project", PROJECT_NAME];
    args.push("--stack", STACK, "--pwd", PROGRAM_DIR, ...(preview ? ["--dry-run"] : []), ".");
    const child = spawn(process.execPath, args, {
        cwd: PROGRAM_DIR,
        env: {
            ...process.env,
            PULUMI_CONFIG: JSON.stringify({ "aws:region": REGION }),
            PULUMI_CONFIG_SECRET_KEYS: "[]",
            FREETIER_CASES: JSON.stringify(CASES.map(programCase)),
            FREETIER_AWS_PROVIDER: JSON.stringify(TOKYO),
        },
        stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    const code = await new Promise((resolve) => child.on("exit", resolve));
    assert.equal(code, 0, output);
    return engine;
}

/**
 * A case as the TypeScript program builds it: an arg that comes from another resource is an
 * Output of it, except a plain arg, which a program can only pass as a value.
 */
function programCase(c: Case): Case & { outputDependencies: Record<string, readonly string[]> } {
    const plain = (key: string) => SCHEMA.resources[COMPONENT].inputProperties[key].plain === true;
    const outputDependencies = Object.fromEntries(Object.entries(c.dependencies ?? {}).filter(([key]) => !plain(key)));
    return { ...c, outputDependencies };
}

/** The args of a case as the engine sends them to the plugin. */
function wireInputs(c: Case): WireMap {
    return Object.fromEntries(
        Object.entries(c.args).map(([key, value]) => [key, c.secretArgs?.includes(key) ? secret(value) : value]),
    );
}

function componentUrn(name: string): string {
    return `urn:pulumi:${STACK}::${PROJECT_NAME}::${COMPONENT}::${name}`;
}

/** A server's component and children, as an engine recorded them, in a stable order. */
function serverRecords(engine: EngineServer, name: string): RegisteredResource[] {
    const urn = componentUrn(name);
    return engine.resources.filter((r) => r.urn === urn || r.parent === urn).sort((a, b) => a.urn.localeCompare(b.urn));
}

/**
 * A record with retainOnDelete unset read as false: the SDK's provider server passes Construct's
 * `retainOnDelete` (false unless the program set it) to the component explicitly, where a
 * program leaves it unset. Both mean the same to the engine.
 */
function sameDefaults(record: RegisteredResource): RegisteredResource {
    // Where the code that made it runs (a plugin's files or a program's) is no part of what is registered.
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    const { sourcePosition, stackTrace, ...registered } = record;
    return { ...registered, options: { ...record.options, retainOnDelete: record.options.retainOnDelete ?? false } };
}

function childTypes(engine: EngineServer, name: string): string[] {
    return serverRecords(engine, name)
        .filter((r) => r.type !== COMPONENT)
        .map((r) => r.type);
}

/** The message a TypeScript program gets from `new FreeTierServer(name, args)`. */
function typeScriptError(name: string, args: unknown): string {
    try {
        new FreeTierServer(name, args as FreeTierServerArgs);
    } catch (err) {
        return (err as Error).message;
    }
    throw new Error(`new FreeTierServer("${name}", ${JSON.stringify(args)}) did not throw`);
}

/** One deployment: the plugin's engine with every case constructed, and a program's engine. */
interface Deployed {
    readonly engine: EngineServer;
    readonly plugin: ProviderProcess;
    readonly program: EngineServer;
    readonly built: ReadonlyMap<string, Constructed>;
    /** The reference to the program's Tokyo provider. */
    readonly tokyo: string;
}

async function deploy(preview: boolean): Promise<Deployed> {
    const engine = await startEngine(preview);
    const [plugin, program] = await Promise.all([ProviderProcess.start(engine.address), runProgram(preview)]);
    await plugin.configure();
    const tokyo = await registerProvider(engine.address, STACK_URN, "aws", TOKYO.name, { region: TOKYO.region });
    const built = new Map<string, Constructed>();
    for (const c of CASES) {
        const call = {
            name: c.name,
            inputs: wireInputs(c),
            inputDependencies: c.dependencies,
            parent: STACK_URN,
            options: { ...c.options, providers: c.tokyo ? { aws: tokyo } : undefined },
        };
        built.set(c.name, await plugin.construct(deployment(engine, preview), call));
    }
    return { engine, plugin, program, built, tokyo };
}

const UNKNOWN_YET = (arg: string) =>
    `${arg} is not known yet (it comes from another resource's output), but FreeTierServer checks it before creating anything; pass a value known at preview, such as a literal or stack config`;
const SECRET_PLAIN = (arg: string) =>
    `${arg} is a secret, but FreeTierServer reads it as plain text to check it, and its resources would store it unencrypted; pass it as a plain value`;

interface Refusal {
    readonly why: string;
    /** Defaults to "bad". */
    readonly name?: string;
    /** Defaults to FreeTierServer's. */
    readonly type?: string;
    readonly inputs: WireMap;
    readonly dependencies?: Record<string, string[]>;
    readonly message: string;
}

const REFUSALS: Refusal[] = [
    {
        why: "a type the package does not have, naming the one it has",
        type: "freetier:index:FreeTierCluster",
        inputs: { sshAllowedCidrs: [] },
        message: `unknown resource type freetier:index:FreeTierCluster; the freetier package has ${COMPONENT}`,
    },
    {
        why: "SSH open to the world and app port 22, with the TypeScript component's message",
        inputs: { sshAllowedCidrs: ["0.0.0.0/1", "128.0.0.0/1"], appPorts: [8080, 22] },
        message: typeScriptError("bad", { sshAllowedCidrs: ["0.0.0.0/1", "128.0.0.0/1"], appPorts: [8080, 22] }),
    },
    {
        why: "an instance type outside the free tier and an unknown os, with the TypeScript component's message",
        inputs: { sshAllowedCidrs: [], instanceType: "m5.large", os: "ubuntu" },
        message: typeScriptError("bad", { sshAllowedCidrs: [], instanceType: "m5.large", os: "ubuntu" }),
    },
    {
        why: "a plain arg not known at preview, naming it",
        inputs: { sshAllowedCidrs: UNKNOWN },
        dependencies: { sshAllowedCidrs: [OFFICE_IP] },
        message: `FreeTierServer "bad" has invalid args:\n  - ${UNKNOWN_YET("sshAllowedCidrs")}`,
    },
    {
        why: "plain args with an unknown inside, naming each",
        inputs: { sshAllowedCidrs: ["203.0.113.10/32", UNKNOWN], tags: { Owner: UNKNOWN } },
        dependencies: { sshAllowedCidrs: [OFFICE_IP], tags: [OFFICE_IP] },
        message: `FreeTierServer "bad" has invalid args:\n  - ${UNKNOWN_YET("sshAllowedCidrs[1]")}\n  - ${UNKNOWN_YET("tags.Owner")}`,
    },
    {
        why: "a plain arg sent as a secret, which the children would store in plain text",
        inputs: { sshAllowedCidrs: ["203.0.113.10/32"], tags: secret({ Owner: "me" }) },
        message: `FreeTierServer "bad" has invalid args:\n  - ${SECRET_PLAIN("tags")}`,
    },
    {
        // The SDK's provider server marks the whole arg secret when a part of it is.
        why: "a secret inside a plain arg, naming the arg",
        inputs: { sshAllowedCidrs: ["203.0.113.10/32", secret("198.51.100.7/32")], tags: { Owner: secret("me") } },
        message: `FreeTierServer "bad" has invalid args:\n  - ${SECRET_PLAIN("sshAllowedCidrs")}\n  - ${SECRET_PLAIN("tags")}`,
    },
    ...BAD_ARGS.filter((c) => c.wire !== false).map((c) => ({
        why: `with the TypeScript component's message: ${c.why}`,
        name: c.name ?? "web",
        inputs: c.args as WireMap,
        message: c.message,
    })),
];

describe("the freetier plugin, called through the ResourceProvider protocol as the engine does", function () {
    this.timeout(120000);
    const deployed = new Map<boolean, Deployed>();

    before(async () => {
        // Four processes (the plugin and a program, for a preview and an update), started together.
        const [preview, update] = await Promise.all([deploy(true), deploy(false)]);
        deployed.set(true, preview).set(false, update);
    });
    after(async () => {
        for (const d of deployed.values()) {
            await d.plugin.stop();
            await Promise.all([d.engine.stop(), d.program.stop()]);
        }
    });

    it("answers GetPluginInfo with the package's version", async () => {
        const { plugin } = deployed.get(true)!;
        assert.equal(await plugin.getPluginInfo(), PACKAGE.version);
    });

    it("answers GetSchema with the committed schema.json, byte for byte", async () => {
        const { plugin } = deployed.get(true)!;
        assert.equal(await plugin.getSchema(), fs.readFileSync(path.join(PLUGIN_DIR, "schema.json"), "utf8"));
    });

    for (const preview of [true, false]) {
        describe(preview ? "in a preview" : "in an update", () => {
            let engine: EngineServer;
            let program: EngineServer;
            let built: ReadonlyMap<string, Constructed>;
            let tokyo: string;
            before(() => ({ engine, program, built, tokyo } = deployed.get(preview)!));

            for (const c of CASES) {
                it(`with ${c.why}: registers exactly what a TypeScript program registers, inputs, options and dependencies included`, () => {
                    const fromPlugin = serverRecords(engine, c.name);
                    assert.ok(fromPlugin.length >= 3, `${c.name}: ${fromPlugin.map((r) => r.urn).join(", ")}`);
                    assert.deepEqual(fromPlugin.map(sameDefaults), serverRecords(program, c.name).map(sameDefaults));
                });
            }

            it("builds the guide's server: the component, a generated key, the key pair, the security group and the instance", () => {
                assert.equal(built.get("guide")!.urn, componentUrn("guide"));
                assert.deepEqual(childTypes(engine, "guide"), [INSTANCE, KEY_PAIR, SECURITY_GROUP, PRIVATE_KEY]);
                assert.deepEqual(childTypes(engine, "eip"), [EIP, INSTANCE, KEY_PAIR, SECURITY_GROUP, PRIVATE_KEY]);
            });

            it("builds each access mode as TypeScript does: no key pair for instance-connect and ssm, Session Manager's role and profile, the budget", () => {
                assert.deepEqual(childTypes(engine, "eic"), [INSTANCE, SECURITY_GROUP]);
                assert.deepEqual(childTypes(engine, "ssm"), [
                    BUDGET,
                    INSTANCE,
                    SECURITY_GROUP,
                    INSTANCE_PROFILE,
                    ROLE,
                    ROLE_POLICY_ATTACHMENT,
                ]);
                for (const name of ["eic", "ssm"]) {
                    const state = built.get(name)!.state;
                    for (const key of ["keyPair", "privateKeyPem", "sshCommand"]) {
                        assert.ok(!(key in state), `${name} has no ${key}`);
                    }
                }
                const sshRules = (name: string) =>
                    (
                        serverRecords(engine, name).find((r) => r.type === SECURITY_GROUP)!.inputs.ingress as any[]
                    ).filter((rule) => rule.fromPort === 22);
                assert.deepEqual(sshRules("ssm"), []);
                assert.equal(sshRules("eic").length, 1);
                assert.deepEqual(Object.keys(sshRules("eic")[0]).sort(), [
                    "description",
                    "fromPort",
                    "prefixListIds",
                    "protocol",
                    "toPort",
                ]);
                const attachment = serverRecords(engine, "ssm").find((r) => r.type === ROLE_POLICY_ATTACHMENT)!;
                assert.equal(attachment.inputs.policyArn, "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore");
                const budget = serverRecords(engine, "budget").find((r) => r.type === BUDGET)!;
                assert.equal(budget.inputs.limitAmount, "5.00");
                const dns = preview ? UNKNOWN : SERVER_DNS;
                const value = (name: string, key: string) => built.get(name)!.state[key];
                assert.equal(value("guide", "connectCommand"), preview ? UNKNOWN : `ssh -i guide.pem ec2-user@${dns}`);
                assert.equal(
                    value("eic", "connectCommand"),
                    preview ? UNKNOWN : "aws ec2-instance-connect ssh --instance-id eic-instance-id --os-user ec2-user",
                );
                assert.equal(
                    value("ssm", "connectCommand"),
                    preview ? UNKNOWN : "aws ssm start-session --target ssm-instance-id",
                );
            });

            it("imports a public key sent as a secret, keeping it secret, and generates no key", () => {
                const keyPair = serverRecords(engine, "own-key").find((r) => r.type === KEY_PAIR)!;
                assert.ok(isSecret(keyPair.inputs.publicKey), "the key pair's publicKey is sent as a secret");
                assert.equal(reveal(keyPair.inputs.publicKey), MY_KEY);
                assert.deepEqual(childTypes(engine, "own-key"), [INSTANCE, KEY_PAIR, SECURITY_GROUP]);
                assert.ok(
                    !("privateKeyPem" in built.get("own-key")!.state),
                    "no privateKeyPem without a generated key",
                );
            });

            it("looks up each server's AMI through the engine as a program does, Amazon Linux 2's for os amazon-linux-2", () => {
                // The engine's own getResource is no lookup: the plugin's SDK asks it for the
                // provider the component was given, which a program made itself.
                const lookups = (e: EngineServer) =>
                    e.invokes
                        .filter((call) => call.token !== "pulumi:pulumi:getResource")
                        .map((call) => `${call.token} ${call.args.name}`)
                        .sort();
                assert.deepEqual(lookups(engine), lookups(program));
                const amiLookups = lookups(engine).filter((l) => l.startsWith("aws:ssm/getParameter"));
                assert.equal(amiLookups.length, CASES.filter((c) => c.args.ami === undefined).length);
                assert.deepEqual(
                    lookups(engine).filter((l) => l.includes("amzn2")),
                    ["aws:ssm/getParameter:getParameter /aws/service/ami-amazon-linux-latest/amzn2-ami-hvm-x86_64-gp2"],
                );
            });

            it("sends the Amazon Linux 2 warning to the engine's log, on the component, as a program does", () => {
                const warnings = (e: EngineServer) =>
                    e.logs.filter((l) => l.severity === "warning").map((l) => [l.message, l.urn]);
                assert.deepEqual(warnings(engine), [
                    [
                        'os "amazon-linux-2" reached end of support on 2026-06-30 and gets no more security updates; AWS recommends "amazon-linux-2023"',
                        componentUrn("al2"),
                    ],
                ]);
                assert.deepEqual(warnings(engine), warnings(program));
            });

            it("registers the component's outputs as a program does, and returns them as its state", () => {
                for (const c of CASES) {
                    const outputs = engine.get(componentUrn(c.name))!.outputs!;
                    assert.deepEqual(outputs, program.get(componentUrn(c.name))!.outputs, c.name);
                    // The state is the outputs, less those the server does not have (no Elastic IP, an imported key).
                    const defined = Object.fromEntries(Object.entries(outputs).filter(([, v]) => v !== null));
                    assert.deepEqual(built.get(c.name)!.state, defined, c.name);
                }
            });

            it("returns privateKeyPem as a secret and the children as resource references", () => {
                const state = built.get("guide")!.state;
                assert.ok(isSecret(state.privateKeyPem), "privateKeyPem is a secret");
                assert.equal(reveal(state.privateKeyPem), preview ? UNKNOWN : TEST_PEM);
                for (const key of ["instance", "securityGroup", "keyPair"]) {
                    assert.ok(isResourceReference(state[key]), `${key} is a resource reference`);
                }
                assert.ok(isResourceReference(built.get("eip")!.state.elasticIp), "elasticIp is a resource reference");
            });

            it(
                preview
                    ? "leaves what AWS computes unknown: the address, the DNS name, the ssh command and the URLs"
                    : "returns the server's address, DNS name, ssh command and app URLs",
                () => {
                    const value = (name: string, key: string) => built.get(name)!.state[key];
                    const dns = preview ? UNKNOWN : SERVER_DNS;
                    assert.equal(value("guide", "publicIp"), preview ? UNKNOWN : SERVER_IP);
                    assert.equal(value("guide", "publicDns"), dns);
                    assert.equal(value("guide", "sshCommand"), preview ? UNKNOWN : `ssh -i guide.pem ec2-user@${dns}`);
                    assert.equal(value("own-key", "sshCommand"), preview ? UNKNOWN : `ssh ec2-user@${dns}`);
                    const urls = [8080, 443].map((port) => `http://${dns}:${port}`);
                    assert.deepEqual(value("ports", "appUrls"), preview ? UNKNOWN : urls);
                },
            );

            it("gives every AWS child and lookup the component's AWS provider, and every child protect", () => {
                const children = serverRecords(engine, "tokyo").filter((r) => r.type !== COMPONENT);
                for (const child of children.filter((r) => r.type.startsWith("aws:"))) {
                    assert.equal(child.provider, tokyo, child.urn);
                }
                for (const child of children) {
                    assert.equal(child.options.protect, true, child.urn);
                }
                const subnetLookups = engine.invokes.filter((call) => call.token === "aws:ec2/getSubnet:getSubnet");
                assert.deepEqual(
                    subnetLookups.map((call) => call.provider),
                    [tokyo],
                );
                const component = engine.get(componentUrn("tokyo"))!;
                assert.deepEqual(component.dependencies, [OFFICE_IP]);
                assert.deepEqual(component.options.ignoreChanges, ["tags"]);
            });

            it("makes the instance depend on the resource its AMI comes from, and keeps a secret userData secret", () => {
                const instance = serverRecords(engine, "pinned").find((r) => r.type === INSTANCE)!;
                assert.deepEqual(instance.propertyDependencies.ami, [GOLDEN_AMI]);
                assert.ok(instance.dependencies.includes(GOLDEN_AMI));
                assert.ok(isSecret(instance.inputs.userData), "the instance's userData is sent as a secret");
            });

            it("prints no private key, imported key or secret userData in any log record but the SDK's debug records", () => {
                const secrets = [TEST_PEM, MY_KEY, "s3cr3t"];
                for (const log of engine.logs.filter((l) => l.severity !== "debug")) {
                    for (const text of secrets) {
                        assert.ok(!log.message.includes(text), `${log.severity}: ${log.message}`);
                    }
                }
            });

            it("says which resources each output depends on", () => {
                const child = (name: string, type: string) =>
                    serverRecords(engine, name).find((r) => r.type === type)!.urn;
                const deps = built.get("guide")!.stateDependencies;
                assert.deepEqual(deps.instance, [child("guide", INSTANCE)]);
                assert.deepEqual(deps.publicIp, [child("guide", INSTANCE)]);
                assert.deepEqual(deps.privateKeyPem, [child("guide", PRIVATE_KEY)]);
                assert.deepEqual(built.get("eip")!.stateDependencies.publicIp, [child("eip", EIP)]);
            });
        });
    }

    describe("refuses, in a preview, before registering or looking up anything", () => {
        for (const r of REFUSALS) {
            it(r.why, async () => {
                const { engine, plugin } = deployed.get(true)!;
                const [resources, invokes] = [engine.resources.length, engine.invokes.length];
                const call = {
                    name: r.name ?? "bad",
                    type: r.type,
                    inputs: r.inputs,
                    inputDependencies: r.dependencies,
                    parent: STACK_URN,
                };
                await assert.rejects(plugin.construct(deployment(engine, true), call), (err: grpc.ServiceError) => {
                    assert.equal(err.details, r.message);
                    return true;
                });
                assert.deepEqual([engine.resources.length, engine.invokes.length], [resources, invokes]);
            });
        }
    });
});
