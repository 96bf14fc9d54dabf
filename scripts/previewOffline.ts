/**
 * npm run preview:offline -- [--stack <name>] [--policy-pack-config <file>] [--json] [--cwd <dir>] [--timeout <s>]
 * npx free-tier-preview [the same options] (scripts/free-tier-preview.js: no npm banner)
 *
 * What will this stack build, and does it stay in the free tier with SSH closed? Answered
 * with no Pulumi CLI and no AWS account: the program runs as the CLI runs it, against an
 * offline engine, and every resource goes through free-tier-guard over the Analyzer protocol.
 * Exit codes: 0 clean (advisories allowed), 1 a mandatory violation, 2 a program, config or
 * pack error (a hang included: every stage has a deadline).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs as parseArgv, ParseArgsConfig } from "node:util";
import { DEFAULT_DEADLINES, PreviewError, previewOffline } from "../offline/preview";
import { renderText, verdictLines } from "../offline/render";
import { REPORT_FILE_FLAGS, ReportFiles, writeReportFiles } from "../offline/reportFiles";

/** The nearest folder from `dir` up that holds `file`, or undefined. */
function upFrom(dir: string, file: string): string | undefined {
    for (let d = path.resolve(dir); ; d = path.dirname(d)) {
        if (fs.existsSync(path.join(d, file))) {
            return d;
        }
        if (path.dirname(d) === d) {
            return undefined;
        }
    }
}

/**
 * The package's root: scripts/.. in this repository, dist/scripts/../.. where it is installed
 * (the compiled copy), so the pack is always <root>/policy.
 */
const ROOT = upFrom(path.resolve(__dirname, ".."), "package.json") ?? path.resolve(__dirname, "..");
/** Where the user ran `npm run` from: npm runs scripts in the package root and keeps it here. */
const CALLER_DIR = process.env.INIT_CWD ?? process.cwd();
/**
 * The project previewed when --cwd is not given: this repository's own when it is run here;
 * where it is installed (a project's node_modules, which ships no Pulumi.yaml), the nearest
 * folder with a Pulumi.yaml from where it was run up, as the Pulumi CLI finds its project.
 */
const DEFAULT_PROJECT = fs.existsSync(path.join(ROOT, "Pulumi.yaml"))
    ? ROOT
    : (upFrom(CALLER_DIR, "Pulumi.yaml") ?? CALLER_DIR);
const USAGE =
    "usage: npm run preview:offline -- [--stack <name>] [--policy-pack-config <file>] [--json] [--cwd <project dir>] [--timeout <seconds>] [--sarif <file>] [--junit <file>]";
/** What `--help` prints: every option, what it does, an example. */
const HELP = `${USAGE}
   or: npx free-tier-preview [options]   (the same, with no npm banner: --json output is JSON alone)

What the stack will build, whether free-tier-guard passes it, and what it costs a month, with no
Pulumi CLI and no AWS account.

Options:
  --stack, -s <name>            the stack whose Pulumi.<name>.yaml is read (default dev)
                                  e.g. --stack prod
  --policy-pack-config <file>   the pack's config, as pulumi preview takes it; your plan's is
                                policy/plans/<plan>.json
                                  e.g. --policy-pack-config policy/plans/free-plan.json
  --cwd, -C <project dir>       the Pulumi project to preview (default this repository's; installed
                                as a dependency, the project it is run in)
                                  e.g. --cwd examples/unsafe
  --timeout <seconds>           how long the program may run (default ${DEFAULT_DEADLINES.programMs / 1000})
                                  e.g. --timeout 600
  --json                        one JSON document instead of the text report (with npm run, add -s)
                                  e.g. npm run -s preview:offline -- --json
  --sarif <file>                also write SARIF 2.1.0 (for GitHub code scanning)
                                  e.g. --sarif preview.sarif
  --junit <file>                also write JUnit XML (a test case per resource and policy)
                                  e.g. --junit preview.xml
  --help, -h                    this help
                                  e.g. npm run preview:offline -- --help

With GITHUB_ACTIONS=true it also prints workflow annotations and appends a job summary to
GITHUB_STEP_SUMMARY.

Exit codes: 0 clean (advisories allowed), 1 a mandatory violation, 2 the preview could not run.
More: docs/offline-preview.md`;

interface Args {
    stack: string;
    policyPackConfig?: string;
    json: boolean;
    cwd: string;
    /** The program's deadline, ms. */
    programMs: number;
    files: { -readonly [K in keyof ReportFiles]: ReportFiles[K] };
}

