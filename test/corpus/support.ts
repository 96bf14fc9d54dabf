/** What the corpus tests share: where things are, and how a report's verdicts read in a table. */
import * as path from "node:path";
import { PolicyPackProcess } from "../../offline/analyzerClient";
import { PreviewReport } from "../../offline/preview";

export const ROOT = path.resolve(__dirname, "../..");
export const PACK = path.join(ROOT, "policy");

/** A corpus program's project folder. */
export function corpusProgram(name: string): string {
    return path.join(__dirname, "programs", name);
}

/**
 * The environment for a program whose TypeScript need not be type-checked (the Pulumi CLI's own
 * switch): `tsc` checks this repository's code once, and the corpus is about what the engine sees.
 */
export const transpileOnly: Readonly<Record<string, string | undefined>> = {
    ...process.env,
    PULUMI_NODEJS_TRANSPILE_ONLY: "true",
};

/** Each verdict as [level, policy, resource name or "the stack"], in the report's order. */
export function briefVerdicts(report: PreviewReport): [string, string, string][] {
    return report.verdicts.map((v) => [v.level, v.policy, v.resource?.name ?? "the stack"]);
}

let shared: Promise<PolicyPackProcess> | undefined;
let started: PolicyPackProcess | undefined;
let users = 0;
let stopping: NodeJS.Timeout | undefined;

/**
 * Declares that the calling suite previews through the shared policy pack: call it in each
 * describe whose tests or hooks call {@link sharedPack}. One pack serves every such suite, as a
 * caller previewing many stacks would keep one (previews queue their analysis on it): it starts
 * before the first of them and stops a second after the last of them ends, unless another
 * suite declares it in that second (as the next spec's suites do), so a run starts it once and
 * a single spec, run alone, starts and stops it too.
 */
export function usesSharedPack(): void {
    before(async () => {
        users++;
        clearTimeout(stopping);
        shared ??= PolicyPackProcess.start(PACK);
        started = await shared;
    });
    after(() => {
        if (--users === 0) {
            stopping = setTimeout(() => {
                const pack = shared;
                shared = started = undefined;
                void pack?.then((p) => p.stop());
            }, 1000);
        }
    });
}

/** The policy pack the suites that declare {@link usesSharedPack} share, while one of them runs. */
export function sharedPack(): PolicyPackProcess {
    if (!started) {
        throw new Error("the shared policy pack is used outside a suite that declares usesSharedPack()");
    }
    return started;
}
