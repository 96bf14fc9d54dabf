/**
 * The engine's answers to provider functions (lookups) when neither a provider plugin nor a
 * cloud account is there: documented placeholders, never the network. Every value is
 * obviously not real (documentation IP ranges from RFC 5737, ids made of zeros, AWS's
 * documentation account), and one that is pure (an IAM policy document) is computed as the
 * provider computes it. A lookup with no answer here fails with {@link NoPlaceholderError},
 * naming its token, so a placeholder is never silently wrong.
 *
 * Shared by the offline engine (`engineServer.ts` answering a program over gRPC) and the
 * in-process mocks the unit tests share (`testing/mockEngine.ts`): plain data in, plain data out.
 */
import * as T from "./resourceTypes";
import { createHash } from "node:crypto";
import { iamPolicyDocument } from "./iamPolicyDocument";

/** The placeholder values lookups answer with. */
export const PLACEHOLDERS = {
    /** AWS's documentation account. */
    accountId: "123456789012",
    /** Amazon Linux (2023 and 2) on x86_64 and on arm64 (Graviton). */
    amiX86: "ami-0000000000000a86a",
    amiArm: "ami-0000000000000a64a",
    /** The ECS-optimized Amazon Linux AMIs (SSM parameters under /aws/service/ecs/optimized-ami/). */
    amiEcsX86: "ami-00000000000ec586a",
    amiEcsArm: "ami-00000000000ec564a",
    defaultVpcId: "vpc-00000000000000def",
    defaultVpcCidr: "172.31.0.0/16",
    /** The default VPC's subnets, one per availability zone: subnet-000000000000def1 for zone a. */
    defaultSubnetId: "subnet-000000000000def1",
    publicIp: "198.51.100.10",
    availabilityZones: ["a", "b", "c", "d"],
};

/** What a lookup knows of where it runs. */
export interface LookupContext {
    /** The Region of the provider that serves the call. */
    readonly region: string;
}

/** A provider function with a placeholder answer: plain arguments in, plain result out. */
export type Lookup = (
    args: Record<string, any>,
    context: LookupContext,
) => Record<string, unknown> | Promise<Record<string, unknown>>;

/** A lookup this engine cannot answer offline. */
export class NoPlaceholderError extends Error {
    constructor(
        readonly token: string,
        detail?: string,
    ) {
        super(`no placeholder answers it offline${detail ? ` (${detail})` : ""}; \`pulumi preview\` would ask AWS`);
        this.name = "NoPlaceholderError";
    }
}

/** The AWS public DNS name EC2 gives a public IPv4 address in a Region. */
export function placeholderDns(ip: string, region: string): string {
    return `ec2-${ip.replace(/\./g, "-")}.${region}.compute.amazonaws.com`;
}

/** A placeholder id that differs for different arguments: `prefix` then hex digits of their hash. */
function derivedId(prefix: string, length: number, ...parts: unknown[]): string {
    const hash = createHash("sha256").update(JSON.stringify(parts)).digest("hex");
    return `${prefix}${hash.slice(0, length)}`;
}

/** AWS's short name of a Region in zone ids: "ap-northeast-2" -> "apne2", "us-east-1" -> "use1". */
function regionCode(region: string): string {
    const [area, direction = "", number = ""] = region.split("-");
    const short = direction.replace(/north|south|east|west|central/g, (w) => w[0]);
    return `${area}${short}${number}`;
}

function partitionOf(region: string): { partition: string; dnsSuffix: string; reverseDnsPrefix: string } {
    if (region.startsWith("cn-")) {
        return { partition: "aws-cn", dnsSuffix: "amazonaws.com.cn", reverseDnsPrefix: "cn.com.amazonaws" };
    }
    if (region.startsWith("us-gov-")) {
        return { partition: "aws-us-gov", dnsSuffix: "amazonaws.com", reverseDnsPrefix: "com.amazonaws" };
    }
    return { partition: "aws", dnsSuffix: "amazonaws.com", reverseDnsPrefix: "com.amazonaws" };
}

function availabilityZones(region: string): string[] {
    return PLACEHOLDERS.availabilityZones.map((z) => `${region}${z}`);
}

/** The filters' values for one filter name (EC2 filters: [{ name, values }]). */
function filterValues(args: Record<string, any>, name: string): string[] {
    const filters: unknown[] = Array.isArray(args.filters) ? args.filters : [];
    return filters
        .filter((f): f is { name: string; values: unknown[] } => (f as any)?.name === name)
        .flatMap((f) => (Array.isArray(f.values) ? f.values.map(String) : []));
}

