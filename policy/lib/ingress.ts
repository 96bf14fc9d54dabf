/**
 * "Is SSH open to the world?", one pure function for every rule shape. The four resource types
 * through which an ingress rule reaches AWS are read into one {@link IngressRule} form; the
 * semantics are FREE_TIER.md's: protocol all (-1, "all") reaches every port whatever its ports
 * say; TCP ("tcp", 6) reaches min(from,to)..max(from,to), all ports when it has none; other
 * protocols reach no SSH port. A rule set is open to the world when the union of the CIDRs of
 * the rules that reach the port covers the whole IPv4 or IPv6 space. Prefix lists and
 * security-group sources are not CIDRs and are not judged; `self` excuses nothing.
 */
import { IpFamily, ParsedCidr, parseCidr, WHOLE_SPACE, worldCoveredBy } from "../../lib/cidr";
import { isUnknown, Props, Unknown } from "./known";
import { DEFAULT_SECURITY_GROUP, SECURITY_GROUP, SECURITY_GROUP_RULE, VPC_INGRESS_RULE } from "./resources";

/** One ingress rule, whatever resource it came from; any field may be {@link Unknown}. */
export interface IngressRule {
    /** Where it sits in its resource, "ingress[1]", or "" for a rule that is a resource. */
    readonly where: string;
    readonly protocol: unknown;
    readonly fromPort: unknown;
    readonly toPort: unknown;
    /** Source CIDR entries, IPv4 and IPv6 together; an entry or a whole list may be Unknown. */
    readonly sources: readonly unknown[];
}

/** Resource types through which a port can be opened, and how to read their rules. */
export const INGRESS_TYPES: readonly string[] = [
    SECURITY_GROUP,
    DEFAULT_SECURITY_GROUP,
    SECURITY_GROUP_RULE,
    VPC_INGRESS_RULE,
];

function sourcesOf(...lists: unknown[]): unknown[] {
    const sources: unknown[] = [];
    for (const list of lists) {
        if (isUnknown(list)) {
            sources.push(list);
        } else if (Array.isArray(list)) {
            sources.push(...list);
        } else if (list !== undefined && list !== null && list !== "") {
            sources.push(list);
        }
    }
    return sources;
}

/** The ingress rules of a resource of one of {@link INGRESS_TYPES}; Unknown when the list is. */
export function ingressRulesOf(type: string, props: Props): IngressRule[] | Unknown {
    switch (type) {
        case SECURITY_GROUP:
        case DEFAULT_SECURITY_GROUP: {
            const ingress = props.ingress;
            if (isUnknown(ingress)) {
                return ingress;
            }
            if (!Array.isArray(ingress)) {
                return [];
            }
            return ingress.map((rule: Props, i: number) =>
                isUnknown(rule)
                    ? { where: `ingress[${i}]`, protocol: rule, fromPort: rule, toPort: rule, sources: [rule] }
                    : {
                          where: `ingress[${i}]`,
                          protocol: rule.protocol,
                          fromPort: rule.fromPort,
                          toPort: rule.toPort,
                          sources: sourcesOf(rule.cidrBlocks, rule.ipv6CidrBlocks),
                      },
            );
        }
        case SECURITY_GROUP_RULE:
            if (isUnknown(props.type)) {
                return props.type;
            }
            if (props.type !== "ingress") {
                return [];
            }
            return [
                {
                    where: "",
                    protocol: props.protocol,
                    fromPort: props.fromPort,
                    toPort: props.toPort,
                    sources: sourcesOf(props.cidrBlocks, props.ipv6CidrBlocks),
                },
            ];
        case VPC_INGRESS_RULE:
            return [
                {
                    where: "",
                    protocol: props.ipProtocol,
                    fromPort: props.fromPort,
                    toPort: props.toPort,
                    sources: sourcesOf(props.cidrIpv4, props.cidrIpv6),
                },
            ];
        default:
            return [];
    }
}

type Protocol = "all" | "tcp" | "other";

function protocolOf(value: unknown): Protocol {
    const text = String(value).trim().toLowerCase();
    if (text === "-1" || text === "all") {
        return "all";
    }
    return text === "tcp" || text === "6" ? "tcp" : "other";
}

