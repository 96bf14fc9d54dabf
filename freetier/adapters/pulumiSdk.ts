/**
 * The one place the repository reaches past the public API of the Pulumi SDK, @pulumi/pulumi
 * 3.276.0 (what its index.d.ts exports, `pulumi.runtime` included). It lives with the plugin,
 * which ships alone and needs the first of them; the mocks of testing/ and the schema script
 * take theirs from here too. Each internal is named once, with the SDK file that defines it;
 * test/adapters/pulumiSdk.spec.ts pins the shape of each against the installed SDK, so a
 * version that changes one fails there, by name.
 *
 * - Output's `isKnown` and `promise(withUnknowns)` (output.ts, marked internal): whether a value
 *   the engine sent a provider is known yet, and the value with its unknowns kept. The SDK's
 *   own provider server reads them (provider/server.ts) the same way; no public member says
 *   whether an Output is known (`apply` just never runs for an unknown one).
 * - `MockMonitor` (runtime/mocks.ts): the monitor `pulumi.runtime.setMocks` installs, extended
 *   by testing/mockEngine.ts to record what `Mocks.newResource` is not told (parent, options).
 * - `Analyzer` and `generateSchema` (provider/experimental/analyzer.ts and schema.ts): the
 *   analyser `componentProviderHost` runs to infer a component package's schema from its
 *   TypeScript source; `npm run plugin:schema` writes freetier/schema.json with it. Loaded on
 *   first use only, so the plugin never loads the TypeScript compiler it needs.
 */
import * as pulumi from "@pulumi/pulumi";
import type { PackageSpec } from "@pulumi/pulumi/provider/experimental/schema";

type AnalyzerModule = typeof import("@pulumi/pulumi/provider/experimental/analyzer");
type SchemaModule = typeof import("@pulumi/pulumi/provider/experimental/schema");

export type { PackageSpec };
export { MockMonitor } from "@pulumi/pulumi/runtime/mocks";

/** output.ts: the members of Output the SDK marks internal. */
interface OutputInternals {
    readonly isKnown: Promise<boolean>;
    promise(withUnknowns?: boolean): Promise<unknown>;
}

/** Whether an Output is known yet, and its value with unknowns kept (`pulumi.unknown` where one is). */
export async function outputParts(output: pulumi.Output<unknown>): Promise<{ known: boolean; value: unknown }> {
    const internals = output as unknown as OutputInternals;
    const [known, value] = await Promise.all([internals.isKnown, internals.promise(true)]);
    return { known, value };
}

/**
 * The schema `componentProviderHost` would serve for the component package in `dir` (its
 * package.json names it), exporting the component classes named.
 */
export function inferComponentSchema(
    dir: string,
    manifest: { name: string; version: string; description: string },
    components: readonly string[],
): PackageSpec {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Analyzer } = require("@pulumi/pulumi/provider/experimental/analyzer") as AnalyzerModule;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { generateSchema } = require("@pulumi/pulumi/provider/experimental/schema") as SchemaModule;
    const analyzer = new Analyzer(dir, manifest.name, manifest, new Set(components));
    const { components: found, typeDefinitions, dependencies } = analyzer.analyze();
    return generateSchema(manifest.name, manifest.version, manifest.description, found, typeDefinitions, dependencies);
}
