import * as pulumi from "@pulumi/pulumi";
import { FreeTierServerArgs } from "./args";
import { show } from "../lib/format";
import { closestName } from "./validate";

/** The server's name (and Name tag) when the stack config sets none. */
export const DEFAULT_SERVER_NAME = "free-tier-server";

/** A stack config value that is missing or cannot be read; the CLI prints only the message. */
export class StackConfigError extends pulumi.RunError {
    constructor(message: string) {
        super(message);
        this.name = "StackConfigError";
    }
}

const MISSING_SSH = (key: string) =>
    `Stack config ${key} is not set. It lists the CIDR blocks allowed to reach SSH (port 22). ` +
    `Allow your own address:\n` +
    `    pulumi config set --path 'sshAllowedCidrs[0]' "$(curl -s https://checkip.amazonaws.com)/32"\n` +
    `or write "${key}: []" in Pulumi.<stack>.yaml for no SSH at all.`;

/** RFC 5737 and RFC 3849 documentation addresses: they reach nobody. */
const DOCUMENTATION_CIDR = /^(192\.0\.2|198\.51\.100|203\.0\.113)\.\d{1,3}\/(2[4-9]|3[0-2])$|^2001:db8:/i;

/**
 * The warning for SSH CIDRs that are documentation addresses, such as the dev stack's placeholder
 * 203.0.113.10/32: the preview passes, and `pulumi up` builds a server no one can reach by SSH.
 */
export function placeholderSshWarning(key: string, stack: string, cidrs: unknown): string | undefined {
    const placeholders = Array.isArray(cidrs)
        ? cidrs.filter((c): c is string => typeof c === "string" && DOCUMENTATION_CIDR.test(c.trim()))
        : [];
    if (placeholders.length === 0) {
        return undefined;
    }
    return (
        `Stack config ${key} holds ${placeholders.join(", ")}, ` +
        `${placeholders.length === 1 ? "a documentation address that reaches" : "documentation addresses that reach"} nobody: ` +
        `SSH would let no one in. Put your own public address followed by /32 in Pulumi.${stack}.yaml ` +
        `(curl https://checkip.amazonaws.com shows it), or run:\n` +
        `    pulumi config set --path 'sshAllowedCidrs[0]' "$(curl -s https://checkip.amazonaws.com)/32"`
    );
}

/** The project's own stack config keys the program reads: `serverName` and the component's args. */
export const STACK_CONFIG_KEYS: readonly string[] = [
    "serverName",
    "access",
    "sshAllowedCidrs",
    "appPorts",
    "plan",
    "instanceType",
    "os",
    "ami",
    "rootVolumeSizeGb",
    "rootVolumeType",
    "publicKey",
    "vpcId",
    "subnetId",
    "userData",
    "elasticIp",
    "budgetEmail",
    "budgetUsd",
    "tags",
];

/**
 * A key of the project's namespace that the program does not read would be silently ignored
 * (`instancetype: t3.large` builds the default); refuse it, with the key it likely means.
 */
export function unknownConfigKeys(project: string, keys: readonly string[]): string | undefined {
    const problems = keys
        .filter((k) => k.startsWith(`${project}:`))
        .map((k) => k.slice(project.length + 1))
        .filter((k) => !STACK_CONFIG_KEYS.includes(k.split(".")[0]))
        .map((k) => {
            const meant = closestName(k, STACK_CONFIG_KEYS);
            return meant
                ? `Stack config ${project}:${k} is not a setting of this program; did you mean ${meant}?`
                : `Stack config ${project}:${k} is not a setting of this program; its settings are ${STACK_CONFIG_KEYS.join(", ")}`;
        });
    return problems.length > 0 ? problems.join("\n") : undefined;
}

/** What a stack's config builds: the server's name and its args. */
export interface ServerConfig {
    readonly name: string;
    readonly args: FreeTierServerArgs;
}

/**
 * Reads a FreeTierServer from stack config: `serverName` and every arg of
 * {@link FreeTierServerArgs} under the same key (`sshAllowedCidrs`, `access`, `appPorts`,
 * `plan`, `instanceType`, `os`, `ami`, `rootVolumeSizeGb`, `rootVolumeType`, `publicKey`, `vpcId`,
 * `subnetId`, `userData`, `elasticIp`, `budgetEmail`, `budgetUsd`, `tags`). Only `sshAllowedCidrs`
 * is required, and only for `access` "ssh" (the default); it is a YAML
 * list, or a string of CIDR blocks separated by commas (as a `pulumi new` prompt stores it).
 * Values are parsed here and checked by the component, so every error names the key and the value.
 */
