/**
 * Acknowledgements: a policy's config may accept its findings on named resources, each with a
 * reason and an expiry date, as cdk-nag's NagSuppressions (a reason is required), Checkov's
 * `checkov:skip=ID:reason` (reported as SKIPPED) and trivy's ignore file (`statement`,
 * `expired_at`) do:
 *
 *     "no-public-ssh": { "acknowledge": [{ "resource": "bastion-sg", "reason": "...",
 *                                          "expires": "2026-12-31", "allowWorldOpenSsh": true }] }
 *
 * Done once, around every policy ({@link acknowledging}): each configSchema gets the `acknowledge`
 * property, and each validateResource/validateStack its `report` wrapped. A finding that an entry
 * matches is still reported, never hidden: marked ACKNOWLEDGED with the reason and the date, at
 * the advisory level, so it cannot block. @pulumi/policy 1.21.0 has no public per-violation
 * level: its `reportViolation` takes an object with `enforcementLevel` (pulumi/pulumi-policy
 * sdk/nodejs/policy/server.ts, makeReportViolationFun; the type is marked internal in policy.ts,
 * `ReportViolationArgs`), which is what the SDK itself does for its "can't run policy ... during
 * preview" notes; the engine takes the level of each diagnostic as it comes (pulumi/pulumi
 * pkg/resource/deploy/step_generator.go: only a mandatory diagnostic fails the preview). Once the
 * date has passed the finding counts again at the policy's level, with a note that its
 * acknowledgement expired.
 */
import type {
    Policies,
    PolicyConfigSchema,
    PolicyResource,
    ReportViolation,
    ResourceValidation,
    ResourceValidationPolicy,
    StackValidation,
    StackValidationPolicy,
} from "@pulumi/policy";
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { frameworkReport, ReportArgs } from "./adapters/pulumiPolicy";
import { STACK } from "./resources";

/** The config key. */
export const ACKNOWLEDGE = "acknowledge";

/**
 * The environment variable that sets "today" (YYYY-MM-DD, UTC) for expiry: to see now which
 * acknowledgements a later preview will find expired. The Pulumi CLI passes its environment to
 * the pack it starts, and so does preview:offline.
 */
export const TODAY_ENV = "FREE_TIER_GUARD_TODAY";

export const MIN_REASON = 10;

/** What an acknowledgement of these policies' findings must say besides the reason. */
const EXPLICIT_ALLOW: Readonly<Record<string, { readonly key: string; readonly what: string }>> = {
    "no-public-ssh": {
        key: "allowWorldOpenSsh",
        what: "Every finding of no-public-ssh is a port open to the whole internet; acknowledging one needs allowWorldOpenSsh: true on the entry.",
    },
};

export interface Acknowledgement {
    /** A resource name (the URN's last part), a URN, or either with `*` for any run of characters. */
    readonly resource: string;
    readonly reason: string;
    /** The last day it holds, YYYY-MM-DD (UTC). */
    readonly expires: string;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Whether a string is a real calendar date, YYYY-MM-DD: as Go's time.Parse("2006-01-02") judges
 * it, which is what the engine's gojsonschema checks `format: "date"` with
 * (xeipuuv/gojsonschema format_checkers.go, DateFormatChecker).
 */
export function isCalendarDate(text: string): boolean {
    const m = DATE.exec(text);
    if (!m) {
        return false;
    }
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (month < 1 || month > 12 || day < 1) {
        return false;
    }
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
    return day <= days;
}

/** The `acknowledge` property of a policy's config schema. */
export function acknowledgeSchema(policy: string): PolicyConfigJSONSchema {
    const allow = EXPLICIT_ALLOW[policy];
    const properties: Record<string, PolicyConfigJSONSchema> = {
        resource: {
            type: "string",
            minLength: 1,
            description: "The resource: its name (the URN's last part) or its URN; `*` matches any run of characters.",
        },
        reason: {
            type: "string",
            minLength: MIN_REASON,
            description: `Why the finding is accepted (at least ${MIN_REASON} characters); every output shows it.`,
        },
        expires: {
            type: "string",
            pattern: DATE.source,
            format: "date",
            description: "The last day the acknowledgement holds (YYYY-MM-DD, UTC); after it the finding counts again.",
        },
    };
    if (allow) {
        properties[allow.key] = { const: true, description: allow.what };
    }
    return {
        type: "array",
        description: `Findings of ${policy} accepted on the matching resources, each with a reason and an expiry date: reported as acknowledged (advisory), never hidden.`,
        items: {
            type: "object",
            properties,
            required: ["resource", "reason", "expires", ...(allow ? [allow.key] : [])],
            additionalProperties: false,
        },
    };
}

/** A config error naming the policy and the entry. */
export class AcknowledgementError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "AcknowledgementError";
    }
}

