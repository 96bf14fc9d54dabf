/**
 * The Pulumi engine's side of the two gRPC services a running program (or a component
 * plugin's Construct) calls back: ResourceMonitor (RegisterResource, ReadResource, Invoke,
 * RegisterResourceOutputs, SupportsFeature, RegisterPackage, ...) and Engine (Log, the root
 * resource). It answers as the engine does in a preview, where what providers compute is
 * unknown, or in an update, with placeholders its caller supplies; and it records every call
 * as plain wire data (see wireValues.ts). No provider plugin runs and nothing reaches a cloud:
 * provider functions (lookups) are answered by the caller's `invoke`. The program's transforms
 * (resource and invoke transforms) are called back in the program before each registration or
 * lookup, as the engine calls them (`programCallbacks.ts`).
 *
 * Whoever talks to it (`@pulumi/pulumi/cmd/run` running a program, `run-plugin` serving a
 * component) may be any version of the SDK, with its own copy of protobuf: only the wire
 * format is shared.
 */
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as engineRpc from "@pulumi/pulumi/proto/engine_grpc_pb";
import * as enginePb from "@pulumi/pulumi/proto/engine_pb";
import * as providerPb from "@pulumi/pulumi/proto/provider_pb";
import * as resourceRpc from "@pulumi/pulumi/proto/resource_grpc_pb";
import * as callbackPb from "@pulumi/pulumi/proto/callback_pb";
import * as resourcePb from "@pulumi/pulumi/proto/resource_pb";
import { callbackOf, ProgramCallback, ProgramCallbacks } from "./programCallbacks";
import { STACK } from "./resourceTypes";
import {
    flattenReferences,
    outputDependencies,
    reveal,
    UNKNOWN,
    withDependencies,
    withoutOutputValues,
    WireValue,
} from "./wireValues";

export type WireMap = Record<string, WireValue>;

/** A resource as a program registered (or read) it. */
export interface RegisteredResource {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    /** The parent's URN; "" for the stack itself. */
    readonly parent: string;
    readonly custom: boolean;
    /** A multi-language component, built by a provider plugin's Construct, which does not run here. */
    readonly remote: boolean;
    /** "read" for `Resource.get` (ReadResource); "register" otherwise. */
    readonly operation: "register" | "read";
    /** The id given to read or import the resource, "" otherwise. */
    readonly id: string;
    /** Inputs (read: the given state) as sent: unknowns, secrets and resource references marked. */
    readonly inputs: WireMap;
    /**
     * The inputs as the provider's Check returned them (the engine's `check` option), which the
     * engine keeps and hands the analyzers; absent when no check ran (reads, components).
     */
    readonly checkedInputs?: WireMap;
    /** The explicit provider reference ("<urn>::<id>"), or "" for the package's default provider. */
    readonly provider: string;
    readonly dependencies: string[];
    readonly propertyDependencies: Record<string, string[]>;
    readonly options: {
        readonly protect: boolean;
        readonly ignoreChanges: string[];
        readonly additionalSecretOutputs: string[];
        readonly deleteBeforeReplace?: boolean;
        readonly retainOnDelete?: boolean;
        readonly deletedWith: string;
        readonly version: string;
        readonly pluginDownloadUrl: string;
    };
    /** Outputs a component registered with RegisterResourceOutputs (the stack's: the program's exports). */
    outputs?: WireMap;
    /** Where the program made it (the SDK's `sourcePosition`: the caller of `new ...`), when sent. */
    readonly sourcePosition?: SourcePosition;
    /** The call stack of that `new ...` (the SDK's `stackTrace`), innermost first; frames without a position left out. */
    readonly stackTrace?: readonly SourcePosition[];
}

/** A place in a source file, as the SDK sends it: a file URI and 1-based line and column. */
export interface SourcePosition {
    readonly uri: string;
    readonly line: number;
    readonly column: number;
}

/** The source position and stack trace a registration carries, as plain data. */
function positionsOf(req: resourcePb.RegisterResourceRequest | resourcePb.ReadResourceRequest): {
    sourcePosition?: SourcePosition;
    stackTrace?: SourcePosition[];
} {
    const plainPosition = (p: { getUri(): string; getLine(): number; getColumn(): number } | undefined) =>
        p && p.getUri() ? { uri: p.getUri(), line: p.getLine(), column: p.getColumn() } : undefined;
    const sourcePosition = plainPosition(req.getSourceposition());
    const stackTrace = (req.getStacktrace()?.getFramesList() ?? [])
        .map((f) => plainPosition(f.getPc()))
        .filter((p): p is SourcePosition => p !== undefined);
    return {
        ...(sourcePosition ? { sourcePosition } : {}),
        ...(stackTrace.length ? { stackTrace } : {}),
    };
}

