/**
 * The Pulumi engine's side of the Analyzer protocol, as a client: starts a policy pack the way
 * the engine does (`run-policy-pack` from the pack's folder, which prints its gRPC port) and
 * calls it over gRPC: GetAnalyzerInfo, Configure, Analyze (one resource, with options and
 * provider) and AnalyzeStack (all resources, with parents and dependencies). Every wait has a
 * deadline: the start for the port, each call for its answer; a pack that dies or hangs is
 * reported with what it was asked and what it printed.
 */
import type { ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as analyzerRpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as analyzer from "@pulumi/pulumi/proto/analyzer_pb";
import { startPlugin } from "./pluginStart";
import { UnaryMethod, unaryCall } from "./unaryCall";

export type EnforcementLevel = "advisory" | "mandatory" | "disabled" | "remediate";

const LEVELS: Record<number, EnforcementLevel> = {
    [analyzer.EnforcementLevel.ADVISORY]: "advisory",
    [analyzer.EnforcementLevel.MANDATORY]: "mandatory",
    [analyzer.EnforcementLevel.DISABLED]: "disabled",
    [analyzer.EnforcementLevel.REMEDIATE]: "remediate",
};
const LEVEL_CODES: Record<EnforcementLevel, analyzer.EnforcementLevel> = {
    advisory: analyzer.EnforcementLevel.ADVISORY,
    mandatory: analyzer.EnforcementLevel.MANDATORY,
    disabled: analyzer.EnforcementLevel.DISABLED,
    remediate: analyzer.EnforcementLevel.REMEDIATE,
};

/**
 * The run-policy-pack a pack folder starts with: its own @pulumi/pulumi's, resolved from the
 * folder as the engine's Node.js language host resolves it (so a pack installed on its own
 * runs on its own copy, and one in this repository on the repository's).
 */
export function runPolicyPackOf(packDir: string): string {
    return require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [path.resolve(packDir)] });
}

export interface ProviderInput {
    readonly type: string;
    readonly name: string;
    readonly urn: string;
    /** Plain values, or a Struct exactly as recorded from the program. */
    readonly properties: Record<string, unknown> | Struct;
}

/** A resource as the engine describes it to an analyzer. */
export interface ResourceInput {
    readonly type: string;
    readonly name: string;
    readonly urn: string;
    readonly properties: Record<string, unknown> | Struct;
    readonly parent?: string;
    readonly provider?: ProviderInput;
    readonly dependencies?: readonly string[];
    readonly propertyDependencies?: Readonly<Record<string, readonly string[]>>;
    readonly options?: {
        readonly protect?: boolean;
        readonly ignoreChanges?: readonly string[];
        readonly additionalSecretOutputs?: readonly string[];
        readonly deleteBeforeReplace?: boolean;
    };
}

export interface Diagnostic {
    readonly policyName: string;
    readonly policyPackName: string;
    readonly policyPackVersion: string;
    readonly description: string;
    readonly message: string;
    readonly enforcementLevel: EnforcementLevel;
    readonly urn: string;
}

export type Severity = "low" | "medium" | "high" | "critical";

const SEVERITIES: Record<number, Severity | undefined> = {
    [analyzer.PolicySeverity.POLICY_SEVERITY_LOW]: "low",
    [analyzer.PolicySeverity.POLICY_SEVERITY_MEDIUM]: "medium",
    [analyzer.PolicySeverity.POLICY_SEVERITY_HIGH]: "high",
    [analyzer.PolicySeverity.POLICY_SEVERITY_CRITICAL]: "critical",
};

export interface PolicyInfo {
    readonly name: string;
    readonly description: string;
    readonly enforcementLevel: EnforcementLevel;
    readonly kind: "resource" | "stack" | "unknown";
    readonly configSchema?: { properties: Record<string, any>; required: string[] };
    /** The rule metadata the policy sets (absent when it sets none). */
    readonly severity?: Severity;
    readonly url?: string;
    readonly remediationSteps?: string;
    readonly tags?: readonly string[];
    readonly framework?: {
        readonly name: string;
        readonly version: string;
        readonly reference: string;
        readonly specification: string;
    };
}

export interface AnalyzerInfo {
    readonly name: string;
    readonly version: string;
    readonly supportsConfig: boolean;
    readonly policies: PolicyInfo[];
    /** The pack's `initialConfig` (the third argument of `new PolicyPack`), by policy name. */
    readonly initialConfig?: Readonly<
        Record<string, { enforcementLevel?: EnforcementLevel; properties?: Record<string, unknown> }>
    >;
}