/**
 * A policy's acknowledgements, checked as its schema checks them (the engine refused bad ones
 * already; this says so again should the pack run with config nobody validated).
 */
export function acknowledgementsOf(policy: string, config: Record<string, unknown>): Acknowledgement[] {
    const given = config[ACKNOWLEDGE];
    if (given === undefined) {
        return [];
    }
    if (!Array.isArray(given)) {
        throw new AcknowledgementError(`${policy}.${ACKNOWLEDGE} is ${JSON.stringify(given)}, not a list`);
    }
    const allow = EXPLICIT_ALLOW[policy];
    const known = new Set(["resource", "reason", "expires", ...(allow ? [allow.key] : [])]);
    return given.map((entry: unknown, i) => {
        const at = `${policy}.${ACKNOWLEDGE}[${i}]`;
        if (typeof entry !== "object" || entry === null || Array.isArray(entry)) {
            throw new AcknowledgementError(`${at} is ${JSON.stringify(entry)}, not an object`);
        }
        const e = entry as Record<string, unknown>;
        const unknown = Object.keys(e).filter((k) => !known.has(k));
        if (unknown.length > 0) {
            throw new AcknowledgementError(
                `${at} has ${unknown.map((k) => JSON.stringify(k)).join(", ")}, no key of an acknowledgement`,
            );
        }
        if (typeof e.resource !== "string" || e.resource === "") {
            throw new AcknowledgementError(
                `${at}.resource is ${JSON.stringify(e.resource)}, not a resource name or URN`,
            );
        }
        if (typeof e.reason !== "string" || [...e.reason].length < MIN_REASON) {
            throw new AcknowledgementError(
                `${at}.reason is ${JSON.stringify(e.reason)}, shorter than ${MIN_REASON} characters`,
            );
        }
        if (typeof e.expires !== "string" || !isCalendarDate(e.expires)) {
            throw new AcknowledgementError(`${at}.expires is ${JSON.stringify(e.expires)}, not a date (YYYY-MM-DD)`);
        }
        if (allow && e[allow.key] !== true) {
            throw new AcknowledgementError(
                `${at} acknowledges ${JSON.stringify(e.resource)} without ${allow.key}: true. ${allow.what}`,
            );
        }
        return { resource: e.resource, reason: e.reason, expires: e.expires };
    });
}

/** Today, YYYY-MM-DD in UTC: {@link TODAY_ENV} when set (it must be a date), else the clock's. */
export function today(env: Readonly<Record<string, string | undefined>> = process.env, now = new Date()): string {
    const set = env[TODAY_ENV];
    if (set !== undefined && set !== "") {
        if (!isCalendarDate(set)) {
            throw new AcknowledgementError(`${TODAY_ENV} is ${JSON.stringify(set)}, not a date (YYYY-MM-DD)`);
        }
        return set;
    }
    return now.toISOString().slice(0, 10);
}

function globRegExp(glob: string): RegExp {
    const escaped = glob.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"));
    return new RegExp(`^${escaped.join(".*")}$`);
}

/**
 * Whether an entry's `resource` names this URN: a URN pattern (starting "urn:") against the
 * whole URN, else against the resource's name, the URN's last part.
 */
export function matches(resource: string, urn: string): boolean {
    if (urn === "") {
        return resource === "*";
    }
    const subject = resource.startsWith("urn:") ? urn : urn.slice(urn.lastIndexOf("::") + 2);
    return resource.includes("*") ? globRegExp(resource).test(subject) : resource === subject;
}

export type Standing = { readonly entry: Acknowledgement; readonly expired: boolean };

/** The first entry that names the URN, and whether its date has passed. */
export function standingOf(entries: readonly Acknowledgement[], urn: string, day: string): Standing | undefined {
    const entry = entries.find((e) => matches(e.resource, urn));
    return entry && { entry, expired: entry.expires < day };
}

