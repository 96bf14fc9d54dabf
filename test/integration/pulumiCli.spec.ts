/**
 * The real thing, for people with the Pulumi CLI and an AWS account: `pulumi preview` with
 * the policy pack, driven through the Automation API on a local file backend in a temporary
 * folder. Runs when a `pulumi` binary is on PATH and AWS credentials are set; otherwise each
 * test is reported as skipped, with the reason.
 */
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { LocalWorkspace, Stack } from "@pulumi/pulumi/automation";
import { loadStackConfig } from "../../offline/projectFiles";

const ROOT = path.resolve(__dirname, "../..");
const PACK = path.join(ROOT, "policy");

/** Why the real CLI cannot run here, or undefined when it can. */
function whyNot(): string | undefined {
    try {
        execFileSync("pulumi", ["version"], { stdio: "ignore" });
    } catch {
        return "no `pulumi` binary on PATH";
    }
    const aws = path.join(os.homedir(), ".aws");
    const hasCredentials =
        ["AWS_ACCESS_KEY_ID", "AWS_PROFILE", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_CONTAINER_CREDENTIALS_FULL_URI"].some(
            (v) => process.env[v],
        ) ||
        fs.existsSync(path.join(aws, "credentials")) ||
        fs.existsSync(path.join(aws, "config"));
    return hasCredentials ? undefined : "no AWS credentials (AWS_ACCESS_KEY_ID, AWS_PROFILE or ~/.aws)";
}

const reason = whyNot();
const when = (title: string) => (reason ? `${title} (skipped: ${reason})` : title);

/** A throwaway stack of a project folder, on a file backend in a temporary folder. */
async function throwawayStack(
    workDir: string,
    fromStack: string,
): Promise<{ stack: Stack; cleanup: () => Promise<void> }> {
    const backend = fs.mkdtempSync(path.join(os.tmpdir(), "free-tier-backend-"));
    const stackName = `integration-${process.pid}`;
    const stack = await LocalWorkspace.createOrSelectStack(
        { stackName, workDir },
        { envVars: { PULUMI_BACKEND_URL: `file://${backend}`, PULUMI_CONFIG_PASSPHRASE: "integration-test-only" } },
    );
    const { config } = loadStackConfig(workDir, fromStack);
    for (const [key, value] of Object.entries(config)) {
        await stack.setConfig(key, { value });
    }
    return {
        stack,
        cleanup: async () => {
            await stack.workspace.removeStack(stackName, { force: true });
            fs.rmSync(path.join(workDir, `Pulumi.${stackName}.yaml`), { force: true });
            fs.rmSync(backend, { recursive: true, force: true });
        },
    };
}

describe("pulumi preview --policy-pack policy, through the Automation API", function () {
    this.timeout(10 * 60 * 1000);
    before(function () {
        if (reason) {
            this.skip();
        }
    });

    it(when("previews the guide's dev stack with every policy passing"), async () => {
        const { stack, cleanup } = await throwawayStack(ROOT, "dev");
        try {
            const result = await stack.preview({ policyPacks: [PACK] });
            // The pack ran, and found nothing that blocks an update.
            assert.match(result.stdout, /free-tier-guard@v\d+\.\d+\.\d+/);
            assert.doesNotMatch(result.stdout, /mandatory/);
            // The six resources of the offline preview, at least (the summary may count providers too).
            assert.ok((result.changeSummary.create ?? 0) >= 6, JSON.stringify(result.changeSummary));
        } finally {
            await cleanup();
        }
    });

    it(when("stops the unsafe example on its mandatory violations"), async () => {
        const { stack, cleanup } = await throwawayStack(path.join(ROOT, "examples/unsafe"), "dev");
        try {
            await assert.rejects(stack.preview({ policyPacks: [PACK] }), (err: Error) => {
                for (const policy of [
                    "no-public-ssh",
                    "free-tier-instance-type",
                    "free-tier-storage",
                    "name-tag-required",
                    "free-tier-cpu-credits",
                ]) {
                    assert.match(err.message, new RegExp(policy));
                }
                return true;
            });
        } finally {
            await cleanup();
        }
    });
});
