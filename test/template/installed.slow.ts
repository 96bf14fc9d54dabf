/**
 * The project `pulumi new` makes from templates/free-tier-server, installed as a newcomer's
 * is: this repository's package packed with `npm pack` (what npm publishes), the template
 * copied as the CLI copies it with the stack file written from the prompts' defaults and a
 * /32, its free-tier-server dependency pointed at the tarball, `npm install` from the npm
 * registry. Then its own offline preview (the package's free-tier-preview, compiled, with no
 * TypeScript of this repository), and the pack where its README tells `pulumi preview
 * --policy-pack` to find it, started as the Pulumi CLI starts a local Node.js pack: the
 * run-policy-pack module resolved from the pack's folder, given the engine's address and the
 * folder, printing its port (pulumi/pulumi sdk/nodejs/cmd/pulumi-language-nodejs/main.go,
 * RunPlugin; pkg/resource/plugin/analyzer_plugin.go). Slow (an install): `npm run test:installed`.
 */
import * as assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { previewOffline } from "../../offline/preview";
import { billLines } from "../../offline/render";
import { npm } from "../../testing/pack/packedPack";
import { newProject, NewProject, ROOT, TEMPLATE_DIR } from "./newProject";

const README = fs.readFileSync(path.join(TEMPLATE_DIR, "README.md"), "utf8");
/** The folder the new project's README gives `pulumi preview --policy-pack`. */
const PACK_PATH = /pulumi preview --policy-pack (\S+)/.exec(README)![1];
/** The plan file its README gives `--policy-pack-config`. */
const PLAN_FILE = /--policy-pack-config (\S+)/.exec(README)![1];
const MY_IP = "198.51.100.7/32";

/** The environment the project's commands run in: none of this repository's npm or node settings. */
function cleanEnv(): NodeJS.ProcessEnv {
    return Object.fromEntries(
        Object.entries(process.env).filter(
            ([k]) =>
                k !== "NODE_PATH" &&
                !/^npm_/i.test(k) &&
                !k.startsWith("TS_NODE_") &&
                k !== "PULUMI_NODEJS_TRANSPILE_ONLY",
        ),
    );
}

/** Starts the pack as the engine does and resolves with the first line it prints, or rejects. */
function firstLine(command: string, args: string[], cwd: string): Promise<string> {
    return new Promise((resolve, reject) => {
        const child = spawn(command, args, { cwd, env: cleanEnv(), stdio: ["ignore", "pipe", "pipe"] });
        let out = "";
        let err = "";
        const timer = setTimeout(() => finish(new Error(`no port within 60 s; stderr: ${err}`)), 60000);
        const finish = (error?: Error) => {
            clearTimeout(timer);
            child.kill("SIGKILL");
            if (error) {
                reject(error);
            } else {
                resolve(out.split("\n")[0].trim());
            }
        };
        child.stdout.on("data", (chunk) => {
            out += chunk;
            if (out.includes("\n")) {
                finish();
            }
        });
        child.stderr.on("data", (chunk) => (err += chunk));
        child.on("exit", (code) => finish(new Error(`exited ${code} before printing a port; stderr: ${err}`)));
    });
}

