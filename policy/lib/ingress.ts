/**
 * "Is SSH open to the world?", one pure function for every rule shape. The four resource types
 * through which an ingress rule reaches AWS are read into one {@link IngressRule} form; the
 * semantics are docs/free-tier.md's ("SSH open to the world"): protocol all (-1, "all") reaches every port whatever its ports
 * say; TCP reaches min(from,to)..max(from,to), all ports when it has none; other protocols
 * reach no SSH port. A rule set is open to the world when the union of the CIDRs of the rules
 * that reach the port covers the whole IPv4 or IPv6 space. Security-group sources are not
 * CIDRs and are not judged; `self` excuses nothing. A prefix list is judged when the stack
 * makes it (its entries are CIDRs); that needs the stack, so only the stack part sees it.
 */
import { IpFamily, ParsedCidr, parseCidr, WHOLE_SPACE, worldCoveredBy } from "../../lib/cidr";
import type {
    DefaultSecurityGroupArgs,
    input,
    SecurityGroupArgs,
    SecurityGroupIngressRuleArgs,
    SecurityGroupRuleArgs,
} from "./awsTypes";
import type { Judged } from "./judge";
import { isUnknown, Props, Unknown } from "./known";
import { entries, Fields, isRecord, numberOf, stringOf } from "./read";
import { DEFAULT_SECURITY_GROUP, SECURITY_GROUP, SECURITY_GROUP_RULE, VPC_INGRESS_RULE } from "./resources";

/** A prefix list a rule names, with the top-level input whose dependencies say which one. */
export interface PrefixListReference {
    readonly value: unknown;
    readonly input: string;
}

/** One ingress rule, whatever resource it came from; any field may be {@link Unknown}. */
export interface IngressRule {
    /** Where it sits in its resource, "ingress[1]", or "" for a rule that is a resource. */
    readonly where: string;
    readonly protocol: unknown;
    readonly fromPort: unknown;
    readonly toPort: unknown;
    /** Source CIDR entries, IPv4 and IPv6 together; an entry or a whole list may be Unknown. */
    readonly sources: readonly unknown[];
    /** Where each source sits in the rule, "cidrBlocks[1]", "cidrIpv4" (same order as sources). */
    readonly sourcePaths?: readonly string[];
    readonly prefixLists: readonly PrefixListReference[];
}

/** Resource types through which a port can be opened. */
export const INGRESS_TYPES: readonly string[] = [
    SECURITY_GROUP,
    DEFAULT_SECURITY_GROUP,
    SECURITY_GROUP_RULE,
    VPC_INGRESS_RULE,
];

/** Rule resources, which add to a group named by their `securityGroupId`. */
export const RULE_TYPES: readonly string[] = [SECURITY_GROUP_RULE, VPC_INGRESS_RULE];

/** The values of CIDR inputs: lists (holes left out) or single strings; an Unknown stays one. */
function valuesOf(...inputs: unknown[]): unknown[] {
    return placedValuesOf(...inputs.map((value) => ({ name: "", value }))).map((p) => p.value);
}

/** {@link valuesOf} with where each value sits: "cidrBlocks[1]", or "cidrIpv4" for a single string. */
function placedValuesOf(...inputs: { name: string; value: unknown }[]): { value: unknown; path: string }[] {
    const values: { value: unknown; path: string }[] = [];
    for (const { name, value } of inputs) {
        const list = entries(value);
        if (isUnknown(list)) {
            values.push({ value: list, path: name });
        } else {
            const single = !Array.isArray(value);
            for (const e of list) {
                if (e.value !== "") {
                    values.push({ value: e.value, path: single ? name : `${name}[${e.at}]` });
                }
            }
        }
    }
    return values;
}

/** A rule's sources and where each sits. */
function sourcesOf(...inputs: { name: string; value: unknown }[]): { sources: unknown[]; sourcePaths: string[] } {
    const placed = placedValuesOf(...inputs);
    return { sources: placed.map((p) => p.value), sourcePaths: placed.map((p) => p.path) };
}

