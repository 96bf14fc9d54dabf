/**
 * Security groups across the stack: rules add up per group, not per resource. A group's inline
 * rules, its SecurityGroupRule resources and its vpc.SecurityGroupIngressRule resources
 * together decide what it lets in, and a prefix list the stack makes adds its entries as
 * sources wherever it is named.
 *
 * A rule resource belongs to the group whose known id its `securityGroupId` equals, else to
 * the group its `securityGroupId` depends on (the engine's property dependencies). When it
 * depends on several groups it only may belong to each of them: a verdict then needs every
 * candidate to prove it, else the policy says what it could not check. Rules on groups made
 * outside the stack add up per known group id; rules whose group id is unknown and depends on
 * no group may be on any group made outside the stack, so they are judged together with all of
 * those, as what may be.
 */
import { parseCidr } from "../../lib/cidr";
import type {
    DefaultSecurityGroupArgs,
    input,
    ManagedPrefixListArgs,
    ManagedPrefixListEntryArgs,
    SecurityGroupArgs,
    SecurityGroupIngressRuleArgs,
    SecurityGroupRuleArgs,
} from "./awsTypes";
import type { Judged } from "./judge";
import { isUnknown, Unknown } from "./known";
import { entries, Fields, isRecord, numberOf } from "./read";
import {
    IngressRule,
    ingressRulesOf,
    Judgeable,
    ownSources,
    PrefixListReference,
    protocolOf,
    RULE_TYPES,
    Source,
} from "./ingress";
import { describe, MANAGED_PREFIX_LIST, MANAGED_PREFIX_LIST_ENTRY, SECURITY_GROUP_TYPES } from "./resources";
import type { StackModel } from "./stack";

export interface GroupMember {
    readonly resource: Judged;
    /** Whether the member certainly belongs to the group (false: it may, or may not). */
    readonly certain: boolean;
    /** Its rules as the resource alone shows them (what its own Analyze judged). */
    readonly own: readonly Judgeable[];
    /** Its rules with what the stack adds: the entries of prefix lists the stack makes. */
    readonly joined: readonly Judgeable[];
    /** Why it only may belong, for notes. */
    readonly doubt?: string;
    /**
     * For a group that exists, the rules its Analyze judged (the program's inputs), when they
     * were kept: what AWS reports beyond them (rules that stay) is then the stack's to judge.
     */
    readonly alone?: readonly Judgeable[];
    /** True when the program sets no ingress on a group that exists: AWS keeps the rules it has. */
    readonly keepsAwsRules?: boolean;
}

export interface Group {
    /** How messages name it. */
    readonly label: string;
    /** Where a violation is attached: the group's URN, or the first rule's. */
    readonly urn: string;
    readonly members: GroupMember[];
}

/** A prefix list entry the stack makes, whether it certainly belongs to its list, and the resource that holds it. */
interface ListEntry {
    readonly cidr: unknown;
    readonly certain: boolean;
    readonly holder: Judged;
}

/** The key of a prefix list the stack makes (its URN), or of one made elsewhere that its entries name. */
function outsideList(id: string): string {
    return `id:${id}`;
}

/**
 * The entries the stack gives each prefix list: a list's own, and its ManagedPrefixListEntry
 * resources', also on lists made outside the stack (by their id): an entry covering the world
 * opens the world wherever its list is named, whatever else the list holds.
 */
