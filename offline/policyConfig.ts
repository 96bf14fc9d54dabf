/**
 * A `--policy-pack-config` file, read and checked against the pack's own config schemas (from
 * GetAnalyzerInfo) the way the Pulumi CLI checks it, so a typo fails before any analysis with
 * a message naming the policy, the key and the value.
 */
import * as fs from "node:fs";
import { show } from "../lib/format";
import { AnalyzerInfo, EnforcementLevel, PolicyPackConfig } from "./analyzerClient";

const LEVELS: readonly EnforcementLevel[] = ["advisory", "mandatory", "disabled", "remediate"];

export class PolicyConfigError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "PolicyConfigError";
    }
}

/** Reads a policy config file; a missing file or bad JSON names the file. */
export function readPolicyConfig(file: string): PolicyPackConfig {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch {
        throw new PolicyConfigError(`policy config ${file} does not exist`);
    }
    let parsed: unknown;
    try {
        parsed = JSON.parse(text);
    } catch (err) {
        throw new PolicyConfigError(`policy config ${file} is not valid JSON: ${(err as Error).message}`);
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
        throw new PolicyConfigError(`policy config ${file} must be a JSON object of policy names, got ${show(parsed)}`);
    }
    return parsed as PolicyPackConfig;
}

/** The problems of one value against a JSON schema (the subset policy schemas use). */
function schemaProblems(value: unknown, schema: Record<string, any>, at: string): string[] {
    const type = schema.type as string | undefined;
    const typeOk =
        type === undefined ||
        (type === "integer" && Number.isInteger(value)) ||
        (type === "number" && typeof value === "number") ||
        (type === "string" && typeof value === "string") ||
        (type === "boolean" && typeof value === "boolean") ||
        (type === "array" && Array.isArray(value)) ||
        (type === "object" && typeof value === "object" && value !== null && !Array.isArray(value));
    if (!typeOk) {
        return [
            `${at} is ${show(value)}, not ${type === "integer" ? "a whole number" : `a${/^[aeiou]/.test(type!) ? "n" : ""} ${type}`}`,
        ];
    }
    const problems: string[] = [];
    if (schema.enum && !schema.enum.includes(value)) {
        problems.push(`${at} is ${show(value)}, not one of ${schema.enum.map(show).join(", ")}`);
    }
    if (typeof value === "number") {
        if (schema.minimum !== undefined && value < schema.minimum)
            problems.push(`${at} is ${value}, below the minimum ${schema.minimum}`);
        if (schema.maximum !== undefined && value > schema.maximum)
            problems.push(`${at} is ${value}, above the maximum ${schema.maximum}`);
    }
    if (typeof value === "string" && schema.minLength !== undefined && value.length < schema.minLength) {
        problems.push(`${at} is ${show(value)}, shorter than ${schema.minLength} characters`);
    }
    if (Array.isArray(value)) {
        if (schema.minItems !== undefined && value.length < schema.minItems)
            problems.push(`${at} has ${value.length} items, fewer than ${schema.minItems}`);
        if (schema.uniqueItems && new Set(value.map((v) => JSON.stringify(v))).size !== value.length)
            problems.push(`${at} ${show(value)} repeats an item`);
        if (schema.items) {
            value.forEach((item, i) => problems.push(...schemaProblems(item, schema.items, `${at}[${i}]`)));
        }
    }
    return problems;
}

/** Checks a policy config against the pack's policies and their schemas. */
export function checkPolicyConfig(config: PolicyPackConfig, info: AnalyzerInfo): void {
    const problems: string[] = [];
    const policies = new Map(info.policies.map((p) => [p.name, p]));
    for (const [name, entry] of Object.entries(config)) {
        const policy = policies.get(name);
        if (!policy) {
            problems.push(
                `${show(name)} is not a policy of ${info.name}; its policies are ${[...policies.keys()].join(", ")}`,
            );
            continue;
        }
        const { enforcementLevel, ...properties } =
            typeof entry === "string" ? { enforcementLevel: entry } : (entry ?? {});
        if (enforcementLevel !== undefined && !LEVELS.includes(enforcementLevel as EnforcementLevel)) {
            problems.push(`${name}.enforcementLevel is ${show(enforcementLevel)}, not one of ${LEVELS.join(", ")}`);
        }
        const schema = policy.configSchema?.properties ?? {};
        for (const [key, value] of Object.entries(properties)) {
            if (!(key in schema)) {
                const known = Object.keys(schema);
                problems.push(
                    `${name}.${key} is not a setting of ${name}${known.length ? `; it has ${known.join(", ")}` : "; it has none"}`,
                );
                continue;
            }
            problems.push(...schemaProblems(value, schema[key], `${name}.${key}`));
        }
        for (const key of policy.configSchema?.required ?? []) {
            if (!(key in properties)) problems.push(`${name}.${key} is required`);
        }
    }
    if (problems.length > 0) {
        throw new PolicyConfigError(`the policy config is invalid:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    }
}