/** A provider function call (lookup), as made. */
export interface InvokeCall {
    readonly token: string;
    /** Arguments as sent: secrets marked (`reveal` them for plain values). */
    readonly args: WireMap;
    /** The explicit provider reference, or "" for the default provider. */
    readonly provider: string;
    /** The resource the call was made for (its `parent` option), where the SDK says. */
    readonly parent: string;
}

export type LogSeverity = "debug" | "info" | "warning" | "error";

export interface LogEntry {
    readonly severity: LogSeverity;
    readonly message: string;
    /** The resource it is about, or "" for the program as a whole. */
    readonly urn: string;
    readonly ephemeral: boolean;
}

export interface EngineServerOptions {
    readonly project: string;
    readonly stack: string;
    readonly organization?: string;
    /** Preview (`pulumi preview`): what providers compute stays unknown. Otherwise an update. */
    readonly preview: boolean;
    /**
     * Answers a provider function call with its result. Throw (or reject) to fail the call as a
     * provider would; the program sees "invocation of <token> returned an error: <message>".
     */
    readonly invoke: (call: InvokeCall) => WireMap | Promise<WireMap>;
    /**
     * What a provider would compute when creating a custom resource in an update: its id and
     * the outputs it adds to the inputs. Not used in a preview. Defaults to the id "<name>-id".
     */
    readonly create?: (resource: RegisteredResource) => { id?: string; outputs?: WireMap };
    /** Called for every Log the program sends, as it arrives. */
    readonly onLog?: (entry: LogEntry) => void;
    /** How long one of the program's transforms may take to answer. Defaults to 30 s. */
    readonly transformMs?: number;
    /**
     * The provider's Check of a custom resource the program registers: the checked inputs, or a
     * throw when the provider refuses them, which fails the registration (the engine does not
     * register, or analyze, a resource whose Check fails). Defaults to the inputs unchanged.
     */
    readonly check?: (resource: RegisteredResource) => WireMap;
}

const SEVERITIES: Record<number, LogSeverity> = {
    [enginePb.LogSeverity.DEBUG]: "debug",
    [enginePb.LogSeverity.INFO]: "info",
    [enginePb.LogSeverity.WARNING]: "warning",
    [enginePb.LogSeverity.ERROR]: "error",
};

/** The stack a StackReference reads ("org/project/stack"): its name input, else its id. */
export function referencedStack(reference: RegisteredResource): string {
    return String(reveal(reference.inputs.name ?? reference.id));
}
const GET_RESOURCE = "pulumi:pulumi:getResource";

/**
 * Features this engine has, by the names older SDKs ask SupportsFeature about and by the
 * enum newer ones read from GetDeploymentInfo. Output values are not offered: the SDK then
 * sends plain values.
 */
const FEATURES: Readonly<Record<string, resourcePb.ResourceMonitorFeature>> = {
    secrets: resourcePb.ResourceMonitorFeature.RESOURCE_MONITOR_FEATURE_SECRETS,
    resourceReferences: resourcePb.ResourceMonitorFeature.RESOURCE_MONITOR_FEATURE_RESOURCE_REFERENCES,
    aliasSpecs: resourcePb.ResourceMonitorFeature.RESOURCE_MONITOR_FEATURE_ALIAS_SPECS,
    deletedWith: resourcePb.ResourceMonitorFeature.RESOURCE_MONITOR_FEATURE_DELETED_WITH,
    replaceWith: resourcePb.ResourceMonitorFeature.RESOURCE_MONITOR_FEATURE_REPLACE_WITH,
    parameterization: resourcePb.ResourceMonitorFeature.RESOURCE_MONITOR_FEATURE_PARAMETERIZATION,
    transforms: resourcePb.ResourceMonitorFeature.RESOURCE_MONITOR_FEATURE_TRANSFORMS,
    invokeTransforms: resourcePb.ResourceMonitorFeature.RESOURCE_MONITOR_FEATURE_INVOKE_TRANSFORMS,
    resourceHooks: resourcePb.ResourceMonitorFeature.RESOURCE_MONITOR_FEATURE_RESOURCE_HOOKS,
    errorHooks: resourcePb.ResourceMonitorFeature.RESOURCE_MONITOR_FEATURE_ERROR_HOOKS,
};

