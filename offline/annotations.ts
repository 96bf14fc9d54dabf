/**
 * On GitHub Actions: the verdicts as workflow annotations on the program's lines
 * (`::error file=index.ts,line=7,col=16,title=<policy>::<message>`), and a job summary with the
 * verdict counts, the verdicts and the bill, appended to the file GITHUB_STEP_SUMMARY names.
 */
import * as fs from "node:fs";
import { usd } from "../policy/lib/cost";
import { describe as describeResource } from "../policy/lib/resources";
import { creditsLine } from "./bill";
import { acknowledgementLine, PreviewReport, Verdict } from "./preview";
import { totalsLine } from "./render";
import { locationText } from "./sourceLocation";

/** Is this process a GitHub Actions step? */
export function onGitHub(env: Readonly<Record<string, string | undefined>> = process.env): boolean {
    return env.GITHUB_ACTIONS === "true";
}

/** A workflow command's message: % \r \n escaped as GitHub requires. */
export function escapeData(text: string): string {
    return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** A workflow command's property value: the message's escapes, and : and , too. */
export function escapeProperty(text: string): string {
    return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/**
 * One annotation per mandatory (error) or advisory (warning) verdict; could-not-check and
 * acknowledged ones are notices, an acknowledged one with its reason and date.
 */
export function annotationLines(report: PreviewReport): string[] {
    return report.verdicts.map((v) => {
        const command = v.level === "mandatory" ? "error" : v.level === "advisory" ? "warning" : "notice";
        const where = v.location ?? { file: report.program };
        const props = [
            `file=${escapeProperty(where.file)}`,
            ...("line" in where ? [`line=${where.line}`, `col=${where.column}`] : []),
            `title=${escapeProperty(v.policy)}`,
        ];
        const ack = acknowledgementLine(v);
        return `::${command} ${props.join(",")}::${escapeData(`${about(v)}: ${v.message}${ack ? `\n${ack}` : ""}`)}`;
    });
}

function about(v: Verdict): string {
    return v.resource ? `${v.resource.type} "${v.resource.name}"` : "the stack";
}

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\r?\n/g, "<br>");

/** The job summary: counts, the verdicts as a table, and the bill. */
export function summaryMarkdown(report: PreviewReport): string {
    const t = report.totals;
    const out = [
        `## free-tier-guard: ${report.project}/${report.stack}`,
        "",
        totalsLine(report),
        "",
        "| mandatory | advisory | could not check | acknowledged | resources |",
        "|---:|---:|---:|---:|---:|",
        `| ${t.mandatory} | ${t.advisory} | ${t["could-not-check"]} | ${t.acknowledged} | ${t.resources} |`,
        "",
    ];
    if (report.verdicts.length) {
        out.push("| level | policy | resource | where | message |", "|---|---|---|---|---|");
        for (const v of report.verdicts) {
            out.push(
                `| ${v.level} | ${cell(v.policy)} | ${cell(about(v))} | ${v.location ? `\`${locationText(v.location)}\`` : ""} | ${cell([v.message, acknowledgementLine(v)].filter((x) => x).join("\n"))} |`,
            );
        }
        out.push("");
    }
    const bill = report.cost;
    out.push(`### What it costs a month (prices of the ${bill.snapshot} snapshot)`, "");
    if (bill.items.length) {
        out.push("| resource | what | a month |", "|---|---|---:|");
        for (const item of bill.items) {
            out.push(
                `| ${cell(describeResource(item))} | ${cell(item.what)} | ${item.atLeast ? "at least " : ""}${usd(item.monthlyUsd)} |`,
            );
        }
        out.push("");
    } else {
        out.push("Nothing this stack makes is billed by the hour or the GB.", "");
    }
    out.push(`**Total:** ${cell(creditsLine(bill))}`, "");
    return out.join("\n");
}

/** On GitHub: prints the annotations and appends the job summary. Does nothing elsewhere. */
export function reportToGitHub(
    report: PreviewReport,
    env: Readonly<Record<string, string | undefined>> = process.env,
    print: (line: string) => void = (line) => console.log(line),
): void {
    if (!onGitHub(env)) {
        return;
    }
    annotationLines(report).forEach((line) => print(line));
    if (env.GITHUB_STEP_SUMMARY) {
        fs.appendFileSync(env.GITHUB_STEP_SUMMARY, summaryMarkdown(report));
    }
}
