/**
 * Reads a stack's config the way the Pulumi CLI hands it to a program: `Pulumi.yaml`'s
 * project name and `config:` defaults, then `Pulumi.<stack>.yaml`, as "namespace:key" to a
 * string (structured values as JSON). Secure values cannot be decrypted without the stack's
 * secrets provider; they are masked and listed, and need no decryption to be judged.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as yaml from "js-yaml";

/** What a masked secure value reads as. */
export const MASKED_SECRET = "[secret]";

export interface StackConfig {
    readonly project: string;
    /** Pulumi.yaml's `main`, when it names the program's entry point. */
    readonly main?: string;
    readonly stack: string;
    /** "namespace:key" to value, as `pulumi config --json` would hand it to the program. */
    readonly config: Record<string, string>;
    /** Keys whose values are secret (masked, when they were encrypted). */
    readonly secretKeys: string[];
    /** Keys whose encrypted values were masked, unread. */
    readonly maskedKeys: string[];
}

/** A stack config file that is missing or malformed; names the file and what is wrong. */
export class StackFileError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "StackFileError";
    }
}

function readYaml(file: string): Record<string, unknown> {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch {
        throw new StackFileError(`${file} does not exist`);
    }
    try {
        const doc = yaml.load(text);
        return (doc ?? {}) as Record<string, unknown>;
    } catch (err) {
        throw new StackFileError(`${file} is not valid YAML: ${(err as Error).message.split("\n")[0]}`);
    }
}

function isSecure(value: unknown): value is { secure: string } {
    return (
        typeof value === "object" &&
        value !== null &&
        !Array.isArray(value) &&
        Object.keys(value).length === 1 &&
        "secure" in value
    );
}

/** Replaces encrypted leaves with {@link MASKED_SECRET}; says whether it found any. */
function mask(value: unknown): { value: unknown; masked: boolean } {
    if (isSecure(value)) {
        return { value: MASKED_SECRET, masked: true };
    }
    if (Array.isArray(value)) {
        const items = value.map(mask);
        return { value: items.map((i) => i.value), masked: items.some((i) => i.masked) };
    }
    if (typeof value === "object" && value !== null) {
        const entries = Object.entries(value).map(([k, v]) => [k, mask(v)] as const);
        return {
            value: Object.fromEntries(entries.map(([k, m]) => [k, m.value])),
            masked: entries.some(([, m]) => m.masked),
        };
    }
    return { value, masked: false };
}

/** Loads `Pulumi.yaml` and `Pulumi.<stack>.yaml` from a project folder. */
export function loadStackConfig(projectDir: string, stack: string): StackConfig {
    const projectFile = path.join(projectDir, "Pulumi.yaml");
    const project = readYaml(projectFile);
    if (typeof project.name !== "string" || project.name === "") {
        throw new StackFileError(`${projectFile} has no project name`);
    }
    const projectName = project.name;
    const stackFile = path.join(projectDir, `Pulumi.${stack}.yaml`);
    const stackDoc = readYaml(stackFile);
    const config: Record<string, string> = {};
    const secretKeys: string[] = [];
    const maskedKeys: string[] = [];
    const add = (rawKey: string, rawValue: unknown) => {
        const key = rawKey.includes(":") ? rawKey : `${projectName}:${rawKey}`;
        // Project-level defaults may be { value, type, description, secret }.
        let value = rawValue;
        if (typeof rawValue === "object" && rawValue !== null && !Array.isArray(rawValue) && "default" in rawValue) {
            value = (rawValue as { default: unknown }).default;
        } else if (
            typeof rawValue === "object" &&
            rawValue !== null &&
            !Array.isArray(rawValue) &&
            "value" in rawValue &&
            Object.keys(rawValue).every((k) => ["value", "type", "description", "secret"].includes(k))
        ) {
            value = (rawValue as { value: unknown }).value;
        }
        const { value: plain, masked } = mask(value);
        config[key] = typeof plain === "string" ? plain : JSON.stringify(plain);
        if (masked) {
            maskedKeys.push(key);
            secretKeys.push(key);
        }
    };
    const projectConfig = project.config;
    if (projectConfig && typeof projectConfig === "object") {
        for (const [k, v] of Object.entries(projectConfig)) {
            add(k, v);
        }
    }
    const stackConfig = stackDoc.config;
    if (
        stackConfig !== undefined &&
        (typeof stackConfig !== "object" || stackConfig === null || Array.isArray(stackConfig))
    ) {
        throw new StackFileError(`${stackFile}: "config" must be a map of keys to values`);
    }
    for (const [k, v] of Object.entries(stackConfig ?? {})) {
        add(k, v);
    }
    return {
        project: projectName,
        main: typeof project.main === "string" ? project.main : undefined,
        stack,
        config,
        secretKeys: [...new Set(secretKeys)],
        maskedKeys: [...new Set(maskedKeys)],
    };
}