/** Per-policy config as in a `--policy-pack-config` file: a level, or properties with one. */
export type PolicyPackConfig = Record<
    string,
    EnforcementLevel | ({ enforcementLevel?: EnforcementLevel } & Record<string, unknown>)
>;

function toStruct(value: Record<string, unknown> | Struct): Struct {
    return value instanceof Struct ? value : Struct.fromJavaScript(value as any);
}

function optionsOf(resource: ResourceInput): analyzer.AnalyzerResourceOptions {
    const o = resource.options ?? {};
    const options = new analyzer.AnalyzerResourceOptions();
    options.setProtect(o.protect ?? false);
    options.setIgnorechangesList([...(o.ignoreChanges ?? [])]);
    options.setAdditionalsecretoutputsList([...(o.additionalSecretOutputs ?? [])]);
    options.setAliasesList([]);
    options.setCustomtimeouts(new analyzer.AnalyzerResourceOptions.CustomTimeouts());
    if (o.deleteBeforeReplace !== undefined) {
        options.setDeletebeforereplacedefined(true);
        options.setDeletebeforereplace(o.deleteBeforeReplace);
    }
    if (resource.parent) {
        options.setParent(resource.parent);
    }
    return options;
}

function providerOf(provider: ProviderInput): analyzer.AnalyzerProviderResource {
    const p = new analyzer.AnalyzerProviderResource();
    p.setType(provider.type);
    p.setName(provider.name);
    p.setUrn(provider.urn);
    p.setProperties(toStruct(provider.properties));
    return p;
}

/** The fields AnalyzeRequest and AnalyzerResource share. */
interface ResourceMessage {
    setType(value: string): unknown;
    setName(value: string): unknown;
    setUrn(value: string): unknown;
    setProperties(value?: Struct): unknown;
    setOptions(value?: analyzer.AnalyzerResourceOptions): unknown;
    setProvider(value?: analyzer.AnalyzerProviderResource): unknown;
}

/** Fills the shared fields of a request message from a resource. */
function describeInto<M extends ResourceMessage>(message: M, resource: ResourceInput): M {
    message.setType(resource.type);
    message.setName(resource.name);
    message.setUrn(resource.urn);
    message.setProperties(toStruct(resource.properties));
    message.setOptions(optionsOf(resource));
    if (resource.provider) {
        message.setProvider(providerOf(resource.provider));
    }
    return message;
}

/** A policy's rule metadata as GetAnalyzerInfo carries it: only the fields it sets. */
function metadataOf(p: analyzer.PolicyInfo): Partial<PolicyInfo> {
    const framework = p.getFramework();
    const severity = SEVERITIES[p.getSeverity()];
    return {
        ...(severity ? { severity } : {}),
        ...(p.getUrl() ? { url: p.getUrl() } : {}),
        ...(p.getRemediationSteps() ? { remediationSteps: p.getRemediationSteps() } : {}),
        ...(p.getTagsList().length ? { tags: p.getTagsList() } : {}),
        ...(framework
            ? {
                  framework: {
                      name: framework.getName(),
                      version: framework.getVersion(),
                      reference: framework.getReference(),
                      specification: framework.getSpecification(),
                  },
              }
            : {}),
    };
}

function diagnosticsOf(response: analyzer.AnalyzeResponse): Diagnostic[] {
    return response.getDiagnosticsList().map((d) => ({
        policyName: d.getPolicyname(),
        policyPackName: d.getPolicypackname(),
        policyPackVersion: d.getPolicypackversion(),
        description: d.getDescription(),
        message: d.getMessage(),
        enforcementLevel: LEVELS[d.getEnforcementlevel()],
        urn: d.getUrn(),
    }));
}

/** The file a pack runs: its package.json `main`, or index.js, as run-policy-pack resolves it. */
function packMain(packDir: string): string {
    const manifest = path.join(packDir, "package.json");
    const main = fs.existsSync(manifest) ? JSON.parse(fs.readFileSync(manifest, "utf8")).main : undefined;
    return path.resolve(packDir, typeof main === "string" ? main : "index.js");
}

