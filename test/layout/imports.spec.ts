/**
 * The repository's layout, as docs/development.md describes it ("What each folder may import"):
 * every import of every .ts file (import and export declarations, `import()`, `require` and
 * `require.resolve` of a literal), parsed with the TypeScript compiler, stays inside the
 * folders its own folder may import, and names only packages the manifest that ships it
 * declares. A project of its own (an example, a test fixture) imports nothing outside itself.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import { builtinModules } from "node:module";
import * as path from "node:path";
import * as ts from "typescript";

const ROOT = path.resolve(__dirname, "../..");
const manifest = (file: string) => JSON.parse(fs.readFileSync(path.join(ROOT, file), "utf8"));
const depsOf = (file: string, ...fields: string[]) =>
    fields.flatMap((field) => Object.keys(manifest(file)[field] ?? {}));

const ROOT_DEPS = depsOf("package.json", "dependencies");
const PACK_DEPS = depsOf("policy/package.json", "dependencies");
const PLUGIN_DEPS = depsOf("freetier/package.json", "dependencies");
/** What a repository tool may use: everything `npm ci` installs at the root (workspaces included). */
const TOOL_DEPS = [...depsOf("package.json", "dependencies", "devDependencies"), ...PACK_DEPS, ...PLUGIN_DEPS];
const both = (a: string[], b: string[]) => a.filter((d) => b.includes(d));

/** A folder's rule: the folders its files may import, and the packages they may name. */
interface Rule {
    readonly folders: readonly string[];
    readonly packages: readonly string[];
    /** Why those packages: the manifest (or manifests) that ships the folder. */
    readonly shippedBy: string;
}

const RULES: Readonly<Record<string, Rule>> = {
    "lib/": {
        folders: ["lib/"],
        // Compiled into the package, the pack and the plugin: a dependency of all three.
        packages: both(both(ROOT_DEPS, PACK_DEPS), PLUGIN_DEPS),
        shippedBy: "package.json, policy/package.json and freetier/package.json",
    },
    "components/": {
        folders: ["components/", "lib/"],
        // Compiled into the package and the plugin.
        packages: both(ROOT_DEPS, PLUGIN_DEPS),
        shippedBy: "package.json and freetier/package.json",
    },
    "policy/": { folders: ["policy/", "lib/"], packages: PACK_DEPS, shippedBy: "policy/package.json" },
    "freetier/": {
        folders: ["freetier/", "components/", "lib/"],
        packages: PLUGIN_DEPS,
        shippedBy: "freetier/package.json",
    },
    // The npm package ships it (tsconfig.build.json): a dependency of the package.
    "offline/": { folders: ["offline/", "policy/", "lib/"], packages: ROOT_DEPS, shippedBy: "package.json" },
    "testing/": {
        folders: ["testing/", "offline/", "policy/", "freetier/", "components/", "lib/"],
        packages: TOOL_DEPS,
        shippedBy: "package.json",
    },
    "scripts/": {
        folders: ["scripts/", "testing/", "offline/", "policy/", "freetier/", "components/", "lib/"],
        packages: TOOL_DEPS,
        shippedBy: "package.json",
    },
    "test/": {
        folders: [
            "test/",
            "testing/",
            "scripts/",
            "offline/",
            "policy/",
            "freetier/",
            "components/",
            "lib/",
            "index.ts",
        ],
        // The consumer spec imports the package by its name, as a user does.
        packages: [...TOOL_DEPS, manifest("package.json").name],
        shippedBy: "package.json",
    },
    "index.ts": { folders: ["components/"], packages: ROOT_DEPS, shippedBy: "package.json" },
};

/** The files the npm package ships compiled: tsconfig.build.json's, and what they import. */
const SHIPPED = (() => {
    const config = ts.getParsedCommandLineOfConfigFile(
        path.join(ROOT, "tsconfig.build.json"),
        {},
        {
            ...ts.sys,
            onUnRecoverableConfigFileDiagnostic: (d) => assert.fail(String(d.messageText)),
        },
    )!;
    return new Set(config.fileNames.map((f) => path.relative(ROOT, f)));
})();

/** The top folder a repository path belongs to ("lib/" for lib/cidr.ts), or the root file's name. */
function topOf(relative: string): string {
    const [first, ...rest] = relative.split(path.sep);
    return rest.length > 0 ? `${first}/` : first.replace(/\.ts$/, "") + ".ts";
}

/** The folder of the project a file is part of when that is not the repository: its nearest Pulumi.yaml or package.json. */
function ownProject(file: string): string | undefined {
    for (let dir = path.dirname(file); dir !== ROOT; dir = path.dirname(dir)) {
        if (["Pulumi.yaml", "package.json"].some((f) => fs.existsSync(path.join(dir, f)))) {
            return ["policy", "freetier"].includes(path.relative(ROOT, dir)) ? undefined : dir;
        }
    }
    return undefined;
}