const ACKNOWLEDGED =
    /^ACKNOWLEDGED until (\d{4}-\d{2}-\d{2}) \(acknowledge ("(?:[^"\\]|\\.)*")\): ("(?:[^"\\]|\\.)*")\n/;
const EXPIRED =
    /\nacknowledgement expired on (\d{4}-\d{2}-\d{2}) \(acknowledge ("(?:[^"\\]|\\.)*"): ("(?:[^"\\]|\\.)*")\), so it counts again$/;

/** An acknowledged finding's message: the acknowledgement's line, then the finding. */
export function acknowledgedMessage(entry: Acknowledgement, finding: string): string {
    return `ACKNOWLEDGED until ${entry.expires} (acknowledge ${JSON.stringify(entry.resource)}): ${JSON.stringify(entry.reason)}\n${finding}`;
}

/** A finding whose acknowledgement expired: the finding, then the note. */
export function expiredMessage(entry: Acknowledgement, finding: string): string {
    return `${finding}\nacknowledgement expired on ${entry.expires} (acknowledge ${JSON.stringify(entry.resource)}: ${JSON.stringify(entry.reason)}), so it counts again`;
}

/** What a finding's message says of its acknowledgement (preview:offline reads it back). */
export function readAcknowledgement(
    message: string,
): { readonly finding: string; readonly entry: Acknowledgement; readonly expired: boolean } | undefined {
    const live = ACKNOWLEDGED.exec(message);
    if (live) {
        const entry = { resource: JSON.parse(live[2]), reason: JSON.parse(live[3]), expires: live[1] };
        return { finding: message.slice(live[0].length), entry, expired: false };
    }
    const gone = EXPIRED.exec(message);
    if (gone) {
        const entry = { resource: JSON.parse(gone[2]), reason: JSON.parse(gone[3]), expires: gone[1] };
        return { finding: message.slice(0, gone.index), entry, expired: true };
    }
    return undefined;
}

/**
 * A report that marks acknowledged findings. `subject` is the URN a finding is about when its
 * report names none (the resource judged; for a stack policy, the stack).
 */
function acknowledgingReport(
    policy: { readonly name: string; readonly description: string },
    report: ReportViolation,
    config: Record<string, unknown>,
    subject: string,
): ReportViolation {
    const entries = acknowledgementsOf(policy.name, config);
    if (entries.length === 0) {
        return report;
    }
    const day = today();
    const sdk = frameworkReport(report);
    return ((given: string | ReportArgs, urn?: string) => {
        const args: ReportArgs = typeof given === "object" && given !== null ? given : { message: given, urn };
        const standing = standingOf(entries, args.urn || subject, day);
        if (!standing) {
            sdk(given, urn);
        } else if (standing.expired) {
            sdk(
                typeof given === "object"
                    ? { ...args, message: expiredMessage(standing.entry, args.message) }
                    : expiredMessage(standing.entry, args.message),
                urn,
            );
        } else {
            const description = args.description ?? policy.description;
            sdk({
                ...args,
                // The object form leaves the policy's description out; the string form starts with it.
                message: `${description}\n${acknowledgedMessage(standing.entry, args.message)}`,
                enforcementLevel: "advisory",
            });
        }
    }) as ReportViolation;
}

function stackUrnOf(resources: readonly PolicyResource[]): string {
    return resources.find((r) => r.type === STACK)?.urn ?? "";
}

/** The policy's schema with the `acknowledge` property added. */
function withAcknowledge(name: string, schema: PolicyConfigSchema | undefined): PolicyConfigSchema {
    return {
        ...schema,
        properties: { ...schema?.properties, [ACKNOWLEDGE]: acknowledgeSchema(name) },
    };
}

/** Every policy, its config accepting `acknowledge` and its findings marked by it. */
export function acknowledging(policies: Policies): Policies {
    return policies.map((policy) => {
        const wrapped: ResourceValidationPolicy & StackValidationPolicy = {
            ...(policy as ResourceValidationPolicy & StackValidationPolicy),
            configSchema: withAcknowledge(policy.name, policy.configSchema),
        };
        const resource = (policy as ResourceValidationPolicy).validateResource;
        if (resource) {
            const wrap =
                (validate: ResourceValidation): ResourceValidation =>
                (args, report) =>
                    validate(args, acknowledgingReport(policy, report, args.getConfig(), args.urn));
            wrapped.validateResource = Array.isArray(resource) ? resource.map(wrap) : wrap(resource);
        }
        const stack: StackValidation | undefined = (policy as StackValidationPolicy).validateStack;
        if (stack) {
            wrapped.validateStack = (args, report) =>
                stack(args, acknowledgingReport(policy, report, args.getConfig(), stackUrnOf(args.resources)));
        } else {
            delete (wrapped as Partial<StackValidationPolicy>).validateStack;
        }
        if (!resource) {
            delete (wrapped as Partial<ResourceValidationPolicy>).validateResource;
        }
        return wrapped;
    });
}
