/**
 * A `--policy-pack-config` file, read as the Pulumi CLI reads it and reconciled with the pack's
 * policies as the engine reconciles it (pulumi/pulumi pkg/resource/analyzer/config.go,
 * `parsePolicyPackConfig` and `ReconcilePolicyPackConfig`), before the program's resources are
 * analyzed:
 *
 * - an empty (or all-blank) file is no config; the file must hold a JSON object;
 * - each entry is a level ("advisory", "mandatory", "disabled", "remediate") or an object with an
 *   optional `enforcementLevel` and the policy's properties; any other entry (null, an array, a
 *   number) is an error, worded as the engine words it;
 * - an entry with no level and no properties is dropped;
 * - the result starts from every policy's own level and schema defaults, then the pack's
 *   `initialConfig`, then the file: `all` sets every policy's level first, then each named entry
 *   applies; names that are no policy of the pack are kept and unused;
 * - each policy's properties are validated against its schema as the engine does (an object with
 *   the schema's `properties` and `required`, so keys the schema does not name are accepted), here
 *   with Ajv, a maintained JSON Schema validator, instead of the engine's gojsonschema: the
 *   problems found are the same, worded in our own way.
 */
import * as fs from "node:fs";
import Ajv, { ErrorObject } from "ajv";
import { show } from "../lib/format";
import { isCalendarDate } from "../policy/lib/acknowledge";
import { AnalyzerInfo, EnforcementLevel, PolicyPackConfig } from "./analyzerClient";

const LEVELS: readonly string[] = ["advisory", "mandatory", "disabled", "remediate"];

export class PolicyConfigError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "PolicyConfigError";
    }
}

/** One policy's config as the engine holds it. */
export interface PolicyConfigEntry {
    readonly enforcementLevel?: EnforcementLevel;
    readonly properties?: Record<string, unknown>;
}

/** A value as Go's `%v` prints the JSON the engine decoded (its error messages quote values so). */
function goValue(value: unknown): string {
    if (value === null || value === undefined) {
        return "<nil>";
    }
    if (Array.isArray(value)) {
        return `[${value.map(goValue).join(" ")}]`;
    }
    if (typeof value === "object") {
        const entries = Object.keys(value as object)
            .sort()
            .map((k) => `${k}:${goValue((value as Record<string, unknown>)[k])}`);
        return `map[${entries.join(" ")}]`;
    }
    return String(value);
}

/** The engine's `extractEnforcementLevel`: takes a valid level out of an entry's object. */
function levelOf(name: string, entry: Record<string, unknown>): EnforcementLevel | undefined {
    if (!("enforcementLevel" in entry)) {
        return undefined;
    }
    const level = entry.enforcementLevel;
    if (typeof level !== "string") {
        throw new PolicyConfigError(
            `parsing enforcement level for ${JSON.stringify(name)}: ${goValue(level)} is not a valid enforcement level; must be a string`,
        );
    }
    if (!LEVELS.includes(level)) {
        throw new PolicyConfigError(
            `parsing enforcement level for ${JSON.stringify(name)}: ${JSON.stringify(level)} is not a valid enforcement level`,
        );
    }
    return level as EnforcementLevel;
}

/** A config file's text as the CLI parses it: undefined for an empty file (no config). */
export function parsePolicyConfig(text: string): Record<string, PolicyConfigEntry> | undefined {
    if (text.trim() === "") {
        return undefined;
    }
    const parsed: unknown = JSON.parse(text);
    if (parsed === null) {
        // Go's json.Unmarshal leaves the map empty for `null`.
        return {};
    }
    if (typeof parsed !== "object" || Array.isArray(parsed)) {
        throw new PolicyConfigError(
            `json: cannot unmarshal ${Array.isArray(parsed) ? "array" : typeof parsed === "string" ? "string" : typeof parsed === "boolean" ? "bool" : "number"} into Go value of type map[string]interface {}`,
        );
    }
    const result: Record<string, PolicyConfigEntry> = {};
    for (const [name, value] of Object.entries(parsed)) {
        let entry: PolicyConfigEntry;
        if (typeof value === "string") {
            if (!LEVELS.includes(value)) {
                throw new PolicyConfigError(
                    `parsing enforcement level for ${JSON.stringify(name)}: ${JSON.stringify(value)} is not a valid enforcement level`,
                );
            }
            entry = { enforcementLevel: value as EnforcementLevel };
        } else if (typeof value === "object" && value !== null && !Array.isArray(value)) {
            const enforcementLevel = levelOf(name, value as Record<string, unknown>);
            const properties = { ...(value as Record<string, unknown>) };
            delete properties.enforcementLevel;
            entry = {
                enforcementLevel,
                properties: Object.keys(properties).length > 0 ? properties : undefined,
            };
        } else {
            throw new PolicyConfigError(
                `parsing ${JSON.stringify(name)}: ${goValue(value)} is not a valid value; must be a string or object`,
            );
        }
        if (entry.enforcementLevel !== undefined || entry.properties !== undefined) {
            result[name] = entry;
        }
    }
    return result;
}

/** Reads a policy config file; a missing file, bad JSON or a bad entry names the file. */
export function readPolicyConfig(file: string): Record<string, PolicyConfigEntry> | undefined {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch {
        throw new PolicyConfigError(`policy config ${file} does not exist`);
    }
    try {
        return parsePolicyConfig(text);
    } catch (err) {
        const why =
            err instanceof SyntaxError ? `is not valid JSON: ${err.message}` : `is invalid: ${(err as Error).message}`;
        throw new PolicyConfigError(`policy config ${file} ${why}`);
    }
}

