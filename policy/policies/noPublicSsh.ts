import type { PolicyConfigSchema, ResourceValidationPolicy } from "@pulumi/policy";
import { configReader } from "../lib/config";
import { describeReach, INGRESS_TYPES, ingressRulesOf, judgePort, worldOf } from "../lib/ingress";
import { judgeTypes } from "../lib/judge";
import { couldNotCheck, isUnknown } from "../lib/known";
import { describe } from "../lib/resources";

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

function portName(port: number): string {
    return port === 22 ? "SSH port 22" : `port ${port}`;
}

export const noPublicSsh: ResourceValidationPolicy = {
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
                const how = verdict.through
                    .map(({ rule, cidrs }) => {
                        const who = rule.where === "" ? "it" : rule.where;
                        const sources = cidrs.length === 1 ? cidrs[0] : cidrs.join(" and ");
                        return `${who} allows ${sources} on ${describeReach(rule)}`;
                    })
                    .join("; ");
                report(
                    `${describe(resource)} opens ${portName(port)} to ${worldOf(verdict.families)}: ${how}. Allow only your own address (a /32) instead.`,
                );
            } else if (verdict.open === "unknown") {
                pending ??= { unknown: verdict.unknown, port };
            }
        }
        if (pending) {
            couldNotCheck(pending.unknown, `whether ${portName(pending.port)} is open to the world`);
        }
    }),
};
