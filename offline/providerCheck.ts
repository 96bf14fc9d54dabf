/**
 * The AWS provider's Check, as far as the pack's judgement depends on it: what the engine hands
 * Analyze is not the program's inputs but the inputs the provider checked (pulumi/pulumi
 * pkg/resource/deploy/step_generator.go calls the provider's Check before the analyzers, and
 * gives them its result). For @pulumi/aws 7.48.0 (package.json), a pulumi-terraform-bridge
 * provider, Check (pulumi/pulumi-terraform-bridge pkg/tfbridge/provider.go `Check`):
 *
 * 1. fills `tagsAll` from the provider's `defaultTags` and `ignoreTags` (pulumi/pulumi-aws
 *    provider/tags.go `applyTags`, its PreCheckCallback), for the types whose `tags` is an input
 *    and that have `tagsAll` (provider/autonaming.go `hasNonComputedTagsAndTagsAll`);
 * 2. fills the defaults Pulumi's side declares: an autoname for `name` (pulumi-aws
 *    provider/autonaming.go `setAutonaming`: every type whose Terraform schema takes a `name`,
 *    255 characters at most, "-" between the resource's name and 7 random hex digits, made by
 *    pulumi-terraform-bridge pkg/tfbridge/info/autonaming.go `ComputeAutoNameDefault` with
 *    pulumi/pulumi sdk/go/common/resource/resource_id.go `NewUniqueName`), left out when a
 *    conflicting `namePrefix` is set (pkg/tfbridge/schema.go `applyDefaults`: ConflictsWith);
 *    a security group's `description` "Managed by Pulumi" (pulumi-aws provider/resources.go);
 * 3. validates the inputs with the Terraform provider's ValidateFunc of each field, and fails
 *    the step on a value the schema refuses. A value unknown at preview is not validated
 *    (terraform-plugin-sdk validates known values only), so neither is it here.
 *
 * Not modeled: the Terraform schema's own defaults (`revokeRulesOnDelete: false`, a launch
 * template's `metadataOptions.httpTokens: "optional"`), which the bridge also writes into the
 * checked inputs, and the validation of every field outside {@link RULES}
 * (docs/offline-vs-engine.md lists what is covered).
 */
import * as T from "./resourceTypes";
import { createHash, randomBytes } from "node:crypto";
import * as ipaddr from "ipaddr.js";
import { NAME_INPUT_TYPES, TAGS_ALL_TYPES } from "./plannedOutputs.table";
import { containsSecret, isSecret, isUnknown, reveal, secret, UNKNOWN, WireValue } from "./wireValues";

type WireMap = Record<string, WireValue>;

/** The @pulumi/aws version these rules were read for (package.json pins it). */
export const CHECKED_AWS_VERSION = "7.48.0";

const TF = "hashicorp/terraform-provider-aws";
const EC2_INSTANCE = `${TF} internal/service/ec2/ec2_instance.go`;
// aws_spot_instance_request's schema is aws_instance's, with the spot fields added.
const SPOT_REQUEST = `${TF} internal/service/ec2/ec2_spot_instance_request.go (aws_instance's schema)`;
const LAUNCH_TEMPLATE = `${TF} internal/service/ec2/ec2_launch_template.go`;
const EBS_VOLUME = `${TF} internal/service/ec2/ebs_volume.go`;
const SECURITY_GROUP = `${TF} internal/service/ec2/vpc_security_group.go`;
const SECURITY_GROUP_RULE = `${TF} internal/service/ec2/vpc_security_group_rule.go`;
const INGRESS_RULE = `${TF} internal/service/ec2/vpc_security_group_ingress_rule.go`;
const AUTOSCALING_GROUP = `${TF} internal/service/autoscaling/group.go`;

/** aws-sdk-go-v2 service/ec2/types VolumeType's values (`ec2.VolumeType_Values()`). */
const VOLUME_TYPES = ["standard", "io1", "io2", "gp2", "sc1", "st1", "gp3"];
/** terraform-provider-aws internal/service/ec2 `CPUCredits_Values()`. */
const CPU_CREDITS = ["standard", "unlimited"];
const ENABLED_DISABLED = ["disabled", "enabled"];
const HTTP_TOKENS = ["optional", "required"];
const TENANCY = ["default", "dedicated", "host"];
const BURSTABLE_PERFORMANCE = ["included", "required", "excluded"];
/** terraform-provider-aws internal/service/autoscaling `desiredCapacityType`'s values. */
const DESIRED_CAPACITY_TYPES = ["memory-mib", "units", "vcpu"];

