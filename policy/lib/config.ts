/**
 * Policy config: each policy declares its tunables in a JSON schema with defaults and bounds
 * (the Pulumi CLI validates `--policy-pack-config` against it) and reads them through
 * {@link configOf}, which applies the same defaults.
 */
import type { PolicyConfigSchema } from "@pulumi/policy";

/** The policy's config with the schema's defaults filled in. */
export function configOf<T extends object>(args: { getConfig<C extends object>(): C }, schema: PolicyConfigSchema): T {
    const defaults: Record<string, unknown> = {};
    for (const [key, property] of Object.entries(schema.properties)) {
        if (typeof property === "object" && property !== null && "default" in property) {
            defaults[key] = (property as { default: unknown }).default;
        }
    }
    return { ...defaults, ...args.getConfig<T>() } as T;
}
