/**
 * Reads a project's `Pulumi.yaml` and a stack's `Pulumi.<stack>.yaml` the way the Pulumi CLI
 * does before it runs a program: the project name (refused for the CLI's reasons), the
 * runtime and its options, `main`, and the config as "namespace:key" to a string (structured
 * values as JSON), project defaults first. Secure values cannot be decrypted without the
 * stack's secrets provider; they are masked and listed, and need no decryption to be judged.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as yaml from "js-yaml";

/** What a masked secure value reads as. */
export const MASKED_SECRET = "[secret]";

/** The Node.js runtime options of Pulumi.yaml (`runtime.options`), as the language host reads them. */
export interface NodeRuntimeOptions {
    /** Run TypeScript through ts-node. Defaults to true. */
    readonly typescript: boolean;
    /** The tsconfig file to use, when not tsconfig.json. */
    readonly tsconfig?: string;
    /** Extra arguments for node, as one string split like a shell does. */
    readonly nodeargs?: string;
}

export interface StackConfig {
    readonly project: string;
    /** The project folder (where Pulumi.yaml is), absolute. */
    readonly rootDir: string;
    /** Pulumi.yaml's `main`, when it names the program's entry point. */
    readonly main?: string;
    readonly runtime: NodeRuntimeOptions;
    readonly stack: string;
    /** The stack's config file, or undefined when the stack has none (only the project's config applies). */
    readonly stackFile?: string;
    /** "namespace:key" to value, as `pulumi config --json` would hand it to the program. */
    readonly config: Record<string, string>;
    /** Keys whose values are secret (masked, when they were encrypted). */
    readonly secretKeys: string[];
    /** Keys whose encrypted values were masked, unread. */
    readonly maskedKeys: string[];
    /**
     * The Pulumi ESC environments the stack imports (its file's `environment`), which only Pulumi
     * Cloud opens: the config they would add is not here.
     */
    readonly environments?: string[];
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

/** Why the Pulumi CLI refuses a project name (its `tokens.ValidateProjectName`), or undefined. */
export function projectNameProblem(name: string): string | undefined {
    if (name === "") {
        return "project names may not be empty";
    }
    if (name.length > 100) {
        return "project names are limited to 100 characters";
    }
    if (!/^[A-Za-z0-9_.-]+$/.test(name)) {
        return "project names may only contain alphanumerics, hyphens, underscores, and periods";
    }
    return undefined;
}

/** Why the Pulumi CLI refuses a stack name (its `tokens.ParseStackName`), or undefined. */
export function stackNameProblem(name: string): string | undefined {
    if (name === "") {
        return "a stack name may not be empty";
    }
    if (name.length > 100) {
        return "a stack name cannot exceed 100 characters";
    }
    const bad = /[^A-Za-z0-9_.-]/.exec(name);
    if (bad) {
        return `a stack name may only contain alphanumeric, hyphens, underscores, or periods: invalid character ${JSON.stringify(bad[0])} at position ${bad.index}`;
    }
    return undefined;
}

/** The runtime of Pulumi.yaml: `nodejs`, or `{ name: nodejs, options }`; checked as the language host checks it. */
function nodeRuntimeOf(project: Record<string, unknown>, projectFile: string): NodeRuntimeOptions {
    const runtime = project.runtime;
    const name = typeof runtime === "object" && runtime !== null ? (runtime as { name?: unknown }).name : runtime;
    if (name === undefined) {
        throw new StackFileError(`${projectFile}: project is missing a 'runtime' attribute`);
    }
    if (name !== "nodejs") {
        throw new StackFileError(
            `${projectFile}: runtime ${JSON.stringify(name)}: preview:offline runs Node.js programs (runtime: nodejs) only`,
        );
    }
    const options = ((runtime as { options?: unknown }).options ?? {}) as Record<string, unknown>;
    const checked = (key: string, type: "boolean" | "string", what: string) => {
        const value = options[key];
        if (value !== undefined && typeof value !== type) {
            throw new StackFileError(`${projectFile}: ${what} option must be a ${type}, got ${JSON.stringify(value)}`);
        }
        return value;
    };
    return {
        typescript: (checked("typescript", "boolean", "typescript") as boolean | undefined) ?? true,
        tsconfig: checked("tsconfig", "string", "tsconfigpath") as string | undefined,
        nodeargs: checked("nodeargs", "string", "nodeargs") as string | undefined,
    };
}

/** The stacks of a project that have a config file, by name. */
function stacksWithFiles(projectDir: string): string[] {
    return fs
        .readdirSync(projectDir)
        .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
        .filter((s): s is string => s !== undefined)
        .sort();
}

/**
 * Loads `Pulumi.yaml` and `Pulumi.<stack>.yaml` from a project folder. A stack with no config
 * file of its own runs with the project's config, as a stack made by `pulumi stack init`
 * does; unless the project has other stacks' files, when the name is more likely a typo.
 */
export function loadStackConfig(projectDir: string, stack: string): StackConfig {
    const projectFile = path.join(projectDir, "Pulumi.yaml");
    const project = readYaml(projectFile);
    if (project.name === undefined || project.name === null) {
        throw new StackFileError(`${projectFile}: project is missing a 'name' attribute`);
    }
    const projectName = String(project.name);
    const nameProblem = projectNameProblem(projectName);
    if (nameProblem) {
        throw new StackFileError(`${projectFile}: invalid project name ${JSON.stringify(projectName)}: ${nameProblem}`);
    }
    const runtime = nodeRuntimeOf(project, projectFile);
    const stackProblem = stackNameProblem(stack);
    if (stackProblem) {
        throw new StackFileError(`invalid stack name ${JSON.stringify(stack)}: ${stackProblem}`);
    }
    let stackFile: string | undefined = path.join(projectDir, `Pulumi.${stack}.yaml`);
    let stackDoc: Record<string, unknown> = {};
    if (fs.existsSync(stackFile)) {
        stackDoc = readYaml(stackFile);
    } else {
        const others = stacksWithFiles(projectDir);
        if (others.length > 0) {
            throw new StackFileError(
                `${stackFile} does not exist; the stacks with a config file here are: ${others.join(", ")}`,
            );
        }
        stackFile = undefined;
    }
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
    // `environment: [names]`, or the earlier `environment: { imports: [names] }`.
    const imported = stackDoc.environment;
    const list = Array.isArray(imported) ? imported : (imported as { imports?: unknown } | undefined)?.imports;
    const environments = Array.isArray(list) ? list.map(String) : [];
    return {
        project: projectName,
        rootDir: path.resolve(projectDir),
        main: typeof project.main === "string" ? project.main : undefined,
        runtime,
        stack,
        stackFile,
        config,
        secretKeys: [...new Set(secretKeys)],
        maskedKeys: [...new Set(maskedKeys)],
        environments,
    };
}

/**
 * Where the program runs and what it runs, as the Pulumi CLI works it out from Pulumi.yaml's
 * `main`: no `main` runs the project folder ("."); a folder runs in that folder; a file runs in
 * its folder.
 */
export function programLocation(stack: StackConfig): { readonly pwd: string; readonly entry: string } {
    if (stack.main === undefined || stack.main === "") {
        return { pwd: stack.rootDir, entry: "." };
    }
    const main = path.resolve(stack.rootDir, stack.main);
    let isDirectory: boolean;
    try {
        isDirectory = fs.statSync(main).isDirectory();
    } catch {
        throw new StackFileError(`project 'main' could not be read: stat ${main}: no such file or directory`);
    }
    return isDirectory ? { pwd: main, entry: "." } : { pwd: path.dirname(main), entry: path.basename(main) };
}
