/**
 * Policy config: each policy declares its tunables in a JSON schema with defaults and bounds
 * (the Pulumi CLI validates `--policy-pack-config` against it) and reads them through a
 * {@link configReader}, which applies the same defaults.
 */
import type { PolicyConfigSchema } from "@pulumi/policy";

/**
 * Reads a policy's config with the schema's defaults filled in. The defaults are taken from
 * the schema once, when the policy is defined, not on every resource it judges.
 */
export function configReader<T extends object>(
    schema: PolicyConfigSchema,
): (args: { getConfig<C extends object>(): C }) => T {
    const defaults: Record<string, unknown> = {};
    for (const [key, property] of Object.entries(schema.properties)) {
        if (typeof property === "object" && property !== null && "default" in property) {
            defaults[key] = (property as { default: unknown }).default;
        }
    }
    return (args) => ({ ...defaults, ...args.getConfig<T>() }) as T;
}
