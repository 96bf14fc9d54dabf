/**
 * npm run plugin:schema: infers the freetier plugin's schema from the component's TypeScript
 * source with the Pulumi SDK's own analyser, as `run-plugin` would if the plugin's entry point
 * were its index.ts, and writes it to freetier/schema.json, which the plugin serves.
 * test/plugin/schema.spec.ts fails whenever the committed file and the source disagree.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { inferComponentSchema, PackageSpec } from "../freetier/adapters/pulumiSdk";

export const PLUGIN_DIR = path.resolve(__dirname, "../freetier");
export const SCHEMA_FILE = path.join(PLUGIN_DIR, "schema.json");

/** The component classes the package exports. */
const COMPONENTS = ["FreeTierServer"];

/** The schema the SDK's componentProviderHost would serve for the plugin's TypeScript source. */
export function inferSchema(dir = PLUGIN_DIR): PackageSpec {
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
    return inferComponentSchema(dir, manifest, COMPONENTS);
}

/** The file's text: what the plugin serves byte for byte. */
export function schemaText(schema: PackageSpec): string {
    return `${JSON.stringify(schema, null, 2)}\n`;
}

if (require.main === module) {
    fs.writeFileSync(SCHEMA_FILE, schemaText(inferSchema()));
    console.log(`wrote ${path.relative(process.cwd(), SCHEMA_FILE)}`);
}