export function serverConfigFrom(config: pulumi.Config): ServerConfig {
    const key = (k: string) => `${config.name}:${k}`;
    const json = (k: string): unknown => {
        const text = config.get(k);
        if (text === undefined) {
            return undefined;
        }
        try {
            return JSON.parse(text);
        } catch {
            throw new StackConfigError(`Stack config ${key(k)} ${show(text)} is not a YAML list or map`);
        }
    };
    // A list as a YAML file writes it, or as a `pulumi new` prompt takes it: one string of
    // values separated by commas or spaces.
    const list = (k: string): unknown => {
        const text = config.get(k);
        if (text === undefined || /^\s*[[{]/.test(text)) {
            return json(k);
        }
        const items = text.split(/[\s,]+/).filter((item) => item !== "");
        if (items.length === 0) {
            throw new StackConfigError(`Stack config ${key(k)} ${show(text)} is empty; write [] for none`);
        }
        return items;
    };
    const number = (k: string): number | undefined => {
        const text = config.get(k);
        if (text === undefined) {
            return undefined;
        }
        const value = Number(text);
        if (text.trim() === "" || !Number.isFinite(value)) {
            throw new StackConfigError(`Stack config ${key(k)} ${show(text)} is not a number`);
        }
        return value;
    };
    const boolean = (k: string): boolean | undefined => {
        const text = config.get(k);
        if (text === undefined) {
            return undefined;
        }
        if (text !== "true" && text !== "false") {
            throw new StackConfigError(`Stack config ${key(k)} ${show(text)} is not true or false`);
        }
        return text === "true";
    };
    // Secret values (publicKey, userData) stay secret Outputs; the rest are plain, so the
    // component can check them before it creates anything.
    const secretOrPlain = (k: string): pulumi.Input<string> | undefined => config.getSecret(k);

    const unknown = unknownConfigKeys(config.name, Object.keys(pulumi.runtime.allConfig()));
    if (unknown) {
        throw new StackConfigError(unknown);
    }
    const access = config.get("access") as FreeTierServerArgs["access"];
    const sshAllowedCidrs = list("sshAllowedCidrs");
    // Required for the guide's "ssh" access only; the component refuses it with the others.
    if (sshAllowedCidrs === undefined && (access === undefined || access === "ssh")) {
        throw new StackConfigError(MISSING_SSH(key("sshAllowedCidrs")));
    }
    const placeholder = placeholderSshWarning(key("sshAllowedCidrs"), pulumi.getStack(), sshAllowedCidrs);
    if (placeholder) {
        void pulumi.log.warn(placeholder);
    }
    const name = config.get("serverName") ?? DEFAULT_SERVER_NAME;
    const args: FreeTierServerArgs = {
        sshAllowedCidrs: sshAllowedCidrs as string[] | undefined,
        access,
        appPorts: json("appPorts") as number[] | undefined,
        plan: config.get("plan") as FreeTierServerArgs["plan"],
        instanceType: config.get("instanceType"),
        os: config.get("os") as FreeTierServerArgs["os"],
        ami: config.get("ami"),
        rootVolumeSizeGb: number("rootVolumeSizeGb"),
        rootVolumeType: config.get("rootVolumeType") as FreeTierServerArgs["rootVolumeType"],
        publicKey: secretOrPlain("publicKey"),
        vpcId: config.get("vpcId"),
        subnetId: config.get("subnetId"),
        userData: secretOrPlain("userData"),
        elasticIp: boolean("elasticIp"),
        // A `pulumi new` prompt left empty stores "": no budget.
        budgetEmail: config.get("budgetEmail")?.trim() || undefined,
        budgetUsd: number("budgetUsd"),
        tags: json("tags") as Record<string, string> | undefined,
    };
    // Leave unset keys out, so the component's defaults apply.
    const set = Object.fromEntries(Object.entries(args).filter(([, v]) => v !== undefined));
    return { name, args: set as unknown as FreeTierServerArgs };
}
