/**
 * The pack as Pulumi Cloud hands it to every stack of a policy group: `npm pack` in policy/
 * (what `pulumi policy publish` uploads), unpacked in an empty folder outside the repository,
 * production dependencies installed there, started through its own run-policy-pack as the
 * engine starts it. It must serve every policy of the checkout's pack, judge a resource, and
 * load nothing from outside its own folder.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import { isBuiltin } from "node:module";
import * as path from "node:path";
import { PolicyPackProcess, runPolicyPackOf } from "../../offline/analyzerClient";
import { urnOf } from "../../testing/policy/engine";
import { POLICY_PACK_NAME, policies } from "../../policy/policies";
import { PackedPack, packAndInstall, POLICY_DIR } from "../../testing/pack/packedPack";
import { SECURITY_GROUP } from "../../testing/types";

const ROOT = path.resolve(__dirname, "../..");
const MANIFEST = JSON.parse(fs.readFileSync(path.join(POLICY_DIR, "package.json"), "utf8"));

/** The npm package a bare module specifier names ("@scope/name/sub" -> "@scope/name"). */
function packageOf(specifier: string): string {
    const parts = specifier.split("/");
    return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

/** A security group allowing SSH (tcp 22) from `cidr`, as a program registers it. */
function sshGroup(cidr: string) {
    return {
        type: SECURITY_GROUP,
        name: "web-sg",
        urn: urnOf({ type: SECURITY_GROUP, name: "web-sg" }),
        properties: {
            description: "web server",
            ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: [cidr], description: "SSH" }],
            tags: { Name: "web" },
        },
    };
}

describe("free-tier-guard packed alone (npm pack -> npm install --omit=dev -> run-policy-pack)", function () {
    // Packing, and installing the pack's production dependencies from npm's cache.
    this.timeout(180000);
    let packed: PackedPack;

    before(() => {
        packed = packAndInstall();
    });
    after(() => {
        packed?.remove();
    });

    it("npm pack prints only the tarball's name, which `pulumi policy publish` reads from its stdout", () => {
        assert.equal(packed.packStdout.trim(), `${MANIFEST.name}-${MANIFEST.version}.tgz`);
        assert.ok(fs.existsSync(packed.tarball));
    });

    it("holds the compiled pack and its manifests, no TypeScript sources and no tsconfig.json", () => {
        const outside = packed.files.filter(
            (f) => !["package.json", "PulumiPolicy.yaml"].includes(f) && !/^bin\/.+\.js(\.map)?$/.test(f),
        );
        assert.deepEqual(outside, []);
        assert.ok(packed.files.includes(MANIFEST.main), `the package holds its main, ${MANIFEST.main}`);
        assert.ok(packed.files.includes("bin/lib/freeTier.js"), "the shared free-tier facts are compiled inside");
    });

    it("declares what publishing needs and no script that runs on install", () => {
        const manifest = JSON.parse(fs.readFileSync(path.join(packed.dir, "package.json"), "utf8"));
        assert.equal(manifest.name, POLICY_PACK_NAME);
        assert.match(manifest.version, /^\d+\.\d+\.\d+$/);
        assert.match(manifest.description, /^Pulumi CrossGuard policy pack: .+\.$/);
        assert.equal(manifest.devDependencies, undefined, "the Pulumi CLI may install it with dev dependencies");
        const lifecycle = ["preinstall", "install", "postinstall", "prepublish", "preprepare", "prepare", "prepack"];
        assert.deepEqual(
            Object.keys(manifest.scripts ?? {}).filter((s) => lifecycle.includes(s)),
            [],
        );
    });

    it("requires nothing but its own files, Node built-ins and its declared dependencies", () => {
        const dependencies = new Set(Object.keys(MANIFEST.dependencies));
        const problems: string[] = [];
        for (const file of packed.files.filter((f) => f.endsWith(".js"))) {
            const source = fs.readFileSync(path.join(packed.dir, file), "utf8");
            for (const [, specifier] of source.matchAll(/\brequire\("([^"]+)"\)/g)) {
                if (specifier.startsWith(".")) {
                    const target = path.resolve(path.dirname(path.join(packed.dir, file)), specifier);
                    const found = [target, `${target}.js`, path.join(target, "index.js")].some((f) => fs.existsSync(f));
                    if (!found || !target.startsWith(packed.dir + path.sep)) {
                        problems.push(`${file}: require("${specifier}") is not inside the package`);
                    }
                } else if (!isBuiltin(specifier) && !dependencies.has(packageOf(specifier))) {
                    problems.push(`${file}: require("${specifier}") is not a declared dependency`);
                }
            }
        }
        assert.deepEqual(problems, []);
    });

    describe("started through its own run-policy-pack, as the engine starts it", () => {
        let pack: PolicyPackProcess | undefined;
        let loadedModulesFile: string;
        let recorder: string;

        before(async () => {
            // Records every module the pack's process loaded, when the engine stops it.
            loadedModulesFile = path.join(packed.root, "loaded-modules.json");
            recorder = path.join(packed.root, "record-loaded-modules.js");
            fs.writeFileSync(
                recorder,
                `process.on("SIGTERM", () => {\n` +
                    `    require("node:fs").writeFileSync(${JSON.stringify(loadedModulesFile)}, JSON.stringify(Object.keys(require.cache)));\n` +
                    `    process.exit(0);\n` +
                    `});\n`,
            );
            pack = await PolicyPackProcess.start(packed.dir, { nodeArgs: ["--require", recorder] });
        });
        after(async () => {
            await pack?.stop();
        });

        it("starts through its own installed run-policy-pack and lists every policy of the checkout's pack", async () => {
            assert.ok(!packed.dir.startsWith(ROOT + path.sep), "the pack runs outside the repository");
            assert.ok(runPolicyPackOf(packed.dir).startsWith(path.join(packed.dir, "node_modules") + path.sep));
            const info = await pack!.getAnalyzerInfo();
            assert.equal(info.name, POLICY_PACK_NAME);
            assert.equal(info.version, MANIFEST.version);
            assert.deepEqual(
                info.policies.map((p) => [p.name, p.enforcementLevel, p.kind]),
                // As the framework reports them: a policy with a resource part is a resource policy,
                // even when it also has a stack part.
                policies.map((p) => [p.name, p.enforcementLevel, "validateResource" in p ? "resource" : "stack"]),
            );
        });

        it("Analyze stops a security group that opens SSH to the world, and passes one open to a /32", async () => {
            await pack!.configure({});
            const open = await pack!.analyze(sshGroup("0.0.0.0/0"));
            assert.deepEqual(
                open.map((d) => [d.policyName, d.enforcementLevel]),
                [["no-public-ssh", "mandatory"]],
            );
            assert.match(open[0].message, /"web-sg" opens SSH port 22 to the whole IPv4 internet/);
            assert.deepEqual(await pack!.analyze(sshGroup("203.0.113.7/32")), []);
        });

        it("loaded every module from its own folder, none from the repository", async () => {
            await pack!.stop();
            pack = undefined;
            const loaded: string[] = JSON.parse(fs.readFileSync(loadedModulesFile, "utf8"));
            assert.ok(
                loaded.some((f) => f.endsWith(path.join("bin", "policy", "index.js"))),
                "the pack's main was loaded",
            );
            assert.deepEqual(
                loaded.filter((f) => f !== recorder && !f.startsWith(packed.dir + path.sep)),
                [],
            );
        });
    });
});
