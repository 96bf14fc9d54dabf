/**
 * Temporary folders and Pulumi projects for tests: a folder of given files under the OS's temp
 * folder, and the guide's program (this repository's index.ts) in a project of its own with a
 * stack file the test writes. Every folder made here is removed when the process exits (a test
 * may remove it sooner), so no suite needs a hook to clean up after another.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const REPO_ROOT = path.resolve(__dirname, "..");

const made = new Set<string>();
process.on("exit", () => {
    for (const dir of made) {
        fs.rmSync(dir, { recursive: true, force: true });
    }
});

/** A new folder named `<prefix><random>` under the OS's temp folder, holding these files (by relative path). */
export function tempFolder(prefix: string, files: Readonly<Record<string, string>> = {}): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    made.add(dir);
    for (const [name, text] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
        fs.writeFileSync(path.join(dir, name), text);
    }
    return dir;
}

/**
 * A project folder whose program is this repository's index.ts (project free-tier-server), with
 * this text as its dev stack's file, Pulumi.dev.yaml: the guide's program under a stack the test
 * writes, previewed with `cwd` set to the folder and `stack: "dev"`.
 */
export function guideProjectWith(stackYaml: string, prefix = "free-tier-preview-"): string {
    return tempFolder(prefix, {
        "Pulumi.yaml": `name: free-tier-server\nruntime: nodejs\nmain: ${path.join(REPO_ROOT, "index.ts")}\n`,
        "Pulumi.dev.yaml": stackYaml,
    });
}
