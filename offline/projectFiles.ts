/**
 * Reads a project's `Pulumi.yaml` and a stack's `Pulumi.<stack>.yaml` the way the Pulumi CLI
 * does before it runs a program: the project name (refused for the CLI's reasons), the
 * runtime and its options, `main`, and the config as "namespace:key" to a string (structured
 * values as JSON), project defaults first. Secure values are decrypted as the CLI decrypts them
 * when the stack's passphrase is set (`PULUMI_CONFIG_PASSPHRASE`, see stackSecrets.ts); without
 * it, or under another secrets provider, they are masked and listed (no rule needs them).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as yaml from "js-yaml";
import { SecretOpener, stackSecretOpener, whyMasked } from "./stackSecrets";

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
    /** Keys whose values are secret (encrypted in the stack's file). */
    readonly secretKeys: string[];
    /** Keys whose encrypted values were masked, unread. */
    readonly maskedKeys: string[];
    /** Why they were masked and what would decrypt them (when any was). */
    readonly maskedWhy?: string;
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

/**
 * A structured config value as the CLI hands it to the program: JSON with each map's keys in
 * byte order, as Go encodes a map (written out, since a JS object puts integer-like keys first).
 */
function configJson(value: unknown): string {
    if (Array.isArray(value)) {
        return `[${value.map(configJson).join(",")}]`;
    }
    if (typeof value === "object" && value !== null) {
        const record = value as Record<string, unknown>;
        const keys = Object.keys(record).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
        return `{${keys.map((k) => `${JSON.stringify(k)}:${configJson(record[k])}`).join(",")}}`;
    }
    return JSON.stringify(value ?? null);
}

interface Revealed {
    readonly value: unknown;
    /** It held an encrypted leaf (a secret). */
    readonly secure: boolean;
    /** An encrypted leaf was masked, unread. */
    readonly masked: boolean;
}

/**
 * Replaces encrypted leaves with their plain text, when `opener` opens them, else with
 * {@link MASKED_SECRET}; says whether it found any, and whether any stayed masked.
 */
function reveal(value: unknown, key: string, opener?: SecretOpener): Revealed {
    if (isSecure(value)) {
        return opener
            ? { value: opener(value.secure, key), secure: true, masked: false }
            : { value: MASKED_SECRET, secure: true, masked: true };
    }
    const all = (items: Revealed[]) => ({
        secure: items.some((i) => i.secure),
        masked: items.some((i) => i.masked),
    });
    if (Array.isArray(value)) {
        const items = value.map((v) => reveal(v, key, opener));
        return { value: items.map((i) => i.value), ...all(items) };
    }
    if (typeof value === "object" && value !== null) {
        const entries = Object.entries(value).map(([k, v]) => [k, reveal(v, key, opener)] as const);
        return { value: Object.fromEntries(entries.map(([k, m]) => [k, m.value])), ...all(entries.map(([, m]) => m)) };
    }
    return { value, secure: false, masked: false };
}

/** The note for a failure that config from the stack's ESC environments, unopened offline, may explain. */
export function unopenedEnvironments(environments: readonly string[]): string {
    const one = environments.length === 1;
    return `Note: the stack imports ESC ${one ? "environment" : "environments"} ${environments.join(", ")} (its file's \`environment\`), which only Pulumi Cloud opens: offline, the config ${one ? "it gives" : "they give"} is missing.`;
}

/** The header's account of masked secure values, with why they are masked. */
export function maskedSecrets(keys: readonly string[], why: string): string {
    return keys.length ? `${keys.join(", ")} (read as "${MASKED_SECRET}": ${why})` : "none";
}

/** The note for a failure that masked secure values may explain. */
export function maskedSecretsNote(keys: readonly string[], why: string): string {
    return `Note: the program read ${keys.length === 1 ? "a secure config value" : "secure config values"} (${keys.join(", ")}) masked as "${MASKED_SECRET}", not decrypted; a program that parses or checks one fails offline only: ${why}.`;
}

/** A key of Pulumi.yaml's `config`, as the CLI reads it (its ProjectConfigType). */
interface ConfigDeclaration {
    readonly type?: string;
    readonly items?: ConfigItems;
    readonly default?: unknown;
    readonly value?: unknown;
    readonly secret?: boolean;
}

interface ConfigItems {
    readonly type: string;
    readonly items?: ConfigItems;
}

