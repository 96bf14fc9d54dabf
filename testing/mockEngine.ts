/**
 * A Pulumi engine under mocks, for unit tests: runs registrations in THIS process, on this
 * repository's own copy of the Pulumi SDK (`pulumi.runtime.setMocks`), with no CLI and no
 * cloud; records every resource the way the engine sees it (type, name, parent, inputs,
 * options, provider), and answers lookups with the documented placeholders of `lookups.ts`.
 * A call nobody answers throws, naming it.
 *
 * `npm run preview:offline` does not use it: a project runs there on its own SDK copy, in its
 * own process, against the gRPC engine of `engineServer.ts`.
 */
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { MockMonitor } from "../freetier/adapters/pulumiSdk";
import { answerLookup, computedOutputs, Lookup } from "../offline/lookups";
import { RegisteredResource, WireMap } from "../offline/engineServer";
import { StackConfig } from "../offline/projectFiles";
import { containsSecret, reveal } from "../offline/wireValues";

type MockCallArgs = pulumi.runtime.MockCallArgs;
type MockResourceArgs = pulumi.runtime.MockResourceArgs;
type MockResourceResult = pulumi.runtime.MockResourceResult;

/** One resource as registered with the engine. */
export interface RecordedResource {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    /** The parent's URN; the stack's for top-level resources when run as a stack. */
    readonly parent: string;
    readonly custom: boolean;
    /** Inputs as plain values, secrets unwrapped (see `secretInputs` and `wireInputs`). */
    readonly inputs: Record<string, unknown>;
    /** Top-level input names whose values are (or contain) secrets. */
    readonly secretInputs: string[];
    /** Inputs as the engine receives them: unknowns, secrets and resource references marked. */
    readonly wireInputs: WireMap;
    /** The explicit provider reference ("urn::id"), or "" for the default provider. */
    readonly provider: string;
    readonly options: {
        readonly protect: boolean;
        readonly ignoreChanges: string[];
        readonly additionalSecretOutputs: string[];
        readonly dependencies: string[];
        readonly propertyDependencies: Record<string, string[]>;
        readonly deleteBeforeReplace?: boolean;
    };
}

/** A recorded provider-function call (lookup). */
export interface RecordedCall {
    readonly token: string;
    readonly inputs: Record<string, unknown>;
}

export interface MockEngineOptions {
    /** Defaults to "free-tier-server". */
    readonly project?: string;
    /** Defaults to "test". */
    readonly stack?: string;
    /**
     * Preview mode: outputs AWS computes (ids, addresses) stay unknown, as in
     * `pulumi preview`. Defaults to false: every output gets a placeholder value.
     */
    readonly preview?: boolean;
    /** The Region lookups answer for. Defaults to "ap-northeast-2" (Seoul). */
    readonly region?: string;
    /** Extra lookups, by function token; they win over the placeholders of `lookups.ts`. */
    readonly lookups?: Readonly<Record<string, Lookup>>;
}

/** The engine's side of a program run under mocks. */
export class MockEngine {
    readonly resources: RecordedResource[] = [];
    readonly calls: RecordedCall[] = [];
    readonly region: string;
    readonly preview: boolean;
    private readonly lookups: Readonly<Record<string, Lookup>>;
    private inflight = 0;

    constructor(options: MockEngineOptions = {}) {
        this.region = options.region ?? "ap-northeast-2";
        this.preview = options.preview ?? false;
        this.lookups = options.lookups ?? {};
        const mocks = {
            newResource: (args: MockResourceArgs): MockResourceResult => {
                const computed = this.preview ? {} : computedOutputs(args.type, args.name, args.inputs, this.region);
                const id = this.preview ? undefined : `${args.name}-id`;
                return { id, state: { ...args.inputs, ...computed } };
            },
            call: (args: MockCallArgs) => {
                this.calls.push({ token: args.token, inputs: args.inputs });
                return answerLookup(args.token, args.inputs, { region: this.region }, this.lookups);
            },
        };
        pulumi.runtime.setMocks(mocks, options.project ?? "free-tier-server", options.stack ?? "test", this.preview);
        // Swap in a monitor that also records what newResource is not told (parent, options).
        pulumi.runtime.setMockOptions(
            new RecordingMonitor(mocks, this),
            options.project ?? "free-tier-server",
            options.stack ?? "test",
            this.preview,
        );
    }

    /** Resolves once every registration and lookup sent so far has been answered. */
    async settled(): Promise<void> {
        for (let quiet = 0; quiet < 3;) {
            await new Promise((resolve) => setImmediate(resolve));
            quiet = this.inflight === 0 ? quiet + 1 : 0;
        }
    }

    /** Resources of one type token, in registration order. */
    ofType(type: string): RecordedResource[] {
        return this.resources.filter((r) => r.type === type);
    }

    /** The one resource of this type; throws when there are none or several. */
    one(type: string): RecordedResource {
        const found = this.ofType(type);
        if (found.length !== 1) {
            throw new Error(`expected one ${type}, found ${found.length}: ${found.map((r) => r.name).join(", ")}`);
        }
        return found[0];
    }

