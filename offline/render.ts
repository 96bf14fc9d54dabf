/** The offline preview's report as text: the plan as a tree, what the program said, then the verdicts by level. */
import {
    acknowledgementLine,
    Level,
    OFFLINE_ENGINE,
    PlannedResource,
    PreviewReport,
    SECRET_DISPLAY,
    UNKNOWN_DISPLAY,
    Verdict,
} from "./preview";
import { usd } from "../policy/lib/cost";
import {
    AUTOSCALING_GROUP,
    DEFAULT_SECURITY_GROUP,
    describe as describeResource,
    EBS_VOLUME,
    EIP,
    INSTANCE,
    KEY_PAIR,
    LAUNCH_CONFIGURATION,
    LAUNCH_TEMPLATE,
    PRIVATE_KEY,
    RDS_INSTANCE,
    SECURITY_GROUP,
    SECURITY_GROUP_RULE,
    SECURITY_GROUP_TYPES,
    SPOT_INSTANCE_REQUEST,
    STACK_REFERENCE,
    VOLUME_ATTACHMENT,
    VPC_EGRESS_RULE,
    VPC_INGRESS_RULE,
} from "./resourceTypes";
import { planName } from "../policy/lib/plan";
import { Bill, creditsLine } from "./bill";
import { maskedSecrets } from "./projectFiles";
import { locationText } from "./sourceLocation";

const MAX_VALUE = 48;

const MARKERS = new Set([UNKNOWN_DISPLAY, SECRET_DISPLAY]);

/** A value as JSON in which the markers of unknown and secret values stand bare: `[(known after up)]`. */
export function displayJson(value: unknown): string {
    const quoted = new Set([...MARKERS].map((m) => JSON.stringify(m)));
    return JSON.stringify(value ?? null).replace(/"(?:[^"\\]|\\.)*"/g, (s) => (quoted.has(s) ? JSON.parse(s) : s));
}

function short(value: unknown): string {
    const line = (typeof value === "string" ? value : displayJson(value)).replace(/\s+/g, " ").trim();
    return line.length > MAX_VALUE ? `${line.slice(0, MAX_VALUE - 1)}…` : line;
}

const SECURITY_GROUPS: ReadonlySet<string> = new Set(SECURITY_GROUP_TYPES);
/** Security group rules that are resources of their own, and the direction each one's traffic goes. */
const RULE_RESOURCES: Readonly<Record<string, "ingress" | "egress" | "by type">> = {
    [SECURITY_GROUP_RULE]: "by type",
    [VPC_INGRESS_RULE]: "ingress",
    [VPC_EGRESS_RULE]: "egress",
};

/** The plan, indexed for the questions a resource's line asks of the others. */
export class Plan {
    private readonly byUrn: Map<string, PlannedResource>;

    constructor(readonly resources: readonly PlannedResource[]) {
        this.byUrn = new Map(resources.map((r) => [r.urn, r]));
    }

    /** The resources an input of `r` came from (its property dependencies), of some types. */
    sourcesOf(r: PlannedResource, key: string, types?: ReadonlySet<string>): PlannedResource[] {
        return (r.propertyDependencies[key] ?? [])
            .map((urn) => this.byUrn.get(urn))
            .filter((d): d is PlannedResource => d !== undefined && d.urn !== r.urn && (!types || types.has(d.type)));
    }

    /**
     * A value that is the URN of a resource in the plan (a component passed as an input reaches the
     * engine as its URN) as that resource's class and name, `Cluster "eks"`; undefined otherwise.
     */
    referenceText(value: unknown): string | undefined {
        const r = typeof value === "string" ? this.byUrn.get(value) : undefined;
        return r && `${r.type.split(":").pop()} "${r.name}"`;
    }

    /** The rule resources attached to a security group (by their securityGroupId's dependency). */
    rulesOf(group: PlannedResource): PlannedResource[] {
        return this.resources.filter(
            (r) => r.type in RULE_RESOURCES && this.sourcesOf(r, "securityGroupId", SECURITY_GROUPS).includes(group),
        );
    }
}

