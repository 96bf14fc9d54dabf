/**
 * .github/workflows/check.yml, this repository's pull-request check (the template has its own):
 * it parses, runs only commands the docs give, needs no credentials for the tests and the
 * offline preview, and runs the real preview only where the credentials are.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as yaml from "js-yaml";

const ROOT = path.resolve(__dirname, "../..");
const WORKFLOW = path.join(ROOT, ".github/workflows/check.yml");
const CREDENTIALS = ["PULUMI_ACCESS_TOKEN", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"];

interface Step {
    readonly if?: string;
    readonly uses?: string;
    readonly run?: string;
    readonly with?: Record<string, unknown>;
}

interface Job {
    readonly if?: string;
    readonly env?: Record<string, string>;
    readonly steps: Step[];
}

interface Workflow {
    readonly on: Record<string, unknown>;
    readonly jobs: Record<string, Job>;
}

/** Every command line of the shell blocks of README.md and docs/development.md (which documents the workflow), without its comment. */
function readmeCommands(): Set<string> {
    const readme = ["README.md", "docs/development.md"]
        .map((file) => fs.readFileSync(path.join(ROOT, file), "utf8"))
        .join("\n");
    const blocks = [...readme.matchAll(/^\s*```sh\n([\s\S]*?)^\s*```/gm)].map((m) => m[1]);
    return new Set(
        blocks.flatMap((block) =>
            block
                .split("\n")
                .map((line) => line.replace(/\s+#.*$/, "").trim())
                .filter((line) => line !== "" && !line.startsWith("#")),
        ),
    );
}

/** The command lines of a job's run steps. */
function runs(job: Job): string[] {
    return job.steps.flatMap((step) => (step.run ? step.run.split("\n").filter((line) => line.trim() !== "") : []));
}

describe("the pull-request workflow (.github/workflows/check.yml)", () => {
    let workflow: Workflow;
    before(() => {
        workflow = yaml.load(fs.readFileSync(WORKFLOW, "utf8")) as Workflow;
    });

    it("parses as YAML and runs on pull requests", () => {
        assert.ok("pull_request" in workflow.on);
        assert.deepEqual(Object.keys(workflow.jobs), ["offline", "preview"]);
    });

    it("runs only commands README.md and docs/development.md give", () => {
        const commands = readmeCommands();
        const missing = Object.values(workflow.jobs)
            .flatMap(runs)
            .filter((line) => !commands.has(line.trim()));
        assert.deepEqual(missing, []);
    });

    it("tests and previews offline on Node 22, with no secret, and uploads the verdicts as SARIF to code scanning", () => {
        const job = workflow.jobs.offline;
        assert.deepEqual(runs(job), ["npm ci", "npm test", "npm run preview:offline -- --sarif preview.sarif"]);
        const upload = job.steps.find((step) => step.uses?.startsWith("github/codeql-action/upload-sarif@"));
        assert.equal(upload?.with?.sarif_file, "preview.sarif");
        // The preview exits 1 on a mandatory verdict: the upload runs anyway.
        assert.match(String(upload?.if), /always\(\)/);
        assert.equal((job as { permissions?: Record<string, string> }).permissions?.["security-events"], "write");
        const node = job.steps.find((step) => step.uses?.startsWith("actions/setup-node@"));
        assert.equal(String(node?.with?.["node-version"]), "22");
        assert.doesNotMatch(JSON.stringify(job), /secrets\./);
    });

    it("runs pulumi preview --policy-pack policy only when the Pulumi and AWS credentials are secrets", () => {
        const job = workflow.jobs.preview;
        assert.deepEqual(runs(job), ["npm ci", "pulumi preview --policy-pack policy"]);
        // GitHub refuses `secrets` in a job's `if`; the job maps them to env, its steps test it.
        assert.equal(job.if, undefined);
        for (const name of CREDENTIALS) {
            assert.equal(job.env?.[name], `\${{ secrets.${name} }}`);
            assert.ok(job.env?.HAS_CREDENTIALS.includes(`secrets.${name} != ''`), `HAS_CREDENTIALS tests ${name}`);
        }
        assert.deepEqual(
            job.steps.filter((step) => step.if !== "env.HAS_CREDENTIALS == 'true'"),
            [],
        );
        assert.ok(
            job.steps.some((step) => step.uses?.startsWith("pulumi/actions@")),
            "installs the Pulumi CLI",
        );
    });
});