function portOf(value: unknown): number | undefined {
    if (value === undefined || value === null || value === "") {
        return undefined;
    }
    const port = Number(value);
    return Number.isFinite(port) ? port : undefined;
}

/** The ports a rule reaches, as text for messages: "all traffic", "tcp 0-65535", "tcp 22". */
export function describeReach(rule: IngressRule): string {
    if (protocolOf(rule.protocol) === "all") {
        return "all traffic";
    }
    const from = portOf(rule.fromPort);
    const to = portOf(rule.toPort);
    if (from === undefined && to === undefined) {
        return "tcp (all ports)";
    }
    const lo = Math.min(from ?? 0, to ?? 65535);
    const hi = Math.max(from ?? 0, to ?? 65535);
    return lo === hi ? `tcp ${lo}` : `tcp ${lo}-${hi}`;
}

/** Whether a rule reaches a port: true, false, or Unknown when a deciding value is. */
export function reaches(rule: IngressRule, port: number): boolean | Unknown {
    if (isUnknown(rule.protocol)) {
        return rule.protocol;
    }
    const protocol = protocolOf(rule.protocol);
    if (protocol !== "tcp") {
        return protocol === "all";
    }
    if (isUnknown(rule.fromPort)) {
        return rule.fromPort;
    }
    if (isUnknown(rule.toPort)) {
        return rule.toPort;
    }
    const from = portOf(rule.fromPort);
    const to = portOf(rule.toPort);
    // A TCP rule with no ports counts as all ports; a missing bound is open-ended.
    const lo = Math.min(from ?? 0, to ?? 65535);
    const hi = Math.max(from ?? 0, to ?? 65535);
    return lo <= port && port <= hi;
}

/** What a rule set does to one port. */
export type PortVerdict =
    | { readonly open: false }
    | { readonly open: true; readonly families: IpFamily[]; readonly through: { rule: IngressRule; cidrs: string[] }[] }
    | { readonly open: "unknown"; readonly unknown: Unknown };

function parsedSources(rule: IngressRule): ParsedCidr[] {
    return rule.sources.flatMap((s) => {
        const block = typeof s === "string" ? parseCidr(s) : undefined;
        return block ? [block] : [];
    });
}

/**
 * Judges one port against a resource's rules: open when what is known already proves the
 * world reaches it; "unknown" when unknown values could still make it so; closed otherwise.
 */
export function judgePort(rules: readonly IngressRule[], port: number): PortVerdict {
    const reaching: IngressRule[] = [];
    const maybe: { rule: IngressRule; why: Unknown }[] = [];
    for (const rule of rules) {
        const reach = reaches(rule, port);
        if (reach === true) {
            reaching.push(rule);
        } else if (isUnknown(reach)) {
            maybe.push({ rule, why: reach });
        }
    }
    const known = reaching.flatMap(parsedSources);
    const families = worldCoveredBy(known);
    if (families.length > 0) {
        const through = reaching
            .map((rule) => ({
                rule,
                cidrs: parsedSources(rule)
                    .filter((b) => families.includes(b.family))
                    .map((b) => b.text),
            }))
            .filter((t) => t.cidrs.length > 0);
        return { open: true, families, through };
    }
    // Not proven. Could the unknowns make it so?
    const unknownSource = reaching.flatMap((r) => r.sources).find(isUnknown);
    if (unknownSource) {
        return { open: "unknown", unknown: unknownSource };
    }
    const possible = [...known, ...maybe.flatMap((m) => parsedSources(m.rule))];
    const maybeUnknownSource = maybe.flatMap((m) => m.rule.sources).find(isUnknown);
    if (maybeUnknownSource || (maybe.length > 0 && worldCoveredBy(possible).length > 0)) {
        return { open: "unknown", unknown: maybeUnknownSource ?? maybe[0].why };
    }
    return { open: false };
}

/** "the whole IPv4 internet", "the whole IPv4 and IPv6 internet". */
export function worldOf(families: readonly IpFamily[]): string {
    return families.length === 1 ? WHOLE_SPACE[families[0]] : "the whole IPv4 and IPv6 internet";
}