const AMAZON_LINUX_NAMES = /^(al2023-ami|al2022-ami|amzn2-ami|amzn-ami)/;
const ARM = /arm64|aarch64/;

/**
 * `ec2.getAmi`: Amazon Linux's placeholder (the ECS-optimized one when the name says ecs) when
 * the filters ask for Amazon Linux; for any other
 * image (Ubuntu, Debian, Windows, your own) a placeholder id derived from the filters, never
 * Amazon Linux's, with the architecture the filters name (x86_64 unless they say arm64).
 */
function ami(args: Record<string, any>): Record<string, unknown> {
    const names = [...filterValues(args, "name"), ...(typeof args.nameRegex === "string" ? [args.nameRegex] : [])];
    const arches = filterValues(args, "architecture");
    const arm = arches.length > 0 ? arches.every((a) => ARM.test(a)) : names.some((n) => ARM.test(n));
    const amazonLinux = names.length > 0 && names.every((n) => AMAZON_LINUX_NAMES.test(n));
    const ecs = amazonLinux && names.some((n) => n.includes("ecs"));
    const id = amazonLinux
        ? {
              x86: ecs ? PLACEHOLDERS.amiEcsX86 : PLACEHOLDERS.amiX86,
              arm: ecs ? PLACEHOLDERS.amiEcsArm : PLACEHOLDERS.amiArm,
          }[arm ? "arm" : "x86"]
        : derivedId("ami-0", 16, args.filters ?? null, args.owners ?? null, args.nameRegex ?? null);
    const owners: unknown[] = Array.isArray(args.owners) ? args.owners : [];
    return {
        ...args,
        id,
        imageId: id,
        architecture: arm ? "arm64" : "x86_64",
        name: names[0] ?? "placeholder",
        description: `Placeholder for the image matching ${names.length ? names.join(", ") : "these filters"}; the real one is looked up at \`pulumi up\``,
        ownerId: amazonLinux
            ? "137112412989"
            : (owners.find((o) => /^\d{12}$/.test(String(o))) ?? PLACEHOLDERS.accountId),
        platformDetails: "Linux/UNIX",
        rootDeviceName: amazonLinux ? "/dev/xvda" : "/dev/sda1",
        rootDeviceType: "ebs",
        virtualizationType: "hvm",
    };
}

/**
 * Other publishers' public AMI parameters under /aws/service/: Ubuntu (canonical), Debian,
 * Bottlerocket, Windows, macOS, SUSE, FreeBSD, the EKS-optimized AMIs.
 */
const PUBLISHED_AMI =
    /^\/aws\/service\/(canonical|debian|bottlerocket|ami-windows-latest|ami-macos-latest|suse|freebsd|eks\/optimized-ami)\//;

/** Public SSM parameters real programs read: the AMIs AWS and the distributions publish there. */
function ssmParameter(args: Record<string, any>, { region }: LookupContext): Record<string, unknown> {
    const name = String(args.name);
    const arn = `arn:${partitionOf(region).partition}:ssm:${region}::parameter${name}`;
    const answer = (value: string) => ({ ...args, name, type: "String", value, id: name, arn, version: 1 });
    if (name.startsWith("/aws/service/ami-amazon-linux-latest/")) {
        return answer(ARM.test(name) ? PLACEHOLDERS.amiArm : PLACEHOLDERS.amiX86);
    }
    const ecs =
        /^\/aws\/service\/ecs\/optimized-ami\/(amazon-linux-2023|amazon-linux-2|amazon-linux)\/(?:(arm64|gpu|inf|kernel-[\d.]+)\/)?recommended(\/image_id|\/image_name)?$/.exec(
            name,
        );
    if (ecs) {
        const [, os, variant, field] = ecs;
        const arm = variant === "arm64";
        const id = arm ? PLACEHOLDERS.amiEcsArm : PLACEHOLDERS.amiEcsX86;
        const prefix = { "amazon-linux": "amzn", "amazon-linux-2": "amzn2", "amazon-linux-2023": "al2023" }[os];
        const imageName = `${prefix}-ami-ecs-hvm-placeholder-${arm ? "arm64" : "x86_64"}-ebs`;
        if (field === "/image_id") {
            return answer(id);
        }
        if (field === "/image_name") {
            return answer(imageName);
        }
        const osName = {
            "amazon-linux": "Amazon Linux",
            "amazon-linux-2": "Amazon Linux 2",
            "amazon-linux-2023": "Amazon Linux 2023",
        }[os];
        return answer(JSON.stringify({ image_id: id, image_name: imageName, os: osName, schema_version: 1 }));
    }
    if (PUBLISHED_AMI.test(name)) {
        // Never Amazon Linux's placeholder: an id of its own for each parameter (its image name, for
        // the parameters that give one).
        const id = derivedId("ami-0", 16, name.replace(/\/image_name$/, "/image_id"));
        return answer(name.endsWith("/image_name") ? `placeholder-image-for-${id}` : id);
    }
    throw new NoPlaceholderError("aws:ssm/getParameter:getParameter", `SSM parameter ${name}`);
}

