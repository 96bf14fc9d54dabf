/**
 * What `pulumi new <repository URL>/tree/main/templates/free-tier-server` makes of the template
 * folder, done the way the Pulumi CLI does it, for tests without the CLI (pulumi/pulumi, read
 * 2026-12):
 * - pkg/cmd/pulumi/templates/project_templates.go, listTemplates: a folder holding a
 *   Pulumi.yaml is the one template (whatever its `template:` section), so the repository's
 *   root, which holds one, would be copied whole; walkFiles copies every file below the folder
 *   but a `.git` folder and `.pulumi.template.yaml`, and CopyTemplateFiles/transform replace
 *   `${PROJECT}` and `${DESCRIPTION}` in every text file (YAML-quoted in `.yaml` files);
 * - sdk/go/common/util/gitutil/git.go, GetGitReferenceNameOrHashAndSubDirectory: `tree/<branch>/`
 *   names the branch, what follows the folder;
 * - pkg/cmd/pulumi/project/newcmd/new.go: the project is renamed in Pulumi.yaml, its
 *   description set, its `template:` section removed and `pulumi:template` added to its
 *   `pulumi:tags` config;
 * - pkg/cmd/pulumi/project/newcmd/config.go: each key of `template.config` takes the user's
 *   answer or else its default; an empty one is not saved; answers are plain strings; keys
 *   without a namespace are the project's.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as yaml from "js-yaml";

export const ROOT = path.resolve(__dirname, "../..");
/** The template folder `pulumi new` is given. */
export const TEMPLATE_DIR = path.join(ROOT, "templates/free-tier-server");
/** The URL the docs give, with this repository's owner left to the reader. */
export const TEMPLATE_URL = "https://github.com/<owner>/free-tier-server/tree/main/templates/free-tier-server";

/** A `template.config` entry of Pulumi.yaml. */
export interface TemplateConfigValue {
    readonly description?: string;
    readonly default?: string;
    readonly secret?: boolean;
}

export interface ProjectFile {
    readonly name: string;
    readonly description?: string;
    readonly main?: string;
    readonly template?: {
        readonly displayName?: string;
        readonly description?: string;
        readonly quickstart?: string;
        readonly config?: Record<string, TemplateConfigValue>;
    } & Record<string, unknown>;
    readonly [key: string]: unknown;
}

/** The template's Pulumi.yaml, as written (placeholders included). */
export function projectFile(dir = TEMPLATE_DIR): ProjectFile {
    return yaml.load(fs.readFileSync(path.join(dir, "Pulumi.yaml"), "utf8")) as ProjectFile;
}

/** A config key as Pulumi reads it in a project: "key" is "<project>:key". */
export function namespaced(key: string, project: string): string {
    return key.includes(":") ? key : `${project}:${key}`;
}

/** `${PROJECT}` and `${DESCRIPTION}` replaced, as the CLI's transform does. */
export function transform(text: string, name: string, description: string): string {
    return text.split("${PROJECT}").join(name).split("${DESCRIPTION}").join(description);
}

/**
 * The files walkFiles copies from `dir`, relative to it with "/" between folders, sorted: every
 * file but those in a `.git` folder and `.pulumi.template.yaml`.
 */
export function copiedFiles(dir = TEMPLATE_DIR, base = dir): string[] {
    return fs
        .readdirSync(dir, { withFileTypes: true })
        .flatMap((entry) => {
            const full = path.join(dir, entry.name);
            if (entry.isDirectory()) {
                return entry.name === ".git" ? [] : copiedFiles(full, base);
            }
            return entry.name === ".pulumi.template.yaml" ? [] : [path.relative(base, full).split(path.sep).join("/")];
        })
        .sort();
}