function prefixListEntries(model: StackModel): Map<string, ListEntry[]> {
    return model.join("prefix-list-entries", () => {
        const byList = new Map<string, ListEntry[]>();
        const add = (list: Judged | string, entry: ListEntry) => {
            const key = typeof list === "string" ? outsideList(list) : list.urn;
            const known = byList.get(key);
            if (known) {
                known.push(entry);
            } else {
                byList.set(key, [entry]);
            }
        };
        for (const list of model.ofType(MANAGED_PREFIX_LIST)) {
            const props: Fields<ManagedPrefixListArgs> = list.props;
            const listed = entries(props.entries);
            if (isUnknown(listed)) {
                add(list, { cidr: listed, certain: true, holder: list });
                continue;
            }
            for (const { value } of listed) {
                const listEntry: Fields<input.ec2.ManagedPrefixListEntry> | Unknown = value;
                add(list, {
                    cidr: isUnknown(listEntry) ? listEntry : isRecord(listEntry) ? listEntry.cidr : undefined,
                    certain: true,
                    holder: list,
                });
            }
        }
        for (const entry of model.ofType(MANAGED_PREFIX_LIST_ENTRY)) {
            const props: Fields<ManagedPrefixListEntryArgs> = entry.props;
            const ref = model.resolve(entry, "prefixListId", props.prefixListId, [MANAGED_PREFIX_LIST]);
            if (ref.kind === "found") {
                for (const list of ref.targets) {
                    add(list, { cidr: props.cidr, certain: ref.targets.length === 1, holder: entry });
                }
            } else if (ref.kind === "outside") {
                add(ref.value, { cidr: props.cidr, certain: true, holder: entry });
            }
        }
        return byList;
    });
}

/** The sources a prefix list adds to a rule that names it: the stack's list, or the entries the stack adds to a list made elsewhere. */
function sourcesOfList(model: StackModel, list: Judged | string, certain: boolean): Source[] {
    const key = typeof list === "string" ? outsideList(list) : list.urn;
    return (prefixListEntries(model).get(key) ?? []).flatMap((entry): Source[] => {
        if (isUnknown(entry.cidr)) {
            return [{ unknown: entry.cidr, via: describe(entry.holder) }];
        }
        const via = typeof list === "string" ? `${describe(entry.holder)} on prefix list ${list}` : describe(list);
        const block = typeof entry.cidr === "string" ? parseCidr(entry.cidr) : undefined;
        return block ? [{ block, certain: certain && entry.certain, via }] : [];
    });
}

/**
 * The sources of a prefix list a rule names by known id: the stack's list of that id (each of
 * them only maybe, when its input depends on more than one), else a list made outside the stack.
 */
function knownListSources(model: StackModel, resource: Judged, input: string, id: string): Source[] {
    const found = model.resolve(resource, input, id, [MANAGED_PREFIX_LIST]);
    if (found.kind === "found" && found.targets.some((t) => t.props.id === id)) {
        return found.targets.flatMap((list) => sourcesOfList(model, list, found.targets.length === 1));
    }
    return found.kind === "ambiguous" ? [] : sourcesOfList(model, id, true);
}

/**
 * The prefix lists of the stack each rule of a resource names: by known id, else by the
 * property dependencies of the input that names them. Dependencies are per top-level input,
 * so they pin a list to a rule only when one rule names lists by unknown ids and names at
 * least as many as the input depends on; otherwise each list only may be the one.
 */
function prefixListSources(model: StackModel, resource: Judged, rules: readonly IngressRule[]): Source[][] {
    const byInput = new Map<string, { rule: number; refs: PrefixListReference[] }[]>();
    const out: Source[][] = rules.map(() => []);
    rules.forEach((rule, i) => {
        const unknownRefs: PrefixListReference[] = [];
        for (const ref of rule.prefixLists) {
            if (isUnknown(ref.value)) {
                unknownRefs.push(ref);
            } else if (typeof ref.value === "string") {
                out[i].push(...knownListSources(model, resource, ref.input, ref.value));
            }
        }
        if (unknownRefs.length > 0) {
            const input = unknownRefs[0].input;
            const users = byInput.get(input);
            if (users) {
                users.push({ rule: i, refs: unknownRefs });
            } else {
                byInput.set(input, [{ rule: i, refs: unknownRefs }]);
            }
        }
    });
    for (const [input, users] of byInput) {
        const lists = model
            .dependenciesOf(resource, input, [MANAGED_PREFIX_LIST])
            .filter((list) => typeof list.props.id !== "string");
        const pinned = users.length === 1 && users[0].refs.length >= lists.length;
        for (const { rule } of users) {
            for (const list of lists) {
                out[rule].push(...sourcesOfList(model, list, pinned));
            }
        }
    }
    return out;
}