/** "namespace:key", the project's name as the namespace of a bare key. */
function qualifiedKey(projectName: string, key: string): string {
    return key.includes(":") ? key : `${projectName}:${key}`;
}

/** Keys quoted and joined as the CLI lists them: 'a', 'b' and 'c' (sorted). */
function listOfKeys(keys: string[]): string {
    const quoted = [...keys].sort().map((k) => `'${k}'`);
    return quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(", ")} and ${quoted.at(-1)}`;
}

function typeName(type: string, items?: ConfigItems): string {
    return items ? `array<${typeName(items.type, items.items)}>` : type;
}

/** Whether a config value fits a declared type, by the CLI's rules (its ValidateConfigValue). */
function fitsType(type: string, items: ConfigItems | undefined, value: unknown): boolean {
    switch (type) {
        case "string":
            return typeof value === "string";
        case "integer":
            return typeof value === "number"
                ? Number.isInteger(value)
                : typeof value === "string" && /^[+-]?\d+$/.test(value);
        case "boolean":
            return typeof value === "boolean" || value === "true" || value === "false";
        case "object":
            return typeof value === "object" && value !== null && !Array.isArray(value);
        default:
            return Array.isArray(value) && (!items || value.every((v) => fitsType(items.type, items.items, v)));
    }
}

/**
 * Pulumi.yaml's `config`, as the CLI reads it: a plain value or list is shorthand (a default for
 * the project's own keys, a value for another namespace's), a map is a declaration. Refused as
 * the CLI refuses it: both a default and a value; a default of the wrong type; another
 * namespace's key with a type, a default, or no value.
 */
function projectConfig(config: unknown, projectName: string, projectFile: string): Map<string, ConfigDeclaration> {
    const declared = new Map<string, ConfigDeclaration>();
    if (typeof config !== "object" || config === null || Array.isArray(config)) {
        return declared;
    }
    for (const [key, raw] of Object.entries(config)) {
        const ownKey = !key.includes(":") || key.startsWith(`${projectName}:`);
        // YAML's null is no value at all, as for the CLI.
        const declaration: ConfigDeclaration =
            raw === null
                ? {}
                : typeof raw === "object" && !Array.isArray(raw)
                  ? (raw as ConfigDeclaration)
                  : ownKey
                    ? { default: raw }
                    : { value: raw };
        const problem = (() => {
            if (declaration.default != null && declaration.value != null) {
                return `project config '${key}' cannot have both a 'default' and 'value' attribute`;
            }
            if (!ownKey) {
                if (declaration.type !== undefined) {
                    return `Configuration key '${key}' is not namespaced by the project and should not define a type`;
                }
                if (declaration.default != null) {
                    return `Configuration key '${key}' is not namespaced by the project and should not define a default value. Did you mean to use the 'value' attribute instead of 'default'?`;
                }
                if (declaration.value == null) {
                    return `Configuration key '${key}' is namespaced and must provide an attribute 'value'`;
                }
            } else if (
                declaration.type !== undefined &&
                declaration.default != null &&
                !fitsType(declaration.type, declaration.items, declaration.default)
            ) {
                return `The default value specified for configuration key '${key}' is not of the expected type '${typeName(declaration.type, declaration.items)}'`;
            }
            return undefined;
        })();
        if (problem) {
            throw new StackFileError(`${projectFile}: ${problem}`);
        }
        declared.set(key, declaration);
    }
    return declared;
}

/**
 * Why the CLI refuses a stack's value for a declared key, or undefined: a secret kept in plain
 * text, or a value of another type. An encrypted value cannot be read offline, so is not typed.
 */
function stackValueProblem(
    stack: string,
    key: string,
    declaration: ConfigDeclaration,
    value: unknown,
    opener?: SecretOpener,
): string | undefined {
    if (declaration.secret && !isSecure(value)) {
        return `Stack '${stack}' with configuration key '${key}' must be encrypted as it's secret`;
    }
    const revealed = reveal(value, key, opener);
    if (declaration.type === undefined || revealed.masked) {
        return undefined;
    }
    value = revealed.value;
    // A scalar is a string in the stack's config; a map or list keeps its structure.
    const content = typeof value === "object" && value !== null ? value : String(value);
    return fitsType(declaration.type, declaration.items, content)
        ? undefined
        : `Stack '${stack}' with configuration key '${key}' must be of type '${typeName(declaration.type, declaration.items)}'`;
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