/** How another group shows as a rule's source: its name when the plan has it, else its id. */
function groupSource(value: unknown, from: PlannedResource[]): string[] {
    const values = [value].flat().filter((v) => v !== undefined && v !== null);
    const known = values.filter((v) => v !== UNKNOWN_DISPLAY).map((v) => `group ${v}`);
    const unknown = values.length - known.length;
    const named = from.slice(0, unknown).map((g) => `group "${g.name}"`);
    const unnamed = Array.from({ length: unknown - named.length }, () => `a group ${UNKNOWN_DISPLAY}`);
    return [...known, ...named, ...unnamed];
}

/**
 * One rule as "<protocol and ports> from|to <peers>": CIDRs as written, prefix lists, another
 * group by name (`groups` are the groups its source input came from), or the group itself.
 */
function ruleText(rule: any, direction: "ingress" | "egress", groups: PlannedResource[] = []): string {
    if (typeof rule !== "object" || rule === null) {
        return short(rule);
    }
    const protocol = String(rule.protocol ?? rule.ipProtocol);
    const { fromPort, toPort } = rule;
    const ports =
        protocol === "-1" || protocol.toLowerCase() === "all"
            ? "all traffic"
            : fromPort === undefined && toPort === undefined
              ? `${protocol} (all ports)`
              : fromPort === toPort || toPort === undefined
                ? `${protocol} ${fromPort ?? toPort}`
                : `${protocol} ${fromPort ?? 0}-${toPort}`;
    const peers = [
        ...[rule.cidrBlocks, rule.ipv6CidrBlocks, rule.cidrIpv4, rule.cidrIpv6].flat(),
        ...[rule.prefixListIds, rule.prefixListId]
            .flat()
            .map((p) => (p === undefined || p === null ? p : `prefix list ${p}`)),
    ].filter((s) => s !== undefined && s !== null);
    peers.push(
        ...groupSource(
            [rule.securityGroups, rule.sourceSecurityGroupId, rule.referencedSecurityGroupId].flat(),
            groups,
        ),
    );
    if (rule.self === true) {
        peers.push("itself");
    }
    return `${ports} ${direction === "ingress" ? "from" : "to"} ${peers.length ? peers.join(", ") : "(no peer)"}`;
}

/** Where a rule resource's traffic goes: its type says, or its `type` input. */
function directionOf(rule: PlannedResource): "ingress" | "egress" {
    const direction = RULE_RESOURCES[rule.type];
    return direction === "by type" ? (rule.inputs.type === "egress" ? "egress" : "ingress") : direction;
}

function securityGroupLine(group: PlannedResource, plan: Plan): string[] {
    const i = group.inputs as Record<string, any>;
    const inline = (key: "ingress" | "egress") => {
        const rules = i[key];
        if (!Array.isArray(rules)) {
            return rules === undefined ? [] : [`${key}=${short(rules)}`];
        }
        // An inline rule's group sources are known only through the whole list's dependencies.
        const groups = plan.sourcesOf(group, key, SECURITY_GROUPS);
        return rules.length ? [`${key}: ${rules.map((r) => ruleText(r, key, groups)).join("; ")}`] : [];
    };
    const separate = plan.rulesOf(group).map((r) => {
        const direction = directionOf(r);
        const source = r.type === SECURITY_GROUP_RULE ? "sourceSecurityGroupId" : "referencedSecurityGroupId";
        return `${direction} ${ruleText(r.inputs, direction, plan.sourcesOf(r, source, SECURITY_GROUPS))} ("${r.name}")`;
    });
    const sections = [...inline("ingress"), ...inline("egress")];
    if (separate.length) {
        sections.push(`rule resources: ${separate.join("; ")}`);
    }
    // One entry: the sections' own lists use commas.
    return [sections.length ? sections.join(" | ") : "ingress: none"];
}

/** A block device as "<size> GB <type>[ encrypted]", or what decides its size when none is given. */
function diskText(device: any, unsized: string): string {
    const size = device.volumeSize ?? device.size;
    const sized =
        size === undefined ? (device.snapshotId ? `snapshot ${device.snapshotId}'s size` : unsized) : `${size} GB`;
    return [sized, device.volumeType ?? device.type, device.encrypted === true ? "encrypted" : undefined]
        .filter((part) => part !== undefined && part !== "")
        .join(" ");
}