interface Import {
    readonly specifier: string;
    /** `import type ...` / `export type ...`: erased by tsc, so nothing is loaded at run time. */
    readonly typeOnly: boolean;
}

/** Every module a source file names literally, and whether only its types are imported. */
function importsOf(fileName: string, text: string): Import[] {
    const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
    const found: Import[] = [];
    const visit = (node: ts.Node): void => {
        if (
            (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
            node.moduleSpecifier &&
            ts.isStringLiteral(node.moduleSpecifier)
        ) {
            const typeOnly = ts.isImportDeclaration(node) ? node.importClause?.isTypeOnly === true : node.isTypeOnly;
            found.push({ specifier: node.moduleSpecifier.text, typeOnly });
        } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
            const expression = node.moduleReference.expression;
            if (ts.isStringLiteral(expression)) {
                found.push({ specifier: expression.text, typeOnly: false });
            }
        } else if (
            ts.isCallExpression(node) &&
            node.arguments.length > 0 &&
            ts.isStringLiteralLike(node.arguments[0])
        ) {
            const callee = node.expression.getText(source);
            if (
                node.expression.kind === ts.SyntaxKind.ImportKeyword ||
                callee === "require" ||
                callee === "require.resolve"
            ) {
                found.push({ specifier: node.arguments[0].text, typeOnly: false });
            }
        }
        ts.forEachChild(node, visit);
    };
    visit(source);
    return found;
}

/** Every module specifier a source file names literally. */
function specifiersOf(fileName: string, text: string): string[] {
    return importsOf(fileName, text).map((i) => i.specifier);
}

const BUILTINS = new Set(builtinModules);
const packageOf = (specifier: string) =>
    specifier
        .split("/")
        .slice(0, specifier.startsWith("@") ? 2 : 1)
        .join("/");

/** What is wrong with one import of one file (a path relative to the repository), or undefined. */
function crossing(file: string, specifier: string, typeOnly = false): string | undefined {
    const absolute = path.join(ROOT, file);
    const project = ownProject(absolute);
    if (specifier.startsWith(".")) {
        const target = path.resolve(path.dirname(absolute), specifier);
        if (project !== undefined) {
            const inside = !path.relative(project, target).startsWith("..");
            return inside
                ? undefined
                : `${file} imports ${specifier}, outside its own project ${path.relative(ROOT, project)}/`;
        }
        const relative = path.relative(ROOT, target);
        if (relative.startsWith("..")) {
            return `${file} imports ${specifier}, outside the repository`;
        }
        const rule = RULES[topOf(file)];
        const isFolder = fs.existsSync(target) && fs.statSync(target).isDirectory();
        const to = topOf(
            isFolder ? path.join(relative, "index.ts") : relative.includes(path.sep) ? relative : `${relative}.ts`,
        );
        if (rule === undefined) {
            return `${file} is in a folder with no rule (${topOf(file)})`;
        }
        return rule.folders.includes(to) ? undefined : `${file} (${topOf(file)}) imports ${specifier}, in ${to}`;
    }
    if (specifier.startsWith("node:") || BUILTINS.has(specifier) || project !== undefined) {
        return undefined;
    }
    const rule = RULES[topOf(file)];
    const name = packageOf(specifier);
    // A type-only import leaves no require in the JavaScript that ships (STYLE.md: the pack
    // `import type`s the AWS SDK's types and never loads it), so the package need only be one
    // `npm ci` installs for tsc.
    if (typeOnly && TOOL_DEPS.includes(name)) {
        return undefined;
    }
    if (rule === undefined || !rule.packages.includes(name)) {
        return `${file} (${topOf(file)}) imports ${name}, which ${rule?.shippedBy ?? "no manifest"} does not declare`;
    }
    if (SHIPPED.has(file) && !ROOT_DEPS.includes(name)) {
        return `${file} ships in the npm package (tsconfig.build.json) and imports ${name}, which package.json's dependencies do not declare`;
    }
    return undefined;
}

/** Every .ts file of the repository (not what npm installs or the builds write). */
function sourceFiles(dir = ROOT, out: string[] = []): string[] {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
            if (!["node_modules", ".git", "dist", "bin", "bench-results"].includes(entry.name)) {
                sourceFiles(full, out);
            }
        } else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) {
            out.push(path.relative(ROOT, full));
        }
    }
    return out;
}

