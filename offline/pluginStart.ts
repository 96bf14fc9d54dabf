/**
 * Starting a plugin the way the engine starts one (a policy pack's `run-policy-pack`, a
 * component plugin): spawned, it prints the port of its gRPC server as the first line of its
 * stdout. The wait has a deadline; a plugin that exits first, prints something else, or is
 * stopped is killed, and the start fails as `<who> <what happened>` with what it printed on stderr.
 */
import { ChildProcess, spawn, SpawnOptions } from "node:child_process";

export interface Started {
    readonly child: ChildProcess;
    /** The port it printed. */
    readonly port: number;
    /** Milliseconds from spawn to the port being printed. */
    readonly startupMs: number;
    /** What it has printed on stderr since it was spawned. */
    readonly stderr: () => string;
}

export interface PortWait {
    /** How long to wait for the port. */
    readonly timeoutMs: number;
    /** Stops a start still under way (the plugin is killed, the promise rejects). */
    readonly signal?: AbortSignal;
}

/** Spawns `command` and waits for the port it prints; `who` ("policy pack in <dir>") starts every error. */
export function startPlugin(
    who: string,
    command: string,
    args: readonly string[],
    options: SpawnOptions,
    wait: PortWait,
): Promise<Started> {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, options);
    let stdout = "";
    let stderr = "";
    child.stderr!.on("data", (chunk) => (stderr += chunk));
    return new Promise((resolve, reject) => {
        // What the start watches for, let go once it has the port: its stdout is then only
        // drained, so a plugin that prints more neither blocks nor is read again.
        const done = () => {
            clearTimeout(timer);
            wait.signal?.removeEventListener("abort", onAbort);
            child.off("exit", onExit);
            child.stdout!.off("data", onData);
            child.stdout!.resume();
        };
        const fail = (why: string) => {
            done();
            child.kill();
            reject(new Error(`${who} ${why}${stderr ? `:\n${stderr.trim()}` : ""}`));
        };
        const onAbort = () => fail("was stopped before it started");
        const onExit = (code: number | null) => fail(`exited with code ${code} before printing its port`);
        const onData = (chunk: Buffer) => {
            stdout += chunk;
            const newline = stdout.indexOf("\n");
            if (newline < 0) {
                return;
            }
            const line = stdout.slice(0, newline);
            const port = Number(line.trim());
            if (!Number.isInteger(port) || port <= 0) {
                return fail(`printed ${JSON.stringify(line)} instead of a port`);
            }
            done();
            const startupMs = Number(process.hrtime.bigint() - started) / 1e6;
            resolve({ child, port, startupMs, stderr: () => stderr });
        };
        const timer = setTimeout(() => fail(`printed no port within ${wait.timeoutMs} ms`), wait.timeoutMs);
        wait.signal?.addEventListener("abort", onAbort, { once: true });
        child.on("exit", onExit);
        child.stdout!.on("data", onData);
    });
}