function memberOf(model: StackModel, resource: Judged, certain: boolean, doubt?: string): GroupMember {
    const read = ingressRulesOf(resource.type, resource.props);
    const rules: IngressRule[] = isUnknown(read)
        ? [{ where: "", protocol: read, fromPort: read, toPort: read, sources: [read], prefixLists: [] }]
        : read;
    const owner = describe(resource);
    const lists = prefixListSources(model, resource, rules);
    const own = rules.map((rule) => ({ rule, certain: true, sources: ownSources(rule), owner, resource }));
    const joined = own.map((j, i) => ({ ...j, certain, sources: [...j.sources, ...lists[i]] }));
    if (resource.analyzed === undefined || !SECURITY_GROUP_TYPES.includes(resource.type)) {
        return { resource, certain, own, joined, doubt };
    }
    // A group that exists. `ingress` is Optional and Computed in the provider: set, it replaces
    // the group's rules; left unset, the rules AWS has stay as they are, and its state reports
    // them (terraform-provider-aws internal/service/ec2/vpc_security_group.go,
    // securityGroupRuleSetNestedBlock and resourceSecurityGroupRead).
    const analyzed = ingressRulesOf(resource.type, resource.analyzed);
    const alone = isUnknown(analyzed)
        ? [{ rule: wholeRule(analyzed), certain: true, sources: ownSources(wholeRule(analyzed)), owner, resource }]
        : analyzed.map((rule) => ({ rule, certain: true, sources: ownSources(rule), owner, resource }));
    const group: Fields<SecurityGroupArgs | DefaultSecurityGroupArgs> | undefined = resource.analyzed;
    const ingress = group?.ingress;
    return { resource, certain, own, joined, doubt, alone, keepsAwsRules: ingress === undefined || ingress === null };
}

function wholeRule(unknown: Unknown): IngressRule {
    return { where: "", protocol: unknown, fromPort: unknown, toPort: unknown, sources: [unknown], prefixLists: [] };
}

/** Every group of the stack with all the rules that are, or may be, its own. Built once per model. */
export function securityGroups(model: StackModel): readonly Group[] {
    return model.join("security-groups", () => {
        const groups = new Map<string, Group>();
        for (const group of model.ofType(...SECURITY_GROUP_TYPES)) {
            groups.set(group.urn, { label: describe(group), urn: group.urn, members: [memberOf(model, group, true)] });
        }
        const outside: Group[] = [];
        const unplaced: GroupMember[] = [];
        for (const rule of model.ofType(...RULE_TYPES)) {
            const props: Fields<SecurityGroupRuleArgs | SecurityGroupIngressRuleArgs> = rule.props;
            const ref = model.resolve(rule, "securityGroupId", props.securityGroupId, SECURITY_GROUP_TYPES);
            if (ref.kind === "found") {
                const certain = ref.targets.length === 1;
                const doubt = certain
                    ? undefined
                    : `${describe(rule)} names ${ref.targets.map(describe).join(" or ")} through its securityGroupId`;
                for (const target of ref.targets) {
                    groups.get(target.urn)!.members.push(memberOf(model, rule, certain, doubt));
                }
            } else if (ref.kind === "outside") {
                const key = `id:${ref.value}`;
                let group = groups.get(key);
                if (!group) {
                    group = {
                        label: `Security group ${ref.value} (made outside this stack)`,
                        urn: rule.urn,
                        members: [],
                    };
                    groups.set(key, group);
                    outside.push(group);
                }
                group.members.push(memberOf(model, rule, true));
            } else {
                const doubt =
                    ref.kind === "ambiguous"
                        ? `${describe(rule)} names security group ${ref.value}, which ${ref.count} groups of the stack are`
                        : `${describe(rule)} securityGroupId ${ref.kind === "unknown" ? "is not known yet and" : "is not set and"} depends on no security group of the stack`;
                unplaced.push(memberOf(model, rule, false, doubt));
            }
        }
        for (const group of groups.values()) {
            withoutRuleResources(group);
        }
        const all = [...groups.values()];
        if (unplaced.length > 0) {
            // Rules whose group is unknown may be on any group made outside the stack.
            const maybe = outside.flatMap((g) => g.members.map((m) => ({ ...m, certain: false })));
            const relabel = (m: GroupMember) => ({ ...m, joined: m.joined.map((j) => ({ ...j, certain: false })) });
            all.push({
                label: "a security group made outside this stack",
                urn: unplaced[0].resource.urn,
                members: [...unplaced, ...maybe].map(relabel),
            });
        }
        return all;
    });
}