/** `ec2.getSubnets`: the default VPC's subnets (one per zone); another VPC's are named after it. */
function subnets(args: Record<string, any>, { region }: LookupContext): Record<string, unknown> {
    const vpcs = filterValues(args, "vpc-id");
    const ofDefault = vpcs.length === 0 || vpcs.every((v) => v === PLACEHOLDERS.defaultVpcId);
    const zones = availabilityZones(region);
    const ids = ofDefault
        ? zones.map((_, i) => PLACEHOLDERS.defaultSubnetId.replace(/1$/, String(i + 1)))
        : vpcs.flatMap((vpc) => zones.map((_, i) => `subnet-of-${vpc}-${i + 1}`));
    return { ...args, ids, id: region };
}

/** The lookups real programs make, with placeholder (or computed) answers, by function token. */
export const LOOKUPS: Readonly<Record<string, Lookup>> = {
    "aws:ssm/getParameter:getParameter": ssmParameter,
    "aws:ec2/getAmi:getAmi": ami,
    // @pulumi/aws 4.x's `aws.getAmi`, the same function under its older token.
    "aws:index/getAmi:getAmi": ami,
    "aws:ec2/getSubnet:getSubnet": (args, { region }) => {
        const isDefault = args.id === undefined || args.id === PLACEHOLDERS.defaultSubnetId;
        return {
            ...args,
            id: args.id ?? PLACEHOLDERS.defaultSubnetId,
            vpcId: isDefault ? PLACEHOLDERS.defaultVpcId : `vpc-of-${args.id}`,
            availabilityZone: `${region}a`,
            defaultForAz: isDefault,
            mapPublicIpOnLaunch: isDefault,
        };
    },
    "aws:ec2/getSubnets:getSubnets": subnets,
    // @pulumi/aws 4.x and 5.x's `ec2.getSubnetIds`: the subnets of one VPC.
    "aws:ec2/getSubnetIds:getSubnetIds": (args, context) => {
        const { ids } = subnets({ filters: [{ name: "vpc-id", values: [args.vpcId] }] }, context);
        return { ...args, ids, id: args.vpcId };
    },
    "aws:ec2/getVpc:getVpc": (args) => ({
        ...args,
        id: args.id ?? PLACEHOLDERS.defaultVpcId,
        default: args.default ?? true,
        cidrBlock: PLACEHOLDERS.defaultVpcCidr,
        enableDnsHostnames: true,
        enableDnsSupport: true,
    }),
    "aws:index/getCallerIdentity:getCallerIdentity": () => ({
        accountId: PLACEHOLDERS.accountId,
        arn: `arn:aws:iam::${PLACEHOLDERS.accountId}:user/offline`,
        userId: "AIDAOFFLINEPLACEHOLDER",
        id: PLACEHOLDERS.accountId,
    }),
    "aws:index/getRegion:getRegion": (_args, { region }) => ({
        name: region,
        region,
        id: region,
        endpoint: `ec2.${region}.${partitionOf(region).dnsSuffix}`,
        description: region,
    }),
    "aws:index/getPartition:getPartition": (_args, { region }) => ({
        ...partitionOf(region),
        id: partitionOf(region).partition,
    }),
    "aws:index/getAvailabilityZones:getAvailabilityZones": (args, { region }) => {
        const names = availabilityZones(region);
        return { ...args, names, zoneIds: names.map((_, i) => `${regionCode(region)}-az${i + 1}`), id: region };
    },
    "aws:iam/getPolicyDocument:getPolicyDocument": (args) => iamPolicyDocument(args),
    // Credentials for `docker login` to the account's registry: placeholders that log in nowhere.
    "aws:ecr/getAuthorizationToken:getAuthorizationToken": (args, { region }) => {
        const registry = args.registryId ?? PLACEHOLDERS.accountId;
        const password = "offline-placeholder-password";
        return {
            ...args,
            id: region,
            userName: "AWS",
            password,
            authorizationToken: Buffer.from(`AWS:${password}`).toString("base64"),
            proxyEndpoint: `https://${registry}.dkr.ecr.${region}.${partitionOf(region).dnsSuffix}`,
            expiresAt: "2000-01-01T12:00:00Z",
        };
    },
    // An AWS-managed prefix list (com.amazonaws.<region>.<service>, owner "AWS") or a customer's,
    // by name or id; its entries are AWS's own and not known offline.
    "aws:ec2/getManagedPrefixList:getManagedPrefixList": (args, { region }) => {
        const name = String(args.name ?? filterValues(args, "prefix-list-name")[0] ?? `pl-of-${args.id}`);
        const id = args.id ?? derivedId("pl-0", 16, name, region);
        const awsManaged = name.startsWith(`${partitionOf(region).reverseDnsPrefix}.`);
        return {
            ...args,
            id,
            name,
            arn: `arn:${partitionOf(region).partition}:ec2:${region}:${awsManaged ? "aws" : PLACEHOLDERS.accountId}:prefix-list/${id}`,
            addressFamily: name.includes(".ipv6.") ? "IPv6" : "IPv4",
            maxEntries: awsManaged ? 2 : 1,
            ownerId: awsManaged ? "AWS" : PLACEHOLDERS.accountId,
            version: 1,
            entries: [],
            tags: {},
        };
    },
    "aws:route53/getZone:getZone": (args) => {
        const name = String(args.name ?? `zone-${args.zoneId}`).replace(/\.$/, "");
        const zoneId = args.zoneId ?? derivedId("Z0", 18, name, args.privateZone ?? false).toUpperCase();
        return {
            ...args,
            id: zoneId,
            zoneId,
            name,
            arn: `arn:aws:route53:::hostedzone/${zoneId}`,
            privateZone: args.privateZone ?? false,
            nameServers: [
                "ns-0.awsdns-00.com",
                "ns-512.awsdns-00.net",
                "ns-1024.awsdns-00.org",
                "ns-1536.awsdns-00.co.uk",
            ],
            comment: "",
            resourceRecordSetCount: 2,
        };
    },
};