function prefixListsOf(input: string, ...values: unknown[]): PrefixListReference[] {
    return valuesOf(...values).map((value) => ({ value, input }));
}

function wholeUnknown(where: string, unknown: Unknown): IngressRule {
    return { where, protocol: unknown, fromPort: unknown, toPort: unknown, sources: [unknown], prefixLists: [] };
}

/**
 * One rule written with the provider's own rule fields (an inline `ingress` entry of a security
 * group, or a security group rule's inputs); `prefixListInput` is the input a prefix-list note names.
 */
function ruleOf(
    where: string,
    rule: Fields<input.ec2.SecurityGroupIngress | input.ec2.DefaultSecurityGroupIngress | SecurityGroupRuleArgs>,
    prefixListInput: string,
): IngressRule {
    return {
        where,
        protocol: rule.protocol,
        fromPort: rule.fromPort,
        toPort: rule.toPort,
        ...sourcesOf(
            { name: "cidrBlocks", value: rule.cidrBlocks },
            { name: "ipv6CidrBlocks", value: rule.ipv6CidrBlocks },
        ),
        prefixLists: prefixListsOf(prefixListInput, rule.prefixListIds),
    };
}

/** The ingress rules of a resource of one of {@link INGRESS_TYPES}; Unknown when the list is. */
export function ingressRulesOf(type: string, props: Props): IngressRule[] | Unknown {
    switch (type) {
        case SECURITY_GROUP:
        case DEFAULT_SECURITY_GROUP: {
            const group: Fields<SecurityGroupArgs | DefaultSecurityGroupArgs> | undefined = props;
            const ingress = entries(group?.ingress);
            if (isUnknown(ingress)) {
                return ingress;
            }
            return ingress.flatMap(({ at, value: rule }) => {
                const where = `ingress[${at}]`;
                if (isUnknown(rule)) {
                    return [wholeUnknown(where, rule)];
                }
                if (!isRecord(rule)) {
                    return [];
                }
                return [ruleOf(where, rule, "ingress")];
            });
        }
        case SECURITY_GROUP_RULE: {
            const rule: Fields<SecurityGroupRuleArgs> | undefined = props;
            const ruleType = rule?.type;
            if (isUnknown(ruleType)) {
                return ruleType;
            }
            // The provider accepts exactly "ingress" or "egress".
            if (ruleType !== "ingress") {
                return [];
            }
            return [ruleOf("", props, "prefixListIds")];
        }
        case VPC_INGRESS_RULE: {
            const rule: Fields<SecurityGroupIngressRuleArgs> | undefined = props;
            return [
                {
                    where: "",
                    protocol: rule?.ipProtocol,
                    fromPort: rule?.fromPort,
                    toPort: rule?.toPort,
                    ...sourcesOf(
                        { name: "cidrIpv4", value: rule?.cidrIpv4 },
                        { name: "cidrIpv6", value: rule?.cidrIpv6 },
                    ),
                    prefixLists: prefixListsOf("prefixListId", rule?.prefixListId),
                },
            ];
        }
        default:
            return [];
    }
}

type Protocol = "all" | "tcp" | "other";

/** IANA numbers of the protocol names the provider knows (securityGroupProtocolIntegers). */
const PROTOCOL_NUMBERS: Readonly<Record<string, number>> = { icmpv6: 58, udp: 17, tcp: 6, icmp: 1, all: -1 };

/** Go's strconv.Atoi: an optional sign and ASCII digits, within 64 bits; else undefined. */
function atoi(text: string): number | undefined {
    if (!/^[+-]?[0-9]+$/.test(text)) {
        return undefined;
    }
    const value = BigInt(text);
    return value >= -(2n ** 63n) && value < 2n ** 63n ? Number(value) : undefined;
}