/** How a field's value is validated: the Terraform validation function it follows. */
export type Validation =
    | { readonly kind: "oneOf"; readonly values: readonly string[] } // validation.StringInSlice
    | { readonly kind: "intBetween"; readonly min: number; readonly max: number } // IntBetween / int64validator.Between
    | { readonly kind: "intAtLeast"; readonly min: number } // IntAtLeast
    | { readonly kind: "lengthBetween"; readonly min: number; readonly max: number } // StringLenBetween
    | { readonly kind: "notPrefix"; readonly prefix: string } // StringDoesNotMatch(^prefix)
    | { readonly kind: "ipv4Cidr" } // verify.ValidIPv4CIDRNetworkAddress
    | { readonly kind: "ipv6Cidr" }; // verify.ValidIPv6CIDRNetworkAddress

export interface Rule {
    /** The Pulumi property path: `.` between fields, `[]` for each element of a list. */
    readonly path: string;
    readonly validation: Validation;
    /** The Terraform provider file whose schema declares it. */
    readonly source: string;
}

const oneOf = (values: readonly string[]): Validation => ({ kind: "oneOf", values });
const intBetween = (min: number, max: number): Validation => ({ kind: "intBetween", min, max });
const lengthBetween = (min: number, max: number): Validation => ({ kind: "lengthBetween", min, max });
const IPV4_CIDR: Validation = { kind: "ipv4Cidr" };
const IPV6_CIDR: Validation = { kind: "ipv6Cidr" };

function instanceRules(source: string): Rule[] {
    return [
        { path: "creditSpecification.cpuCredits", validation: oneOf(CPU_CREDITS), source },
        { path: "metadataOptions.httpEndpoint", validation: oneOf(ENABLED_DISABLED), source },
        { path: "metadataOptions.httpTokens", validation: oneOf(HTTP_TOKENS), source },
        { path: "metadataOptions.httpPutResponseHopLimit", validation: intBetween(1, 64), source },
        { path: "metadataOptions.instanceMetadataTags", validation: oneOf(ENABLED_DISABLED), source },
        { path: "rootBlockDevice.volumeType", validation: oneOf(VOLUME_TYPES), source },
        { path: "ebsBlockDevices[].volumeType", validation: oneOf(VOLUME_TYPES), source },
        { path: "tenancy", validation: oneOf(TENANCY), source },
    ];
}

/** The ingress and egress blocks of a security group (`securityGroupRuleNestedBlock`, shared with the default group). */
const GROUP_RULE_BLOCKS: Rule[] = ["ingress", "egress"].flatMap((block) => [
    { path: `${block}[].cidrBlocks[]`, validation: IPV4_CIDR, source: SECURITY_GROUP },
    { path: `${block}[].ipv6CidrBlocks[]`, validation: IPV6_CIDR, source: SECURITY_GROUP },
]);

/**
 * The validated fields, by type: the fields the pack reads whose Terraform schema has a
 * validation function (most have none: `instanceType`, an inline rule's ports and protocol,
 * `monitoring`, volume sizes and iops, a group's sizes), plus the `name` an autoname fills.
 */