/** The extensions a project file may have, in the order the CLI looks for them. */
const PROJECT_FILE_EXTENSIONS = [".json", ".yaml", ".yml"];

/** The project's file: Pulumi.json, Pulumi.yaml or Pulumi.yml, the first that exists (else Pulumi.yaml, to be reported missing). */
function projectFileIn(projectDir: string): string {
    const found = PROJECT_FILE_EXTENSIONS.map((ext) => path.join(projectDir, `Pulumi${ext}`)).find((f) =>
        fs.existsSync(f),
    );
    return found ?? path.join(projectDir, "Pulumi.yaml");
}

/** The stacks that have a config file in `dir` (with the project file's extension), by name. */
/**
 * A stack with no file while others have one: most likely a typo, else a stack not made yet. The
 * message says both ways to make one: a copy of another stack's file, or `pulumi stack init`.
 */
function missingStackFile(stackFile: string, stack: string, others: string[], ext: string): string {
    const from = others.includes("dev") ? "dev" : others[0];
    const dir = path.dirname(stackFile);
    const copy = `cp ${path.join(dir, `Pulumi.${from}${ext}`)} ${stackFile}`;
    return (
        `${stackFile} does not exist; the stacks with a config file here are: ${others.join(", ")}. ` +
        `To make stack "${stack}" from ${from}'s settings: ${copy} (or \`pulumi stack init ${stack}\`, then \`pulumi config set\` its keys)`
    );
}

function stacksWithFiles(dir: string, ext: string): string[] {
    if (!fs.existsSync(dir)) {
        return [];
    }
    return fs
        .readdirSync(dir)
        .filter((f) => f.startsWith("Pulumi.") && f.endsWith(ext) && f !== `Pulumi${ext}`)
        .map((f) => f.slice("Pulumi.".length, -ext.length))
        .filter((s) => s.length > 0)
        .sort();
}

/**
 * Loads `Pulumi.yaml` (or `.yml`, `.json`) and `Pulumi.<stack>.yaml` (with the same extension,
 * in Pulumi.yaml's `stackConfigDir` when it names one) from a project folder. A stack with no config
 * file of its own runs with the project's config, as a stack made by `pulumi stack init`
 * does; unless the project has other stacks' files, when the name is more likely a typo.
 * `env` is the shell's environment: its passphrase, if any, decrypts the stack's secure values.
 */
export function loadStackConfig(
    projectDir: string,
    stack: string,
    env: Readonly<Record<string, string | undefined>> = {},
): StackConfig {
    const project = readProject(projectDir);
    const { stackFile, stackDoc } = readStackFile(projectDir, project, stack);
    let opener: SecretOpener | undefined;
    try {
        opener = stackSecretOpener(stackDoc, env);
    } catch (err) {
        throw new StackFileError(`${stackFile}: ${(err as Error).message}`);
    }
    const merged = mergedConfig(project, stack, stackFile, stackDoc, opener);
    const environments = environmentsOf(stackDoc);
    if (merged.missing.length) {
        const missing = merged.missing;
        throw new StackFileError(
            [
                `Stack '${stack}' is missing configuration ${missing.length === 1 ? "value" : "values"} ${listOfKeys(missing)}`,
                ...(environments.length ? [unopenedEnvironments(environments)] : []),
            ].join("\n"),
        );
    }
    return {
        project: project.name,
        rootDir: path.resolve(projectDir),
        main: typeof project.doc.main === "string" ? project.doc.main : undefined,
        runtime: project.runtime,
        stack,
        stackFile,
        config: merged.config,
        secretKeys: [...new Set(merged.secretKeys)],
        maskedKeys: [...new Set(merged.maskedKeys)],
        maskedWhy: merged.maskedKeys.length ? whyMasked(stackDoc) : undefined,
        environments,
    };
}

/** A project file, read and checked. */
interface Project {
    readonly file: string;
    readonly doc: Record<string, unknown>;
    readonly name: string;
    readonly runtime: NodeRuntimeOptions;
}