/** A gRPC error whose details the SDK shows to the user. */
function rpcError(code: grpc.status, message: string): grpc.ServiceError {
    return Object.assign(new Error(message), { code, details: message, metadata: new grpc.Metadata() });
}

/** A Struct of a value; entries that are undefined are left out, as the protocol has no such value. */
function structOf(value: WireMap): Struct {
    const defined = JSON.parse(JSON.stringify(value)) as Parameters<typeof Struct.fromJavaScript>[0];
    return Struct.fromJavaScript(defined);
}

function plain(struct: Struct | undefined): WireMap {
    return (struct?.toJavaScript() ?? {}) as WireMap;
}

/** The qualified type in a URN ("parent$child"), its third "::" part. */
function qualifiedTypeOf(urn: string): string {
    return urn.split("::")[2] ?? "";
}

type Handler<Req, Res> = (call: grpc.ServerUnaryCall<Req, Res>, callback: grpc.sendUnaryData<Res>) => void;

/** A running engine: the two services on one loopback port, and what the program has told it. */
export class EngineServer {
    /** Every resource registered or read, in order. */
    readonly resources: RegisteredResource[] = [];
    /** Every provider function call, in order. */
    readonly invokes: InvokeCall[] = [];
    /** Every Log the program sent. */
    readonly logs: LogEntry[] = [];
    /** The provider Checks that refused a registration, in order (the program was given each as an error). */
    readonly checkFailures: Error[] = [];
    /** Provider function calls that failed, with the error the program was given. */
    readonly failedInvokes: { readonly call: InvokeCall; readonly message: string }[] = [];
    /** Packages registered (parameterized providers), by the ref handed back. */
    readonly packages = new Map<string, { name: string; version: string }>();
    /** The stack's URN, once the program has set it. */
    rootUrn = "";
    /** When the program last called this engine (ms since the epoch). */
    lastCallAt = Date.now();

    private readonly byUrn = new Map<string, RegisteredResource>();
    /** What the engine knows of each custom resource after its step: its id and state. */
    private readonly states = new Map<string, { id: string; state: WireMap }>();
    /** Calls not answered yet, with when each arrived (ms since the epoch). */
    private readonly inflight = new Map<InvokeCall, number>();
    /** The program's transforms: the stack's, each resource's own (by URN), and its invoke transforms. */
    private readonly stackTransforms: ProgramCallback[] = [];
    private readonly resourceTransforms = new Map<string, ProgramCallback[]>();
    private readonly invokeTransforms: ProgramCallback[] = [];
    private readonly callbacks: ProgramCallbacks;

    private constructor(
        private readonly server: grpc.Server,
        /** "127.0.0.1:<port>": what `--monitor` and `--engine` take. */
        readonly address: string,
        private readonly options: EngineServerOptions,
    ) {
        this.callbacks = new ProgramCallbacks(options.transformMs ?? 30000);
    }

