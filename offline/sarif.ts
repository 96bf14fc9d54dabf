/**
 * The offline preview's verdicts as SARIF 2.1.0, the format code scanning reads: one run, one
 * rule per policy (its description, severity, tags, remediation steps and docs, as the pack
 * reports them), one result per verdict at the program's line that made the resource, with the
 * resource's URN as its logical location and fingerprint, and the finding's code
 * (policy/lib/finding.ts) in its properties and fingerprints, so code scanning tracks one finding
 * across runs (SARIF 2.1.0 §3.27.16 fingerprints, §3.27.17 partialFingerprints). An acknowledged
 * finding is a result at its policy's level with a suppression (SARIF 2.1.0 §3.35: kind
 * "external", as it is accepted in the policy config rather than in the source, status
 * "accepted", the reason as its justification), which code scanning shows as dismissed, not open.
 */
import { policyDocs as packDocs } from "../policy/lib/metadata";
import { acknowledgementLine, Level, OFFLINE_ENGINE, PreviewReport, Verdict } from "./preview";

export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

type SarifLevel = "error" | "warning" | "note";

/** mandatory: error; advisory: warning; could-not-check: note. */
export function sarifLevel(level: Level | string): SarifLevel {
    return level === "mandatory" ? "error" : level === "advisory" ? "warning" : "note";
}

/** Where a policy is explained, relative to the repository (a policy's own `url` says it first). */
export function policyDocs(policy: string): string {
    return policy === OFFLINE_ENGINE ? "docs/offline-vs-engine.md" : packDocs(policy);
}

/** GitHub code scanning's `security-severity` (0.0-10.0) for a policy's severity. */
const SECURITY_SEVERITY: Readonly<Record<string, string>> = {
    low: "3.0",
    medium: "5.0",
    high: "7.5",
    critical: "9.5",
};

const OFFLINE_RULE = {
    name: OFFLINE_ENGINE,
    description: "What preview:offline could not see offline; `pulumi preview` checks it.",
    enforcementLevel: "advisory",
    kind: "resource",
};

export function toSarif(report: PreviewReport): Record<string, unknown> {
    const policies = [...report.policies];
    if (report.verdicts.some((v) => v.policy === OFFLINE_ENGINE)) {
        policies.push(OFFLINE_RULE);
    }
    const known = new Set(policies.map((p) => p.name));
    for (const v of report.verdicts) {
        if (!known.has(v.policy)) {
            known.add(v.policy);
            policies.push({ name: v.policy, description: v.policy, enforcementLevel: v.level, kind: "unknown" });
        }
    }
    const ruleIndex = new Map(policies.map((p, i) => [p.name, i]));
    const rules = policies.map((p: PreviewReport["policies"][number]) => {
        const docs = p.url ?? policyDocs(p.name);
        const fix = p.remediationSteps ? ` To fix: ${p.remediationSteps}` : "";
        return {
            id: p.name,
            name: p.name,
            shortDescription: { text: p.description },
            fullDescription: { text: p.description },
            help: {
                text: `${p.description}${fix} See ${docs} for what it checks and how to fix it.`,
                markdown: `${p.description}${fix} See [${docs}](${docs}).`,
            },
            helpUri: docs,
            defaultConfiguration: { level: sarifLevel(p.enforcementLevel) },
            ...(p.severity || p.tags
                ? {
                      properties: {
                          ...(p.tags ? { tags: [...p.tags] } : {}),
                          ...(p.severity
                              ? { severity: p.severity, "security-severity": SECURITY_SEVERITY[p.severity] }
                              : {}),
                      },
                  }
                : {}),
        };
    });
    return {
        $schema: SARIF_SCHEMA,
        version: "2.1.0",
        runs: [
            {
                tool: {
                    driver: {
                        name: report.policyPack.name,
                        version: report.policyPack.version,
                        informationUri: "README.md",
                        rules,
                    },
                },
                results: withFingerprints(report.verdicts).map(([v, fingerprint]) =>
                    resultOf(v, ruleIndex.get(v.policy)!, report.program, fingerprint),
                ),
            },
        ],
    };
}

/**
 * Each verdict with a code, and its fingerprint: "<code>:<urn>" ("stack" for none), with "#2",
 * "#3" for the second and third finding of one code on one resource in the run, so each result's
 * fingerprint is its own.
 */
function withFingerprints(verdicts: readonly Verdict[]): [Verdict, string | undefined][] {
    const seen = new Map<string, number>();
    return verdicts.map((v) => {
        if (v.code === undefined) {
            return [v, undefined];
        }
        const key = `${v.code}:${v.resource?.urn ?? "stack"}`;
        const n = (seen.get(key) ?? 0) + 1;
        seen.set(key, n);
        return [v, n === 1 ? key : `${key}#${n}`];
    });
}

function resultOf(v: Verdict, ruleIndex: number, program: string, fingerprint?: string): Record<string, unknown> {
    const where = v.resource ? `${v.resource.type} "${v.resource.name}"` : "the stack";
    const level = v.level === "could-not-check" ? "could not check" : v.level;
    const ack = acknowledgementLine(v);
    // An acknowledged finding keeps the level it would have, suppressed.
    const shownLevel = v.acknowledged ? sarifLevel(v.acknowledged.enforcementLevel) : sarifLevel(v.level);
    // Code scanning shows a result only at a file: one with no line of its own is shown at the program's entry.
    const physical = v.location
        ? {
              artifactLocation: { uri: v.location.file, uriBaseId: "%SRCROOT%" },
              region: { startLine: v.location.line, startColumn: v.location.column },
          }
        : { artifactLocation: { uri: program, uriBaseId: "%SRCROOT%" } };
    return {
        ruleId: v.policy,
        ruleIndex,
        level: shownLevel,
        message: { text: `${where} (${level}): ${v.message}${ack ? `\n${ack}` : ""}` },
        locations: [
            {
                physicalLocation: physical,
                ...(v.resource
                    ? {
                          logicalLocations: [
                              { name: v.resource.name, fullyQualifiedName: v.resource.urn, kind: "resource" },
                          ],
                      }
                    : {}),
            },
        ],
        ...(fingerprint ? { fingerprints: { "findingCode/v1": fingerprint } } : {}),
        partialFingerprints: {
            "resourceUrn/v1": `${v.policy}:${v.resource?.urn ?? "stack"}`,
            ...(fingerprint ? { "findingCode/v1": fingerprint } : {}),
        },
        ...(v.acknowledged
            ? {
                  suppressions: [
                      {
                          kind: "external",
                          status: "accepted",
                          justification: v.acknowledged.reason,
                          properties: { resource: v.acknowledged.resource, expires: v.acknowledged.expires },
                      },
                  ],
              }
            : {}),
        properties: {
            enforcementLevel: v.level,
            ...(v.code ? { code: v.code } : {}),
            ...(v.resource ? { urn: v.resource.urn, type: v.resource.type } : {}),
        },
    };
}
