/**
 * The engine's side of the ResourceProvider protocol for the freetier plugin: starts it as the
 * Pulumi engine does (`node @pulumi/pulumi/cmd/run-plugin <plugin folder> <engine address>`,
 * from the plugin's folder; it prints its port) and calls GetPluginInfo, GetSchema, Configure
 * and Construct over gRPC. Used by the plugin's tests and by `npm run bench`.
 */
import type { ChildProcess } from "node:child_process";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as providerRpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as aliasPb from "@pulumi/pulumi/proto/alias_pb";
import * as pluginPb from "@pulumi/pulumi/proto/plugin_pb";
import * as providerPb from "@pulumi/pulumi/proto/provider_pb";
import * as resourceRpc from "@pulumi/pulumi/proto/resource_grpc_pb";
import * as resourcePb from "@pulumi/pulumi/proto/resource_pb";
import type { InvokeCall, WireMap } from "../../offline/engineServer";
import { answerLookup } from "../../offline/lookups";
import { startPlugin } from "../../offline/pluginStart";
import { UnaryMethod, unaryCall } from "../../offline/unaryCall";
import { reveal, UNKNOWN } from "../../offline/wireValues";
import { FREE_TIER_SERVER_TYPE as COMPONENT } from "../../components";

export const PLUGIN_DIR = path.resolve(__dirname, "../../freetier");

const RUN_PLUGIN = path.join(path.dirname(require.resolve("@pulumi/pulumi/package.json")), "cmd/run-plugin");

/**
 * The engine's answer to the lookups FreeTierServer makes (the SSM parameter of the latest
 * AMI, a subnet's VPC), with the offline preview's documented placeholders.
 */
export function placeholderLookup(region: string): (call: InvokeCall) => Promise<WireMap> {
    return async (call) => (await answerLookup(call.token, reveal(call.args) as WireMap, { region })) as WireMap;
}

/**
 * Registers a provider in a deployment, as the consumer's program does before it gives it to a
 * component, and returns the reference the engine then sends in Construct's providers map
 * ("<urn>::<id>", the id unknown in a preview).
 */
export async function registerProvider(
    monitor: string,
    stackUrn: string,
    pkg: string,
    name: string,
    inputs: Readonly<Record<string, string>>,
): Promise<string> {
    const client = new resourceRpc.ResourceMonitorClient(monitor, grpc.credentials.createInsecure());
    try {
        const request = new resourcePb.RegisterResourceRequest()
            .setType(`pulumi:providers:${pkg}`)
            .setName(name)
            .setParent(stackUrn)
            .setCustom(true)
            .setObject(Struct.fromJavaScript({ ...inputs }));
        const response = await unaryCall<resourcePb.RegisterResourceRequest, resourcePb.RegisterResourceResponse>(
            client,
            client.registerResource,
            request,
        );
        return `${response.getUrn()}::${response.getId() || UNKNOWN}`;
    } finally {
        client.close();
    }
}

/** The deployment a Construct belongs to, as the engine describes it. */
export interface Deployment {
    readonly project: string;
    readonly stack: string;
    readonly preview: boolean;
    /** The ResourceMonitor's address ("127.0.0.1:<port>"). */
    readonly monitor: string;
    /** Stack config, "<namespace>:<key>" to value. */
    readonly config?: Readonly<Record<string, string>>;
}

export interface ConstructCall {
    readonly name: string;
    /** Defaults to freetier:index:FreeTierServer. */
    readonly type?: string;
    /** As the engine sends them: unknowns, secrets and resource references marked (wireValues.ts). */
    readonly inputs: WireMap;
    /** The URNs each input's value comes from. */
    readonly inputDependencies?: Readonly<Record<string, readonly string[]>>;
    /** The parent's URN: the stack's, for a component at the top of a program. */
    readonly parent: string;
    /** The resource options a program gave the component, as the engine forwards them. */
    readonly options?: ConstructOptions;
}

/** The resource options the engine forwards to Construct. */
export interface ConstructOptions {
    /** Package name to provider reference ("<provider urn>::<provider id>"). */
    readonly providers?: Readonly<Record<string, string>>;
    readonly protect?: boolean;
    /** URNs of the resources the component depends on (dependsOn). */
    readonly dependsOn?: readonly string[];
    /** Old URNs of the component. */
    readonly aliases?: readonly string[];
    readonly ignoreChanges?: readonly string[];
    readonly retainOnDelete?: boolean;
}

export interface Constructed {
    readonly urn: string;
    /** The component's outputs as sent: secrets and resource references marked. */
    readonly state: WireMap;
    /** The URNs each output depends on. */
    readonly stateDependencies: Record<string, string[]>;
}

