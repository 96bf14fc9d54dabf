/**
 * Mocha's spec reporter, plus one plain closing line, "N passed, N failed, N skipped", that
 * CI and other tools read without knowing mocha's own summary.
 */
import Mocha from "mocha";

class SpecWithTotals extends Mocha.reporters.Spec {
    constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
        super(runner, options);
        runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
            const stats = runner.stats!;
            console.log(`${stats.passes} passed, ${stats.failures} failed, ${stats.pending} skipped`);
        });
    }
}

export = SpecWithTotals;