/** Pulumi.yaml (or .yml, .json) of `projectDir`: its name and its Node.js runtime checked as the CLI checks them. */
function readProject(projectDir: string): Project {
    const file = projectFileIn(projectDir);
    const doc = readYaml(file);
    if (doc.name === undefined || doc.name === null) {
        throw new StackFileError(`${file}: project is missing a 'name' attribute`);
    }
    const name = String(doc.name);
    const nameProblem = projectNameProblem(name);
    if (nameProblem) {
        throw new StackFileError(`${file}: invalid project name ${JSON.stringify(name)}: ${nameProblem}`);
    }
    return { file, doc, name, runtime: nodeRuntimeOf(doc, file) };
}

/**
 * The stack's file, Pulumi.<stack> with the project file's extension, in `stackConfigDir` when
 * the project names one, and what it holds; no file (and no values) when the project has no
 * stack file at all, as for a stack `pulumi stack init` made.
 */
function readStackFile(
    projectDir: string,
    project: Project,
    stack: string,
): { stackFile: string | undefined; stackDoc: Record<string, unknown> } {
    const stackProblem = stackNameProblem(stack);
    if (stackProblem) {
        throw new StackFileError(`invalid stack name ${JSON.stringify(stack)}: ${stackProblem}`);
    }
    const ext = path.extname(project.file);
    const configDir = project.doc.stackConfigDir;
    const stackDir = typeof configDir === "string" ? path.resolve(projectDir, configDir) : projectDir;
    const stackFile = path.join(stackDir, `Pulumi.${stack}${ext}`);
    if (fs.existsSync(stackFile)) {
        return { stackFile, stackDoc: readYaml(stackFile) };
    }
    const others = stacksWithFiles(stackDir, ext);
    if (others.length > 0) {
        throw new StackFileError(missingStackFile(stackFile, stack, others, ext));
    }
    return { stackFile: undefined, stackDoc: {} };
}

/**
 * The stack's values first; then the project's, for the keys the stack leaves out, as the CLI
 * merges them. `missing` names the keys the project requires and the stack leaves out.
 */
function mergedConfig(
    project: Project,
    stack: string,
    stackFile: string | undefined,
    stackDoc: Record<string, unknown>,
    opener: SecretOpener | undefined,
): { config: Record<string, string>; secretKeys: string[]; maskedKeys: string[]; missing: string[] } {
    const config: Record<string, string> = {};
    const secretKeys: string[] = [];
    const maskedKeys: string[] = [];
    const set = (key: string, value: unknown) => {
        let revealed: Revealed;
        try {
            revealed = reveal(value, key, opener);
        } catch (err) {
            throw new StackFileError(`${stackFile}: ${(err as Error).message}`);
        }
        config[key] = typeof revealed.value === "string" ? revealed.value : configJson(revealed.value);
        if (revealed.secure) {
            secretKeys.push(key);
        }
        if (revealed.masked) {
            maskedKeys.push(key);
        }
    };
    const stackConfig = stackDoc.config;
    if (
        stackConfig !== undefined &&
        (typeof stackConfig !== "object" || stackConfig === null || Array.isArray(stackConfig))
    ) {
        throw new StackFileError(`${stackFile}: "config" must be a map of keys to values`);
    }
    const raw = Object.fromEntries(
        Object.entries(stackConfig ?? {}).map(([k, v]) => [qualifiedKey(project.name, k), v] as const),
    );
    for (const [key, value] of Object.entries(raw)) {
        set(key, value);
    }
    const declared = projectConfig(project.doc.config, project.name, project.file);
    const missing: string[] = [];
    for (const [name, declaration] of [...declared.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
        const key = qualifiedKey(project.name, name);
        if (key in raw) {
            const problem = stackValueProblem(stack, name, declaration, raw[key], opener);
            if (problem) {
                throw new StackFileError(problem);
            }
        } else if (declaration.value != null || declaration.default != null) {
            set(key, declaration.default ?? declaration.value);
        } else if (key.startsWith(`${project.name}:`)) {
            missing.push(name);
        }
    }
    return { config, secretKeys, maskedKeys, missing };
}

/** The ESC environments a stack imports: `environment: [names]`, or the earlier `environment: { imports: [names] }`. */
function environmentsOf(stackDoc: Record<string, unknown>): string[] {
    const imported = stackDoc.environment;
    const list = Array.isArray(imported) ? imported : (imported as { imports?: unknown } | undefined)?.imports;
    return Array.isArray(list) ? list.map(String) : [];
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
