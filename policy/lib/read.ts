/**
 * Tolerant readers for values a program sends. Nothing a program can send may crash a policy:
 * a list with a hole (`null`, as `cond ? rule : undefined` gives), a number where a string
 * goes, a numeric string where a number goes, an object where a list goes. Each reader returns
 * what the value means to AWS, an {@link Unknown} when it is not known yet, or undefined when
 * it is absent or means nothing (the provider would refuse it, so nothing is created).
 *
 * Shapes are read as the AWS provider's bridge reads them before Terraform sees them
 * (pulumi-terraform-bridge, makeTerraformInput): a single value where a list goes is a list of
 * that one value, and a one-element list where a single block goes (`rootBlockDevice`,
 * `launchTemplate`, `creditSpecification`...) is passed on as the list Terraform stores that
 * block in, so it is that block.
 */
import { isUnknown, Props, Unknown } from "./known";

/** A plain object (not a list, not Unknown). */
export function isRecord(value: unknown): value is Record<string, Props> {
    return typeof value === "object" && value !== null && !Array.isArray(value) && !isUnknown(value);
}

/** A single block: an object, or the one object of a one-element list; Unknown passes through. */
export function objectOf(value: unknown): Record<string, Props> | Unknown | undefined {
    const one = Array.isArray(value) && value.length === 1 ? value[0] : value;
    return isUnknown(one) || isRecord(one) ? one : undefined;
}

/**
 * The keys of a type of the AWS SDK (an Args, a State, or a block of `@pulumi/aws/types/input`),
 * each holding whatever a program may send: a view of a resource's props whose key names the
 * compiler checks (a misspelt key does not compile) and whose values it never trusts. `Fields<A & B>`
 * takes a key of either type, for a reader shared by several.
 */
export type Fields<T> = { readonly [K in keyof T & string]?: Props };

/**
 * What AnalyzeStack carries of a resource that exists (handOff.ts), as a State type `T` of the
 * SDK keys it: its attributes, outputs included, and `id`, which the provider's outputs carry
 * though the SDK declares it on the resource, not in its State.
 */
export type StateFields<T> = Fields<T & { id?: unknown }>;

/**
 * A block's field, or undefined when the value is not a block; Unknown passes through. The type
 * argument names the block's SDK type, `field<input.ec2.InstanceRootBlockDevice>(device,
 * "volumeSize")`, and the key must be one of its keys (a union takes only the keys all of its
 * members have; without one, no key compiles); the value is read as tolerantly whatever it is.
 */
export function field<T>(value: unknown, key: keyof NoInfer<T> & string): Props {
    const block = objectOf(value);
    return isUnknown(block) ? block : block?.[key];
}

/**
 * The entries of a list with their positions, holes (null) left out; a single value is a list
 * of one; Unknown when the list is.
 */
export function entries(value: unknown): { at: number; value: Props }[] | Unknown {
    if (isUnknown(value)) {
        return value;
    }
    if (!Array.isArray(value)) {
        return value === undefined || value === null ? [] : [{ at: 0, value }];
    }
    const out: { at: number; value: Props }[] = [];
    value.forEach((entry, at) => {
        if (entry !== null && entry !== undefined) {
            out.push({ at, value: entry });
        }
    });
    return out;
}

/** A number, from a number or a numeric string (as the provider converts it). */
export function numberOf(value: unknown): number | Unknown | undefined {
    if (isUnknown(value)) {
        return value;
    }
    if (typeof value === "number") {
        return Number.isFinite(value) ? value : undefined;
    }
    if (typeof value === "string" && /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(value)) {
        // "1e999" is no number the provider takes.
        const number = Number(value);
        return Number.isFinite(number) ? number : undefined;
    }
    return undefined;
}

/** A string, from a string or a number (as the provider converts it). */
export function stringOf(value: unknown): string | Unknown | undefined {
    if (isUnknown(value) || typeof value === "string") {
        return value;
    }
    return typeof value === "number" && Number.isFinite(value) ? String(value) : undefined;
}

/** A boolean, from a boolean or "true"/"false" (launch templates type some flags as strings). */
export function booleanOf(value: unknown): boolean | Unknown | undefined {
    if (isUnknown(value) || typeof value === "boolean") {
        return value;
    }
    if (typeof value === "string") {
        const text = value.trim().toLowerCase();
        return text === "true" ? true : text === "false" ? false : undefined;
    }
    return undefined;
}

/** Whether a value is set at all: not absent, null or "". Unknown counts as set. */
export function isSet(value: unknown): boolean {
    return value !== undefined && value !== null && value !== "";
}
