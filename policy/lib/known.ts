/**
 * Values unknown at preview. The policy framework hands policies a proxy that throws
 * `UnknownValueError` when an unknown value is read, and turns an escaped one into an
 * advisory "can't run policy ... during preview" note. A policy that throws on the first
 * unknown would miss what the known values already prove, so each policy reads a snapshot:
 * plain data where every unknown value is an {@link Unknown} marker it can reason about.
 */
import { UnknownValueError } from "@pulumi/policy";

/**
 * Resource inputs as any program sends them. Their shape is not guaranteed to match the AWS
 * types (a field may be missing, of another type, or Unknown), so policies read them
 * defensively rather than trusting a type.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Props = any;

/** A value the engine does not know yet (at preview), with where it sits. */
export class Unknown {
    constructor(
        /** "ingress[1].cidrBlocks" */
        readonly path: string,
        readonly error: UnknownValueError,
    ) {}
}

export function isUnknown(value: unknown): value is Unknown {
    return value instanceof Unknown;
}

function pathOf(parent: string, key: string, isArray: boolean): string {
    if (isArray) {
        return `${parent}[${key}]`;
    }
    return parent === "" ? key : `${parent}.${key}`;
}

/**
 * A plain copy of resource properties (a proxy from the framework, or plain test data),
 * with each unknown value replaced by an {@link Unknown}.
 */
export function snapshot(props: unknown, path = ""): Props {
    if (typeof props !== "object" || props === null) {
        return props;
    }
    const isArray = Array.isArray(props);
    const copy: Props = isArray ? [] : {};
    for (const key of Object.keys(props)) {
        const childPath = pathOf(path, key, isArray);
        let value: unknown;
        try {
            value = (props as Record<string, unknown>)[key];
        } catch (err) {
            if (err instanceof UnknownValueError) {
                copy[key] = new Unknown(childPath, err);
                continue;
            }
            throw err;
        }
        copy[key] = snapshot(value, childPath);
    }
    return copy;
}

/**
 * Stops the policy for this resource with the framework's advisory "can't run ... during
 * preview" note, naming what could not be checked. Called only when the known values neither
 * prove nor rule out a violation; `pulumi up` checks again with every value known.
 */
export function couldNotCheck(unknown: Unknown, what: string): never {
    unknown.error.message = `${unknown.path} is not known yet, so ${what} cannot be checked until \`pulumi up\``;
    throw unknown.error;
}

/**
 * The sum of the known numbers, and the first Unknown among them: what the known values
 * already prove ("at least N"), and what to name if that is not enough.
 */
export function sumKnown(values: readonly (number | Unknown)[]): { known: number; unknown?: Unknown } {
    let known = 0;
    let unknown: Unknown | undefined;
    for (const value of values) {
        if (isUnknown(value)) {
            unknown ??= value;
        } else {
            known += value;
        }
    }
    return { known, unknown };
}