export const RULES: Readonly<Record<string, readonly Rule[]>> = {
    [T.INSTANCE]: instanceRules(EC2_INSTANCE),
    [T.SPOT_INSTANCE_REQUEST]: instanceRules(SPOT_REQUEST),
    [T.LAUNCH_TEMPLATE]: [
        { path: "blockDeviceMappings[].ebs.volumeType", validation: oneOf(VOLUME_TYPES), source: LAUNCH_TEMPLATE },
        { path: "blockDeviceMappings[].ebs.throughput", validation: intBetween(125, 1000), source: LAUNCH_TEMPLATE },
        { path: "creditSpecification.cpuCredits", validation: oneOf(CPU_CREDITS), source: LAUNCH_TEMPLATE },
        { path: "metadataOptions.httpEndpoint", validation: oneOf(ENABLED_DISABLED), source: LAUNCH_TEMPLATE },
        { path: "metadataOptions.httpTokens", validation: oneOf(HTTP_TOKENS), source: LAUNCH_TEMPLATE },
        { path: "metadataOptions.httpPutResponseHopLimit", validation: intBetween(1, 64), source: LAUNCH_TEMPLATE },
        {
            path: "instanceRequirements.burstablePerformance",
            validation: oneOf(BURSTABLE_PERFORMANCE),
            source: LAUNCH_TEMPLATE,
        },
        { path: "placement.tenancy", validation: oneOf(TENANCY), source: LAUNCH_TEMPLATE },
    ],
    [T.AUTOSCALING_GROUP]: [
        { path: "desiredCapacityType", validation: oneOf(DESIRED_CAPACITY_TYPES), source: AUTOSCALING_GROUP },
        {
            path: "mixedInstancesPolicy.instancesDistribution.onDemandBaseCapacity",
            validation: { kind: "intAtLeast", min: 0 },
            source: AUTOSCALING_GROUP,
        },
        {
            path: "mixedInstancesPolicy.instancesDistribution.onDemandPercentageAboveBaseCapacity",
            validation: intBetween(0, 100),
            source: AUTOSCALING_GROUP,
        },
    ],
    // Its `type` has no validation function: AWS refuses an unknown type at create, not at Check.
    [T.EBS_VOLUME]: [{ path: "throughput", validation: intBetween(125, 1000), source: EBS_VOLUME }],
    [T.SECURITY_GROUP]: [
        ...GROUP_RULE_BLOCKS,
        { path: "name", validation: lengthBetween(0, 255), source: SECURITY_GROUP },
        { path: "name", validation: { kind: "notPrefix", prefix: "sg-" }, source: SECURITY_GROUP },
        // 255 less terraform-plugin-sdk id.UniqueIDSuffixLength (26).
        { path: "namePrefix", validation: lengthBetween(0, 229), source: SECURITY_GROUP },
        { path: "namePrefix", validation: { kind: "notPrefix", prefix: "sg-" }, source: SECURITY_GROUP },
        { path: "description", validation: lengthBetween(0, 255), source: SECURITY_GROUP },
    ],
    [T.DEFAULT_SECURITY_GROUP]: GROUP_RULE_BLOCKS,
    [T.SECURITY_GROUP_RULE]: [
        { path: "type", validation: oneOf(["ingress", "egress"]), source: SECURITY_GROUP_RULE },
        { path: "cidrBlocks[]", validation: IPV4_CIDR, source: SECURITY_GROUP_RULE },
        { path: "ipv6CidrBlocks[]", validation: IPV6_CIDR, source: SECURITY_GROUP_RULE },
    ],
    [T.VPC_INGRESS_RULE]: [
        { path: "fromPort", validation: intBetween(-1, 65535), source: INGRESS_RULE },
        { path: "toPort", validation: intBetween(-1, 65535), source: INGRESS_RULE },
        { path: "cidrIpv4", validation: IPV4_CIDR, source: INGRESS_RULE },
        { path: "cidrIpv6", validation: IPV6_CIDR, source: INGRESS_RULE },
    ],
};

/** Defaults Pulumi's side of the provider declares (pulumi-aws provider/resources.go `Default`). */
const PULUMI_DEFAULTS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
    [T.SECURITY_GROUP]: { description: "Managed by Pulumi" },
};

/** A value the provider's schema refuses. */
export interface CheckFailure {
    /** The field's path, elements numbered: `ingress[0].cidrBlocks[1]`. */
    readonly path: string;
    /** The value as the program gave it (a secret shown as "[secret]"). */
    readonly value: unknown;
    /** What the schema accepts. */
    readonly expected: string;
    readonly source: string;
}

function describeValue(value: unknown): string {
    return typeof value === "string" ? JSON.stringify(value) : String(JSON.stringify(value));
}

