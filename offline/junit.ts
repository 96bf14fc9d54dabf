/**
 * The offline preview's verdicts as JUnit XML, for CI test reports: a test suite per policy, a
 * test case per resource (or the stack) and policy judged. A mandatory verdict is a failure; an
 * advisory or could-not-check one passes with its message in system-out; a case whose findings
 * are all acknowledged is skipped, with the acknowledgement's reason and date.
 */
import { acknowledgementLine, PreviewReport, Verdict } from "./preview";

export function xmlEscape(text: string): string {
    return (
        text
            .replace(/&/g, "&amp;")
            .replace(/</g, "&lt;")
            .replace(/>/g, "&gt;")
            .replace(/"/g, "&quot;")
            .replace(/'/g, "&apos;")
            // Characters XML 1.0 cannot carry at all.
            .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "")
    );
}

const attr = (attrs: Record<string, string | number>) =>
    Object.entries(attrs)
        .map(([k, v]) => ` ${k}="${xmlEscape(String(v))}"`)
        .join("");

interface Case {
    readonly name: string;
    readonly classname: string;
    readonly verdicts: Verdict[];
}

export function toJunit(report: PreviewReport): string {
    const policies = [...new Set([...report.policies.map((p) => p.name), ...report.verdicts.map((v) => v.policy)])];
    const suites = policies.map((policy) => {
        // Every resource is judged by every resource policy; a stack policy judges the stack.
        const cases = new Map<string, Case>();
        for (const v of report.verdicts.filter((x) => x.policy === policy)) {
            const key = v.resource?.urn ?? "stack";
            const c = cases.get(key) ?? {
                name: v.resource ? `${v.resource.type} "${v.resource.name}"` : "the stack",
                classname: `${policy}`,
                verdicts: [],
            };
            c.verdicts.push(v);
            cases.set(key, c);
        }
        const kind = report.policies.find((p) => p.name === policy)?.kind;
        const passedNames =
            kind === "stack"
                ? cases.has("stack")
                    ? []
                    : ["the stack"]
                : kind === "resource"
                  ? report.resources.filter((r) => !cases.has(r.urn)).map((r) => `${r.type} "${r.name}"`)
                  : [];
        const failures = [...cases.values()].filter((c) => c.verdicts.some((v) => v.level === "mandatory")).length;
        const skippedCase = (c: Case) =>
            c.verdicts.some((v) => v.level === "acknowledged") && !c.verdicts.some((v) => v.level === "mandatory");
        const skipped = [...cases.values()].filter(skippedCase).length;
        const body = [
            ...[...cases.values()].map((c) => {
                const mandatory = c.verdicts.filter((v) => v.level === "mandatory");
                const other = c.verdicts.filter((v) => v.level !== "mandatory");
                const where = c.verdicts.find((v) => v.location)?.location;
                const full = (v: Verdict) => [v.message, acknowledgementLine(v)].filter((t) => t).join("\n");
                const parts = [
                    ...mandatory.map(
                        (v) =>
                            `      <failure${attr({ type: "mandatory", message: v.message.split("\n")[0] })}>${xmlEscape(full(v))}</failure>`,
                    ),
                    ...(skippedCase(c)
                        ? [
                              `      <skipped${attr({
                                  message: c.verdicts
                                      .filter((v) => v.level === "acknowledged")
                                      .map((v) => acknowledgementLine(v))
                                      .join("; "),
                              })}/>`,
                          ]
                        : []),
                    ...(other.length
                        ? [
                              `      <system-out>${xmlEscape(other.map((v) => `${v.level}: ${full(v)}`).join("\n"))}</system-out>`,
                          ]
                        : []),
                ];
                return [
                    `    <testcase${attr({ name: c.name, classname: c.classname, ...(where ? { file: where.file, line: where.line } : {}) })}>`,
                    ...parts,
                    "    </testcase>",
                ].join("\n");
            }),
            ...passedNames.map((name) => `    <testcase${attr({ name, classname: policy })}/>`),
        ];
        return [
            `  <testsuite${attr({ name: policy, tests: cases.size + passedNames.length, failures, errors: 0, skipped })}>`,
            ...body,
            "  </testsuite>",
        ].join("\n");
    });
    const failures = suites.reduce((n, s) => n + Number(/ failures="(\d+)"/.exec(s)![1]), 0);
    return [
        `<?xml version="1.0" encoding="UTF-8"?>`,
        `<testsuites${attr({ name: `${report.policyPack.name} ${report.project}/${report.stack}`, failures })}>`,
        ...suites,
        "</testsuites>",
        "",
    ].join("\n");
}