    /** The resources as the offline engine records them, for what it hands a policy pack. */
    registered(): RegisteredResource[] {
        return this.resources.map((r) => ({
            urn: r.urn,
            type: r.type,
            name: r.name,
            parent: r.parent,
            custom: r.custom,
            remote: false,
            operation: "register",
            id: "",
            inputs: r.wireInputs,
            provider: r.provider,
            dependencies: r.options.dependencies,
            propertyDependencies: r.options.propertyDependencies,
            options: {
                protect: r.options.protect,
                ignoreChanges: r.options.ignoreChanges,
                additionalSecretOutputs: r.options.additionalSecretOutputs,
                deleteBeforeReplace: r.options.deleteBeforeReplace,
                deletedWith: "",
                version: "",
                pluginDownloadUrl: "",
            },
        }));
    }

    /** @internal */
    track<T>(work: Promise<T>): Promise<T> {
        this.inflight++;
        return work.finally(() => this.inflight--);
    }
}

/**
 * A failure as the engine reports it over gRPC: the SDK shows the status `details` to the
 * user, and a plain Error thrown by a mock has none, so its message would be lost.
 */
function asEngineError(err: any): any {
    if (err instanceof Error && (err as any).details === undefined) {
        (err as any).details = err.message;
    }
    return err;
}

class RecordingMonitor extends MockMonitor {
    constructor(
        mocks: ConstructorParameters<typeof MockMonitor>[0],
        private readonly engine: MockEngine,
    ) {
        super(mocks);
    }

    override async registerResource(req: any, callback: (err: any, response: any) => void): Promise<void> {
        await this.engine.track(
            super.registerResource(req, (err: any, response: any) => {
                if (!err) {
                    this.record(req, response.getUrn());
                }
                callback(asEngineError(err), response);
            }),
        );
    }

    override async invoke(req: any, callback: (err: any, response: any) => void): Promise<void> {
        await this.engine.track(super.invoke(req, (err: any, response: any) => callback(asEngineError(err), response)));
    }

    private record(req: any, urn: string): void {
        const wireInputs: WireMap = req.getObject()?.toJavaScript() ?? {};
        this.engine.resources.push({
            urn,
            type: req.getType(),
            name: req.getName(),
            parent: req.getParent(),
            custom: req.getCustom(),
            inputs: reveal(wireInputs) as Record<string, unknown>,
            secretInputs: Object.keys(wireInputs).filter((k) => containsSecret(wireInputs[k])),
            wireInputs,
            provider: req.getProvider(),
            options: {
                protect: req.getProtect?.() ?? false,
                ignoreChanges: req.getIgnorechangesList(),
                additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
                dependencies: req.getDependenciesList(),
                propertyDependencies: Object.fromEntries(
                    [...req.getPropertydependenciesMap().entries()].map(([k, v]: [string, any]) => [
                        k,
                        v.getUrnsList(),
                    ]),
                ),
                deleteBeforeReplace: req.getDeletebeforereplacedefined() ? req.getDeletebeforereplace() : undefined,
            },
        });
    }
}

export interface MockRun {
    readonly engine: MockEngine;
    /** The stack's outputs (the program's exports); secret ones are marked. */
    readonly outputs: Record<string, unknown>;
}

/**
 * Runs `entry` (a module path) in this process under a {@link MockEngine}, the way the
 * language host would: config set first, the module loaded inside the root stack resource
 * (afresh, so one process can run it for several stacks), its exports collected as the
 * stack's outputs. For unit tests of a program written against this repository's own SDK
 * copy. An error the program throws, or a rejection nobody handles (a failed lookup inside an
 * Output), is rethrown as it is once the stack has settled.
 */
export async function runUnderMocks(
    entry: string,
    stack: StackConfig,
    options: Omit<MockEngineOptions, "project" | "stack" | "region"> = {},
): Promise<MockRun> {
    const region = stack.config["aws:region"];
    const engine = new MockEngine({ ...options, project: stack.project, stack: stack.stack, region });
    pulumi.runtime.setAllConfig(stack.config, stack.secretKeys);
    const resolved = require.resolve(path.resolve(entry));
    delete require.cache[resolved];
    const errors: unknown[] = [];
    const onRejection = (reason: unknown) => errors.push(reason);
    process.on("unhandledRejection", onRejection);
    let outputs: Record<string, unknown> | undefined;
    try {
        outputs = await pulumi.runtime
            .runInPulumiStack(async () => {
                try {
                    return require(resolved);
                } catch (err) {
                    errors.push(err);
                    return {};
                }
            })
            .catch((err: unknown) => {
                errors.push(err);
                return undefined;
            });
        await engine.settled();
    } finally {
        process.off("unhandledRejection", onRejection);
    }
    if (errors.length > 0) {
        throw errors[0];
    }
    return { engine, outputs: (outputs ?? {}) as Record<string, unknown> };
}