describe("the layout: what each folder may import", () => {
    const files = sourceFiles();

    it("reads every kind of import a file can make", () => {
        const text = [
            `import * as a from "./a";`,
            `import type { B } from "../b";`,
            `export { c } from "./c";`,
            `import d = require("d");`,
            `const e = require("e");`,
            `const f = require.resolve("f/g", { paths: [] });`,
            `const h = () => import("@scope/h/deep");`,
            `const notAnImport = "require('x')";`,
        ].join("\n");
        assert.deepEqual(specifiersOf("x.ts", text), ["./a", "../b", "./c", "d", "e", "f/g", "@scope/h/deep"]);
    });

    it("catches an import across each line the layout draws", () => {
        assert.match(crossing("offline/preview.ts", "../testing/mockEngine")!, /\(offline\/\) .*in testing\//);
        assert.match(crossing("offline/preview.ts", "../test/policy/stackModel.spec")!, /in test\//);
        assert.match(crossing("policy/lib/stack.ts", "../../offline/bill")!, /\(policy\/\) .*in offline\//);
        assert.match(crossing("components/args.ts", "../offline/lookups")!, /\(components\/\) .*in offline\//);
        assert.match(crossing("lib/cidr.ts", "../policy/lib/known")!, /\(lib\/\) .*in policy\//);
        assert.match(crossing("scripts/bench.ts", "../test/policy/fixtures")!, /\(scripts\/\) .*in test\//);
        assert.match(crossing("testing/mockEngine.ts", "../test/support/prices")!, /\(testing\/\) .*in test\//);
        assert.match(
            crossing("policy/lib/known.ts", "js-yaml")!,
            /js-yaml, which policy\/package.json does not declare/,
        );
        assert.match(crossing("components/args.ts", "mocha")!, /mocha, which package.json and freetier/);
        assert.match(crossing("offline/preview.ts", "fast-check")!, /fast-check, which package.json does not declare/);
        assert.match(crossing("scripts/previewOffline.ts", "fast-check")!, /ships in the npm package .* fast-check/);
        assert.equal(crossing("scripts/bench.ts", "fast-check"), undefined);
        assert.match(
            crossing("examples/consumer/index.ts", "../../components")!,
            /outside its own project examples\/consumer\//,
        );
        assert.equal(crossing("policy/lib/known.ts", "../../lib/cidr"), undefined);
        assert.equal(crossing("policy/lib/known.ts", "@pulumi/policy"), undefined);
        // The AWS SDK's types only: nothing of @pulumi/aws is loaded by the pack.
        assert.equal(crossing("policy/lib/instances.ts", "@pulumi/aws", true), undefined);
        assert.match(crossing("policy/lib/instances.ts", "@pulumi/aws")!, /@pulumi\/aws, which policy\/package.json/);
        assert.deepEqual(
            importsOf(
                "x.ts",
                'import type { ec2 } from "@pulumi/aws";\nimport { a } from "b";\nexport type { C } from "c";',
            ),
            [
                { specifier: "@pulumi/aws", typeOnly: true },
                { specifier: "b", typeOnly: false },
                { specifier: "c", typeOnly: true },
            ],
        );
        assert.equal(crossing("offline/preview.ts", "node:fs"), undefined);
    });

    it("has a rule for every folder that holds TypeScript", () => {
        const tops = new Set(files.filter((f) => ownProject(path.join(ROOT, f)) === undefined).map(topOf));
        assert.deepEqual(
            [...tops].filter((top) => RULES[top] === undefined),
            [],
        );
        assert.ok(files.length > 150, `${files.length} files`);
    });

    it("no import of any file crosses those lines", () => {
        const crossings = files.flatMap((file) =>
            importsOf(file, fs.readFileSync(path.join(ROOT, file), "utf8"))
                .map(({ specifier, typeOnly }) => crossing(file, specifier, typeOnly))
                .filter((c): c is string => c !== undefined),
        );
        assert.deepEqual(crossings, []);
    });

    it("docs/development.md gives each folder's job and the same folders it may import", () => {
        const doc = fs.readFileSync(path.join(ROOT, "docs/development.md"), "utf8");
        const section = doc.split("### What each folder may import")[1]?.split("\n## ")[0];
        assert.ok(section, 'docs/development.md has no section "What each folder may import"');
        const rows = new Map(
            [...section.matchAll(/^\| `([^`]+)` \| ([^|]+) \| ([^|]+) \|$/gm)].map((m) => [
                m[1],
                { job: m[2], may: m[3] },
            ]),
        );
        assert.deepEqual([...rows.keys()].sort(), [...Object.keys(RULES), "examples/"].sort());
        for (const [folder, rule] of Object.entries(RULES)) {
            const row = rows.get(folder)!;
            assert.ok(row.job.trim().length > 10, `${folder} has no job`);
            const named = [...row.may.matchAll(/`([^`]+)`/g)]
                .map((m) => m[1])
                .filter((f) => f.endsWith("/") || f.endsWith(".ts"));
            assert.deepEqual(new Set(named), new Set(rule.folders), `the row of ${folder}`);
        }
    });
});