/** The engine's `applyConfig`: `all` sets every level, then each entry applies over what is there. */
function applyConfig(
    result: Map<string, PolicyConfigEntry>,
    config: Readonly<Record<string, PolicyConfigEntry>>,
): void {
    const all = config.all?.enforcementLevel;
    if (all !== undefined) {
        for (const [name, entry] of result) {
            result.set(name, { ...entry, enforcementLevel: all });
        }
    }
    for (const [name, given] of Object.entries(config)) {
        const had = result.get(name) ?? {};
        const properties =
            given.properties && Object.keys(given.properties).length > 0
                ? { ...had.properties, ...given.properties }
                : had.properties;
        result.set(name, { enforcementLevel: given.enforcementLevel ?? had.enforcementLevel, properties });
    }
}

let ajv: Ajv | undefined;

/** How one schema problem reads: `<policy>.<key> is 30.5, not a whole number`. */
function problemOf(policy: string, error: ErrorObject): string {
    const key = error.instancePath
        .split("/")
        .slice(1)
        .map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part}`))
        .join("");
    const at = `${policy}${key}`;
    const params = error.params as Record<string, any>;
    const data = error.data;
    switch (error.keyword) {
        case "type":
            return `${at} is ${show(data)}, not ${params.type === "integer" ? "a whole number" : `a${/^[aeiou]/.test(params.type) ? "n" : ""} ${params.type}`}`;
        case "enum":
            return `${at} is ${show(data)}, not one of ${(params.allowedValues as unknown[]).map(show).join(", ")}`;
        case "minimum":
            return `${at} is ${show(data)}, below the minimum ${params.limit}`;
        case "maximum":
            return `${at} is ${show(data)}, above the maximum ${params.limit}`;
        case "minItems":
            return `${at} has ${(data as unknown[]).length} items, fewer than ${params.limit}`;
        case "maxItems":
            return `${at} has ${(data as unknown[]).length} items, more than ${params.limit}`;
        case "minLength":
            return `${at} is ${show(data)}, shorter than ${params.limit} characters`;
        case "uniqueItems":
            return `${at} ${show(data)} repeats an item`;
        case "required":
            return `${at}.${params.missingProperty} is required`;
        case "pattern":
            return `${at} is ${show(data)}, not of the form ${params.pattern}`;
        case "format":
            return `${at} is ${show(data)}, not a ${params.format === "date" ? "calendar date (YYYY-MM-DD)" : params.format}`;
        case "additionalProperties":
            return `${at} has ${show(params.additionalProperty)}, a key it does not take`;
        case "const":
            return `${at} is ${show(data)}, not ${show(params.allowedValue)}`;
        default:
            return `${at} ${error.message ?? "is invalid"}`;
    }
}

/**
 * The config the engine sends the pack: every policy at its level with its properties (schema
 * defaults, then `initialConfig`, then the file), and the file's other names kept. Throws a
 * {@link PolicyConfigError} listing every schema problem.
 */
export function reconcilePolicyConfig(
    config: Readonly<Record<string, PolicyConfigEntry>> | undefined,
    info: AnalyzerInfo,
): PolicyPackConfig {
    const result = new Map<string, PolicyConfigEntry>();
    for (const policy of info.policies) {
        const defaults: Record<string, unknown> = {};
        for (const [key, schema] of Object.entries(policy.configSchema?.properties ?? {})) {
            if (typeof schema === "object" && schema !== null && "default" in schema) {
                defaults[key] = schema.default;
            }
        }
        result.set(policy.name, {
            enforcementLevel: policy.enforcementLevel,
            properties: Object.keys(defaults).length > 0 ? defaults : undefined,
        });
    }
    if (info.initialConfig) {
        applyConfig(result, info.initialConfig);
    }
    if (config) {
        applyConfig(result, config);
    }
    // The engine's gojsonschema checks `format: "date"` with Go's time.Parse("2006-01-02")
    // (xeipuuv/gojsonschema format_checkers.go, DateFormatChecker): a real calendar date.
    ajv ??= new Ajv({ allErrors: true, strict: false, verbose: true }).addFormat("date", isCalendarDate);
    const problems: string[] = [];
    for (const policy of info.policies) {
        if (!policy.configSchema) {
            continue;
        }
        const schema: Record<string, unknown> = { type: "object" };
        if (Object.keys(policy.configSchema.properties).length > 0) {
            schema.properties = policy.configSchema.properties;
        }
        if (policy.configSchema.required.length > 0) {
            schema.required = policy.configSchema.required;
        }
        const validate = ajv.compile(schema);
        if (!validate(result.get(policy.name)?.properties ?? {})) {
            problems.push(...(validate.errors ?? []).map((e) => problemOf(policy.name, e)));
        }
    }
    if (problems.length > 0) {
        throw new PolicyConfigError(`the policy config is invalid:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    }
    const out: Record<string, PolicyPackConfig[string]> = {};
    for (const [name, entry] of result) {
        out[name] = {
            ...entry.properties,
            ...(entry.enforcementLevel ? { enforcementLevel: entry.enforcementLevel } : {}),
        };
    }
    return out;
}

/** Checks a config given as a file's JSON would be, throwing what the engine would refuse. */
export function checkPolicyConfig(config: unknown, info: AnalyzerInfo): void {
    reconcilePolicyConfig(parsePolicyConfig(JSON.stringify(config)), info);
}
