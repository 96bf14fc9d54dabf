/**
 * The freetier provider: what `pulumi package add` and the engine call on this plugin.
 *
 * GetSchema serves the committed schema.json, which `npm run plugin:schema` infers from the
 * component's TypeScript source with the Pulumi SDK's own analyser (a test proves the two are
 * equal), so start-up neither type-checks nor analyses anything. Construct builds the very
 * FreeTierServer that TypeScript programs use, loaded on the first Construct only.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import type { FreeTierServerArgs } from "../components/args";
import { outputParts } from "./adapters/pulumiSdk";
import { FreeTierServerArgsError, itemPath } from "../components/validate";

/** The plugin's folder: the one holding PulumiPlugin.yaml, above this file (source or compiled). */
export function pluginDir(from = __dirname): string {
    for (let dir = from; ; dir = path.dirname(dir)) {
        if (fs.existsSync(path.join(dir, "PulumiPlugin.yaml"))) {
            return dir;
        }
        if (path.dirname(dir) === dir) {
            throw new Error(`no PulumiPlugin.yaml in ${from} or above it`);
        }
    }
}

/** The parts of a package schema this provider reads. */
interface Schema {
    readonly name: string;
    readonly version: string;
    readonly resources: Record<
        string,
        {
            readonly inputProperties: Record<string, { readonly plain?: boolean }>;
            readonly properties: Record<string, unknown>;
        }
    >;
}

/** A value sent for a plain arg, with every Output in it awaited. */
interface Awaited {
    readonly value: unknown;
    /** Where it or a part of it is not known yet (a preview, before another resource exists). */
    readonly unknownAt: string[];
    /** Where it or a part of it is a secret. */
    readonly secretAt: string[];
}

/**
 * Awaits the Outputs an engine may send for a plain arg at `path` (a value from another
 * resource, or a secret), saying where in it each unknown and secret is.
 */
async function awaitPlain(value: unknown, path: string): Promise<Awaited> {
    if (pulumi.Output.isInstance(value)) {
        const [{ known, value: inner }, secret] = await Promise.all([outputParts(value), pulumi.isSecret(value)]);
        const nested = await awaitPlain(inner, path);
        return {
            value: nested.value,
            // Where inside it, when the engine said so; else the whole of it.
            unknownAt: known || nested.unknownAt.length > 0 ? nested.unknownAt : [path],
            secretAt: !secret || nested.secretAt.length > 0 ? nested.secretAt : [path],
        };
    }
    if (pulumi.isUnknown(value)) {
        return { value: undefined, unknownAt: [path], secretAt: [] };
    }
    if (Array.isArray(value) || (typeof value === "object" && value !== null && !pulumi.Resource.isInstance(value))) {
        const entries = await Promise.all(
            Object.entries(value).map(async ([key, item], i) => {
                const awaited = await awaitPlain(item, itemPath(path, Array.isArray(value) ? i : key));
                return [key, awaited] as const;
            }),
        );
        const plain = entries.map(([key, item]) => [key, item.value] as const);
        return {
            value: Array.isArray(value) ? plain.map(([, item]) => item) : Object.fromEntries(plain),
            unknownAt: entries.flatMap(([, item]) => item.unknownAt),
            secretAt: entries.flatMap(([, item]) => item.secretAt),
        };
    }
    return { value, unknownAt: [], secretAt: [] };
}

/** The provider of the `freetier` package. */
export class FreeTierProvider implements pulumi.provider.Provider {
    /** The package's version, from its package.json (GetPluginInfo). */
    readonly version: string;
    /** schema.json as committed (GetSchema). */
    readonly schema: string;
    private readonly parsed: Schema;

    constructor(dir = pluginDir()) {
        this.version = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")).version;
        this.schema = fs.readFileSync(path.join(dir, "schema.json"), "utf8");
        this.parsed = JSON.parse(this.schema);
    }

    async construct(
        name: string,
        type: string,
        inputs: pulumi.Inputs,
        options: pulumi.ComponentResourceOptions,
    ): Promise<pulumi.provider.ConstructResult> {
        const resource = this.parsed.resources[type];
        if (!resource) {
            throw new Error(
                `unknown resource type ${type}; the ${this.parsed.name} package has ${Object.keys(this.parsed.resources).join(", ")}`,
            );
        }
        const args = await this.plainArgs(name, resource.inputProperties, inputs);
        // Loaded here, not at start-up: GetSchema alone never pays for the AWS SDK.
        const { FreeTierServer } = await import("../components/freeTierServer");
        const server = new FreeTierServer(name, args, options);
        const state = Object.fromEntries(
            Object.keys(resource.properties).map((key) => [key, server[key as keyof typeof server]]),
        );
        return { urn: server.urn, state };
    }

    /**
     * The args, with each plain one (checked before anything is created) as its value. The
     * engine sends a value that comes from another resource as an Output, unknown in a
     * preview until that resource exists: the component cannot check such a value, so it is
     * refused, naming the arg, before anything is created. So is a secret, which the children
     * would store in plain text.
     */
    private async plainArgs(
        name: string,
        properties: Schema["resources"][string]["inputProperties"],
        inputs: pulumi.Inputs,
    ): Promise<FreeTierServerArgs> {
        const args: Record<string, unknown> = { ...inputs };
        const problems: string[] = [];
        for (const [key, property] of Object.entries(properties)) {
            if (!property.plain || inputs[key] === undefined) {
                continue;
            }
            const awaited = await awaitPlain(inputs[key], key);
            for (const path of awaited.unknownAt) {
                problems.push(
                    `${path} is not known yet (it comes from another resource's output), but FreeTierServer checks it before creating anything; pass a value known at preview, such as a literal or stack config`,
                );
            }
            for (const path of awaited.secretAt.filter((p) => !awaited.unknownAt.includes(p))) {
                problems.push(
                    `${path} is a secret, but FreeTierServer reads it as plain text to check it, and its resources would store it unencrypted; pass it as a plain value`,
                );
            }
            args[key] = awaited.value;
        }
        if (problems.length > 0) {
            throw new FreeTierServerArgsError(name, problems);
        }
        return args as unknown as FreeTierServerArgs;
    }
}
