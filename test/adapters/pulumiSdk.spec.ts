/**
 * The adapter to what the Pulumi SDK keeps internal (freetier/adapters/pulumiSdk.ts): each
 * internal it names, held to the shape the plugin, the mocks and the schema script rely on,
 * against the installed SDK. An SDK version that renames or reshapes one fails here, by name.
 */
import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { MockMonitor, outputParts } from "../../freetier/adapters/pulumiSdk";

describe("the adapter to the Pulumi SDK", () => {
    it("says whether an Output is known, and gives its value with unknowns kept", async () => {
        assert.deepEqual(await outputParts(pulumi.output(8)), { known: true, value: 8 });
        assert.deepEqual(await outputParts(pulumi.secret("hunter2")), { known: true, value: "hunter2" });
        const unknown = await outputParts(pulumi.output(pulumi.unknown));
        assert.equal(unknown.known, false);
        assert.ok(pulumi.isUnknown(unknown.value));
        const inside = await outputParts(pulumi.output({ id: pulumi.unknown, port: 22 }));
        // Unknown as a whole, and the value still says where inside it.
        assert.equal(inside.known, false);
        const value = inside.value as { id: unknown; port: unknown };
        assert.ok(pulumi.isUnknown(value.id));
        assert.equal(value.port, 22);
    });

    it("gives the mock monitor setMocks installs, with the calls testing/mockEngine.ts extends", () => {
        for (const method of ["registerResource", "invoke", "readResource", "supportsFeature"]) {
            assert.equal(
                typeof (MockMonitor.prototype as unknown as Record<string, unknown>)[method],
                "function",
                method,
            );
        }
        const mocks = { newResource: () => ({ id: "i", state: {} }), call: () => ({}) };
        assert.equal(new MockMonitor(mocks).mocks, mocks);
        assert.equal(typeof pulumi.runtime.setMockOptions, "function");
    });

    it("finds the SDK's schema analyser where componentProviderHost loads it", () => {
        const { Analyzer } = require("@pulumi/pulumi/provider/experimental/analyzer");
        const { generateSchema } = require("@pulumi/pulumi/provider/experimental/schema");
        assert.equal(typeof Analyzer.prototype.analyze, "function");
        assert.equal(Analyzer.length, 4);
        assert.equal(typeof generateSchema, "function");
        const host = require("fs").readFileSync(
            require.resolve("@pulumi/pulumi/provider/experimental/provider"),
            "utf8",
        );
        // The adapter calls them as the host's getSchema does.
        assert.match(host, /new analyzer_1\.Analyzer\(this\.path, this\.name, this\.packageJSON, new Set\(/);
        assert.match(host, /\{ components, typeDefinitions, dependencies \} = analyzer\.analyze\(\)/);
        assert.match(
            host,
            /generateSchema\(this\.name, this\.version, this\.packageJSON\.description, components, typeDefinitions, dependencies/,
        );
    });
});
