/**
 * The offline preview: a stack's program run under mocks (preview mode: what AWS computes is
 * unknown), every resource sent through the policy pack over the Analyzer protocol, and the
 * result as one report. No Pulumi CLI, no cloud account, no network.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { RunError } from "@pulumi/pulumi";
import { unknownValue } from "@pulumi/pulumi/runtime/rpc";
import { Diagnostic, PolicyPackConfig, PolicyPackProcess } from "./analyzer";
import { analyzerInputs, judge } from "./judge";
import { isSecretValue, RecordedResource } from "./mockEngine";
import { checkPolicyConfig, readPolicyConfig } from "./policyConfig";
import { runProgram } from "./program";
import { loadStackConfig, StackConfig } from "./stackConfig";

export interface PreviewOptions {
    /** The Pulumi project folder (Pulumi.yaml). */
    readonly cwd: string;
    readonly stack: string;
    /** A `--policy-pack-config` JSON file. */
    readonly policyPackConfig?: string;
    /** The policy pack folder. */
    readonly policyPack: string;
}

export type Level = "mandatory" | "advisory" | "could-not-check";

export interface Verdict {
    readonly level: Level;
    readonly policy: string;
    /** What is wrong and how to fix it (without the policy's description). */
    readonly message: string;
    /** The resource it is about; undefined for a verdict on the whole stack. */
    readonly resource?: { readonly type: string; readonly name: string; readonly urn: string };
}

export interface PlannedResource {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    readonly parent: string;
    /** Inputs as the engine has them at preview: unknown values and secrets marked. */
    readonly inputs: Record<string, unknown>;
}

export interface PreviewReport {
    readonly project: string;
    readonly stack: string;
    readonly program: string;
    /** Secure config values that were masked, not decrypted. */
    readonly maskedConfig: string[];
    readonly policyPack: { readonly name: string; readonly version: string; readonly startupMs: number };
    readonly resources: PlannedResource[];
    readonly verdicts: Verdict[];
    readonly totals: { readonly resources: number } & Record<Level, number>;
    /** 1 when a mandatory policy is violated, else 0. */
    readonly exitCode: 0 | 1;
}

/** A problem with the program or its config: the preview could not run (exit code 2). */
export class PreviewError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "PreviewError";
    }
}

/** Markers the engine puts on the wire, shown in place of the values. */
export const UNKNOWN_DISPLAY = "(known after up)";
export const SECRET_DISPLAY = "[secret]";

/** Wire values with unknowns and secrets replaced by their display markers. */
export function displayable(value: unknown): unknown {
    if (value === unknownValue) {
        return UNKNOWN_DISPLAY;
    }
    if (Array.isArray(value)) {
        return value.map(displayable);
    }
    if (typeof value === "object" && value !== null) {
        if (isSecretValue(value)) {
            return SECRET_DISPLAY;
        }
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, displayable(v)]));
    }
    return value;
}

/** The program's entry point, as the Pulumi CLI finds it: Pulumi.yaml `main`, else the folder. */
export function programOf(cwd: string, stack: StackConfig): string {
    const main = path.resolve(cwd, stack.main ?? ".");
    if (fs.existsSync(main) && fs.statSync(main).isDirectory()) {
        const pkg = path.join(main, "package.json");
        const pkgMain = fs.existsSync(pkg) ? JSON.parse(fs.readFileSync(pkg, "utf8")).main : undefined;
        return path.join(main, typeof pkgMain === "string" ? pkgMain : "index.ts");
    }
    return main;
}

const COULD_NOT_CHECK = /^can't run policy '[^']+' from policy pack '[^']+' during preview: /;

/** A diagnostic as a verdict: its level, and its message without the policy's description. */
export function verdictOf(d: Diagnostic, resource?: Verdict["resource"]): Verdict {
    if (COULD_NOT_CHECK.test(d.message)) {
        return {
            level: "could-not-check",
            policy: d.policyName,
            message: d.message.replace(COULD_NOT_CHECK, ""),
            resource,
        };
    }
    const message =
        d.description && d.message.startsWith(`${d.description}\n`)
            ? d.message.slice(d.description.length + 1)
            : d.message;
    return {
        level: d.enforcementLevel === "mandatory" ? "mandatory" : "advisory",
        policy: d.policyName,
        message,
        resource,
    };
}

/** Runs the offline preview. Throws {@link PreviewError} for a program or config error. */
export async function previewOffline(options: PreviewOptions): Promise<PreviewReport> {
    let stack: StackConfig;
    let policyConfig: PolicyPackConfig = {};
    try {
        stack = loadStackConfig(options.cwd, options.stack);
        if (options.policyPackConfig) {
            policyConfig = readPolicyConfig(options.policyPackConfig);
        }
    } catch (err) {
        throw new PreviewError((err as Error).message);
    }
    const program = programOf(options.cwd, stack);
    // The engine starts the pack while the program runs; so do we.
    const abort = new AbortController();
    const starting = PolicyPackProcess.start(options.policyPack, { signal: abort.signal });
    // Its failure is reported when it is awaited below, not as the program's error meanwhile.
    starting.catch(() => undefined);
    let pack: PolicyPackProcess | undefined;
    try {
        const run = await runProgram(program, stack, { preview: true }).catch((err: Error) => {
            abort.abort();
            // As the Pulumi CLI reports them: a RunError by its message, anything else with its stack.
            throw new PreviewError(
                RunError.isInstance(err)
                    ? err.message
                    : `Running program '${program}' failed with an unhandled exception:\n${(err as Error).stack ?? String(err)}`,
            );
        });
        pack = await starting.catch((err: Error) => {
            throw new PreviewError(err.message);
        });
        const info = await pack.getAnalyzerInfo();
        try {
            checkPolicyConfig(policyConfig, info);
        } catch (err) {
            throw new PreviewError((err as Error).message);
        }
        await pack.configure(policyConfig);
        const inputs = analyzerInputs(run.engine.resources, stack);
        const { byResource, stack: stackDiagnostics } = await judge(pack, inputs);
        const resourceByUrn = new Map<string, RecordedResource>(run.engine.resources.map((r) => [r.urn, r]));
        const about = (urn: string) => {
            const r = resourceByUrn.get(urn);
            return r ? { type: r.type, name: r.name, urn } : undefined;
        };
        const verdicts = [
            ...[...byResource.entries()].flatMap(([urn, ds]) => ds.map((d) => verdictOf(d, about(urn)))),
            ...stackDiagnostics.map((d) => verdictOf(d, d.urn ? about(d.urn) : undefined)),
        ];
        const count = (level: Level) => verdicts.filter((v) => v.level === level).length;
        return {
            project: stack.project,
            stack: stack.stack,
            program: path.relative(options.cwd, program) || program,
            maskedConfig: stack.maskedKeys,
            policyPack: { name: info.name, version: info.version, startupMs: Math.round(pack.startupMs) },
            resources: run.engine.resources.map((r) => ({
                urn: r.urn,
                type: r.type,
                name: r.name,
                parent: r.parent,
                inputs: displayable((r.raw as any)?.toJavaScript() ?? {}) as Record<string, unknown>,
            })),
            verdicts,
            totals: {
                resources: run.engine.resources.length,
                mandatory: count("mandatory"),
                advisory: count("advisory"),
                "could-not-check": count("could-not-check"),
            },
            exitCode: count("mandatory") > 0 ? 1 : 0,
        };
    } finally {
        await (pack ?? (await starting.catch(() => undefined)))?.stop();
    }
}
