/**
 * Starting a plugin as the engine does (offline/pluginStart.ts, used by the policy pack client and
 * the component plugin's test client): the port it prints on its first line, each way a start
 * fails named with what the plugin printed on stderr, and a plugin that has started left alone by
 * what the start was watching for.
 */
import * as assert from "node:assert/strict";
import type { ChildProcess } from "node:child_process";
import { startPlugin } from "../../offline/pluginStart";

/** Starts `node -e <script>` as a plugin. */
function start(script: string, wait: { timeoutMs?: number; signal?: AbortSignal } = {}) {
    return startPlugin(
        "plugin under test",
        process.execPath,
        ["-e", script],
        { stdio: ["ignore", "pipe", "pipe"] },
        { timeoutMs: wait.timeoutMs ?? 20000, signal: wait.signal },
    );
}

const exited = (child: ChildProcess) =>
    child.exitCode !== null || child.signalCode !== null
        ? Promise.resolve()
        : new Promise<void>((resolve) => child.once("exit", () => resolve()));

describe("starting a plugin as the engine does", () => {
    it("returns the port of its first line", async () => {
        const { child, port } = await start('console.log("41234"); setTimeout(() => {}, 20000);');
        try {
            assert.equal(port, 41234);
        } finally {
            child.kill();
        }
    });

    it("once started, is not stopped by the start's signal, and keeps no watch on what it prints or on its exit", async () => {
        const stop = new AbortController();
        const { child } = await start(
            'console.log("41234"); setTimeout(() => console.log("later output"), 200); setTimeout(() => {}, 20000);',
            { signal: stop.signal },
        );
        try {
            let exitedWith: number | null | undefined;
            child.once("exit", (code) => (exitedWith = code));
            stop.abort();
            await new Promise((resolve) => setTimeout(resolve, 600));
            assert.equal(child.exitCode, null, "the plugin still runs after its start's signal is aborted");
            assert.equal(child.signalCode, null);
            assert.equal(child.listenerCount("exit"), 1, "the caller's exit listener is kept after later output");
            assert.equal(child.stdout!.listenerCount("data"), 0, "nothing reads its stdout for a port any more");
            child.kill();
            await exited(child);
            assert.notEqual(exitedWith, undefined, "the caller's exit listener heard the exit");
        } finally {
            child.kill();
        }
    });

    it("fails on a first line that is not a port, quoting it", async () => {
        await assert.rejects(start('console.log("hello")'), {
            message: 'plugin under test printed "hello" instead of a port',
        });
    });

    it("fails when it exits before printing its port, with what it printed on stderr", async () => {
        await assert.rejects(start('console.error("no config"); process.exit(3)'), {
            message: "plugin under test exited with code 3 before printing its port:\nno config",
        });
    });

    it("fails when it prints no port in time", async () => {
        await assert.rejects(start("setTimeout(() => {}, 20000)", { timeoutMs: 300 }), {
            message: "plugin under test printed no port within 300 ms",
        });
    });

    it("fails when its start is stopped before the port", async () => {
        const stop = new AbortController();
        const started = start("setTimeout(() => {}, 20000)", { signal: stop.signal });
        stop.abort();
        await assert.rejects(started, { message: "plugin under test was stopped before it started" });
    });
});
