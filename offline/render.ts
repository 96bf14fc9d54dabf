/** The offline preview's report as text: the plan as a tree, then the verdicts by level. */
import { Level, PlannedResource, PreviewReport, SECRET_DISPLAY, UNKNOWN_DISPLAY, Verdict } from "./preview";

const MAX_VALUE = 48;

function short(value: unknown): string {
    const text = typeof value === "string" ? value : JSON.stringify(value);
    const line = text.replace(/\s+/g, " ").trim();
    return line.length > MAX_VALUE ? `${line.slice(0, MAX_VALUE - 1)}…` : line;
}

function ruleText(rule: any): string {
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
    const sources = [rule.cidrBlocks, rule.ipv6CidrBlocks].flat().filter((s) => s !== undefined && s !== null);
    return `${ports} from ${sources.length ? sources.join(", ") : "(no CIDR)"}`;
}

/** The few inputs that say what a resource is, per type; the first scalar inputs otherwise. */
export function keyInputs(resource: PlannedResource): string[] {
    const i = resource.inputs as Record<string, any>;
    const pick = (...keys: string[]) => keys.filter((k) => i[k] !== undefined).map((k) => `${k}=${short(i[k])}`);
    switch (resource.type) {
        case "aws:ec2/instance:Instance":
        case "aws:ec2/spotInstanceRequest:SpotInstanceRequest": {
            const root = i.rootBlockDevice;
            const disk =
                root && typeof root === "object"
                    ? [
                          `root=${root.volumeSize ?? "AMI default"} GB ${root.volumeType ?? ""}${root.encrypted ? " encrypted" : ""}`.trim(),
                      ]
                    : ["root=AMI default"];
            const name = i.tags && typeof i.tags === "object" && i.tags.Name ? [`Name=${short(i.tags.Name)}`] : [];
            return [...pick("instanceType", "ami"), ...disk, ...name];
        }
        case "aws:ec2/securityGroup:SecurityGroup":
        case "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup":
            return Array.isArray(i.ingress)
                ? [`ingress: ${i.ingress.map(ruleText).join("; ") || "none"}`]
                : [`ingress=${short(i.ingress ?? "none")}`];
        case "aws:ec2/securityGroupRule:SecurityGroupRule":
            return [`${i.type}: ${ruleText(i)}`];
        case "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule":
            return [`ingress: ${ruleText({ ...i, cidrBlocks: i.cidrIpv4, ipv6CidrBlocks: i.cidrIpv6 })}`];
        case "aws:ec2/keyPair:KeyPair":
            return pick("publicKey");
        case "aws:ebs/volume:Volume":
            return pick("size", "type", "availabilityZone");
        case "aws:ec2/eip:Eip":
            return pick("domain", "instance", "networkInterface");
        case "tls:index/privateKey:PrivateKey":
            return pick("algorithm", "rsaBits");
        default:
            return Object.entries(i)
                .filter(([, v]) => typeof v !== "object" || v === null || v === UNKNOWN_DISPLAY || v === SECRET_DISPLAY)
                .slice(0, 3)
                .map(([k, v]) => `${k}=${short(v)}`);
    }
}

const HEADINGS: Record<Level, string> = {
    mandatory: "Mandatory violations (these block `pulumi up`)",
    advisory: "Advisory warnings",
    "could-not-check": "Could not check at preview (checked again at `pulumi up`)",
};

function verdictLines(v: Verdict): string[] {
    const where = v.resource ? `${v.resource.type} "${v.resource.name}"` : "the stack";
    return [`  [${v.policy}] ${where}`, ...v.message.split("\n").map((line) => `      ${line}`)];
}

/** The totals line; `--json` reports the same numbers. */
export function totalsLine(report: PreviewReport): string {
    const t = report.totals;
    const verdict = report.exitCode === 1 ? "FAILED: fix the mandatory violations above" : "PASSED";
    return `Result: ${t.resources} resources, ${t.mandatory} mandatory, ${t.advisory} advisory, ${t["could-not-check"]} could not check. ${verdict}.`;
}

export function renderText(report: PreviewReport): string {
    const out: string[] = [];
    out.push(
        `Offline preview of ${report.project}/${report.stack} (program ${report.program}; no cloud, no Pulumi CLI)`,
    );
    out.push(`Masked secure config: ${report.maskedConfig.length ? report.maskedConfig.join(", ") : "none"}`);
    out.push(`Policy pack: ${report.policyPack.name}@v${report.policyPack.version}, over the Analyzer protocol`);
    out.push("");
    const count = report.resources.length;
    out.push(`Plan: ${count} ${count === 1 ? "resource" : "resources"} to create`);
    const children = new Map<string, PlannedResource[]>();
    const urns = new Set(report.resources.map((r) => r.urn));
    for (const r of report.resources) {
        const parent = urns.has(r.parent) ? r.parent : "";
        children.set(parent, [...(children.get(parent) ?? []), r]);
    }
    const walk = (parent: string, depth: number) => {
        for (const r of children.get(parent) ?? []) {
            const inputs = keyInputs(r);
            out.push(`${"    ".repeat(depth)}+ ${r.type}  ${r.name}${inputs.length ? `  ${inputs.join(", ")}` : ""}`);
            walk(r.urn, depth + 1);
        }
    };
    walk("", 0);
    for (const level of ["mandatory", "advisory", "could-not-check"] as const) {
        const verdicts = report.verdicts.filter((v) => v.level === level);
        out.push("");
        out.push(`${HEADINGS[level]}: ${verdicts.length}`);
        for (const v of verdicts) {
            out.push(...verdictLines(v));
        }
    }
    out.push("");
    out.push(totalsLine(report));
    return out.join("\n");
}