/** Why a known value fails a validation, or undefined when it passes. */
function refusal(validation: Validation, value: unknown): string | undefined {
    switch (validation.kind) {
        case "oneOf":
            return typeof value === "string" && validation.values.includes(value)
                ? undefined
                : `expected one of ${validation.values.map((v) => JSON.stringify(v)).join(", ")}`;
        case "intBetween":
            return typeof value === "number" &&
                Number.isInteger(value) &&
                value >= validation.min &&
                value <= validation.max
                ? undefined
                : `expected a whole number from ${validation.min} to ${validation.max}`;
        case "intAtLeast":
            return typeof value === "number" && Number.isInteger(value) && value >= validation.min
                ? undefined
                : `expected a whole number of at least ${validation.min}`;
        case "lengthBetween":
            return typeof value === "string" && value.length >= validation.min && value.length <= validation.max
                ? undefined
                : `expected ${validation.min} to ${validation.max} characters`;
        case "notPrefix":
            return typeof value === "string" && value.startsWith(validation.prefix)
                ? `expected no ${JSON.stringify(validation.prefix)} at its start`
                : undefined;
        case "ipv4Cidr":
            return isIpv4Network(value)
                ? undefined
                : "expected an IPv4 CIDR network address (a.b.c.d/n, n at most 32, no host bits set)";
        case "ipv6Cidr":
            return isIpv6Network(value)
                ? undefined
                : "expected an IPv6 CIDR network address (prefix at most 128, no host bits set)";
    }
}

/**
 * terraform-provider-aws internal/types `ValidateIPv4CIDRBlock`: Go's net.ParseCIDR accepts it
 * (four decimal octets without leading zeros, a prefix of at most 32), it is IPv4, and it is
 * written as its network (`10.0.0.1/8` is refused: "did you mean 10.0.0.0/8?").
 */
function isIpv4Network(value: unknown): boolean {
    const m = typeof value === "string" ? /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(value) : null;
    if (!m) {
        return false;
    }
    const octets = m.slice(1, 5);
    if (octets.some((o) => Number(o) > 255 || (o.length > 1 && o.startsWith("0")))) {
        return false;
    }
    const bits = Number(m[5]);
    if (bits > 32 || (m[5].length > 1 && m[5].startsWith("0"))) {
        return false;
    }
    const address = octets.reduce((a, o) => a * 256 + Number(o), 0);
    const hostBits = 2 ** (32 - bits);
    return address % hostBits === 0;
}

/** terraform-provider-aws internal/types `ValidateIPv6CIDRBlock`: an IPv6 CIDR written as its network. */
function isIpv6Network(value: unknown): boolean {
    if (typeof value !== "string" || !value.includes(":") || !ipaddr.IPv6.isValidCIDR(value)) {
        return false;
    }
    const [address] = ipaddr.IPv6.parseCIDR(value);
    const network = ipaddr.IPv6.networkAddressFromCIDR(value);
    return address.toNormalizedString() === network.toNormalizedString();
}

/** Every value at a rule's path, with its numbered path; unknowns (and what is under one) left out. */
function valuesAt(inputs: WireValue, path: string): { path: string; value: WireValue }[] {
    let found: { path: string; value: WireValue }[] = [{ path: "", value: inputs }];
    for (const segment of path.split(".")) {
        const each = segment.endsWith("[]");
        const key = each ? segment.slice(0, -2) : segment;
        const next: { path: string; value: WireValue }[] = [];
        for (const { path: at, value } of found) {
            const container = isSecret(value) ? reveal(value) : value;
            if (typeof container !== "object" || container === null || Array.isArray(container)) {
                continue;
            }
            const field = (container as WireMap)[key];
            const fieldPath = at ? `${at}.${key}` : key;
            if (field === undefined || field === null || isUnknown(field)) {
                continue;
            }
            if (each) {
                const list = isSecret(field) ? reveal(field) : field;
                if (Array.isArray(list)) {
                    list.forEach((v, i) => next.push({ path: `${fieldPath}[${i}]`, value: v }));
                }
            } else {
                next.push({ path: fieldPath, value: field });
            }
        }
        found = next;
    }
    return found.filter(({ value }) => !isUnknown(value) && !(isSecret(value) && isUnknown(reveal(value))));
}