/**
 * A rule's protocol, read exactly as the AWS provider reads it before it calls EC2.
 *
 * Inline rules and `aws_security_group_rule` go through the provider's protocolForValue
 * (terraform-provider-aws, internal/service/ec2/vpc_security_group.go, called by expandIPPerms
 * there and by expandIPPermission in vpc_security_group_rule.go): the value is lower-cased;
 * "-1" and "all" mean all traffic; a known name stays; otherwise strconv.Atoi parses it and a
 * number with a name becomes that name, so "006", "06" and "+6" are TCP and "-01" is all.
 * A number the program sends is a string to the provider ("6"), so it reads the same way.
 *
 * `aws_vpc_security_group_ingress_rule` sends ip_protocol to EC2 unchanged
 * (vpc_security_group_ingress_rule.go, expandIPPermission) and compares spellings with the
 * same protocolForValue; EC2 takes protocol numbers, so a spelling EC2 may read as 6 is read
 * as TCP here too. The one reading can only err towards refusing, never towards passing.
 */
export function protocolOf(value: unknown): Protocol | Unknown {
    if (isUnknown(value)) {
        return value;
    }
    const text = stringOf(value);
    if (typeof text !== "string") {
        return "other";
    }
    const protocol = text.toLowerCase();
    if (protocol === "-1" || protocol === "all") {
        return "all";
    }
    const number = Object.prototype.hasOwnProperty.call(PROTOCOL_NUMBERS, protocol)
        ? PROTOCOL_NUMBERS[protocol]
        : atoi(protocol);
    return number === -1 ? "all" : number === 6 ? "tcp" : "other";
}

function portOf(value: unknown): number | undefined {
    const port = numberOf(value);
    return typeof port === "number" ? port : undefined;
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
    const protocol = protocolOf(rule.protocol);
    if (isUnknown(protocol)) {
        return protocol;
    }
    if (protocol !== "tcp") {
        return protocol === "all";
    }
    const from = numberOf(rule.fromPort);
    if (isUnknown(from)) {
        return from;
    }
    const to = numberOf(rule.toPort);
    if (isUnknown(to)) {
        return to;
    }
    // A TCP rule with no ports counts as all ports; a missing bound is open-ended.
    const lo = Math.min(from ?? 0, to ?? 65535);
    const hi = Math.max(from ?? 0, to ?? 65535);
    return lo <= port && port <= hi;
}

/**
 * A source of a rule as a judgement sees it: a CIDR block that is certain or only possible, or an
 * unknown; `via` names the prefix list it comes from.
 */
export type Source =
    | { readonly block: ParsedCidr; readonly certain: boolean; readonly via?: string; readonly at?: string }
    | { readonly unknown: Unknown; readonly via?: string };

/** A rule under judgement: whether it certainly applies, and its sources. */
export interface Judgeable {
    readonly rule: IngressRule;
    readonly certain: boolean;
    readonly sources: readonly Source[];
    /** Who it belongs to in messages: `Security group rule "a"`; "" inside its own resource. */
    readonly owner: string;
    /** The resource it belongs to, in the stack's view. */
    readonly resource?: Judged;
}

/** A rule's own CIDR sources (prefix lists aside), as the resource alone shows them. */
export function ownSources(rule: IngressRule): Source[] {
    return rule.sources.flatMap((s, i): Source[] => {
        if (isUnknown(s)) {
            return [{ unknown: s }];
        }
        const block = typeof s === "string" ? parseCidr(s) : undefined;
        const at = rule.sourcePaths?.[i];
        return block ? [{ block, certain: true, ...(at !== undefined ? { at } : {}) }] : [];
    });
}

/** What a rule set does to one port. */
export type PortVerdict =
    | { readonly open: false }
    | { readonly open: true; readonly families: IpFamily[]; readonly through: Judgeable[] }
    | { readonly open: "unknown"; readonly unknown?: Unknown; readonly by?: Judgeable; readonly via?: string };

function blocksOf(sources: readonly Source[], certainOnly: boolean): ParsedCidr[] {
    return sources.flatMap((s) => ("block" in s && (s.certain || !certainOnly) ? [s.block] : []));
}

/**
 * Judges one port against rules: open when what is certain and known already proves the world
 * reaches it; "unknown" when unknown values, or rules and sources that only may apply, could
 * still make it so; closed otherwise.
 */
