import * as assert from "node:assert/strict";
import * as path from "node:path";
import { runUnderMocks } from "../../testing/mockEngine";
import { loadStackConfig } from "../../offline/projectFiles";
import { EIP, INSTANCE, SECURITY_GROUP } from "../../testing/types";

const ROOT = path.resolve(__dirname, "../..");
const CONSUMER = path.join(ROOT, "examples/consumer");

describe("another project importing the package by name (examples/consumer)", () => {
    it("resolves free-tier-server to this repository's built package, with its types", () => {
        const main = require.resolve("free-tier-server", { paths: [CONSUMER] });
        assert.equal(main, path.join(ROOT, "dist/components/index.js"));
        const types = require.resolve("free-tier-server/package.json", { paths: [CONSUMER] });
        assert.equal(require(types).types, "dist/components/index.d.ts");
    });

    it("builds its own FreeTierServer with the component's safe defaults", async () => {
        const { engine, outputs } = await runUnderMocks(
            path.join(CONSUMER, "index.ts"),
            loadStackConfig(CONSUMER, "staging"),
        );
        const component = engine.one("freetier:index:FreeTierServer");
        assert.equal(component.name, "blog");
        const instance = engine.one(INSTANCE);
        assert.equal(instance.parent, component.urn);
        assert.equal(instance.inputs.instanceType, "t3.micro");
        // t3 defaults to unlimited credits; the component pins standard.
        assert.deepEqual(instance.inputs.creditSpecification, { cpuCredits: "standard" });
        assert.deepEqual(instance.inputs.tags, { Name: "blog", Project: "blog", Environment: "staging" });
        const ssh = (engine.one(SECURITY_GROUP).inputs.ingress as any[])[0];
        assert.deepEqual(ssh.cidrBlocks, ["198.51.100.7/32"]);
        assert.equal(engine.ofType(EIP).length, 1);
        assert.equal(outputs.url, "http://ec2-198-51-100-10.ap-northeast-2.compute.amazonaws.com:80");
    });
});
