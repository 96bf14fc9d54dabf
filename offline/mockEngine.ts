/**
 * A Pulumi engine under mocks: runs a program's resource registrations in-process with no
 * CLI and no cloud, records every resource the way the engine sees it (type, name, parent,
 * inputs, options, provider), and answers the provider functions (lookups) a program may call
 * with realistic, documented placeholder values. A call nobody answers throws, naming it.
 *
 * Used by the unit tests and by `npm run preview:offline`.
 */
import * as pulumi from "@pulumi/pulumi";
import { MockCallArgs, MockMonitor, MockResourceArgs, MockResourceResult } from "@pulumi/pulumi/runtime/mocks";
import { deserializeProperties, specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import { setMockOptions } from "@pulumi/pulumi/runtime/settings";

/** One resource as registered with the engine. */
export interface RecordedResource {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    /** The parent's URN; the stack's for top-level resources when run as a stack. */
    readonly parent: string;
    readonly custom: boolean;
    /** Inputs as plain values, secrets unwrapped (see `secretInputs` and `raw`). */
    readonly inputs: Record<string, unknown>;
    /** Top-level input names whose values are (or contain) secrets. */
    readonly secretInputs: string[];
    /** Inputs as the engine receives them: a protobuf Struct, secrets and unknowns marked. */
    readonly raw: unknown;
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

/**
 * Placeholder answers for lookups. Every value is obviously not real: documentation IP ranges
 * (RFC 5737), ids made of zeros and the resource's name, the AWS documentation account id.
 */
export const PLACEHOLDERS = {
    accountId: "123456789012",
    amiX86: "ami-0000000000000a86a",
    amiArm: "ami-0000000000000a64a",
    defaultVpcId: "vpc-00000000000000def",
    defaultSubnetId: "subnet-000000000000def1",
    publicIp: "198.51.100.10",
    availabilityZones: ["a", "b", "c", "d"],
};

/** The AWS public DNS name EC2 gives a public IPv4 address in a Region. */
export function placeholderDns(ip: string, region: string): string {
    return `ec2-${ip.replace(/\./g, "-")}.${region}.compute.amazonaws.com`;
}

type Lookup = (inputs: Record<string, any>, engine: MockEngine) => Record<string, unknown>;

/** The lookups FreeTierServer and typical AWS programs make, with placeholder answers. */
export const LOOKUPS: Readonly<Record<string, Lookup>> = {
    "aws:ssm/getParameter:getParameter": (inputs) => {
        const name = String(inputs.name);
        if (!name.startsWith("/aws/service/ami-amazon-linux-latest/")) {
            throw new Error(`no placeholder for SSM parameter ${name}`);
        }
        return { name, type: "String", value: name.includes("arm64") ? PLACEHOLDERS.amiArm : PLACEHOLDERS.amiX86 };
    },
    "aws:ec2/getSubnet:getSubnet": (inputs) => ({
        id: inputs.id ?? PLACEHOLDERS.defaultSubnetId,
        vpcId:
            inputs.id === undefined || inputs.id === PLACEHOLDERS.defaultSubnetId
                ? PLACEHOLDERS.defaultVpcId
                : `vpc-of-${inputs.id}`,
    }),
    "aws:ec2/getVpc:getVpc": (inputs) => ({
        id: inputs.id ?? PLACEHOLDERS.defaultVpcId,
        default: inputs.default ?? true,
        cidrBlock: "172.31.0.0/16",
    }),
    "aws:ec2/getAmi:getAmi": (inputs) => ({
        id: PLACEHOLDERS.amiX86,
        imageId: PLACEHOLDERS.amiX86,
        architecture: "x86_64",
        ...inputs,
    }),
    "aws:index/getCallerIdentity:getCallerIdentity": () => ({
        accountId: PLACEHOLDERS.accountId,
        arn: `arn:aws:iam::${PLACEHOLDERS.accountId}:user/offline`,
        userId: "AIDAOFFLINEPLACEHOLDER",
        id: PLACEHOLDERS.accountId,
    }),
    "aws:index/getRegion:getRegion": (_inputs, engine) => ({
        name: engine.region,
        region: engine.region,
        id: engine.region,
    }),
    "aws:index/getAvailabilityZones:getAvailabilityZones": (_inputs, engine) => {
        const names = PLACEHOLDERS.availabilityZones.map((z) => `${engine.region}${z}`);
        return { names, zoneIds: names.map((_, i) => `apne2-az${i + 1}`), id: engine.region };
    },
};

/** Outputs AWS computes, per resource type, so component outputs read like a real stack's. */
function computedOutputs(args: MockResourceArgs, engine: MockEngine): Record<string, unknown> {
    const { type, name, inputs } = args;
    switch (type) {
        case "aws:ec2/instance:Instance":
        case "aws:ec2/eip:Eip": {
            const ip = PLACEHOLDERS.publicIp;
            return {
                publicIp: ip,
                publicDns: placeholderDns(ip, engine.region),
                arn: `arn:aws:ec2:${engine.region}:${PLACEHOLDERS.accountId}:${name}`,
            };
        }
        case "aws:ec2/keyPair:KeyPair":
            return { keyName: inputs.keyName ?? `${name}-0000000`, keyPairId: `key-${name}` };
        case "aws:ec2/securityGroup:SecurityGroup":
            return { name: inputs.name ?? `${name}-0000000`, vpcId: inputs.vpcId ?? PLACEHOLDERS.defaultVpcId };
        case "tls:index/privateKey:PrivateKey":
            return {
                privateKeyPem: `-----BEGIN RSA PRIVATE KEY-----\nplaceholder for ${name}\n-----END RSA PRIVATE KEY-----\n`,
                publicKeyOpenssh: `ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQplaceholder ${name}\n`,
            };
        default:
            return {};
    }
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
    /** Extra lookups, by function token; they win over {@link LOOKUPS}. */
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
        this.lookups = { ...LOOKUPS, ...options.lookups };
        const mocks = {
            newResource: (args: MockResourceArgs): MockResourceResult => {
                const computed = this.preview ? {} : computedOutputs(args, this);
                const id = this.preview ? undefined : `${args.name}-id`;
                return { id, state: { ...args.inputs, ...computed } };
            },
            call: (args: MockCallArgs): Record<string, unknown> => {
                this.calls.push({ token: args.token, inputs: args.inputs });
                const lookup = this.lookups[args.token];
                if (!lookup) {
                    throw new Error(
                        `No mock answers the provider function ${args.token}; add one to the mock engine's lookups`,
                    );
                }
                return lookup(args.inputs, this);
            },
        };
        pulumi.runtime.setMocks(mocks, options.project ?? "free-tier-server", options.stack ?? "test", this.preview);
        // Swap in a monitor that also records what newResource is not told (parent, options).
        setMockOptions(
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
        const raw = req.getObject();
        const marked = raw ? deserializeProperties(raw) : {};
        this.engine.resources.push({
            urn,
            type: req.getType(),
            name: req.getName(),
            parent: req.getParent(),
            custom: req.getCustom(),
            inputs: unsecret(marked) as Record<string, unknown>,
            secretInputs: Object.keys(marked).filter((k) => containsSecret(marked[k])),
            raw,
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

/** Whether a wire value is a secret (and not another signed value: a resource reference, an asset). */
export function isSecretValue(value: unknown): value is { value: unknown } {
    return typeof value === "object" && value !== null && (value as any)[specialSigKey] === specialSecretSig;
}

function containsSecret(value: unknown): boolean {
    if (isSecretValue(value)) {
        return true;
    }
    return typeof value === "object" && value !== null && Object.values(value).some(containsSecret);
}

/** The value with every secret replaced by what it holds. */
function unsecret(value: unknown): unknown {
    if (isSecretValue(value)) {
        return unsecret(value.value);
    }
    if (Array.isArray(value)) {
        return value.map(unsecret);
    }
    if (typeof value === "object" && value !== null) {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unsecret(v)]));
    }
    return value;
}
