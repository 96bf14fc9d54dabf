/**
 * Property values as they cross the Pulumi wire protocol, read as plain data: a protobuf
 * Struct's `toJavaScript()`, in which the engine's special values are marked as the protocol
 * marks them (an unknown is a sentinel string; a secret, a resource reference, an output
 * value, an asset or an archive is an object carrying the signature key). Plain data crosses
 * between copies of the Pulumi SDK, and between processes, without losing what it means.
 */

/** An input or output not known until `pulumi up`. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
const OUTPUT_VALUE_SIG = "d0e6a833031e9bbcd3f4e8bde6ca49a4";

/** A plain value from a Struct: JSON-like data with the protocol's markers in it. */
export type WireValue = unknown;

export interface WireSecret {
    readonly [SIG_KEY]: typeof SECRET_SIG;
    readonly value: WireValue;
}

export interface WireResourceReference {
    readonly [SIG_KEY]: typeof RESOURCE_SIG;
    readonly urn: string;
    /** Set for a custom resource: its id, UNKNOWN or "" when not known yet. */
    readonly id?: string;
    readonly packageVersion?: string;
}

function signed(value: unknown, sig: string): boolean {
    return typeof value === "object" && value !== null && (value as Record<string, unknown>)[SIG_KEY] === sig;
}

export function isUnknown(value: unknown): boolean {
    return value === UNKNOWN;
}

export function isSecret(value: unknown): value is WireSecret {
    return signed(value, SECRET_SIG);
}

export function isResourceReference(value: unknown): value is WireResourceReference {
    return signed(value, RESOURCE_SIG);
}

/**
 * An output value (sent to monitors that support output values, and by the engine to transforms):
 * its value, or unknown; whether it is secret; the resources it came from.
 */
function outputValueOf(value: unknown): { value: WireValue; secret: boolean; dependencies: string[] } | undefined {
    if (!signed(value, OUTPUT_VALUE_SIG)) {
        return undefined;
    }
    const v = value as { value?: WireValue; secret?: boolean; dependencies?: unknown };
    const dependencies = Array.isArray(v.dependencies) ? v.dependencies.map(String) : [];
    return { value: "value" in v ? v.value : UNKNOWN, secret: v.secret === true, dependencies };
}

/**
 * The value as an output value that also carries `dependencies`, as the engine upgrades an input
 * before it hands it to a transform, so that the resources it came from survive the transform.
 */
export function withDependencies(value: WireValue, dependencies: readonly string[]): WireValue {
    const existing = outputValueOf(value);
    const inner = existing ? existing.value : isSecret(value) ? value.value : value;
    const all = [...new Set([...(existing?.dependencies ?? []), ...dependencies])];
    return {
        [SIG_KEY]: OUTPUT_VALUE_SIG,
        ...(isUnknown(inner) ? {} : { value: inner }),
        ...((existing?.secret ?? isSecret(value)) ? { secret: true } : {}),
        dependencies: all,
    };
}

/** The resources (URNs) that the output values in a value say it came from. */
export function outputDependencies(value: WireValue): string[] {
    const found = new Set<string>();
    const visit = (node: WireValue): void => {
        const output = outputValueOf(node);
        if (output) {
            output.dependencies.forEach((d) => found.add(d));
            visit(output.value);
        } else if (typeof node === "object" && node !== null) {
            Object.values(node).forEach(visit);
        }
    };
    visit(value);
    return [...found];
}

/** Wraps a value as a secret. */
export function secret(value: WireValue): WireSecret {
    return { [SIG_KEY]: SECRET_SIG, value } as WireSecret;
}

/** Whether a value is, or holds, a secret. */
export function containsSecret(value: unknown): boolean {
    if (isSecret(value)) {
        return true;
    }
    return typeof value === "object" && value !== null && Object.values(value).some(containsSecret);
}

/** Rebuilds a value bottom-up, letting `replace` stand in for any node it recognises. */
function mapWire(value: WireValue, replace: (node: WireValue) => WireValue | undefined): WireValue {
    const replaced = replace(value);
    if (replaced !== undefined) {
        return replaced;
    }
    if (Array.isArray(value)) {
        return value.map((item) => mapWire(item, replace));
    }
    if (typeof value === "object" && value !== null) {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapWire(v, replace)]));
    }
    return value;
}

/** The value with every secret replaced by what it holds (for lookups, which need plain values). */
export function reveal(value: WireValue): WireValue {
    return mapWire(value, (node) => (isSecret(node) ? reveal(node.value) : undefined));
}

/**
 * The value as the engine hands it to a policy pack or to a program that does not accept
 * resource references: each reference becomes the referenced resource's id (a custom resource;
 * unknown while its id is) or its URN (a component), and each output value becomes its value,
 * secret when it was.
 */
export function flattenReferences(value: WireValue): WireValue {
    return mapWire(value, (node) => {
        if (isResourceReference(node)) {
            if (node.id === undefined) {
                return node.urn;
            }
            return node.id === "" ? UNKNOWN : node.id;
        }
        return plainOutputValue(node, flattenReferences);
    });
}

/**
 * The value with each output value replaced by its value (secret when it was, unknown when it has
 * none), as the engine sends values to a program that did not ask for output values.
 */
export function withoutOutputValues(value: WireValue): WireValue {
    return mapWire(value, (node) => plainOutputValue(node, withoutOutputValues));
}

/** An output value's plain form, its value passed through `inner`; undefined for any other node. */
function plainOutputValue(node: WireValue, inner: (value: WireValue) => WireValue): WireValue | undefined {
    const output = outputValueOf(node);
    if (!output) {
        return undefined;
    }
    const plain = inner(output.value);
    return output.secret ? secret(plain) : plain;
}
