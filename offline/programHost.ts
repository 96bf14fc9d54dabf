/**
 * The language host's side: runs a project's program exactly as the Pulumi CLI's Node.js
 * language host (`pulumi-language-nodejs`) does, on the project's OWN copy of the Pulumi SDK,
 * in its own process, talking to the engine only over the wire protocol:
 *
 * - `@pulumi/pulumi/cmd/run` is resolved from the program's folder (an SDK that is not
 *   installed there stops the run with the language host's own message);
 * - node runs it with the runtime's `nodeargs`, then `--monitor`, `--engine`,
 *   `--organization`, `--project`, `--root-directory`, `--stack`, `--pwd`, `--dry-run`,
 *   `--parallel` and the entry point (Pulumi.yaml's `main`, or "." for the folder);
 * - the environment carries the config (`PULUMI_CONFIG`, keys as "<namespace>:config:<key>",
 *   and `PULUMI_CONFIG_SECRET_KEYS`) and the runtime options (`PULUMI_NODEJS_TYPESCRIPT`,
 *   `PULUMI_NODEJS_TSCONFIG_PATH`).
 *
 * The SDK's own cmd/run does the rest, as under the CLI: it changes to the program's folder,
 * follows package.json's `main` (a missing one is a warning, and it falls back to the folder),
 * compiles TypeScript with ts-node (type-checked unless `PULUMI_NODEJS_TRANSPILE_ONLY=true` or
 * tsconfig's `noCheck`), calls an exported function and awaits it, and reports the program's
 * errors to the engine.
 *
 * Nothing waits forever: the run has a deadline, and so has each lookup the program waits on.
 * When one passes, the program is killed and the failure names what it was waiting for.
 */
import { ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { EngineServer, InvokeCall, referencedStack } from "./engineServer";
import { maskedSecretsNote, programLocation, StackConfig, unopenedEnvironments } from "./projectFiles";
import { STACK, STACK_REFERENCE } from "./resourceTypes";
import { reveal } from "./wireValues";
import { split as shlexSplit } from "shlex";

/** The run path the language host resolves from the program's folder. */
const RUN_MODULE = "@pulumi/pulumi/cmd/run";

export interface ProgramDeadlines {
    /** The whole run, from spawn to exit (TypeScript compilation included). */
    readonly programMs: number;
    /** One lookup, from the program's call to the engine's answer. */
    readonly lookupMs: number;
}

export interface HostOptions {
    readonly stack: StackConfig;
    /** The engine the program calls (`--monitor` and `--engine`). */
    readonly engine: EngineServer;
    /** `pulumi preview` (`--dry-run`), or an update. */
    readonly preview: boolean;
    readonly deadlines: ProgramDeadlines;
    /** The environment the program inherits, as from the shell that ran `pulumi`. Defaults to this process's. */
    readonly env?: Readonly<Record<string, string | undefined>>;
    /** The organization a local backend reports. Defaults to "organization", as `pulumi login --local`. */
    readonly organization?: string;
    /** The node binary. Defaults to the one running this process. */
    readonly node?: string;
    /** Stops the program (killed; the run rejects), e.g. when the policy pack failed meanwhile. */
    readonly signal?: AbortSignal;
}

export interface ProgramRun {
    /** The folder the program ran in and its entry point, as passed to cmd/run. */
    readonly pwd: string;
    readonly entry: string;
    /** The program's own @pulumi/pulumi. */
    readonly sdk: { readonly version: string; readonly dir: string };
    /** What the program printed (console.log and the like). */
    readonly stdout: string;
    readonly stderr: string;
    /** Resources the program began registering but never sent: an input of theirs never resolved. */
    readonly unsent: readonly { readonly type: string; readonly name: string }[];
    readonly elapsedMs: number;
}

/** The program failed, hung or could not start; the message says why, as the CLI would. */
export class ProgramFailure extends Error {
    constructor(message: string) {
        super(message);
        this.name = "ProgramFailure";
    }
}

/** Text without ANSI colour codes (the SDK colours the stack traces it reports). */
export function plainText(text: string): string {
    return text.replace(/\u001b\[[0-9;]*m/g, "");
}

/**
 * Splits nodeargs as a POSIX shell does (quotes and backslashes, no expansion, no comments), as
 * the language host splits them: the `shlex` package, Python's `shlex.split` ported.
 */
export function splitArgs(text: string): string[] {
    try {
        return shlexSplit(text);
    } catch (err) {
        throw new ProgramFailure(
            `runtime option nodeargs ${JSON.stringify(text)} cannot be split: ${(err as Error).message}`,
        );
    }
}

/** The config as the language host passes it: keys "<namespace>:config:<key>", values strings. */
function configJson(config: Readonly<Record<string, string>>): string {
    const entries = Object.entries(config).map(([key, value]) => {
        const at = key.indexOf(":");
        const [namespace, name] = [key.slice(0, at), key.slice(at + 1)];
        return [name.startsWith("config:") ? key : `${namespace}:config:${name}`, value];
    });
    return JSON.stringify(Object.fromEntries(entries));
}

/** The SDK the program would run on: its cmd/run and its version. */
function locateSdk(pwd: string): { run: string; version: string; dir: string } {
    let run: string;
    try {
        run = require.resolve(RUN_MODULE, { paths: [pwd] });
    } catch {
        throw new ProgramFailure(
            `It looks like the Pulumi SDK has not been installed. Have you run pulumi install?\n` +
                `(no ${RUN_MODULE} is reachable from ${pwd}: run \`npm install\` there)`,
        );
    }
    for (let dir = path.dirname(run); dir !== path.dirname(dir); dir = path.dirname(dir)) {
        const manifest = path.join(dir, "package.json");
        if (fs.existsSync(manifest)) {
            const pkg = JSON.parse(fs.readFileSync(manifest, "utf8"));
            if (pkg.name === "@pulumi/pulumi") {
                return { run, version: String(pkg.version), dir };
            }
        }
    }
    return { run, version: "unknown", dir: path.dirname(run) };
}

const REGISTERING =
    /^(?:Registering resource: t=(.+?), name=(.+?), custom=|Reading resource: id=.*?, t=(.+?), name=(.+?)$)/;

/** Resources the program announced (debug log) but never sent to the engine. */
function unsentResources(engine: EngineServer): { type: string; name: string }[] {
    const sent = new Map<string, number>();
    for (const r of engine.resources) {
        const key = `${r.type}\0${r.name}`;
        sent.set(key, (sent.get(key) ?? 0) + 1);
    }
    const unsent: { type: string; name: string }[] = [];
    for (const log of engine.logs) {
        const m = log.severity === "debug" ? REGISTERING.exec(log.message) : null;
        if (!m) {
            continue;
        }
        const [type, name] = m[1] !== undefined ? [m[1], m[2]] : [m[3], m[4]];
        const key = `${type}\0${name}`;
        const left = sent.get(key) ?? 0;
        if (left > 0) {
            sent.set(key, left - 1);
        } else {
            unsent.push({ type, name });
        }
    }
    return unsent;
}

function lookupLine(call: InvokeCall, since: number | undefined): string {
    const args = JSON.stringify(reveal(call.args));
    const shown = args.length > 120 ? `${args.slice(0, 119)}…` : args;
    const waited = since === undefined ? "" : `, unanswered for ${((Date.now() - since) / 1000).toFixed(1)} s`;
    return `lookup ${call.token} ${shown}${waited}`;
}

/** What a program that had to be stopped was waiting for, one line each. */
function waitingFor(engine: EngineServer): string[] {
    const lookups = engine.pendingInvokes().map((c) => lookupLine(c, engine.invokeStartedAt(c)));
    const resources = unsentResources(engine).map(
        (r) =>
            `resource ${r.type} "${r.name}": the program began registering it but never sent it (an input never resolved)`,
    );
    const quiet = ((Date.now() - engine.lastCallAt) / 1000).toFixed(1);
    const started = engine.resources.some((r) => r.type !== STACK) || engine.invokes.length > 0;
    if (!started && resources.length === 0) {
        return [
            "nothing yet: the program had registered no resource and made no lookup, so it was still loading (compiling TypeScript, which ts-node type-checks unless PULUMI_NODEJS_TRANSPILE_ONLY=true) or waiting before its first resource",
        ];
    }
    if (lookups.length + resources.length === 0) {
        return [
            `no lookup and no registration: the program itself was waiting (a promise that never settles, a timer, a network call); its last call to the engine was ${quiet} s before`,
        ];
    }
    return [...lookups, ...resources];
}

const FAILED_REGISTRATION = /^RegisterResource RPC failed: t=(.+?), name=(.+?), err=([\s\S]*)$/;

/**
 * The program's failure as the CLI reports it, with each failed lookup said once, naming its
 * token and the resource that asked, in place of the nested "error serializing property" chain.
 */
function failureMessage(engine: EngineServer, stack: StackConfig, code: number | null, stderr: string): string {
    const errors = engine.logs.filter((l) => l.severity === "error").map((l) => plainText(l.message));
    const lines: string[] = [];
    const tokens = [...new Set(engine.failedInvokes.map((f) => f.call.token))];
    for (const token of tokens) {
        const failure = engine.failedInvokes.find((f) => f.call.token === token)!;
        const invocation = `invocation of ${token} returned an error: `;
        const named = (r: { type: string; name: string }) => `${r.type} "${r.name}"`;
        // The resource that asked: the call's parent where the SDK sends one; else the registration
        // the SDK reports failed on this lookup's error (newer SDKs); else, from older SDKs, only
        // which registrations the program began and never sent.
        const parents = engine.failedInvokes
            .filter((f) => f.call.token === token && f.call.parent)
            .map((f) => engine.get(f.call.parent))
            .filter((r) => r !== undefined);
        const failedRegistrations = engine.logs
            .map((l) => (l.severity === "debug" ? FAILED_REGISTRATION.exec(l.message) : null))
            .filter((m): m is RegExpExecArray => m !== null && m[3].includes(invocation))
            .map((m) => ({ type: m[1], name: m[2] }));
        const askers = [...new Set([...parents, ...failedRegistrations].map(named))];
        const unsent = unsentResources(engine).map(named);
        const askedBy = askers.length
            ? askers.join(", ")
            : unsent.length
              ? `the program (which left unregistered: ${unsent.join(", ")})`
              : "the program";
        lines.push(`Lookup ${token}, asked by ${askedBy}, failed: ${failure.message.slice(invocation.length)}`);
    }
    const failedLookup = (message: string) =>
        tokens.some((t) => message.includes(`invocation of ${t} returned an error: `));
    lines.push(...errors.filter((e) => !failedLookup(e)));
    if (lines.length === 0) {
        lines.push(`Program exited with non-zero exit code: ${code}`);
        if (stderr.trim()) {
            lines.push(plainText(stderr.trim()));
        }
    }
    // A program that awaits another stack's outputs as plain values gets undefined offline, where
    // `pulumi preview` gives it the values; its failure may be only that.
    const stacks = engine.resources.filter((r) => r.type === STACK_REFERENCE).map(referencedStack);
    if (stacks.length) {
        lines.push(
            `Note: the program read StackReference ${stacks.map((s) => JSON.stringify(s)).join(", ")}, whose outputs only the Pulumi backend has. Offline they are unknown: a value awaited with getOutputValue or requireOutputValue is undefined, where \`pulumi preview\` gives the stack's value.`,
        );
    }
    // A multi-language component's outputs (its child resources, their ids) come from its
    // provider plugin at `pulumi preview`; offline they are unknown, and a program that awaits
    // one (in an alias, a transform, an apply that needs it) may fail only for that.
    const remote = engine.resources.filter((r) => r.remote);
    if (remote.length) {
        const shown = remote.slice(0, 3).map((r) => `${r.type} "${r.name}"`);
        const more = remote.length > 3 ? ` and ${remote.length - 3} more` : "";
        lines.push(
            `Note: the program made multi-language ${remote.length === 1 ? "component" : "components"} ${shown.join(", ")}${more}, whose outputs only ${remote.length === 1 ? "its provider plugin computes" : "their provider plugins compute"} at \`pulumi preview\`. Offline they are unknown (undefined when awaited), so a program that reads one as a plain value may fail here only.`,
        );
    }
    // Config an ESC environment gives is not here offline; a missing value may be only that.
    if (stack.environments?.length) {
        lines.push(unopenedEnvironments(stack.environments));
    }
    // A masked secure value is "[secret]" to the program; one it parses fails only offline.
    if (stack.maskedKeys.length) {
        lines.push(maskedSecretsNote(stack.maskedKeys, stack.maskedWhy ?? ""));
    }
    return lines.join("\n");
}

/** The language host's command line: nodeargs, the SDK's run, the engine's flags, the entry. */
function hostArgs(
    options: HostOptions,
    run: string,
    pwd: string,
    entry: string,
    shell: Readonly<Record<string, string | undefined>>,
): string[] {
    const { stack, engine } = options;
    // The CLI's default parallelism: PULUMI_PARALLEL, else four per CPU.
    const parallel = Number(shell.PULUMI_PARALLEL) > 0 ? Number(shell.PULUMI_PARALLEL) : os.availableParallelism() * 4;
    return [
        ...splitArgs(stack.runtime.nodeargs ?? ""),
        run,
        "--monitor",
        engine.address,
        "--engine",
        engine.address,
        "--organization",
        options.organization ?? "organization",
        "--project",
        stack.project,
        "--root-directory",
        stack.rootDir,
        "--stack",
        stack.stack,
        "--pwd",
        pwd,
        ...(options.preview ? ["--dry-run"] : []),
        "--parallel",
        String(parallel),
        entry,
    ];
}

/** The program's environment: the shell's, with the stack's config and runtime options as the language host sets them. */
function hostEnv(
    stack: StackConfig,
    shell: Readonly<Record<string, string | undefined>>,
): Record<string, string | undefined> {
    return {
        ...shell,
        PULUMI_CONFIG: configJson(stack.config),
        PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(stack.secretKeys),
        ...(stack.runtime.typescript ? { PULUMI_NODEJS_TYPESCRIPT: "true" } : {}),
        ...(stack.runtime.tsconfig ? { PULUMI_NODEJS_TSCONFIG_PATH: stack.runtime.tsconfig } : {}),
    };
}

/** What stops a running program early: see {@link watchProgram}. */
interface ProgramWatch {
    /** Why the program was stopped, with what it was waiting for; undefined while it was not. */
    readonly stopped: () => string | undefined;
    /** Ends the watch once the program has exited. */
    readonly release: () => void;
}

/**
 * Stops the program (its whole process group) when the preview is stopped, when its deadline
 * passes, or when a lookup goes unanswered past the lookup deadline.
 */
function watchProgram(
    child: ChildProcess,
    engine: EngineServer,
    deadlines: ProgramDeadlines,
    signal: AbortSignal | undefined,
): ProgramWatch {
    let stopped: string | undefined;
    const stop = (why: string) => {
        if (stopped !== undefined) {
            return;
        }
        stopped = `${why}. It was waiting for:\n${waitingFor(engine)
            .map((w) => `  - ${w}`)
            .join("\n")}`;
        try {
            process.kill(-child.pid!, "SIGKILL");
        } catch {
            child.kill("SIGKILL");
        }
    };
    const onAbort = () => stop("The preview was stopped");
    signal?.addEventListener("abort", onAbort, { once: true });
    const overall = setTimeout(
        () => stop(`The program did not finish within ${deadlines.programMs / 1000} s and was stopped`),
        deadlines.programMs,
    );
    const lookups = setInterval(
        () => {
            const late = engine
                .pendingInvokes()
                .find((c) => Date.now() - (engine.invokeStartedAt(c) ?? Date.now()) > deadlines.lookupMs);
            if (late) {
                stop(`A lookup went unanswered for ${deadlines.lookupMs / 1000} s and the program was stopped`);
            }
        },
        Math.min(250, deadlines.lookupMs),
    );
    return {
        stopped: () => stopped,
        release: () => {
            clearTimeout(overall);
            clearInterval(lookups);
            signal?.removeEventListener("abort", onAbort);
        },
    };
}

/** Runs the stack's program against `engine`; resolves when it exits 0, rejects with a {@link ProgramFailure}. */
export async function runProgram(options: HostOptions): Promise<ProgramRun> {
    const { stack, engine, deadlines } = options;
    if (options.signal?.aborted) {
        throw new ProgramFailure("The preview was stopped before the program started");
    }
    const { pwd, entry } = programLocation(stack);
    const sdk = locateSdk(pwd);
    const shell = options.env ?? process.env;
    const started = Date.now();
    // Its own process group, so that whatever the program starts is stopped with it.
    const child = spawn(options.node ?? process.execPath, hostArgs(options, sdk.run, pwd, entry, shell), {
        cwd: pwd,
        env: hostEnv(stack, shell),
        stdio: ["ignore", "pipe", "pipe"],
        detached: true,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const watch = watchProgram(child, engine, deadlines, options.signal);
    return new Promise<ProgramRun>((resolve, reject) => {
        let finished = false;
        /** Settles the run once, however many of "error", "close" and "exit" come. */
        const settle = (outcome: () => void) => {
            if (!finished) {
                finished = true;
                watch.release();
                outcome();
            }
        };
        child.on("error", (err) =>
            settle(() =>
                reject(
                    new ProgramFailure(`Problem executing program (could not run language executor): ${err.message}`),
                ),
            ),
        );
        const finish = (code: number | null) =>
            settle(() => {
                const stopped = watch.stopped();
                if (stopped !== undefined) {
                    return reject(new ProgramFailure(stopped));
                }
                if (code !== 0) {
                    return reject(new ProgramFailure(failureMessage(engine, stack, code, stderr)));
                }
                resolve({
                    pwd,
                    entry,
                    sdk: { version: sdk.version, dir: sdk.dir },
                    stdout,
                    stderr,
                    unsent: unsentResources(engine),
                    elapsedMs: Date.now() - started,
                });
            });
        // Output is complete at "close"; a process the program left behind may hold it open, so
        // "exit" ends the wait soon after.
        child.on("close", finish);
        child.on("exit", (code) => setTimeout(() => finish(code), 1000).unref());
    });
}