describe("a project made by pulumi new from the template, installed from the packed package", function () {
    this.timeout(600000);
    let created: NewProject;
    let installMs = 0;

    before(() => {
        created = newProject({ stack: "dev", answers: { sshAllowedCidrs: MY_IP }, nodeModules: "none" });
        // npm pack runs the package's prepare (the build), whose output comes first; the
        // tarball's name is the last line.
        const packed = npm(["pack", "--loglevel=error", "--pack-destination", path.dirname(created.dir)], ROOT);
        const tarball = path.join(path.dirname(created.dir), packed.trim().split("\n").pop()!);
        const manifestFile = path.join(created.dir, "package.json");
        const manifest = JSON.parse(fs.readFileSync(manifestFile, "utf8"));
        assert.equal(
            manifest.dependencies["free-tier-server"],
            JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).version,
        );
        manifest.dependencies["free-tier-server"] = `file:${tarball}`;
        fs.writeFileSync(manifestFile, JSON.stringify(manifest, null, 2));
        const started = Date.now();
        npm(["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"], created.dir);
        installMs = Date.now() - started;
    });
    after(() => {
        created?.remove();
    });

    it("installs the package without this repository's TypeScript sources, tests or engine sources", () => {
        const installed = path.join(created.dir, "node_modules/free-tier-server");
        assert.ok(fs.existsSync(path.join(installed, "dist/components/index.js")));
        for (const absent of [
            "index.ts",
            "Pulumi.yaml",
            "test",
            "offline",
            "freetier",
            "templates",
            "scripts/previewOffline.ts",
        ]) {
            assert.ok(!fs.existsSync(path.join(installed, absent)), `${absent} is not installed`);
        }
        console.log(`      npm install: ${(installMs / 1000).toFixed(1)} s`);
    });

    it("previews offline with its own npm run preview:offline: it passes and prints the bill", async () => {
        const started = Date.now();
        const run = spawnSync("npm", ["run", "preview:offline", "--", "--stack", created.stack], {
            cwd: created.dir,
            env: cleanEnv(),
            encoding: "utf8",
            timeout: 300000,
        });
        console.log(`      npm run preview:offline: ${((Date.now() - started) / 1000).toFixed(1)} s`);
        assert.equal(run.status, 0, run.stderr + run.stdout);
        assert.match(run.stdout, /Result: 6 resources, 0 mandatory, 0 advisory, 0 could not check\. PASSED\./);
        assert.match(run.stdout, new RegExp(`Policy pack: free-tier-guard@v\\d`));
        // The bill this repository's preview computes for the same project, line for line.
        const report = await previewOffline({
            cwd: created.dir,
            stack: created.stack,
            policyPack: path.join(ROOT, "policy"),
        });
        assert.ok(report.cost.items.length > 0, "the repository's preview has a bill for it");
        for (const line of billLines(report.cost)) {
            assert.ok(run.stdout.includes(line), `the installed preview prints ${JSON.stringify(line)}\n${run.stdout}`);
        }
    });

    it("the plan file its README gives is installed, and the legacy plan's rules refuse its t3.micro", () => {
        assert.ok(fs.existsSync(path.join(created.dir, PLAN_FILE)), PLAN_FILE);
        const legacy = path.join(path.dirname(PLAN_FILE), "legacy.json");
        const run = spawnSync("npx", ["free-tier-preview", "--stack", created.stack, "--policy-pack-config", legacy], {
            cwd: created.dir,
            env: cleanEnv(),
            encoding: "utf8",
            timeout: 300000,
        });
        assert.equal(run.status, 1, run.stderr + run.stdout);
        assert.match(run.stdout, /free-tier-instance-type/);
    });

    it("the pack its README gives pulumi preview starts from there as the CLI starts it, on the project's installed modules, and prints its port", async () => {
        const packDir = path.join(created.dir, PACK_PATH);
        assert.ok(fs.existsSync(path.join(packDir, "PulumiPolicy.yaml")), `${PACK_PATH}/PulumiPolicy.yaml`);
        const resolve = (specifier: string) => require.resolve(specifier, { paths: [packDir] });
        const runPolicyPack = resolve("@pulumi/pulumi/cmd/run-policy-pack");
        assert.equal(
            path.dirname(runPolicyPack),
            path.join(created.dir, "node_modules/@pulumi/pulumi/cmd/run-policy-pack"),
        );
        assert.ok(resolve("@pulumi/policy").startsWith(path.join(created.dir, "node_modules") + path.sep));
        const port = await firstLine(
            process.execPath,
            [path.join(created.dir, "node_modules/@pulumi/pulumi/cmd/run-policy-pack"), "127.0.0.1:1", packDir],
            packDir,
        );
        assert.match(port, /^\d+$/);
        assert.ok(Number(port) > 0 && Number(port) < 65536);
    });
});