/**
 * The resource of `type` an input comes from, by its name in the plan (`launch template "web"`),
 * else the input as written; nothing when the input is not set.
 */
function sourceText(resource: PlannedResource, plan: Plan, key: string, type: string, label: string): string[] {
    if (resource.inputs[key] === undefined) {
        return [];
    }
    const source = plan.sourcesOf(resource, key, new Set([type]))[0];
    return [source ? `${label} "${source.name}"` : `${key}=${short(resource.inputs[key])}`];
}

/** The few inputs that say what a resource is, per type; the first scalar inputs otherwise. */
/** What a line reads of a resource: its inputs, a value as the line shows it, and the keys it picks. */
interface LineContext {
    readonly resource: PlannedResource;
    readonly plan: Plan;
    readonly i: Record<string, any>;
    readonly pick: (...keys: string[]) => string[];
}

function serverLine({ resource, plan, i, pick }: LineContext): string[] {
    // What it does not set, a launch template it starts from may (else the AMI decides).
    const template = sourceText(resource, plan, "launchTemplate", LAUNCH_TEMPLATE, "launch template");
    const unset = template.length ? "launch template's or AMI default" : "AMI default";
    const root = i.rootBlockDevice;
    const disk = [`root=${root && typeof root === "object" ? diskText(root, unset) : unset}`];
    const ebs = Array.isArray(i.ebsBlockDevices)
        ? i.ebsBlockDevices.map((d: any) => `${d?.deviceName ?? "ebs"}=${diskText(d ?? {}, "size unknown")}`)
        : [];
    const name = i.tags && typeof i.tags === "object" && i.tags.Name ? [`Name=${short(i.tags.Name)}`] : [];
    return [...pick("instanceType", "ami", "imageId"), ...template, ...disk, ...ebs, ...name];
}

function ruleLine({ resource, plan, i }: LineContext): string[] {
    const direction = directionOf(resource);
    const source = resource.type === SECURITY_GROUP_RULE ? "sourceSecurityGroupId" : "referencedSecurityGroupId";
    const group = plan.sourcesOf(resource, "securityGroupId", SECURITY_GROUPS)[0];
    const of = group ? ` (group "${group.name}")` : "";
    return [`${direction}: ${ruleText(i, direction, plan.sourcesOf(resource, source, SECURITY_GROUPS))}${of}`];
}

/** A plan line's key inputs, by type token; a type not here shows its first three plain inputs. */
const LINES: Readonly<Record<string, (context: LineContext) => string[]>> = {
    [INSTANCE]: serverLine,
    [SPOT_INSTANCE_REQUEST]: serverLine,
    [LAUNCH_CONFIGURATION]: serverLine,
    [LAUNCH_TEMPLATE]: ({ i, pick }) => {
        const devices = Array.isArray(i.blockDeviceMappings) ? i.blockDeviceMappings : [];
        const disks = devices
            .filter((d: any) => d && typeof d === "object" && d.ebs && typeof d.ebs === "object")
            .map((d: any) => `${d.deviceName ?? "ebs"}=${diskText(d.ebs, "AMI default")}`);
        return [...pick("instanceType", "imageId"), ...disks];
    },
    [AUTOSCALING_GROUP]: ({ resource, plan, pick }) => [
        ...pick("minSize", "desiredCapacity", "maxSize"),
        ...sourceText(resource, plan, "launchTemplate", LAUNCH_TEMPLATE, "launch template"),
        ...sourceText(resource, plan, "launchConfiguration", LAUNCH_CONFIGURATION, "launch configuration"),
    ],
    [RDS_INSTANCE]: ({ pick }) => pick("engine", "instanceClass", "allocatedStorage", "storageType"),
    [SECURITY_GROUP]: ({ resource, plan }) => securityGroupLine(resource, plan),
    [DEFAULT_SECURITY_GROUP]: ({ resource, plan }) => securityGroupLine(resource, plan),
    [SECURITY_GROUP_RULE]: ruleLine,
    [VPC_INGRESS_RULE]: ruleLine,
    [VPC_EGRESS_RULE]: ruleLine,
    [KEY_PAIR]: ({ pick }) => pick("publicKey"),
    [EBS_VOLUME]: ({ i, pick }) => [diskText(i, "size unknown"), ...pick("availabilityZone")],
    [VOLUME_ATTACHMENT]: ({ resource, plan, i }) => {
        const volume = plan.sourcesOf(resource, "volumeId")[0];
        const instance = plan.sourcesOf(resource, "instanceId")[0];
        const what = volume
            ? `volume "${volume.name}" (${diskText(volume.inputs, "size unknown")})`
            : `volume ${short(i.volumeId)}`;
        const where = instance ? `instance "${instance.name}"` : `instance ${short(i.instanceId)}`;
        return [`${what} on ${where} as ${short(i.deviceName)}`];
    },
    [EIP]: ({ pick }) => pick("domain", "instance", "networkInterface"),
    [PRIVATE_KEY]: ({ pick }) => pick("algorithm", "rsaBits"),
    [STACK_REFERENCE]: ({ i }) => [`outputs of stack ${short(i.name)}: ${UNKNOWN_DISPLAY} offline`],
};

