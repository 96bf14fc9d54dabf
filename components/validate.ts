import * as pulumi from "@pulumi/pulumi";
import { show } from "../lib/format";
import { IpFamily, isStandardSpelling, ParsedCidr, parseCidr, WHOLE_SPACE, worldCoveredBy } from "../lib/cidr";
import {
    AMAZON_LINUX_MIN_ROOT_GB,
    AMAZON_LINUX_VERSIONS,
    AmazonLinux,
    DEFAULT_PLAN,
    FREE_EBS_GB,
    LEGACY_FALLBACK_INSTANCE_TYPES,
    LEGACY_PLAN_ENDED,
    Plan,
    PLAN_INSTANCE_TYPES,
    PLANS,
} from "../lib/freeTier";
import { Access, FreeTierServerArgs, RootVolumeType } from "./args";

/** The SSH port: never opened to the world. */
export const SSH_PORT = 22;

/** Every default of {@link FreeTierServerArgs}, applied in this one place. */
export const DEFAULTS = {
    access: Access.Ssh as Access,
    appPorts: [8080],
    plan: DEFAULT_PLAN,
    instanceType: "t3.micro",
    os: AmazonLinux.AmazonLinux2023 as AmazonLinux,
    rootVolumeSizeGb: FREE_EBS_GB,
    rootVolumeType: RootVolumeType.Gp3 as RootVolumeType,
    elasticIp: false,
    /** A zero-spend budget: the limit is one cent, and it alerts at the first cent of actual spend. */
    budgetUsd: 0.01,
    tags: {},
};

/** {@link FreeTierServerArgs} checked, with every default applied. */
export interface ResolvedArgs {
    readonly access: Access;
    readonly ssh: { readonly ipv4: string[]; readonly ipv6: string[] };
    readonly appPorts: number[];
    readonly plan: Plan;
    readonly instanceType: string;
    readonly os: AmazonLinux;
    readonly ami?: pulumi.Input<string>;
    readonly rootVolumeSizeGb: number;
    readonly rootVolumeType: RootVolumeType;
    readonly publicKey?: pulumi.Input<string>;
    readonly vpcId?: pulumi.Input<string>;
    readonly subnetId?: pulumi.Input<string>;
    readonly userData?: pulumi.Input<string>;
    readonly elasticIp: boolean;
    /** The budget, when `budgetEmail` is set; `forecast` when `budgetUsd` was given. */
    readonly budget?: { readonly email: string; readonly limitUsd: number; readonly forecast: boolean };
    readonly tags: Record<string, string>;
}

/**
 * Thrown before anything is created when the args are wrong; lists every problem. A
 * `pulumi.RunError`, so the Pulumi CLI prints the message without a stack trace.
 */
