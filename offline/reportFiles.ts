/** The report files `--sarif <file>` and `--junit <file>` ask for, and on GitHub its annotations and job summary. */
import * as fs from "node:fs";
import * as path from "node:path";
import { reportToGitHub } from "./annotations";
import { toJunit } from "./junit";
import { PreviewReport } from "./preview";
import { toSarif } from "./sarif";

export interface ReportFiles {
    readonly sarif?: string;
    readonly junit?: string;
}

/** The options that name a report file, by flag. */
export const REPORT_FILE_FLAGS: Readonly<Record<string, keyof ReportFiles>> = {
    "--sarif": "sarif",
    "--junit": "junit",
};

/**
 * The report with its files (verdict locations, the program) relative to `base` (the project
 * folder as seen from where the command ran, the repository on GitHub) rather than to the project.
 */
export function relativeTo(report: PreviewReport, base: string): PreviewReport {
    const join = (file: string) => path.posix.join(base.split(path.sep).join("/"), file);
    if (base === "" || base === ".") {
        return report;
    }
    return {
        ...report,
        program: join(report.program),
        verdicts: report.verdicts.map((v) =>
            v.location ? { ...v, location: { ...v.location, file: join(v.location.file) } } : v,
        ),
    };
}

export function writeReportFiles(
    projectReport: PreviewReport,
    files: ReportFiles,
    env: Readonly<Record<string, string | undefined>> = process.env,
    print?: (line: string) => void,
    base = "",
): void {
    const report = relativeTo(projectReport, base);
    const write = (file: string, text: string) => {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, text);
    };
    if (files.sarif) {
        write(files.sarif, `${JSON.stringify(toSarif(report), null, 2)}\n`);
    }
    if (files.junit) {
        write(files.junit, toJunit(report));
    }
    reportToGitHub(report, env, print);
}