export function keyInputs(resource: PlannedResource, plan: Plan = new Plan([resource])): string[] {
    const i = resource.inputs as Record<string, any>;
    const shown = (value: unknown) => plan.referenceText(value) ?? short(value);
    const pick = (...keys: string[]) => keys.filter((k) => i[k] !== undefined).map((k) => `${k}=${shown(i[k])}`);
    if (resource.operation === "read" && resource.type !== STACK_REFERENCE) {
        return ["read from the cloud: its settings are known only there"];
    }
    const line = Object.hasOwn(LINES, resource.type) ? LINES[resource.type] : undefined;
    if (line) {
        return line({ resource, plan, i, pick });
    }
    // Keys starting with "__" are the engine's own (a dynamic provider's code), never shown.
    return Object.entries(i)
        .filter(([k]) => !k.startsWith("__"))
        .filter(([, v]) => typeof v !== "object" || v === null || v === UNKNOWN_DISPLAY || v === SECRET_DISPLAY)
        .slice(0, 3)
        .map(([k, v]) => `${k}=${shown(v)}`);
}

const HEADINGS: Record<Level, string> = {
    mandatory: "Mandatory violations (these block `pulumi up`)",
    advisory: "Advisory warnings",
    "could-not-check": "Could not check at preview (checked again at `pulumi up`)",
    acknowledged: "Acknowledged (accepted by the policy config until their date; they block nothing)",
};

export function verdictLines(v: Verdict): string[] {
    const where = v.resource ? `${v.resource.type} "${v.resource.name}"` : "the stack";
    const tag = v.policy === OFFLINE_ENGINE ? "not seen offline" : v.policy;
    const at = v.location ? `  ${locationText(v.location)}` : "";
    const ack = acknowledgementLine(v);
    const lines = [
        ...(v.acknowledged && ack ? [ack] : []),
        ...v.message.split("\n"),
        ...(v.acknowledgementExpired && ack ? [ack] : []),
    ];
    return [`  [${tag}] ${where}${at}`, ...lines.map((line) => `      ${line}`)];
}

/** The totals line; `--json` reports the same numbers. */
export function totalsLine(report: PreviewReport): string {
    const t = report.totals;
    const verdict = report.exitCode === 1 ? "FAILED: fix the mandatory violations above" : "PASSED";
    const acknowledged = t.acknowledged > 0 ? `, ${t.acknowledged} acknowledged` : "";
    return `Result: ${t.resources} resources, ${t.mandatory} mandatory, ${t.advisory} advisory, ${t["could-not-check"]} could not check${acknowledged}. ${verdict}.`;
}

function regionLine(report: PreviewReport): string | undefined {
    const { name, from } = report.region;
    if (from === "environment") {
        return `Region: ${name} (from the environment: no aws:region in the stack config)`;
    }
    return from === "placeholder" ? `Region: not set (aws:region); lookups answer for ${name}` : undefined;
}