export class FreeTierServerArgsError extends pulumi.RunError {
    constructor(
        readonly resourceName: string,
        readonly problems: readonly string[],
    ) {
        super(`FreeTierServer "${resourceName}" has invalid args:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
        this.name = "FreeTierServerArgsError";
    }
}

function checkSshCidrs(value: unknown, problems: string[]): ResolvedArgs["ssh"] {
    const ssh = { ipv4: [] as string[], ipv6: [] as string[] };
    if (!Array.isArray(value)) {
        problems.push(
            `sshAllowedCidrs must be a list of CIDR blocks such as ["203.0.113.7/32"] (or [] for no SSH), got ${show(value)}`,
        );
        return ssh;
    }
    const parsed: ParsedCidr[] = [];
    const seen = new Map<string, number>();
    // Problems of one block, left out when the blocks open SSH to the world, the problem to name.
    const blockProblems: [IpFamily, string][] = [];
    value.forEach((item: unknown, i) => {
        const field = `sshAllowedCidrs[${i}]`;
        const block = typeof item === "string" ? parseCidr(item) : undefined;
        if (block === undefined) {
            const bare =
                typeof item === "string" && !item.includes("/")
                    ? parseCidr(`${item}/${item.includes(":") ? 128 : 32}`)
                    : undefined;
            problems.push(
                bare
                    ? `${field} ${show(item)} is an address, not a CIDR block; write ${show(bare.canonical)} for that one address`
                    : `${field} ${show(item)} is not an IPv4 or IPv6 CIDR block such as "203.0.113.7/32" or "2001:db8::1/128"`,
            );
            return;
        }
        const earlier = seen.get(block.canonical);
        if (earlier !== undefined) {
            problems.push(`${field} ${show(item)} repeats sshAllowedCidrs[${earlier}]`);
            return;
        }
        seen.set(block.canonical, i);
        parsed.push(block);
        if (!isStandardSpelling(item as string)) {
            blockProblems.push([
                block.family,
                `${field} ${show(item)} is not written as AWS reads a CIDR block: an IPv4 address as four whole numbers from 0 to 255 without leading zeros (or an IPv6 address), "/" and a prefix length, such as "203.0.113.7/32"`,
            ]);
        } else if (block.hostBitsSet) {
            blockProblems.push([
                block.family,
                `${field} ${show(item)} has bits set past its /${block.prefixLength} prefix, which AWS refuses; did you mean ${show(block.canonical)}?`,
            ]);
        }
        ssh[block.family].push(block.text.trim());
    });
    const world = worldCoveredBy(parsed);
    problems.push(...blockProblems.filter(([family]) => !world.includes(family)).map(([, problem]) => problem));
    for (const family of world) {
        const blocks = parsed.filter((b) => b.family === family).map((b) => b.text);
        const what = blocks.length === 1 ? `${show(blocks[0])} opens` : `${show(blocks)} together open`;
        problems.push(
            `sshAllowedCidrs ${what} SSH (port ${SSH_PORT}) to ${WHOLE_SPACE[family]}; allow only your own address, such as "203.0.113.7/32"`,
        );
    }
    return ssh;
}

function checkAppPorts(value: unknown, problems: string[]): number[] {
    if (!Array.isArray(value)) {
        problems.push(`appPorts must be a list of TCP port numbers such as [8080], got ${show(value)}`);
        return [];
    }
    const ports: number[] = [];
    value.forEach((port: unknown, i) => {
        const field = `appPorts[${i}]`;
        if (typeof port !== "number" || !Number.isInteger(port) || port < 1 || port > 65535) {
            problems.push(`${field} ${show(port)} is not a TCP port; use a whole number from 1 to 65535`);
        } else if (port === SSH_PORT) {
            problems.push(`${field} 22 would open SSH to the whole internet; SSH is reached only from sshAllowedCidrs`);
        } else if (ports.includes(port)) {
            problems.push(`${field} ${port} repeats appPorts[${value.indexOf(port)}]`);
        } else {
            ports.push(port);
        }
    });
    return ports;
}

/** `; did you mean "t2.micro"?` when the value is an allowed one but for case and spaces around it. */
function spelledAs(value: unknown, allowed: readonly string[]): string {
    const match = typeof value === "string" ? allowed.find((a) => a === value.trim().toLowerCase()) : undefined;
    return match === undefined ? "" : `; did you mean ${show(match)}?`;
}

/** How AWS writes an instance type: a family and a size, such as "t3.micro" or "c7i-flex.large". */
const INSTANCE_TYPE_SPELLING = /^[a-z][a-z0-9-]*\.[a-z0-9]+$/;

function checkPlan(value: unknown, problems: string[]): Plan {
    if (!PLANS.includes(value as Plan)) {
        problems.push(
            `plan ${show(value)} is not a plan; use ${PLANS.map((p) => show(p)).join(", ")}${spelledAs(value, PLANS)}`,
        );
        return DEFAULTS.plan;
    }
    return value as Plan;
}

/** The default instance type of a plan: t3.micro, which the free plan launches; t2.micro on the legacy plan. */
export function defaultInstanceType(plan: Plan): string {
    return plan === Plan.Legacy ? PLAN_INSTANCE_TYPES.legacy[0] : DEFAULTS.instanceType;
}

/** Checks that the plan launches (or, on the legacy plan, covers) the instance type. */
function checkInstanceType(value: unknown, plan: Plan, problems: string[]): string {
    const fallback = defaultInstanceType(plan);
    const allowed =
        plan === Plan.Legacy
            ? [...PLAN_INSTANCE_TYPES.legacy, ...LEGACY_FALLBACK_INSTANCE_TYPES]
            : PLAN_INSTANCE_TYPES[plan];
    if (typeof value !== "string" || !INSTANCE_TYPE_SPELLING.test(value)) {
        const normal = typeof value === "string" ? value.trim().toLowerCase() : "";
        const meant = INSTANCE_TYPE_SPELLING.test(normal) ? `; did you mean ${show(normal)}?` : "";
        problems.push(
            `instanceType ${show(value)} is not written as AWS names instance types (a family and a size, such as "t3.micro")${meant}`,
        );
        return fallback;
    }
    if (plan === Plan.PaidPlan || allowed.includes(value)) {
        return value;
    }
    problems.push(
        plan === Plan.FreePlan
            ? `instanceType ${show(value)} does not launch on the free plan: EC2 refuses types that are not free-tier eligible; use one of ${allowed.join(", ")}, or set plan "paid-plan" if your account is on the paid plan`
            : `instanceType ${show(value)} is not in the legacy plan's free tier (which ended for every account on ${LEGACY_PLAN_ENDED}); use ${allowed.join(" or ")}, or set the plan your account is on ("free-plan" or "paid-plan")`,
    );
    return fallback;
}

function checkOs(value: unknown, problems: string[]): AmazonLinux {
    if (!AMAZON_LINUX_VERSIONS.includes(value as AmazonLinux)) {
        problems.push(
            `os ${show(value)} is not supported; use ${AMAZON_LINUX_VERSIONS.map((v) => show(v)).join(" or ")}${spelledAs(value, AMAZON_LINUX_VERSIONS)}`,
        );
        return DEFAULTS.os;
    }
    return value as AmazonLinux;
}

function checkRootVolume(size: unknown, type: unknown, os: AmazonLinux, problems: string[]): void {
    const min = AMAZON_LINUX_MIN_ROOT_GB[os];
    if (typeof size !== "number" || !Number.isInteger(size) || size < min || size > FREE_EBS_GB) {
        problems.push(
            `rootVolumeSizeGb ${show(size)} is outside what FreeTierServer builds; use a whole number of GB from ${min} (the AMI's size) to ${FREE_EBS_GB} (the guide's disk)`,
        );
    }
    const types: readonly unknown[] = Object.values(RootVolumeType);
    if (!types.includes(type)) {
        problems.push(
            `rootVolumeType ${show(type)} is not a free-tier volume type; use ${types.map((t) => show(t)).join(" or ")}${spelledAs(type, Object.values(RootVolumeType))}`,
        );
    }
}

/** The AWS ids an arg may pin, by the prefix AWS gives each kind. */
const AWS_IDS = {
    ami: { prefix: "ami-", what: "an AMI id", example: "ami-0123456789abcdef0", absent: "the latest AMI of os" },
    vpcId: { prefix: "vpc-", what: "a VPC id", example: "vpc-0123456789abcdef0", absent: "the default VPC" },
    subnetId: {
        prefix: "subnet-",
        what: "a subnet id",
        example: "subnet-0123456789abcdef0",
        absent: "a default subnet",
    },
} as const;

/** The most EC2 takes as user data, before base64 (EC2 User Guide, "Run commands at launch"). */
const MAX_USER_DATA_BYTES = 16 * 1024;

/** The public key types EC2 imports (EC2 User Guide, "Import a public key to Amazon EC2"). */
const IMPORTABLE_KEY_TYPES = ["ssh-rsa", "ssh-ed25519"];

/**
 * Checks the args the component passes on, where they are plain strings (an Output is left to
 * AWS): what AWS would refuse only once the server's other resources exist.
 */
function checkPassedOn(args: FreeTierServerArgs, problems: string[]): void {
    const isString = (key: keyof FreeTierServerArgs) => {
        const value = args[key];
        if (value === undefined || value === null || pulumi.Output.isInstance(value)) {
            return false;
        }
        if (typeof value !== "string") {
            problems.push(`${key} ${show(value)} is not a string`);
            return false;
        }
        return true;
    };
    for (const [key, id] of Object.entries(AWS_IDS) as [
        keyof typeof AWS_IDS,
        (typeof AWS_IDS)[keyof typeof AWS_IDS],
    ][]) {
        const value = args[key] as string;
        if (isString(key) && !(value.startsWith(id.prefix) && /^[a-z]+-[0-9a-f]+$/.test(value))) {
            problems.push(
                value.trim() === ""
                    ? `${key} ${show(value)} is empty; leave it out to use ${id.absent}`
                    : `${key} ${show(value)} is not ${id.what} such as ${show(id.example)}`,
            );
        }
    }
    if (isString("publicKey")) {
        const key = (args.publicKey as string).trim();
        const [type, body] = key.split(/\s+/);
        if (/PRIVATE KEY/.test(key)) {
            // Never repeat it: it is the private key itself.
            problems.push(
                'publicKey is a private key; pass its public key (the .pub file, "ssh-ed25519 AAAA... you@host") and keep the private key to yourself',
            );
        } else if (key === "") {
            problems.push(`publicKey ${show(args.publicKey)} is empty; leave it out to generate a key pair`);
        } else if (!IMPORTABLE_KEY_TYPES.includes(type) || !/^[A-Za-z0-9+/]+=*$/.test(body ?? "")) {
            const shown = key.length > 40 ? `${key.slice(0, 40)}...` : key;
            problems.push(
                `publicKey ${show(shown)} is not an OpenSSH ${IMPORTABLE_KEY_TYPES.join(" or ")} public key, the kinds EC2 imports, such as "ssh-ed25519 AAAA... you@host"`,
            );
        }
    }
    if (isString("userData")) {
        const bytes = Buffer.byteLength(args.userData as string, "utf8");
        if (bytes > MAX_USER_DATA_BYTES) {
            problems.push(`userData is ${bytes} bytes; EC2 takes at most ${MAX_USER_DATA_BYTES} (16 KB)`);
        }
    }
}

const ACCESS_MODES: readonly Access[] = Object.values(Access);

function checkAccess(value: unknown, problems: string[]): Access {
    if (!ACCESS_MODES.includes(value as Access)) {
        problems.push(
            `access ${show(value)} is not a way in; use ${ACCESS_MODES.map((a) => show(a)).join(", ")}${spelledAs(value, ACCESS_MODES)}`,
        );
        return DEFAULTS.access;
    }
    return value as Access;
}

/** Why an access mode takes no SSH sources and no key of yours. */
const KEYLESS: Readonly<Record<Exclude<Access, "ssh">, { sources: string; key: string }>> = {
    "instance-connect": {
        sources: "opens SSH only to AWS's EC2 Instance Connect range for the Region",
        key: "pushes a one-time key for each connection and creates no key pair",
    },
    ssm: {
        sources: "opens no SSH port at all",
        key: "connects through Session Manager with no SSH key and creates no key pair",
    },
};

/** The args that make no sense with a keyless access mode, named with it. */
function checkAccessCombinations(
    access: Access,
    args: FreeTierServerArgs,
    sshGiven: boolean,
    problems: string[],
): void {
    if (access === Access.Ssh) {
        return;
    }
    const why = KEYLESS[access];
    if (sshGiven) {
        problems.push(
            `sshAllowedCidrs is set with access ${show(access)}, which ${why.sources}; leave sshAllowedCidrs out, or use access "ssh"`,
        );
    }
    if (args.publicKey !== undefined && args.publicKey !== null) {
        // Never repeat the key: it may be a private key pasted by mistake.
        problems.push(
            `publicKey is set with access ${show(access)}, which ${why.key}; leave publicKey out, or use access "ssh"`,
        );
    }
}

/**
 * The shape AWS Budgets needs of an e-mail subscriber: one address, no spaces or line breaks
 * (its API refuses line breaks, "Subscriber", AWS Billing and Cost Management API Reference),
 * a local part, "@" and a domain with a dot.
 */
const EMAIL_SHAPE =
    /^[^\s@",;<>]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;
/** The largest monthly limit accepted: a guard against a typo, far above any free-tier stack. */
const MAX_BUDGET_USD = 1_000_000;

function checkBudget(email: unknown, usd: unknown, problems: string[]): ResolvedArgs["budget"] {
    let ok = true;
    if (email !== undefined && (typeof email !== "string" || !EMAIL_SHAPE.test(email))) {
        problems.push(
            `budgetEmail ${show(email)} is not an e-mail address such as "you@example.com" (one address, no spaces)`,
        );
        ok = false;
    }
    if (usd !== undefined) {
        const cents = typeof usd === "number" ? Math.round(usd * 100) : NaN;
        if (
            typeof usd !== "number" ||
            !Number.isFinite(usd) ||
            usd < 0.01 ||
            usd > MAX_BUDGET_USD ||
            Math.abs(cents - usd * 100) > 1e-6
        ) {
            problems.push(
                `budgetUsd ${show(usd)} is not a monthly limit in US dollars; use whole cents from 0.01 (a zero-spend budget) to ${MAX_BUDGET_USD}`,
            );
            ok = false;
        } else if (email === undefined) {
            problems.push(
                `budgetUsd ${show(usd)} is set without budgetEmail, the address the budget alerts; set budgetEmail too`,
            );
            ok = false;
        }
    }
    if (!ok || email === undefined) {
        return undefined;
    }
    return {
        email: email as string,
        limitUsd: (usd as number | undefined) ?? DEFAULTS.budgetUsd,
        forecast: usd !== undefined,
    };
}

/** AWS's limits on tags (Tagging AWS resources, "Tag naming limits and requirements"). */
const MAX_TAG_KEY = 128;
const MAX_TAG_VALUE = 256;

function checkTags(name: string, value: unknown, problems: string[]): Record<string, string> {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
        problems.push(`tags must be an object of string values such as {"Project": "guide"}, got ${show(value)}`);
        return { Name: name };
    }
    const tags: Record<string, string> = { Name: name };
    // In key order: a map sent over the wire keeps no order, and each language orders it its own way.
    for (const [key, tagValue] of Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
        if (key.trim() === "") {
            problems.push(`tags has an empty key ${show(key)}; AWS refuses it`);
        } else if (key.toLowerCase().startsWith("aws:")) {
            problems.push(`tags.${key} begins with "aws:", which AWS keeps for its own tags`);
        } else if (key.length > MAX_TAG_KEY) {
            problems.push(
                `tags.${key.slice(0, 20)}... has a key of ${key.length} characters; AWS takes at most ${MAX_TAG_KEY}`,
            );
        } else if (typeof tagValue !== "string") {
            problems.push(`tags.${key} ${show(tagValue)} is not a string`);
        } else if (tagValue.length > MAX_TAG_VALUE) {
            problems.push(`tags.${key} is ${tagValue.length} characters long; AWS takes at most ${MAX_TAG_VALUE}`);
        } else if (key === "Name" && tagValue.trim() === "") {
            problems.push(`tags.Name ${show(tagValue)} is empty; leave it out to use the component's name`);
        } else {
            tags[key] = tagValue;
        }
    }
    return tags;
}

/**
 * Every arg of {@link FreeTierServerArgs}: "plain" where the component checks the value before
 * it creates anything, "input" where it only passes it on (it may be an Output).
 */
const ARGS: Readonly<Record<keyof FreeTierServerArgs, "plain" | "input">> = {
    sshAllowedCidrs: "plain",
    access: "plain",
    appPorts: "plain",
    plan: "plain",
    instanceType: "plain",
    os: "plain",
    ami: "input",
    rootVolumeSizeGb: "plain",
    rootVolumeType: "plain",
    publicKey: "input",
    vpcId: "input",
    subnetId: "input",
    userData: "input",
    elasticIp: "plain",
    budgetEmail: "plain",
    budgetUsd: "plain",
    tags: "plain",
};

/** The names of every arg, in the order of {@link FreeTierServerArgs}. */
export const ARG_NAMES = Object.keys(ARGS) as (keyof FreeTierServerArgs)[];

/** The args the component checks before creating anything, so their values must be known. */
export const PLAIN_ARGS = ARG_NAMES.filter((key) => ARGS[key] === "plain");

/** The path of an item inside a value at `path`: `sshAllowedCidrs[0]`, `tags.Owner`. */
export function itemPath(path: string, key: string | number): string {
    return typeof key === "number" ? `${path}[${key}]` : `${path}.${key}`;
}

/** The problem of a plain arg (or a part of one) that is an Output in a TypeScript program. */
export function outputInPlainArg(path: string): string {
    return `${path} is an Output (of another resource, or a secret), but FreeTierServer checks it before creating anything; pass a plain value, such as a literal or stack config`;
}

/** What inside a plain arg's value cannot be read as a plain value now, and where. */
function unreadableIn(value: unknown, path: string): { path: string; problem: string }[] {
    if (pulumi.Output.isInstance(value)) {
        return [{ path, problem: outputInPlainArg(path) }];
    }
    if (pulumi.Resource.isInstance(value)) {
        return [{ path, problem: `${path} is a resource, where FreeTierServer takes a plain value` }];
    }
    if (Array.isArray(value)) {
        return value.flatMap((item: unknown, i) => unreadableIn(item, itemPath(path, i)));
    }
    if (typeof value === "object" && value !== null) {
        return Object.entries(value).flatMap(([key, item]) => unreadableIn(item, itemPath(path, key)));
    }
    return [];
}

/** Letters and digits only, lower case: `ssh_allowed_cidrs` and `sshAllowedCidrs` are alike. */
function bare(name: string): string {
    return name.toLowerCase().replace(/[^a-z0-9]/g, "");
}

/** Edit distance (insertions, deletions, substitutions) between two names. */
function distance(a: string, b: string): number {
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        for (let j = 1; j <= b.length; j++) {
            current[j] = Math.min(
                previous[j] + 1,
                current[j - 1] + 1,
                previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1),
            );
        }
        previous = current;
    }
    return previous[b.length];
}

