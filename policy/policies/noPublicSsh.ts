import type { PolicyConfigSchema, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { configReader } from "../lib/config";
import { Group, isJoined, securityGroups } from "../lib/groups";
import { describeThrough, INGRESS_TYPES, ingressRulesOf, judgePort, judgeRules, worldOf } from "../lib/ingress";
import { judgeTypes } from "../lib/judge";
import { couldNotCheck, isUnknown, Notes, unknownNote } from "../lib/known";
import { describe } from "../lib/resources";
import { stackModel } from "../lib/stack";

export interface NoPublicSshConfig {
    readonly ports: number[];
}

const configSchema: PolicyConfigSchema = {
    properties: {
        ports: {
            type: "array",
            items: { type: "integer", minimum: 0, maximum: 65535 },
            minItems: 1,
            uniqueItems: true,
            default: [22],
            description: "Ports that must never be reachable from the whole internet (add 3389 for RDP, say).",
        },
    },
};

const readConfig = configReader<NoPublicSshConfig>(configSchema);

const FIX = "Allow only your own address (a /32) instead.";
const KEPT =
    "The program sets no ingress on it, so AWS keeps the rules it has; declare its ingress without this rule, or revoke it.";

function portName(port: number): string {
    return port === 22 ? "SSH port 22" : `port ${port}`;
}

/**
 * One group, all its rules added up: reports what no single resource showed alone (each
 * resource's own rules were judged by Analyze), and notes what only may be.
 */
function judgeGroup(
    group: Group,
    ports: readonly number[],
    report: (message: string, urn: string) => void,
    notes: Notes,
) {
    for (const port of ports) {
        const verdict = judgeRules(
            group.members.flatMap((m) => m.joined),
            port,
        );
        // What each resource's Analyze showed alone: for a group that exists, its inputs.
        const alone = group.members.map((m) => judgeRules(m.alone ?? m.own, port));
        if (verdict.open === true) {
            const shown = new Set(alone.flatMap((v) => (v.open === true ? v.families : [])));
            const fresh = verdict.families.filter((f) => !shown.has(f));
            if (fresh.length > 0) {
                const kept = group.members.some(
                    (m) =>
                        m.keepsAwsRules === true &&
                        verdict.through.some(
                            (j) =>
                                j.resource === m.resource &&
                                j.sources.some((s) => "block" in s && s.certain && fresh.includes(s.block.family)),
                        ),
                );
                const why = kept ? ` ${KEPT}` : "";
                report(
                    `${group.label} opens ${portName(port)} to ${worldOf(fresh)} once its rules are added up: ${describeThrough(verdict.through, fresh)}.${why} ${FIX}`,
                    group.urn,
                );
            }
        } else if (verdict.open === "unknown" && alone.every((v) => v.open === false)) {
            const what = `whether ${group.label} opens ${portName(port)} to the world once its rules are added up`;
            const doubt = group.members.find((m) => !m.certain)?.doubt;
            if (verdict.unknown) {
                notes.add(unknownNote(verdict.unknown, what, verdict.via ?? verdict.by?.owner ?? ""));
            } else {
                notes.add(`${doubt ?? "a rule may belong to more than one group"}, so ${what} cannot be checked`);
            }
        }
    }
}

export const noPublicSsh: ResourceValidationPolicy & StackValidationPolicy = {
    name: "no-public-ssh",
    description:
        "Forbids ingress rules that open SSH (port 22) to 0.0.0.0/0 or ::/0, in any rule shape or CIDR spelling.",
    enforcementLevel: "mandatory",
    configSchema,
    validateResource: judgeTypes(INGRESS_TYPES, (resource, report, args) => {
        const { ports } = readConfig(args);
        const rules = ingressRulesOf(resource.type, resource.props);
        if (isUnknown(rules)) {
            couldNotCheck(rules, "whether its ingress rules open SSH to the world");
        }
        let pending;
        for (const port of ports) {
            const verdict = judgePort(rules, port);
            if (verdict.open === true) {
                report(
                    `${describe(resource)} opens ${portName(port)} to ${worldOf(verdict.families)}: ${describeThrough(verdict.through, verdict.families)}. ${FIX}`,
                );
            } else if (verdict.open === "unknown") {
                pending ??= { unknown: verdict.unknown, port };
            }
        }
        if (pending?.unknown) {
            couldNotCheck(pending.unknown, `whether ${portName(pending.port)} is open to the world`);
        }
    }),
    validateStack: (args, report) => {
        const { ports } = readConfig(args);
        const notes = new Notes();
        for (const group of securityGroups(stackModel(args.resources))) {
            if (isJoined(group)) {
                judgeGroup(group, ports, report, notes);
            }
        }
        notes.raise();
    },
};