export function renderText(report: PreviewReport): string {
    const out: string[] = [];
    out.push(
        `Offline preview of ${report.project}/${report.stack} (program ${report.program}; no cloud, no Pulumi CLI)`,
    );
    out.push(`Masked secure config: ${maskedSecrets(report.maskedConfig, report.maskedConfigWhy)}`);
    if (report.escEnvironments.length) {
        out.push(
            `ESC environments: ${report.escEnvironments.join(", ")}, not opened (only Pulumi Cloud opens them): the config they give is missing here`,
        );
    }
    out.push(`Pulumi SDK: @pulumi/pulumi ${report.sdk.version}, the project's own (${report.sdk.dir})`);
    const region = regionLine(report);
    if (region) {
        out.push(region);
    }
    out.push(
        `Policy pack: ${report.policyPack.name}@v${report.policyPack.version}, over the Analyzer protocol; judged by ${planName(report.cost.plan)}`,
    );
    out.push("");
    const count = report.resources.length;
    const reads = report.resources.some((r) => r.operation === "read");
    out.push(`Plan: ${count} ${count === 1 ? "resource" : "resources"} to ${reads ? "create or read" : "create"}`);
    const plan = new Plan(report.resources);
    const children = new Map<string, PlannedResource[]>();
    const urns = new Set(report.resources.map((r) => r.urn));
    for (const r of report.resources) {
        const parent = urns.has(r.parent) ? r.parent : "";
        children.set(parent, [...(children.get(parent) ?? []), r]);
    }
    const walk = (parent: string, depth: number) => {
        for (const r of children.get(parent) ?? []) {
            const inputs = keyInputs(r, plan);
            const mark = r.operation === "read" ? ">" : "+";
            const remote = r.remote ? "  (not expanded: a multi-language component)" : "";
            out.push(
                `${"    ".repeat(depth)}${mark} ${r.type}  ${r.name}${inputs.length ? `  ${inputs.join(", ")}` : ""}${remote}`,
            );
            walk(r.urn, depth + 1);
        }
    };
    walk("", 0);
    const outputs = Object.entries(report.outputs);
    if (outputs.length) {
        out.push("");
        out.push("Outputs:");
        out.push(...outputs.map(([k, v]) => `    ${k}: ${displayJson(v)}`));
    }
    const said = report.diagnostics.filter((d) => d.severity !== "info" || d.urn === "");
    if (said.length) {
        out.push("");
        out.push("Program diagnostics:");
        const byUrn = new Map(report.resources.map((r) => [r.urn, r]));
        for (const d of said) {
            const lines = d.message.split("\n");
            const about = byUrn.get(d.urn);
            const where = about ? `${about.type} "${about.name}": ` : "";
            out.push(
                `  ${d.severity === "info" ? "" : `${d.severity}: `}${where}${lines[0]}`,
                ...lines.slice(1).map((l) => `    ${l}`),
            );
        }
    }
    for (const level of ["mandatory", "advisory", "could-not-check", "acknowledged"] as const) {
        const verdicts = report.verdicts.filter((v) => v.level === level);
        if (level === "acknowledged" && verdicts.length === 0) {
            continue;
        }
        out.push("");
        out.push(`${HEADINGS[level]}: ${verdicts.length}`);
        for (const v of verdicts) {
            out.push(...verdictLines(v));
        }
    }
    out.push("");
    out.push(...billLines(report.cost));
    out.push("");
    out.push(totalsLine(report));
    return out.join("\n");
}

/** The bill: what costs money, a line each, the total, and what the plan's credits cover. */
export function billLines(bill: Bill): string[] {
    const out = [
        `What it costs a month (on demand, ${bill.hoursPerMonth} hours, prices of the ${bill.snapshot} snapshot):`,
    ];
    const rows = bill.items.map((item) => [
        describeResource(item),
        `${item.what}${item.unverified ? " *" : ""}`,
        `${item.atLeast ? "at least " : ""}${usd(item.monthlyUsd)}`,
    ]);
    const widths = [0, 1].map((i) => Math.max(0, ...rows.map((r) => r[i].length)));
    for (const [who, what, cost] of rows) {
        out.push(`  ${who.padEnd(widths[0])}  ${what.padEnd(widths[1])}  ${cost}`);
    }
    if (rows.length === 0) {
        out.push("  nothing this stack makes is billed by the hour or the GB");
    }
    out.push(`  Total: ${creditsLine(bill)}`);
    if (bill.unverified.length) {
        out.push("  * priced from figures not yet checked against AWS (docs/prices.md)");
    }
    for (const note of bill.notes) {
        out.push(`  Not counted: ${note}`);
    }
    return out;
}