export interface StartOptions {
    /** Extra arguments for node before the script, e.g. ["--max-old-space-size=256"]. */
    readonly nodeArgs?: readonly string[];
    /** How long to wait for the port. Defaults to 60 s. */
    readonly timeoutMs?: number;
    /** How long to wait for the answer to each call. Defaults to 60 s. */
    readonly callTimeoutMs?: number;
    /** The node binary. Defaults to the one running this process. */
    readonly node?: string;
    /** Stops a start still under way (the pack is killed, the promise rejects). */
    readonly signal?: AbortSignal;
    /** The pack's environment, as the engine passes its own to the plugins it starts. Defaults to this process's. */
    readonly env?: Readonly<Record<string, string | undefined>>;
}

/** A running policy pack and a gRPC client connected to it. */
export class PolicyPackProcess {
    private info?: AnalyzerInfo;
    /** The end of what the pack has printed on stderr since it started. */
    private stderrTail = "";
    /** The end of the queue of exclusive sessions (see {@link exclusive}). */
    private queue: Promise<unknown> = Promise.resolve();

    private constructor(
        private readonly child: ChildProcess,
        private readonly client: analyzerRpc.AnalyzerClient,
        /** The port the pack printed. */
        readonly port: number,
        /** Milliseconds from spawn to the port being printed. */
        readonly startupMs: number,
        private readonly callTimeoutMs: number,
    ) {
        child.stderr!.on("data", (chunk) => {
            this.stderrTail = (this.stderrTail + chunk).slice(-4000);
        });
    }