/** A running plugin and a gRPC client connected to it. */
export class ProviderProcess {
    private constructor(
        private readonly child: ChildProcess,
        private readonly client: providerRpc.ResourceProviderClient,
        /** Milliseconds from spawn to the port being printed. */
        readonly startupMs: number,
        /** What the plugin printed on stderr so far. */
        private readonly stderr: () => string,
    ) {}

    get pid(): number {
        return this.child.pid!;
    }

    /** Starts the plugin in `dir` as the engine does, its Log calls going to `engineAddress`. */
    static start(engineAddress: string, dir = PLUGIN_DIR, timeoutMs = 60000): Promise<ProviderProcess> {
        return startPlugin(
            `the plugin in ${dir}`,
            process.execPath,
            [RUN_PLUGIN, dir, engineAddress],
            { cwd: dir, stdio: ["ignore", "pipe", "pipe"] },
            { timeoutMs },
        ).then(({ child, port, startupMs, stderr }) => {
            const client = new providerRpc.ResourceProviderClient(
                `127.0.0.1:${port}`,
                grpc.credentials.createInsecure(),
            );
            return new ProviderProcess(child, client, startupMs, stderr);
        });
    }

    private call<Req, Res>(method: UnaryMethod<Req, Res>, request: Req): Promise<Res> {
        return unaryCall(this.client, method, request);
    }

    /** GetPluginInfo: the plugin's version. */
    async getPluginInfo(): Promise<string> {
        return (await this.call<Empty, pluginPb.PluginInfo>(this.client.getPluginInfo, new Empty())).getVersion();
    }

    /** GetSchema: the package schema, as text. */
    async getSchema(): Promise<string> {
        const request = new providerPb.GetSchemaRequest().setVersion(0);
        return (
            await this.call<providerPb.GetSchemaRequest, providerPb.GetSchemaResponse>(this.client.getSchema, request)
        ).getSchema();
    }

    /** Configure, as the engine sends it before the first Construct. */
    async configure(): Promise<void> {
        const request = new providerPb.ConfigureRequest().setArgs(new Struct());
        await this.call(this.client.configure, request.setAcceptsecrets(true).setAcceptresources(true));
    }

    /** Construct: builds the component, which registers its children with the deployment's monitor. */
    async construct(deployment: Deployment, call: ConstructCall): Promise<Constructed> {
        const request = new providerPb.ConstructRequest()
            .setProject(deployment.project)
            .setStack(deployment.stack)
            .setDryrun(deployment.preview)
            .setParallel(16)
            .setMonitorendpoint(deployment.monitor)
            .setType(call.type ?? COMPONENT)
            .setName(call.name)
            .setParent(call.parent)
            .setInputs(Struct.fromJavaScript(call.inputs as Parameters<typeof Struct.fromJavaScript>[0]));
        const options = call.options ?? {};
        request
            .setProtect(options.protect ?? false)
            .setDependenciesList([...(options.dependsOn ?? [])])
            .setAliasesList((options.aliases ?? []).map((urn) => new aliasPb.Alias().setUrn(urn)))
            .setIgnorechangesList([...(options.ignoreChanges ?? [])])
            .setRetainondelete(options.retainOnDelete ?? false);
        for (const [pkg, ref] of Object.entries(options.providers ?? {})) {
            request.getProvidersMap().set(pkg, ref);
        }
        for (const [key, value] of Object.entries(deployment.config ?? {})) {
            request.getConfigMap().set(key, value);
        }
        for (const [key, urns] of Object.entries(call.inputDependencies ?? {})) {
            const deps = new providerPb.ConstructRequest.PropertyDependencies().setUrnsList([...urns]);
            request.getInputdependenciesMap().set(key, deps);
        }
        const response = await this.call<providerPb.ConstructRequest, providerPb.ConstructResponse>(
            this.client.construct,
            request,
        );
        const stateDependencies: Record<string, string[]> = {};
        response.getStatedependenciesMap().forEach((deps, key) => (stateDependencies[key] = deps.getUrnsList()));
        return {
            urn: response.getUrn(),
            state: (response.getState()?.toJavaScript() ?? {}) as WireMap,
            stateDependencies,
        };
    }

    /** Stops the plugin; resolves with what it printed on stderr. */
    stop(): Promise<string> {
        this.client.close();
        if (this.child.exitCode !== null || this.child.signalCode !== null) {
            return Promise.resolve(this.stderr());
        }
        return new Promise((resolve) => {
            this.child.once("exit", () => resolve(this.stderr()));
            this.child.kill();
        });
    }
}