/**
 * Every option, for node's `util.parseArgs`. Parsed loosely (`strict: false`) and checked token
 * by token below, so that each mistake gets this command's own message and the usage.
 */
const OPTIONS = {
    stack: { type: "string", short: "s" },
    "policy-pack-config": { type: "string" },
    cwd: { type: "string", short: "C" },
    timeout: { type: "string" },
    json: { type: "boolean" },
    sarif: { type: "string" },
    junit: { type: "string" },
    help: { type: "boolean", short: "h" },
} as const satisfies ParseArgsConfig["options"];

type OptionName = keyof typeof OPTIONS;
const isOption = (name: string): name is OptionName => Object.hasOwn(OPTIONS, name);

function parseArgs(argv: string[]): Args {
    const args: Args = {
        stack: "dev",
        json: false,
        cwd: DEFAULT_PROJECT,
        programMs: DEFAULT_DEADLINES.programMs,
        files: {},
    };
    const { tokens } = parseArgv({ args: argv, options: OPTIONS, strict: false, allowPositionals: true, tokens: true });
    for (const token of tokens) {
        if (token.kind !== "option") {
            const text = token.kind === "positional" ? token.value : "--";
            throw new PreviewError(`unknown option ${JSON.stringify(text)}\n${USAGE}`);
        }
        const flag = token.rawName;
        if (!isOption(token.name)) {
            throw new PreviewError(`unknown option ${JSON.stringify(flag)}\n${USAGE}`);
        }
        const value = token.value;
        if (OPTIONS[token.name].type === "boolean") {
            if (value !== undefined) {
                throw new PreviewError(`${flag} takes no value, got ${JSON.stringify(value)}\n${USAGE}`);
            }
        } else if (value === undefined || (!token.inlineValue && value.startsWith("--"))) {
            throw new PreviewError(`${flag} needs a value\n${USAGE}`);
        }
        const text = value ?? "";
        switch (token.name) {
            case "stack":
                args.stack = text;
                break;
            case "policy-pack-config":
                args.policyPackConfig = path.resolve(CALLER_DIR, text);
                break;
            case "cwd":
                args.cwd = path.resolve(CALLER_DIR, text);
                break;
            case "timeout": {
                const seconds = Number(text);
                if (!Number.isFinite(seconds) || seconds <= 0) {
                    throw new PreviewError(
                        `--timeout ${JSON.stringify(text)} is not a number of seconds above 0\n${USAGE}`,
                    );
                }
                args.programMs = seconds * 1000;
                break;
            }
            case "json":
                args.json = true;
                break;
            case "sarif":
            case "junit":
                args.files[REPORT_FILE_FLAGS[`--${token.name}`]] = path.resolve(CALLER_DIR, text);
                break;
            case "help":
                console.log(HELP);
                process.exit(0);
        }
    }
    return args;
}

async function main(): Promise<number> {
    let json = process.argv.includes("--json");
    try {
        const args = parseArgs(process.argv.slice(2));
        json = args.json;
        const report = await previewOffline({
            cwd: args.cwd,
            stack: args.stack,
            policyPackConfig: args.policyPackConfig,
            policyPack: path.join(ROOT, "policy"),
            deadlines: { programMs: args.programMs },
        });
        console.log(json ? JSON.stringify(report, null, 2) : renderText(report));
        // Annotations go where they cannot break the JSON document.
        writeReportFiles(
            report,
            args.files,
            process.env,
            json ? console.error : console.log,
            path.relative(CALLER_DIR, args.cwd),
        );
        return report.exitCode;
    } catch (err) {
        const message = err instanceof PreviewError ? err.message : ((err as Error).stack ?? String(err));
        // The verdicts the pack gave before the program failed, printed before its error as
        // `pulumi preview` prints them.
        const before = err instanceof PreviewError ? err.verdicts : [];
        if (json) {
            console.log(
                JSON.stringify(
                    { error: message, ...(before.length ? { verdicts: before } : {}), exitCode: 2 },
                    null,
                    2,
                ),
            );
        } else {
            if (before.length) {
                console.error(`Verdicts given before the program failed: ${before.length}`);
                console.error(before.flatMap((v) => [`${v.level}:`, ...verdictLines(v)]).join("\n"));
                console.error("");
            }
            console.error(`error: ${message}`);
        }
        return 2;
    }
}

main().then((code) => {
    process.exitCode = code;
    // Everything is stopped and the report is out; should any handle linger, it must not keep
    // the command waiting.
    setTimeout(() => process.exit(code), 1000).unref();
});