export function judgeRules(rules: readonly Judgeable[], port: number): PortVerdict {
    const proven: ParsedCidr[] = [];
    const possible: ParsedCidr[] = [];
    const reaching: Judgeable[] = [];
    let unknownSource: { unknown: Unknown; by: Judgeable; via?: string } | undefined;
    let unknownReach: { unknown: Unknown; by: Judgeable } | undefined;
    for (const judgeable of rules) {
        const reach = reaches(judgeable.rule, port);
        if (reach === false) {
            continue;
        }
        if (reach === true && judgeable.certain) {
            reaching.push(judgeable);
            proven.push(...blocksOf(judgeable.sources, true));
        }
        if (isUnknown(reach)) {
            unknownReach ??= { unknown: reach, by: judgeable };
        }
        possible.push(...blocksOf(judgeable.sources, false));
        for (const source of judgeable.sources) {
            if ("unknown" in source) {
                unknownSource ??= { unknown: source.unknown, by: judgeable, via: source.via };
            }
        }
    }
    const families = worldCoveredBy(proven);
    if (families.length > 0) {
        return { open: true, families, through: reaching };
    }
    // Not proven. An unknown source could be the world; rules or sources that only may apply
    // could add up to it.
    if (unknownSource) {
        return { open: "unknown", ...unknownSource };
    }
    if (worldCoveredBy(possible).length > 0) {
        return { open: "unknown", ...unknownReach };
    }
    return { open: false };
}

/** The rules of one resource, judged alone (the resource part's view). */
export function judgePort(rules: readonly IngressRule[], port: number): PortVerdict {
    return judgeRules(
        rules.map((rule) => ({ rule, certain: true, sources: ownSources(rule), owner: "" })),
        port,
    );
}

/** "it allows 0.0.0.0/1 and 128.0.0.0/1 on tcp 22; ingress[1] allows ::/0 on all traffic" */
export function describeThrough(through: readonly Judgeable[], families: readonly IpFamily[]): string {
    return through
        .map((j) => {
            const blocks = j.sources.flatMap((s) =>
                "block" in s && s.certain && families.includes(s.block.family)
                    ? [s.via ? `${s.block.text} (from ${s.via})` : s.block.text]
                    : [],
            );
            if (blocks.length === 0) {
                return "";
            }
            const who = [j.owner, j.rule.where].filter((w) => w !== "").join(" ") || "it";
            return `${who} allows ${blocks.join(" and ")} on ${describeReach(j.rule)}`;
        })
        .filter((t) => t !== "")
        .join("; ");
}

/**
 * The sources through which the world reaches a port (those that alone cover it, else all that
 * add up to it), as the program wrote them, each with its
 * field path ("ingress[0].cidrBlocks[1]"; a prefix list's entry has its rule's path). Owner is
 * the resource it belongs to in messages ("" for the resource itself).
 */
export function worldSources(
    through: readonly Judgeable[],
    families: readonly IpFamily[],
): { owner: string; path: string; value: string; via?: string }[] {
    const blocks = through.flatMap((j) =>
        j.sources.flatMap((s) => ("block" in s && s.certain && families.includes(s.block.family) ? [s.block] : [])),
    );
    // A block that alone covers its family's world is what offends; else the blocks add up to it.
    const whole = blocks.filter((b) => worldCoveredBy([b]).length > 0);
    const offends = (b: ParsedCidr) => (whole.length > 0 ? whole.includes(b) : true);
    return through.flatMap((j) =>
        j.sources.flatMap((s) =>
            "block" in s && s.certain && families.includes(s.block.family) && offends(s.block)
                ? [
                      {
                          owner: j.owner,
                          path: [j.rule.where, s.via ? undefined : s.at].filter((p) => p).join("."),
                          value: s.block.text,
                          ...(s.via ? { via: s.via } : {}),
                      },
                  ]
                : [],
        ),
    );
}

/** "the whole IPv4 internet", "the whole IPv4 and IPv6 internet". */
export function worldOf(families: readonly IpFamily[]): string {
    return families.length === 1 ? WHOLE_SPACE[families[0]] : "the whole IPv4 and IPv6 internet";
}
