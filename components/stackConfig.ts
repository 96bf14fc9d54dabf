import * as pulumi from "@pulumi/pulumi";
import { FreeTierServerArgs } from "./args";
import { show } from "../lib/format";

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

    const access = config.get("access") as FreeTierServerArgs["access"];
    const sshAllowedCidrs = list("sshAllowedCidrs");
    // Required for the guide's "ssh" access only; the component refuses it with the others.
    if (sshAllowedCidrs === undefined && (access === undefined || access === "ssh")) {
        throw new StackConfigError(MISSING_SSH(key("sshAllowedCidrs")));
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
