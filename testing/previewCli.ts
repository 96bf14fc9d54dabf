/**
 * `npm run preview:offline -- <args>` as a user runs it, for tests: npm runs the script in the
 * package root and says where the user was in INIT_CWD (the root itself unless `from` is given).
 * Programs run transpile-only (PULUMI_NODEJS_TRANSPILE_ONLY), as the tests' other previews do.
 */
import { execFile } from "node:child_process";
import * as path from "node:path";

export const ROOT = path.resolve(__dirname, "..");
export const PREVIEW_SCRIPT = path.join(ROOT, "scripts/previewOffline.ts");

export interface CliRun {
    /** The exit code; -1 when the process was killed (its deadline passed). */
    readonly code: number;
    readonly stdout: string;
    readonly stderr: string;
}

export interface CliOptions {
    /** Where the user ran npm from (INIT_CWD); the repository's root by default. */
    readonly from?: string;
    /** Added to the environment (which keeps process.env and transpile-only). */
    readonly env?: Readonly<Record<string, string | undefined>>;
    readonly timeoutMs?: number;
}

/** Runs a command in the repository's root and gives its exit code and output. */
export function runIn(command: string, args: readonly string[], options: CliOptions = {}): Promise<CliRun> {
    return new Promise((resolve) => {
        execFile(
            command,
            [...args],
            {
                cwd: ROOT,
                timeout: options.timeoutMs ?? 300_000,
                maxBuffer: 64 * 1024 * 1024,
                env: {
                    ...process.env,
                    PULUMI_NODEJS_TRANSPILE_ONLY: "true",
                    ...options.env,
                    INIT_CWD: options.from ?? ROOT,
                },
            },
            (err, stdout, stderr) => {
                const code = err ? (err as { code?: unknown }).code : 0;
                resolve({ code: typeof code === "number" ? code : -1, stdout, stderr });
            },
        );
    });
}

/** scripts/previewOffline.ts with these arguments, through ts-node as `npm run preview:offline` does. */
export function previewCli(args: readonly string[], options: CliOptions = {}): Promise<CliRun> {
    return runIn(
        process.execPath,
        [require.resolve("ts-node/dist/bin"), "--transpile-only", PREVIEW_SCRIPT, ...args],
        options,
    );
}