/** The values of `inputs` a type's rules refuse. */
export function validate(type: string, inputs: WireMap): CheckFailure[] {
    const failures: CheckFailure[] = [];
    for (const rule of RULES[type] ?? []) {
        for (const { path, value } of valuesAt(inputs, rule.path)) {
            const plainValue = reveal(value);
            if (plainValue === null || plainValue === undefined) {
                continue;
            }
            const why = refusal(rule.validation, plainValue);
            if (why) {
                failures.push({
                    path,
                    value: containsSecret(value) ? "[secret]" : plainValue,
                    expected: why,
                    source: rule.source,
                });
            }
        }
    }
    return failures;
}

/** How the engine's `pulumi:autonaming` config names a resource (pulumi/pulumi pkg/resource/autonaming/strategy.go). */
export type Autonaming =
    | { readonly mode: "default" }
    | { readonly mode: "verbatim" }
    | { readonly mode: "disabled" }
    | { readonly mode: "pattern"; readonly pattern: string; readonly enforce: boolean };

interface NamingConfig {
    mode?: unknown;
    pattern?: unknown;
    enforce?: unknown;
}

/** An error in the stack's `pulumi:autonaming` config, in the CLI's words (pkg/cmd/pulumi/autonaming/config.go). */
export class AutonamingConfigError extends Error {}

function namingOf(config: NamingConfig | undefined, where: string): Autonaming | undefined {
    if (config === undefined) {
        return undefined;
    }
    if (typeof config !== "object" || config === null || Array.isArray(config)) {
        throw new AutonamingConfigError(`invalid autonaming config structure: ${where} must be an object`);
    }
    const hasMode = config.mode !== undefined;
    const hasPattern = config.pattern !== undefined;
    if (hasMode && (hasPattern || config.enforce !== undefined)) {
        throw new AutonamingConfigError(`failed to resolve ${where}: cannot specify both mode and pattern/enforce`);
    }
    if (hasPattern) {
        if (typeof config.pattern !== "string") {
            throw new AutonamingConfigError(`invalid autonaming config structure: ${where}.pattern must be a string`);
        }
        return { mode: "pattern", pattern: config.pattern, enforce: config.enforce === true };
    }
    if (config.enforce !== undefined) {
        throw new AutonamingConfigError(`failed to resolve ${where}: pattern must be specified when enforce is true`);
    }
    if (!hasMode) {
        return undefined;
    }
    if (config.mode === "default" || config.mode === "verbatim" || config.mode === "disabled") {
        return { mode: config.mode };
    }
    throw new AutonamingConfigError(`failed to resolve ${where}: invalid naming mode: ${String(config.mode)}`);
}

/**
 * The naming for each resource type from the stack's `pulumi:autonaming` config (a JSON string,
 * as the CLI hands structured config): a type's own entry, else its provider's, else the root's.
 */
export function autonamingFor(configJson: string | undefined): (type: string) => Autonaming {
    if (configJson === undefined) {
        return () => ({ mode: "default" });
    }
    let config: Record<string, unknown>;
    try {
        config = JSON.parse(configJson) as Record<string, unknown>;
    } catch {
        throw new AutonamingConfigError("invalid autonaming config: pulumi:autonaming must be an object");
    }
    const root = namingOf(config as NamingConfig, "root naming config") ?? { mode: "default" };
    const providers = (config.providers ?? {}) as Record<
        string,
        NamingConfig & { resources?: Record<string, NamingConfig> }
    >;
    return (type) => {
        const pkg = type.split(":")[0];
        const provider = providers[pkg];
        if (!provider) {
            return root;
        }
        const own = provider.resources?.[type];
        if (own !== undefined) {
            const naming = namingOf(own, `naming config for resource "${type}"`);
            if (!naming) {
                throw new AutonamingConfigError(`mode or pattern must be specified for resource "${type}"`);
            }
            return naming;
        }
        return namingOf(provider, `naming config for provider "${pkg}"`) ?? root;
    };
}

/** Random characters for a name, from a seed: the same seed and resource give the same characters. */
export class NameRandomness {
    private readonly seed: string;
    constructor(seed?: string) {
        this.seed = seed ?? randomBytes(16).toString("hex");
    }