    static start(options: EngineServerOptions): Promise<EngineServer> {
        const server = new grpc.Server({
            "grpc.max_receive_message_length": 400 * 1024 * 1024,
            "grpc.max_send_message_length": 400 * 1024 * 1024,
        });
        return new Promise((resolve, reject) => {
            server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, port) => {
                if (err) {
                    return reject(err);
                }
                const engine = new EngineServer(server, `127.0.0.1:${port}`, options);
                server.addService(resourceRpc.ResourceMonitorService, engine.monitorService());
                server.addService(engineRpc.EngineService, engine.engineService());
                resolve(engine);
            });
        });
    }

    /** A resource by URN. */
    get(urn: string): RegisteredResource | undefined {
        return this.byUrn.get(urn);
    }

    /** The stack's outputs (the program's exports), once registered. */
    get stackOutputs(): WireMap | undefined {
        return this.rootUrn ? this.byUrn.get(this.rootUrn)?.outputs : undefined;
    }

    /** Provider function calls made but not answered yet. */
    pendingInvokes(): InvokeCall[] {
        return [...this.inflight.keys()];
    }

    /** When a call not answered yet arrived (ms since the epoch); undefined once it is answered. */
    invokeStartedAt(call: InvokeCall): number | undefined {
        return this.inflight.get(call);
    }

    /** The URN the engine gives a resource: its parent's type chain, its type and its name. */
    urnOf(parent: string, type: string, name: string): string {
        const parentType = parent ? qualifiedTypeOf(parent) : "";
        const qualified = parentType && parentType !== STACK ? `${parentType}$${type}` : type;
        return `urn:pulumi:${this.options.stack}::${this.options.project}::${qualified}::${name}`;
    }

    /** Stops serving; calls still under way after a second (a lookup that never returns) are cancelled. */
    stop(): Promise<void> {
        this.callbacks.close();
        return new Promise((resolve) => {
            const force = setTimeout(() => {
                this.server.forceShutdown();
                resolve();
            }, 1000);
            this.server.tryShutdown(() => {
                clearTimeout(force);
                resolve();
            });
        });
    }

    private handle<Req, Res>(work: (request: Req) => Res | Promise<Res>): Handler<Req, Res> {
        return (call, callback) => {
            this.lastCallAt = Date.now();
            Promise.resolve()
                .then(() => work(call.request))
                .then(
                    (response) => callback(null, response),
                    (err: unknown) =>
                        callback(
                            typeof (err as grpc.ServiceError)?.code === "number"
                                ? (err as grpc.ServiceError)
                                : rpcError(grpc.status.UNKNOWN, (err as Error)?.message ?? String(err)),
                            null,
                        ),
                );
        };
    }

    private unimplemented(what: string): Handler<unknown, never> {
        return this.handle(() => {
            throw rpcError(grpc.status.UNIMPLEMENTED, `${what} is not supported by the offline engine`);
        });
    }

    private monitorService(): grpc.UntypedServiceImplementation {
        return {
            supportsFeature: this.handle((req: resourcePb.SupportsFeatureRequest) =>
                new resourcePb.SupportsFeatureResponse().setHassupport(req.getId() in FEATURES),
            ),
            getDeploymentInfo: this.handle(() => {
                const info = new resourcePb.DeploymentInfo()
                    .setProject(this.options.project)
                    .setStack(this.options.stack)
                    .setOrganization(this.options.organization ?? "")
                    .setDryrun(this.options.preview);
                return info.setSupportedfeaturesList(Object.values(FEATURES));
            }),
            registerResource: this.handle((req: resourcePb.RegisterResourceRequest) => this.registerResource(req)),
            readResource: this.handle((req: resourcePb.ReadResourceRequest) => this.readResource(req)),
            registerResourceOutputs: this.handle((req: resourcePb.RegisterResourceOutputsRequest) => {
                const resource = this.byUrn.get(req.getUrn());
                if (!resource) {
                    throw rpcError(grpc.status.NOT_FOUND, `no resource has URN ${req.getUrn()}`);
                }
                resource.outputs = plain(req.getOutputs());
                return new Empty();
            }),
            invoke: this.handle((req: resourcePb.ResourceInvokeRequest) => this.invoke(req)),
            registerPackage: this.handle((req: resourcePb.RegisterPackageRequest) => {
                const ref = `${req.getName()}@${req.getVersion()}#${this.packages.size}`;
                this.packages.set(ref, { name: req.getName(), version: req.getVersion() });
                return new resourcePb.RegisterPackageResponse().setRef(ref);
            }),
            signalAndWaitForShutdown: this.handle(() => new Empty()),
            registerStackTransform: this.handle((req: callbackPb.Callback) => {
                this.stackTransforms.push(callbackOf(req));
                return new Empty();
            }),
            registerStackInvokeTransform: this.handle((req: callbackPb.Callback) => {
                this.invokeTransforms.push(callbackOf(req));
                return new Empty();
            }),
            call: this.handle((req: resourcePb.ResourceCallRequest) => this.call(req)),
            existsResource: this.unimplemented("ExistsResource"),
            // Hooks run around create, update and delete steps, which never happen offline; the ones
            // `pulumi preview` would run too (onDryRun) are named, since they do not run here.
            registerResourceHook: this.handle((req: resourcePb.RegisterResourceHookRequest) => {
                if (req.getOnDryRun()) {
                    this.record({
                        severity: "warning",
                        message: `Resource hook "${req.getName()}" runs at \`pulumi preview\` (onDryRun), but preview:offline runs no hooks`,
                        urn: "",
                        ephemeral: false,
                    });
                }
                return new Empty();
            }),
            registerErrorHook: this.handle(() => new Empty()),
        };
    }

    /** Keeps a log entry, the program's or the engine's own, and passes it on as it arrives. */
    private record(entry: LogEntry): void {
        this.logs.push(entry);
        this.options.onLog?.(entry);
    }

    private engineService(): grpc.UntypedServiceImplementation {
        return {
            log: this.handle((req: enginePb.LogRequest) => {
                this.record({
                    severity: SEVERITIES[req.getSeverity()] ?? "info",
                    message: req.getMessage(),
                    urn: req.getUrn(),
                    ephemeral: req.getEphemeral(),
                });
                return new Empty();
            }),
            getRootResource: this.handle(() => new enginePb.GetRootResourceResponse().setUrn(this.rootUrn)),
            setRootResource: this.handle((req: enginePb.SetRootResourceRequest) => {
                this.rootUrn = req.getUrn();
                return new enginePb.SetRootResourceResponse();
            }),
            requirePulumiVersion: this.handle(() => new enginePb.RequirePulumiVersionResponse()),
            startDebugging: this.unimplemented("Debugging"),
        };
    }

    private add(resource: RegisteredResource): void {
        if (this.byUrn.has(resource.urn)) {
            throw rpcError(
                grpc.status.INVALID_ARGUMENT,
                `Duplicate resource URN '${resource.urn}'; try giving it a unique name`,
            );
        }
        this.byUrn.set(resource.urn, resource);
        this.resources.push(resource);
        if (resource.type === STACK && !resource.parent && !this.rootUrn) {
            this.rootUrn = resource.urn;
        }
    }

    /** What the program gets back: its own values, less what it said it cannot take. */
    private forCaller(value: WireMap, acceptSecrets: boolean, acceptResources: boolean): Struct {
        let out: WireValue = value;
        out = acceptResources ? withoutOutputValues(out) : flattenReferences(out);
        if (!acceptSecrets) {
            out = reveal(out);
        }
        return structOf(out as WireMap);
    }

    /** The options a registration asks for, as the engine hands them to a transform. */
    private static optionsOf(req: resourcePb.RegisterResourceRequest): resourcePb.TransformResourceOptions {
        const options = new resourcePb.TransformResourceOptions()
            .setImport(req.getImportid())
            .setDependsOnList(req.getDependenciesList())
            .setIgnoreChangesList(req.getIgnorechangesList())
            .setReplaceOnChangesList(req.getReplaceonchangesList())
            .setVersion(req.getVersion())
            .setAliasesList(req.getAliasesList())
            .setProvider(req.getProvider())
            .setCustomTimeouts(req.getCustomtimeouts())
            .setPluginDownloadUrl(req.getPlugindownloadurl())
            .setDeletedWith(req.getDeletedwith())
            .setAdditionalSecretOutputsList(req.getAdditionalsecretoutputsList())
            .setHideDiffList(req.getHidediffsList())
            .setReplaceWithList(req.getReplaceWithList());
        req.getProvidersMap().forEach((ref, pkg) => options.getProvidersMap().set(pkg, ref));
        if (req.hasProtect()) {
            options.setProtect(req.getProtect()!);
        }
        if (req.hasRetainondelete()) {
            options.setRetainOnDelete(req.getRetainondelete()!);
        }
        if (req.getDeletebeforereplacedefined()) {
            options.setDeleteBeforeReplace(req.getDeletebeforereplace());
        }
        return options;
    }

    /**
     * Runs the transforms that apply to a registration, in the engine's order: the resource's own,
     * then each ancestor's own (nearest first), then the stack's. When the resource has its own,
     * its inputs go to them as output values carrying their dependencies, and the dependencies are
     * read back from what they return (dependsOn and the output values), as the engine does.
     */
    private async transformed(
        req: resourcePb.RegisterResourceRequest,
        urn: string,
    ): Promise<{
        inputs: WireMap;
        options: resourcePb.TransformResourceOptions;
        dependencies: string[];
        propertyDependencies: Record<string, string[]>;
    }> {
        let inputs = plain(req.getObject());
        let options = EngineServer.optionsOf(req);
        let dependencies = req.getDependenciesList();
        let propertyDependencies: Record<string, string[]> = {};
        req.getPropertydependenciesMap().forEach((deps, key) => {
            propertyDependencies[key] = deps.getUrnsList();
        });
        const own = req.getTransformsList().map(callbackOf);
        const inherited: ProgramCallback[] = [];
        for (let parent = req.getParent(); parent; parent = this.byUrn.get(parent)?.parent ?? "") {
            inherited.push(...(this.resourceTransforms.get(parent) ?? []));
        }
        const transforms = [...own, ...inherited, ...this.stackTransforms];
        if (transforms.length === 0) {
            return { inputs, options, dependencies, propertyDependencies };
        }
        if (own.length > 0) {
            this.resourceTransforms.set(urn, own);
            inputs = Object.fromEntries(
                Object.entries(inputs).map(([k, v]) => [
                    k,
                    propertyDependencies[k]?.length ? withDependencies(v, propertyDependencies[k]) : v,
                ]),
            );
        }
        for (const transform of transforms) {
            const request = new resourcePb.TransformRequest()
                .setName(req.getName())
                .setType(req.getType())
                .setCustom(req.getCustom())
                .setParent(req.getParent())
                .setProperties(structOf(inputs))
                .setOptions(options);
            const result = await this.callbacks.transformResource(transform, request);
            inputs = result.properties ? plain(result.properties) : inputs;
            options = result.options ?? options;
        }
        if (own.length > 0) {
            const all = new Set(options.getDependsOnList());
            propertyDependencies = {};
            for (const [key, value] of Object.entries(inputs)) {
                propertyDependencies[key] = outputDependencies(value);
                propertyDependencies[key].forEach((d) => all.add(d));
            }
            dependencies = [...all];
        } else {
            for (const [key, value] of Object.entries(inputs)) {
                const found = outputDependencies(value);
                if (found.length) {
                    propertyDependencies[key] = [...new Set([...(propertyDependencies[key] ?? []), ...found])];
                }
            }
        }
        return { inputs, options, dependencies, propertyDependencies };
    }

    private async registerResource(
        req: resourcePb.RegisterResourceRequest,
    ): Promise<resourcePb.RegisterResourceResponse> {
        const urn = this.urnOf(req.getParent(), req.getType(), req.getName());
        const { inputs, options, dependencies, propertyDependencies } = await this.transformed(req, urn);
        let resource: RegisteredResource = {
            urn,
            type: req.getType(),
            name: req.getName(),
            parent: req.getParent(),
            custom: req.getCustom(),
            remote: req.getRemote(),
            operation: "register",
            id: options.getImport(),
            inputs,
            provider: options.getProvider(),
            dependencies,
            propertyDependencies,
            options: {
                protect: options.getProtect() ?? false,
                ignoreChanges: options.getIgnoreChangesList(),
                additionalSecretOutputs: options.getAdditionalSecretOutputsList(),
                deleteBeforeReplace: options.hasDeleteBeforeReplace() ? options.getDeleteBeforeReplace() : undefined,
                retainOnDelete: options.hasRetainOnDelete() ? options.getRetainOnDelete() : undefined,
                deletedWith: options.getDeletedWith(),
                version: options.getVersion(),
                pluginDownloadUrl: options.getPluginDownloadUrl(),
            },
            ...positionsOf(req),
        };
        if (resource.custom && !resource.remote && this.options.check && !this.byUrn.has(urn)) {
            try {
                resource = { ...resource, checkedInputs: this.options.check(resource) };
            } catch (err) {
                this.checkFailures.push(err as Error);
                throw rpcError(grpc.status.INVALID_ARGUMENT, (err as Error).message);
            }
        }
        this.add(resource);
        const response = new resourcePb.RegisterResourceResponse().setUrn(resource.urn);
        if (!resource.custom) {
            // A component's outputs come later, from RegisterResourceOutputs; a remote one's from a
            // Construct that cannot run here, so in a preview they stay unknown.
            return response.setObject(new Struct());
        }
        let id = resource.id;
        // The provider plans (or creates) from its checked inputs: an autoname is the name's output.
        const planned = resource.checkedInputs ?? resource.inputs;
        let state: WireMap = planned;
        if (!this.options.preview) {
            const created = this.options.create?.(resource) ?? {};
            id ||= created.id ?? `${resource.name}-id`;
            state = { ...planned, ...created.outputs };
        }
        this.states.set(resource.urn, { id, state });
        // In a preview a new resource has no id yet (""), and every output it does not take
        // from its inputs is unknown: the SDK treats what the response leaves out as unknown.
        return response.setId(id).setObject(this.forCaller(state, req.getAcceptsecrets(), req.getAcceptresources()));
    }

    private readResource(req: resourcePb.ReadResourceRequest): resourcePb.ReadResourceResponse {
        const resource: RegisteredResource = {
            urn: this.urnOf(req.getParent(), req.getType(), req.getName()),
            type: req.getType(),
            name: req.getName(),
            parent: req.getParent(),
            custom: true,
            remote: false,
            operation: "read",
            id: req.getId(),
            inputs: plain(req.getProperties()),
            provider: req.getProvider(),
            dependencies: req.getDependenciesList(),
            propertyDependencies: {},
            options: {
                protect: false,
                ignoreChanges: [],
                additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
                deletedWith: "",
                version: req.getVersion(),
                pluginDownloadUrl: req.getPlugindownloadurl(),
            },
            ...positionsOf(req),
        };
        this.add(resource);
        // An existing resource's state would come from its provider; offline only what the
        // program gave is known, and the SDK leaves the rest unknown in a preview.
        const state = { ...resource.inputs, id: resource.id };
        this.states.set(resource.urn, { id: resource.id, state });
        return new resourcePb.ReadResourceResponse()
            .setUrn(resource.urn)
            .setProperties(this.forCaller(state, req.getAcceptsecrets(), req.getAcceptresources()));
    }

    /**
     * A method of a resource (`cluster.getKubeconfig()`): provider code, which runs in no plugin
     * here. As a provider answers for what does not exist yet, its result is unknown at preview.
     */
    private call(req: resourcePb.ResourceCallRequest): providerPb.CallResponse {
        if (!this.options.preview) {
            throw rpcError(
                grpc.status.UNIMPLEMENTED,
                `Calling a method of a resource (${req.getTok()}) needs its provider plugin, which the offline engine does not run`,
            );
        }
        // One unknown field makes the whole result unknown to the SDK, and methods of one value (and
        // the single-value form, `callSingle`) return it as `result`. A field read by another name
        // through a lifted property (`.ips`) reads as undefined.
        return new providerPb.CallResponse().setReturn(structOf({ result: UNKNOWN }));
    }

    /**
     * The engine's own function `pulumi:pulumi:getResource`: a resource's id and state, which the
     * SDK asks for when it turns a resource reference it received back into a resource object.
     */
    private getResource(call: InvokeCall): WireMap {
        const urn = String(reveal(call.args.urn));
        const resource = this.byUrn.get(urn);
        if (!resource) {
            throw new Error(`unknown resource ${urn}`);
        }
        const known = this.states.get(urn);
        return { urn, id: known?.id ?? "", state: known?.state ?? resource.outputs ?? {} };
    }

    private async invoke(req: resourcePb.ResourceInvokeRequest): Promise<resourcePb.ResourceInvokeResponse> {
        let args = plain(req.getArgs());
        let options = new resourcePb.TransformInvokeOptions()
            .setProvider(req.getProvider())
            .setVersion(req.getVersion())
            .setPluginDownloadUrl(req.getPlugindownloadurl());
        // The program's invoke transforms run first, in the order it registered them.
        for (const transform of this.invokeTransforms) {
            const request = new resourcePb.TransformInvokeRequest()
                .setToken(req.getTok())
                .setArgs(structOf(args))
                .setOptions(options);
            const result = await this.callbacks.transformInvoke(transform, request);
            args = result.args ? plain(result.args) : args;
            options = result.options ?? options;
        }
        const call: InvokeCall = {
            token: req.getTok(),
            args,
            provider: options.getProvider(),
            parent: req.getParent(),
        };
        this.invokes.push(call);
        this.inflight.set(call, Date.now());
        try {
            const result = call.token === GET_RESOURCE ? this.getResource(call) : await this.options.invoke(call);
            return new resourcePb.ResourceInvokeResponse().setReturn(
                this.forCaller(result, true, req.getAcceptresources()),
            );
        } catch (err) {
            const message = `invocation of ${call.token} returned an error: ${(err as Error)?.message ?? String(err)}`;
            this.failedInvokes.push({ call, message });
            throw rpcError(grpc.status.UNKNOWN, message);
        } finally {
            this.inflight.delete(call);
        }
    }
}