/** The one arg a misspelt name most likely means, if there is one. */
function meant(name: string): string | undefined {
    return closestName(name, ARG_NAMES);
}

/** The one of `names` a misspelt name most likely means (case, separators, two edits, a part), if there is one. */
export function closestName(name: string, names: readonly string[]): string | undefined {
    const key = bare(name);
    const close = (limit: number) => names.filter((arg) => distance(bare(arg), key) <= limit);
    const within = (arg: string) => key.length >= 4 && (bare(arg).includes(key) || key.includes(bare(arg)));
    for (const candidates of [close(0), close(2), names.filter(within)]) {
        if (candidates.length === 1) {
            return candidates[0];
        }
        if (candidates.length > 1) {
            return undefined;
        }
    }
    return undefined;
}

/** Args FreeTierServer does not have (a misspelt name would otherwise be silently ignored). */
function checkArgNames(args: object, problems: string[]): void {
    for (const [key, value] of Object.entries(args)) {
        if (Object.hasOwn(ARGS, key) || value === undefined) {
            continue;
        }
        const name = /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? key : show(key);
        const arg = meant(key);
        problems.push(
            arg
                ? `${name} is not an arg of FreeTierServer; did you mean ${arg}?`
                : `${name} is not an arg of FreeTierServer; its args are ${ARG_NAMES.join(", ")}`,
        );
    }
}