/** The placeholder answer for a lookup; throws {@link NoPlaceholderError} when there is none. */
export function answerLookup(
    token: string,
    args: Record<string, any>,
    context: LookupContext,
    extra: Readonly<Record<string, Lookup>> = {},
): Record<string, unknown> | Promise<Record<string, unknown>> {
    const lookup = extra[token] ?? LOOKUPS[token];
    if (!lookup) {
        throw new NoPlaceholderError(token);
    }
    return lookup(args, context);
}

type Computed = (name: string, inputs: Record<string, any>, region: string) => Record<string, unknown>;

function addressed(name: string, _inputs: Record<string, any>, region: string): Record<string, unknown> {
    const ip = PLACEHOLDERS.publicIp;
    return {
        publicIp: ip,
        publicDns: placeholderDns(ip, region),
        arn: `arn:aws:ec2:${region}:${PLACEHOLDERS.accountId}:${name}`,
    };
}

function iamNamed(kind: "role" | "instance-profile"): Computed {
    return (name, inputs) => {
        const iamName = inputs.name ?? `${name}-0000000`;
        return { name: iamName, arn: `arn:aws:iam::${PLACEHOLDERS.accountId}:${kind}/${iamName}` };
    };
}

/** The outputs each type computes, by type token; a type not here computes none offline. */
const COMPUTED: Readonly<Record<string, Computed>> = {
    [T.INSTANCE]: addressed,
    [T.EIP]: addressed,
    [T.KEY_PAIR]: (name, inputs) => ({ keyName: inputs.keyName ?? `${name}-0000000`, keyPairId: `key-${name}` }),
    [T.ROLE]: iamNamed("role"),
    [T.INSTANCE_PROFILE]: iamNamed("instance-profile"),
    [T.SECURITY_GROUP]: (name, inputs) => ({
        name: inputs.name ?? `${name}-0000000`,
        vpcId: inputs.vpcId ?? PLACEHOLDERS.defaultVpcId,
    }),
    [T.PRIVATE_KEY]: (name) => ({
        privateKeyPem: `-----BEGIN RSA PRIVATE KEY-----\nplaceholder for ${name}\n-----END RSA PRIVATE KEY-----\n`,
        publicKeyOpenssh: `ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQplaceholder ${name}\n`,
    }),
};

/**
 * Outputs AWS computes when it creates a resource, per type, for an update under mocks (ids,
 * addresses, names), so a component's outputs read like a real stack's. A preview leaves them
 * unknown, as `pulumi preview` does.
 */
export function computedOutputs(
    type: string,
    name: string,
    inputs: Record<string, any>,
    region: string,
): Record<string, unknown> {
    return Object.hasOwn(COMPUTED, type) ? COMPUTED[type](name, inputs, region) : {};
}
