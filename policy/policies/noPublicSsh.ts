import type { PolicyConfigSchema } from "@pulumi/policy";
import { configReader } from "../lib/config";
import { about, aboutUrn, findingPolicy, pathOf, Sink } from "../lib/finding";
import { Group, isJoined, securityGroups } from "../lib/groups";
import {
    describeThrough,
    INGRESS_TYPES,
    ingressRulesOf,
    Judgeable,
    judgePort,
    judgeRules,
    worldOf,
    worldSources,
} from "../lib/ingress";
import type { IpFamily } from "../../lib/cidr";
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

const FIX = "allow only your own address (a /32) instead";
const KEPT = "the program sets no ingress on it, so AWS keeps the rules it has";
const KEPT_FIX = "declare its ingress without this rule, or revoke it, and allow only your own address (a /32)";

export const WORLD_OPEN_PORT = "no-public-ssh/world-open-port";
export const WORLD_OPEN_PORT_ADDED_UP = "no-public-ssh/world-open-port-added-up";

/** The field path and values of what opens a port: the sources that cover the world. */
function offending(through: readonly Judgeable[], families: readonly IpFamily[]): { path: string; values: string[] } {
    const sources = worldSources(through, families);
    const first = sources[0];
    return {
        path: first ? pathOf(first.path) : "",
        values: sources.map((s) => s.value),
    };
}

function portName(port: number): string {
    return port === 22 ? "SSH port 22" : `port ${port}`;
}

/**
 * Whether what opens the port to `fresh` families includes a certain rule AWS keeps on a group
 * the program sets no ingress on: then the fix is to revoke it, not to change the program's.
 */
function keptByAws(group: Group, through: readonly Judgeable[], fresh: readonly IpFamily[]): boolean {
    return group.members.some(
        (m) =>
            m.keepsAwsRules === true &&
            through.some(
                (j) =>
                    j.resource === m.resource &&
                    j.sources.some((s) => "block" in s && s.certain && fresh.includes(s.block.family)),
            ),
    );
}

/**
 * One port of one group, all its rules added up: reports the families no single resource's
 * Analyze showed open alone, and notes what only may be open.
 */
function judgeGroupPort(group: Group, port: number, found: Sink, notes: Notes): void {
    const verdict = judgeRules(
        group.members.flatMap((m) => m.joined),
        port,
    );
    // What each resource's Analyze showed alone: for a group that exists, its inputs.
    const alone = group.members.map((m) => judgeRules(m.alone ?? m.own, port));
    if (verdict.open === true) {
        const shown = new Set(alone.flatMap((v) => (v.open === true ? v.families : [])));
        const fresh = verdict.families.filter((f) => !shown.has(f));
        if (fresh.length === 0) {
            return;
        }
        const kept = keptByAws(group, verdict.through, fresh);
        found({
            code: WORLD_OPEN_PORT_ADDED_UP,
            ...aboutUrn(group.urn),
            ...offending(verdict.through, fresh),
            what: `${group.label} opens ${portName(port)} to ${worldOf(fresh)} once its rules are added up: ${describeThrough(verdict.through, fresh)}${kept ? `; ${KEPT}` : ""}`,
            fix: kept ? KEPT_FIX : FIX,
        });
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

/**
 * One group, all its rules added up: reports what no single resource showed alone (each
 * resource's own rules were judged by Analyze), and notes what only may be.
 */
function judgeGroup(group: Group, ports: readonly number[], found: Sink, notes: Notes): void {
    for (const port of ports) {
        judgeGroupPort(group, port, found, notes);
    }
}

export const noPublicSsh = findingPolicy({
    name: "no-public-ssh",
    description:
        "Forbids ingress rules that open SSH (port 22) to 0.0.0.0/0 or ::/0, in any rule shape or CIDR spelling.",
    enforcementLevel: "mandatory",
    configSchema,
    codes: {
        [WORLD_OPEN_PORT]: "A rule of the resource opens a guarded port (SSH 22 by default) to the whole internet.",
        [WORLD_OPEN_PORT_ADDED_UP]:
            "A security group's rules, added up across its resources and prefix lists, open a guarded port to the whole internet.",
    },
    judgeResource: judgeTypes(INGRESS_TYPES, (resource, found, args) => {
        const { ports } = readConfig(args);
        const rules = ingressRulesOf(resource.type, resource.props);
        if (isUnknown(rules)) {
            couldNotCheck(rules, "whether its ingress rules open SSH to the world");
        }
        let pending;
        for (const port of ports) {
            const verdict = judgePort(rules, port);
            if (verdict.open === true) {
                found({
                    code: WORLD_OPEN_PORT,
                    ...about(resource),
                    ...offending(verdict.through, verdict.families),
                    what: `${describe(resource)} opens ${portName(port)} to ${worldOf(verdict.families)}: ${describeThrough(verdict.through, verdict.families)}`,
                    fix: FIX,
                });
            } else if (verdict.open === "unknown") {
                pending ??= { unknown: verdict.unknown, port };
            }
        }
        if (pending?.unknown) {
            couldNotCheck(pending.unknown, `whether ${portName(pending.port)} is open to the world`);
        }
    }),
    judgeStack: (args, found) => {
        const { ports } = readConfig(args);
        const notes = new Notes();
        for (const group of securityGroups(stackModel(args.resources))) {
            if (isJoined(group)) {
                judgeGroup(group, ports, found, notes);
            }
        }
        notes.raise();
    },
});