function sourceKey(rule: IngressRule, block: string): string {
    const protocol = protocolOf(rule.protocol);
    const name = isUnknown(protocol) ? "?" : protocol;
    return name === "all" ? `all|${block}` : `${name}|${numberOf(rule.fromPort)}|${numberOf(rule.toPort)}|${block}`;
}

/**
 * For a group that exists (its id is known: after `pulumi up`, or on a later preview) the
 * engine sends its outputs, whose ingress AWS reports with the rules of its rule resources
 * folded in. Its own view, what its Analyze judged from its inputs, is then its ingress
 * without the sources its rule resources add. A group being created shows its inputs.
 *
 * What is left is what AWS last reported beyond the rule resources the stack now has: inline
 * rules, but, once the group has rule resources that already existed then, also the old rules
 * of those this update changes or removes (a CIDR narrowed to fix the group is still the old
 * one there), which the stack cannot tell apart. Then it only may be the group's: a verdict it
 * alone would decide becomes a could-not-check note, and the fix of an open group is never
 * refused for the rule it removes. Rule resources that are all new left nothing there.
 */
function withoutRuleResources(group: Group): void {
    const [first, ...rest] = group.members;
    if (
        !first ||
        !SECURITY_GROUP_TYPES.includes(first.resource.type) ||
        typeof first.resource.props.id !== "string" ||
        rest.length === 0
    ) {
        return;
    }
    // What the rule resources certainly add, by rule and block.
    const added = new Set(
        rest
            .filter((member) => member.certain)
            .flatMap((member) => member.own)
            .flatMap((j) => j.sources.flatMap((s) => ("block" in s ? [sourceKey(j.rule, s.block.canonical)] : []))),
    );
    const stale = rest.some((m) => m.certain && typeof m.resource.props.id === "string");
    const keep = (j: Judgeable): Judgeable => ({
        ...j,
        certain: j.certain && !stale,
        sources: j.sources.filter(
            (s) => !("block" in s) || s.via !== undefined || !added.has(sourceKey(j.rule, s.block.canonical)),
        ),
    });
    group.members[0] = {
        ...first,
        certain: first.certain && !stale,
        doubt: stale
            ? `${group.label} exists, and the rules AWS last reported for it may include rules that this update changes or removes`
            : first.doubt,
        own: first.own.map(keep),
        joined: first.joined.map(keep),
    };
}

/**
 * Whether judging the group needs the stack: more than one resource, doubt, prefix lists the
 * stack makes, or a group that exists, whose state AWS reports beyond what its Analyze saw.
 */
export function isJoined(group: Group): boolean {
    return (
        group.members.length > 1 ||
        group.members.some((m) => m.alone !== undefined) ||
        group.members.some((m) => !m.certain) ||
        group.members.some((m) => m.joined.some((j, i) => j.sources.length !== m.own[i].sources.length))
    );
}