    /** Starts the pack in `packDir` as the engine does, and connects to it. */
    static start(packDir: string, options: StartOptions = {}): Promise<PolicyPackProcess> {
        if (options.signal?.aborted) {
            return Promise.reject(new Error(`policy pack in ${packDir} was stopped before it started`));
        }
        const main = packMain(packDir);
        if (!fs.existsSync(main)) {
            return Promise.reject(
                new Error(`the policy pack in ${packDir} is not built: ${main} does not exist; run \`npm run build\``),
            );
        }
        let runPolicyPack: string;
        try {
            runPolicyPack = runPolicyPackOf(packDir);
        } catch {
            return Promise.reject(
                new Error(`the policy pack in ${packDir} has no @pulumi/pulumi installed; run \`npm install\` there`),
            );
        }
        return startPlugin(
            `policy pack in ${packDir}`,
            options.node ?? process.execPath,
            [...(options.nodeArgs ?? []), runPolicyPack, "127.0.0.1:1", "."],
            {
                cwd: packDir,
                stdio: ["ignore", "pipe", "pipe"],
                ...(options.env ? { env: { ...options.env } } : {}),
            },
            { timeoutMs: options.timeoutMs ?? 60000, signal: options.signal },
        ).then(({ child, port, startupMs }) => {
            const client = new analyzerRpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
                "grpc.max_receive_message_length": 400 * 1024 * 1024,
                "grpc.max_send_message_length": 400 * 1024 * 1024,
            });
            return new PolicyPackProcess(child, client, port, startupMs, options.callTimeoutMs ?? 60000);
        });
    }

    private call<Req, Res>(what: string, method: UnaryMethod<Req, Res>, request: Req): Promise<Res> {
        return unaryCall(this.client, method, request, { deadline: Date.now() + this.callTimeoutMs }).catch(
            (err: grpc.ServiceError) => {
                throw this.failure(what, err);
            },
        );
    }

    /** A failed call, said as what the pack was asked and why it did not answer. */
    private failure(what: string, err: grpc.ServiceError): Error {
        const printed = this.stderrTail.trim() ? `:\n${this.stderrTail.trim()}` : "";
        if (this.child.exitCode !== null || this.child.signalCode !== null) {
            const how =
                this.child.exitCode !== null ? `with code ${this.child.exitCode}` : `on ${this.child.signalCode}`;
            return new Error(`the policy pack exited ${how} during ${what}${printed}`);
        }
        if (err.code === grpc.status.DEADLINE_EXCEEDED) {
            return new Error(`the policy pack did not answer ${what} within ${this.callTimeoutMs / 1000} s${printed}`);
        }
        return new Error(`the policy pack failed ${what}: ${err.details || err.message}${printed}`);
    }

    /** GetAnalyzerInfo: the pack's name, version and policies with their levels and schemas. */
    async getAnalyzerInfo(): Promise<AnalyzerInfo> {
        const response = await this.call<Empty, analyzer.AnalyzerInfo>(
            "GetAnalyzerInfo",
            this.client.getAnalyzerInfo,
            new Empty(),
        );
        this.info = {
            name: response.getName(),
            version: response.getVersion(),
            supportsConfig: response.getSupportsconfig(),
            policies: response.getPoliciesList().map((p) => {
                const schema = p.getConfigschema();
                const kind = p.getPolicyType();
                return {
                    name: p.getName(),
                    description: p.getDescription(),
                    enforcementLevel: LEVELS[p.getEnforcementlevel()],
                    kind:
                        kind === analyzer.PolicyType.POLICY_TYPE_RESOURCE
                            ? "resource"
                            : kind === analyzer.PolicyType.POLICY_TYPE_STACK
                              ? "stack"
                              : "unknown",
                    configSchema: schema
                        ? {
                              properties: (schema.getProperties()?.toJavaScript() ?? {}) as Record<string, any>,
                              required: schema.getRequiredList(),
                          }
                        : undefined,
                    ...metadataOf(p),
                };
            }),
        };
        const initial = response.getInitialconfigMap();
        if (initial.getLength() > 0) {
            const initialConfig: Record<
                string,
                { enforcementLevel?: EnforcementLevel; properties?: Record<string, unknown> }
            > = {};
            initial.forEach((entry, name) => {
                const level = entry.getEnforcementlevel();
                const properties = (entry.getProperties()?.toJavaScript() ?? {}) as Record<string, unknown>;
                initialConfig[name] = {
                    enforcementLevel: LEVELS[level],
                    properties: Object.keys(properties).length > 0 ? properties : undefined,
                };
            });
            this.info = { ...this.info, initialConfig };
        }
        return this.info;
    }

    /**
     * Configure, as the engine sends it: every policy, each at its configured level or else its
     * own default level, with its configured properties.
     */
    async configure(config: PolicyPackConfig): Promise<void> {
        const info = this.info ?? (await this.getAnalyzerInfo());
        const request = new analyzer.ConfigureAnalyzerRequest();
        for (const policy of info.policies) {
            const given = config[policy.name];
            const { enforcementLevel, ...properties } =
                typeof given === "string" ? { enforcementLevel: given } : (given ?? {});
            const entry = new analyzer.PolicyConfig();
            entry.setEnforcementlevel(LEVEL_CODES[(enforcementLevel as EnforcementLevel) ?? policy.enforcementLevel]);
            entry.setProperties(Struct.fromJavaScript(properties as any));
            request.getPolicyconfigMap().set(policy.name, entry);
        }
        await this.call("Configure", this.client.configure, request);
    }

    /** Analyze: one resource's inputs, before it is created or updated. */
    async analyze(resource: ResourceInput): Promise<Diagnostic[]> {
        const request = describeInto(new analyzer.AnalyzeRequest(), resource);
        return diagnosticsOf(
            await this.call(`Analyze of ${resource.urn ?? resource.name}`, this.client.analyze, request),
        );
    }

    /** AnalyzeStack: every resource of the stack at once, with parents and dependencies. */
    async analyzeStack(resources: readonly ResourceInput[]): Promise<Diagnostic[]> {
        const request = new analyzer.AnalyzeStackRequest();
        request.setResourcesList(
            resources.map((resource) => {
                const r = describeInto(new analyzer.AnalyzerResource(), resource);
                r.setParent(resource.parent ?? "");
                r.setDependenciesList([...(resource.dependencies ?? [])]);
                for (const [key, urns] of Object.entries(resource.propertyDependencies ?? {})) {
                    const deps = new analyzer.AnalyzerPropertyDependencies();
                    deps.setUrnsList([...urns]);
                    r.getPropertydependenciesMap().set(key, deps);
                }
                return r;
            }),
        );
        return diagnosticsOf(await this.call("AnalyzeStack", this.client.analyzeStack, request));
    }

    /**
     * Runs `session` once every session queued before it has finished, so that one caller's
     * Configure and the Analyze calls that depend on it are not interleaved with another's.
     */
    exclusive<T>(session: () => Promise<T>): Promise<T> {
        const turn = this.queue.then(session);
        this.queue = turn.catch(() => undefined);
        return turn;
    }

    /** The pack's process id. */
    get pid(): number {
        return this.child.pid!;
    }

    /** Closes the connection and stops the pack. */
    async stop(): Promise<void> {
        this.client.close();
        if (this.child.exitCode === null && this.child.signalCode === null) {
            const exited = new Promise((resolve) => this.child.once("exit", resolve));
            this.child.kill();
            // A pack stuck in a loop does not stop on SIGTERM.
            const stuck = setTimeout(() => this.child.kill("SIGKILL"), 5000);
            await exited;
            clearTimeout(stuck);
        }
    }
}
