/**
 * What `pulumi new <this repository's URL>` makes of the repository, done the way the Pulumi
 * CLI does it, for tests without the CLI:
 * - the project is renamed in Pulumi.yaml and its `template:` section removed;
 * - each key of `template.config` without a namespace gets the new project's name as its
 *   namespace, and takes the user's answer or else its default; an empty answer is not saved;
 *   answers are saved as plain strings, whatever the key;
 * - the answers are merged into the stack's config file, which the repository may already hold
 *   (Pulumi.dev.yaml is copied with everything else), and whose keys without a namespace are
 *   the project's.
 * The CLI copies every file; this links the program's files and the installed modules instead.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as yaml from "js-yaml";

export const ROOT = path.resolve(__dirname, "../..");

/** A `template.config` entry of Pulumi.yaml. */
export interface TemplateConfigValue {
    readonly description?: string;
    readonly default?: string;
    readonly secret?: boolean;
}

export interface ProjectFile {
    readonly name: string;
    readonly main?: string;
    readonly template?: {
        readonly description?: string;
        readonly quickstart?: string;
        readonly config?: Record<string, TemplateConfigValue>;
    } & Record<string, unknown>;
    readonly [key: string]: unknown;
}

/** The repository's Pulumi.yaml. */
export function projectFile(): ProjectFile {
    return yaml.load(fs.readFileSync(path.join(ROOT, "Pulumi.yaml"), "utf8")) as ProjectFile;
}

/** A config key as Pulumi reads it in a project: "key" is "<project>:key". */
export function namespaced(key: string, project: string): string {
    return key.includes(":") ? key : `${project}:${key}`;
}

export interface NewProjectOptions {
    /** The name given at the prompt; defaults to the template's. */
    readonly projectName?: string;
    /** The stack created; defaults to "dev", as the CLI's prompt does. */
    readonly stack?: string;
    /** What the user typed, by template key; a key left out takes its default. */
    readonly answers?: Record<string, string>;
}

export interface NewProject {
    readonly dir: string;
    readonly projectName: string;
    readonly stack: string;
    /** The stack's config file as saved, every key with its namespace. */
    readonly stackConfig: Record<string, unknown>;
    remove(): void;
}

/** The project `pulumi new` creates from this repository, in a temporary folder. */
export function newProject(options: NewProjectOptions = {}): NewProject {
    const template = projectFile();
    const projectName = options.projectName ?? template.name;
    const stack = options.stack ?? "dev";
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "free-tier-new-"));
    const { template: templateSection, ...project } = { ...template, name: projectName };
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), yaml.dump(project));

    const stackFile = `Pulumi.${stack}.yaml`;
    const copied = fs.existsSync(path.join(ROOT, stackFile))
        ? ((yaml.load(fs.readFileSync(path.join(ROOT, stackFile), "utf8")) as { config?: Record<string, unknown> })
              .config ?? {})
        : {};
    const stackConfig: Record<string, unknown> = Object.fromEntries(
        Object.entries(copied).map(([key, value]) => [namespaced(key, projectName), value]),
    );
    for (const [key, entry] of Object.entries(templateSection?.config ?? {})) {
        const answer = options.answers?.[key] ?? entry.default ?? "";
        if (answer !== "") {
            stackConfig[namespaced(key, projectName)] = answer;
        }
    }
    fs.writeFileSync(path.join(dir, stackFile), yaml.dump({ config: stackConfig }));

    for (const name of ["index.ts", "components", "lib", "policy", "package.json", "tsconfig.json", "node_modules"]) {
        fs.symlinkSync(path.join(ROOT, name), path.join(dir, name));
    }
    return { dir, projectName, stack, stackConfig, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
