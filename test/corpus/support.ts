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

let shared: PolicyPackProcess | undefined;
// One policy pack for the whole test run, as a caller previewing many stacks would keep one:
// previews queue their analysis on it. Root hooks: registered once, when this module loads.
before(async () => {
    shared = await PolicyPackProcess.start(PACK);
});
after(async () => {
    await shared?.stop();
});

/** The policy pack the tests share (started before the first test, stopped after the last). */
export function sharedPack(): PolicyPackProcess {
    if (!shared) {
        throw new Error("the shared policy pack is used before it started");
    }
    return shared;
}