    /** `n` characters of `charset` for the resource `urn` (the `index`th draw). */
    chars(urn: string, n: number, charset: string, index = 0): string {
        let out = "";
        for (let block = 0; out.length < n; block++) {
            const digest = createHash("sha256").update(`${this.seed}\0${urn}\0${index}\0${block}`).digest();
            for (const byte of digest) {
                if (out.length < n) {
                    out += charset[byte % charset.length];
                }
            }
        }
        return out;
    }
}

const HEX = "0123456789abcdef";
const AUTONAME_MAX = 255;
const AUTONAME_RANDOM = 7;

/** What a stack's names come from. */
export interface NamingContext {
    readonly project: string;
    readonly stack: string;
    readonly config: Readonly<Record<string, string>>;
    readonly naming: (type: string) => Autonaming;
    readonly random: NameRandomness;
}

/** The pattern of `pulumi:autonaming` with its expressions filled (strategy.go `generateName`, config.go's stack expressions). */
function fromPattern(pattern: string, name: string, urn: string, context: NamingContext): string {
    let draw = 0;
    const chars = (n: number, charset: string) => context.random.chars(urn, n, charset, draw++);
    return pattern
        .replaceAll("${name}", name)
        .replaceAll("${project}", context.project)
        .replaceAll("${stack}", context.stack)
        .replace(/\$\{config\.([^}]+)\}/g, (_, key: string) => {
            const full = key.includes(":") ? key : `${context.project}:${key}`;
            const value = context.config[full];
            if (value === undefined) {
                throw new AutonamingConfigError(`no value for configuration key "${full}" in autonaming pattern`);
            }
            return value;
        })
        .replace(/\$\{hex\((\d+)\)\}/g, (_, n: string) => chars(Number(n), HEX))
        .replace(/\$\{alphanum\((\d+)\)\}/g, (_, n: string) => chars(Number(n), "abcdefghijklmnopqrstuvwxyz0123456789"))
        .replace(/\$\{string\((\d+)\)\}/g, (_, n: string) => chars(Number(n), "abcdefghijklmnopqrstuvwxyz"))
        .replace(/\$\{num\((\d+)\)\}/g, (_, n: string) => chars(Number(n), "0123456789"))
        .replaceAll("${uuid}", () => {
            const h = chars(32, HEX);
            return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
        });
}

/** The autoname of a resource's `name`, or why it cannot have one. */
function autoname(type: string, name: string, urn: string, context: NamingContext): string | { error: string } {
    const naming = context.naming(type);
    switch (naming.mode) {
        case "verbatim":
            return name;
        case "disabled":
            return { error: "automatic naming is disabled but no explicit name was provided" };
        case "pattern": {
            const proposed = fromPattern(naming.pattern, name, urn, context);
            if (!naming.enforce && proposed.length > AUTONAME_MAX) {
                return { error: `calculated name '${proposed}' exceeds maximum length of ${AUTONAME_MAX}` };
            }
            return proposed;
        }
        case "default": {
            const prefix = `${name}-`;
            if (prefix.length + AUTONAME_RANDOM > AUTONAME_MAX) {
                return {
                    error: `could not make instance of '${type}': name '${prefix}' plus ${AUTONAME_RANDOM} random chars is longer than maximum length ${AUTONAME_MAX}`,
                };
            }
            return prefix + context.random.chars(urn, AUTONAME_RANDOM, HEX);
        }
    }
}

/** A provider input that the SDK sends as a JSON string (a structured provider input). */
function structured(value: WireValue): WireValue {
    const plain = isSecret(value) ? reveal(value) : value;
    if (typeof plain === "string" && !isUnknown(plain)) {
        try {
            return JSON.parse(plain) as WireValue;
        } catch {
            return plain;
        }
    }
    return plain;
}

function containsUnknown(value: WireValue): boolean {
    if (isUnknown(value)) {
        return true;
    }
    const plain = isSecret(value) ? reveal(value) : value;
    if (Array.isArray(plain)) {
        return plain.some(containsUnknown);
    }
    if (typeof plain === "object" && plain !== null) {
        return Object.values(plain).some(containsUnknown);
    }
    return false;
}

function stringMap(value: WireValue): Record<string, string> {
    const plain = reveal(value);
    if (typeof plain !== "object" || plain === null || Array.isArray(plain)) {
        return {};
    }
    return Object.fromEntries(
        Object.entries(plain as Record<string, unknown>)
            .filter(([, v]) => v !== null && v !== undefined)
            .map(([k, v]) => [k, typeof v === "string" ? v : String(v)]),
    );
}

