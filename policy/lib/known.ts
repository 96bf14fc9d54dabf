/**
 * Values unknown at preview. The policy framework hands policies a proxy that throws
 * `UnknownValueError` when an unknown value is read, and turns an escaped one into an
 * advisory "can't run policy ... during preview" note. A policy that throws on the first
 * unknown would miss what the known values already prove, so each policy reads a snapshot:
 * plain data where every unknown value is an {@link Unknown} marker it can reason about.
 */
import { unknownCheckingProxy, UnknownValueError } from "@pulumi/policy";
import { runtime } from "@pulumi/pulumi";
import { proxyTarget } from "./adapters/pulumiPolicy";

/**
 * Resource inputs as any program sends them. Their shape is not guaranteed to match the AWS
 * types (a field may be missing, null, of another type, or Unknown), so policies read them
 * through the tolerant readers of read.ts rather than trusting a type.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Props = any;

/**
 * A value the engine does not know yet (at preview), with where it sits; or, with `why`, a
 * value the pack cannot see at all (a volume's size left to a snapshot made elsewhere).
 */
export class Unknown {
    constructor(
        /** "ingress[1].cidrBlocks" */
        readonly path: string,
        /** Why it cannot be seen, when that is not "not known yet": `takes its size from snapshot "snap-1"`. */
        readonly why?: string,
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
 * Whether a string is one of the framework's unknown sentinels. They are UUID-shaped; the
 * framework's own proxy decides (public API), and its answer is remembered per string.
 */
const sentinels = new Map<string, boolean>();
function isSentinel(text: string): boolean {
    if (text.length !== 36 || text.charCodeAt(8) !== 45 /* - */) {
        return false;
    }
    let known = sentinels.get(text);
    if (known === undefined) {
        try {
            void unknownCheckingProxy({ value: text }).value;
            known = false;
        } catch (err) {
            known = err instanceof UnknownValueError;
        }
        if (sentinels.size > 1000) {
            sentinels.clear();
        }
        sentinels.set(text, known);
    }
    return known;
}

/** The plain object behind the framework's proxy (read ten times faster), or the value itself. */
function plainOf(value: object): object {
    return proxyTarget(value) ?? value;
}

function copyOf(value: unknown, path: string): Props {
    if (typeof value === "string") {
        return isSentinel(value) ? new Unknown(path) : value;
    }
    if (typeof value !== "object" || value === null) {
        return value;
    }
    const plain = plainOf(value);
    const isArray = Array.isArray(plain);
    const copy: Props = isArray ? [] : {};
    for (const key of Object.keys(plain)) {
        if (key === "__proto__") {
            continue;
        }
        let child: unknown;
        try {
            child = (plain as Record<string, unknown>)[key];
        } catch (err) {
            // A proxy without a plain target (another framework version) throws on unknowns.
            if (err instanceof UnknownValueError) {
                copy[key] = new Unknown(pathOf(path, key, isArray));
                continue;
            }
            throw err;
        }
        copy[key] = copyOf(child, pathOf(path, key, isArray));
    }
    return copy;
}

/**
 * A plain copy of resource properties (a proxy from the framework, or plain test data),
 * with each unknown value replaced by an {@link Unknown}.
 */
export function snapshot(props: unknown): Props {
    return copyOf(props, "");
}

/** An error the framework turns into its advisory "can't run policy ... during preview: <message>" note. */
export function noteError(message: string): UnknownValueError {
    const error = new UnknownValueError(runtime.unknownValue, []);
    error.message = message;
    return error;
}

/**
 * "<path> is not known yet, so <what> cannot be checked until `pulumi up`", prefixed by `who`
 * when given; for a value the pack cannot see, "<path> <why>, so <what> cannot be checked".
 */
export function unknownNote(unknown: Unknown, what: string, who = ""): string {
    const subject = [who, unknown.path].filter((s) => s !== "").join(" ") || "it";
    return unknown.why === undefined
        ? `${subject} is not known yet, so ${what} cannot be checked until \`pulumi up\``
        : `${subject} ${unknown.why}, so ${what} cannot be checked`;
}

/**
 * Stops the policy for this resource with the framework's advisory "can't run ... during
 * preview" note, naming what could not be checked. Called only when the known values neither
 * prove nor rule out a violation; `pulumi up` checks again with every value known.
 */
export function couldNotCheck(unknown: Unknown, what: string): never {
    throw noteError(unknownNote(unknown, what));
}

/**
 * What a stack policy could not check, gathered while it reports what it could: the framework
 * takes one note per policy and call, so the notes become one, raised after every violation.
 */
export class Notes {
    private readonly notes: string[] = [];

    add(note: string): void {
        this.notes.push(note);
    }

    unknown(unknown: Unknown, what: string, who: string): void {
        this.add(unknownNote(unknown, what, who));
    }

    /** The notes so far, in the order they were added. */
    list(): readonly string[] {
        return this.notes;
    }

    /** Throws the first note, saying how many more there are; does nothing when there are none. */
    raise(): void {
        if (this.notes.length === 0) {
            return;
        }
        const more = this.notes.length - 1;
        throw noteError(more === 0 ? this.notes[0] : `${this.notes[0]} (and ${more} more like it)`);
    }
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