export interface NewProjectOptions {
    /** The name given at the prompt; the CLI's default for `${PROJECT}` is the folder's name. */
    readonly projectName?: string;
    /** The description given at the prompt; defaults to the template's description. */
    readonly description?: string;
    /** The stack created; defaults to "dev", as the CLI's prompt does. */
    readonly stack?: string;
    /** What the user typed, by template key; a key left out takes its default. */
    readonly answers?: Record<string, string>;
    /**
     * "link": a node_modules of links to this repository's installed modules, with
     * free-tier-server linked to this repository (built), for fast tests; "none": nothing, for
     * a test that installs.
     */
    readonly nodeModules?: "link" | "none";
}

export interface NewProject {
    readonly dir: string;
    readonly projectName: string;
    readonly stack: string;
    /** The stack's config file as saved, every key with its namespace. */
    readonly stackConfig: Record<string, unknown>;
    remove(): void;
}

/** The project `pulumi new` creates from the template folder, in a new temporary folder. */
export function newProject(options: NewProjectOptions = {}): NewProject {
    const template = projectFile();
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "free-tier-new-"));
    const dir = path.join(root, options.projectName ?? "my-server");
    fs.mkdirSync(dir);
    const projectName = options.projectName ?? path.basename(dir);
    const description = options.description ?? template.template?.description ?? "";
    const stack = options.stack ?? "dev";

    for (const file of copiedFiles()) {
        const source = path.join(TEMPLATE_DIR, file);
        const yamlFile = file.endsWith(".yaml");
        // In .yaml files the CLI writes the values YAML-marshalled (quoted where YAML needs it).
        const [name, text] = yamlFile
            ? [yaml.dump(projectName).trimEnd(), yaml.dump(description, { lineWidth: -1 }).trimEnd()]
            : [projectName, description];
        const dest = path.join(dir, transform(file, projectName, ""));
        fs.mkdirSync(path.dirname(dest), { recursive: true });
        fs.writeFileSync(dest, transform(fs.readFileSync(source, "utf8"), name, text), {
            mode: fs.statSync(source).mode | 0o600,
        });
    }

    // new.go: load, rename, describe, drop the template section, tag with the template, save.
    const copied = yaml.load(fs.readFileSync(path.join(dir, "Pulumi.yaml"), "utf8")) as Record<string, unknown>;
    delete copied.template;
    const project = {
        ...copied,
        name: projectName,
        description,
        config: {
            ...((copied.config as object | undefined) ?? {}),
            "pulumi:tags": { value: { "pulumi:template": TEMPLATE_URL } },
        },
    };
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), yaml.dump(project, { lineWidth: -1 }));

    // config.go: the answers, or else the defaults, merged into the stack file.
    const stackFile = path.join(dir, `Pulumi.${stack}.yaml`);
    const existing = fs.existsSync(stackFile)
        ? ((yaml.load(fs.readFileSync(stackFile, "utf8")) as { config?: Record<string, unknown> }).config ?? {})
        : {};
    const stackConfig: Record<string, unknown> = Object.fromEntries(
        Object.entries(existing).map(([key, value]) => [namespaced(key, projectName), value]),
    );
    for (const [key, entry] of Object.entries(template.template?.config ?? {})) {
        const answer = options.answers?.[key] ?? entry.default ?? "";
        if (answer !== "") {
            stackConfig[namespaced(key, projectName)] = answer;
        }
    }
    fs.writeFileSync(stackFile, yaml.dump({ config: stackConfig }));

    if ((options.nodeModules ?? "link") === "link") {
        const modules = path.join(dir, "node_modules");
        fs.mkdirSync(modules);
        for (const entry of fs.readdirSync(path.join(ROOT, "node_modules"))) {
            if (!entry.startsWith(".")) {
                fs.symlinkSync(path.join(ROOT, "node_modules", entry), path.join(modules, entry));
            }
        }
        // The workspaces' own dependency on free-tier-server already links it to this repository.
        if (!fs.existsSync(path.join(modules, "free-tier-server"))) {
            fs.symlinkSync(ROOT, path.join(modules, "free-tier-server"));
        }
    }
    return { dir, projectName, stack, stackConfig, remove: () => fs.rmSync(root, { recursive: true, force: true }) };
}