/**
 * Checks every arg of a FreeTierServer and applies the defaults. Throws a
 * {@link FreeTierServerArgsError} naming each bad arg and its value; nothing is created then.
 */
export function resolveArgs(name: string, args: FreeTierServerArgs | undefined): ResolvedArgs {
    const problems: string[] = [];
    if (typeof name !== "string" || name.trim() === "") {
        problems.push(`the resource name ${show(name)} is empty; it becomes the Name tag`);
    } else if (name.length > MAX_TAG_VALUE) {
        problems.push(
            `the resource name is ${name.length} characters long; it becomes the Name tag, and AWS takes at most ${MAX_TAG_VALUE}`,
        );
    }
    if (args === undefined || args === null || typeof args !== "object") {
        throw new FreeTierServerArgsError(String(name), [
            `args are required: at least sshAllowedCidrs, such as { sshAllowedCidrs: ["203.0.113.7/32"] }`,
        ]);
    }
    checkArgNames(args, problems);
    // An Output cannot be checked now: name it, and check the rest of the args.
    const unreadable = PLAIN_ARGS.flatMap((key) =>
        unreadableIn(args[key], key).map((found) => ({ ...found, arg: key })),
    );
    problems.push(...unreadable.map((found) => found.problem));
    const unchecked = new Set<string>(unreadable.map((found) => found.arg));
    const plain = <K extends keyof FreeTierServerArgs>(key: K, otherwise: FreeTierServerArgs[K]) =>
        unchecked.has(key) ? otherwise : (args[key] ?? otherwise);

    const access = checkAccess(plain("access", DEFAULTS.access), problems);
    // Required for "ssh" only; the keyless modes take none (an empty list is no SSH source either).
    const sshGiven =
        args.sshAllowedCidrs !== undefined &&
        args.sshAllowedCidrs !== null &&
        !(Array.isArray(args.sshAllowedCidrs) && args.sshAllowedCidrs.length === 0);
    const ssh =
        access === Access.Ssh
            ? checkSshCidrs(unchecked.has("sshAllowedCidrs") ? [] : args.sshAllowedCidrs, problems)
            : { ipv4: [], ipv6: [] };
    checkAccessCombinations(access, args, sshGiven && !unchecked.has("sshAllowedCidrs"), problems);
    const appPorts = checkAppPorts(plain("appPorts", DEFAULTS.appPorts), problems);
    const plan = checkPlan(plain("plan", DEFAULTS.plan), problems);
    const instanceType = checkInstanceType(plain("instanceType", defaultInstanceType(plan)), plan, problems);
    const os = checkOs(plain("os", DEFAULTS.os), problems);
    const rootVolumeSizeGb = plain("rootVolumeSizeGb", DEFAULTS.rootVolumeSizeGb);
    const rootVolumeType = plain("rootVolumeType", DEFAULTS.rootVolumeType);
    checkRootVolume(rootVolumeSizeGb, rootVolumeType, os, problems);
    const elasticIp = plain("elasticIp", DEFAULTS.elasticIp);
    if (typeof elasticIp !== "boolean") {
        problems.push(`elasticIp ${show(elasticIp)} is not true or false`);
    }
    const budget = checkBudget(plain("budgetEmail", undefined), plain("budgetUsd", undefined), problems);
    const tags = checkTags(name, plain("tags", DEFAULTS.tags), problems);
    checkPassedOn(args, problems);
    if (problems.length > 0) {
        throw new FreeTierServerArgsError(name, problems);
    }
    return {
        access,
        ssh,
        appPorts,
        plan,
        instanceType,
        os,
        ami: args.ami,
        rootVolumeSizeGb: rootVolumeSizeGb!,
        rootVolumeType: rootVolumeType!,
        publicKey: args.publicKey,
        vpcId: args.vpcId,
        subnetId: args.subnetId,
        userData: args.userData,
        elasticIp: elasticIp!,
        budget,
        tags,
    };
}