/**
 * `tagsAll` as pulumi-aws provider/tags.go `mergeTags` computes it: the provider's
 * `defaultTags.tags`, then the resource's `tags` over them, less the keys and key prefixes of
 * the provider's `ignoreTags`; unknown when any of them is; `{}` when none is left.
 */
export function tagsAllOf(tags: WireValue, provider: Readonly<Record<string, WireValue>>): WireValue {
    const defaultTags = structured(provider.defaultTags ?? {});
    const ignoreTags = structured(provider.ignoreTags ?? {});
    if (containsUnknown(tags) || containsUnknown(defaultTags) || containsUnknown(ignoreTags)) {
        return UNKNOWN;
    }
    const merged = {
        ...stringMap((defaultTags as Record<string, WireValue> | null)?.tags),
        ...stringMap(tags),
    };
    const ignore = (ignoreTags ?? {}) as Record<string, WireValue>;
    const keys = Object.values(stringMap(ignore.keys)).concat(asList(ignore.keys));
    const prefixes = Object.values(stringMap(ignore.keyPrefixes)).concat(asList(ignore.keyPrefixes));
    const kept = Object.fromEntries(
        Object.entries(merged).filter(([k]) => !keys.includes(k) && !prefixes.some((p) => k.startsWith(p))),
    );
    return containsSecret(tags) || containsSecret(provider.defaultTags) ? secret(kept) : kept;
}

function asList(value: WireValue): string[] {
    const plain = reveal(value);
    return Array.isArray(plain) ? plain.filter((v): v is string => typeof v === "string") : [];
}

/** A resource the provider's Check refused. */
export class ProviderCheckError extends Error {
    constructor(
        readonly type: string,
        readonly name: string,
        readonly failures: readonly CheckFailure[],
        readonly problem?: string,
    ) {
        super(
            problem
                ? `${type} "${name}": the AWS provider's Check fails: ${problem}`
                : [
                      `${type} "${name}": the AWS provider's Check refuses ${failures.length === 1 ? "a value" : `${failures.length} values`}, so the preview stops before the policies judge it:`,
                      ...failures.map(
                          (f) =>
                              `  ${f.path} is ${describeValue(f.value)}: ${f.expected} (${f.source}, as @pulumi/aws ${CHECKED_AWS_VERSION} runs it)`,
                      ),
                  ].join("\n"),
        );
        this.name = "ProviderCheckError";
    }
}

/** What the check needs of a resource. */
export interface CheckedResource {
    readonly type: string;
    readonly name: string;
    readonly urn: string;
    readonly inputs: WireMap;
}

/**
 * The inputs the AWS provider's Check returns for `resource`, given its provider's config
 * (structured values as the SDK sends them, JSON strings). Throws {@link ProviderCheckError}
 * for a value the schema refuses. A type of another package is returned as it came.
 */
export function checkInputs(
    resource: CheckedResource,
    provider: Readonly<Record<string, WireValue>>,
    context: NamingContext,
): WireMap {
    if (!resource.type.startsWith("aws:")) {
        return resource.inputs;
    }
    const checked: WireMap = { ...resource.inputs };
    for (const [key, value] of Object.entries(PULUMI_DEFAULTS[resource.type] ?? {})) {
        if (checked[key] === undefined || checked[key] === null) {
            checked[key] = value;
        }
    }
    const unset = (key: string) => checked[key] === undefined || checked[key] === null;
    if (NAME_INPUT_TYPES.includes(resource.type) && unset("name") && unset("namePrefix")) {
        const name = autoname(resource.type, resource.name, resource.urn, context);
        if (typeof name !== "string") {
            throw new ProviderCheckError(resource.type, resource.name, [], name.error);
        }
        checked.name = name;
    }
    if (TAGS_ALL_TYPES.includes(resource.type)) {
        checked.tagsAll = tagsAllOf(checked.tags, provider);
    }
    const failures = validate(resource.type, checked);
    if (failures.length > 0) {
        throw new ProviderCheckError(resource.type, resource.name, failures);
    }
    return checked;
}
