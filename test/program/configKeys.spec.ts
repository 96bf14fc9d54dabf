/**
 * A stack config key of the project that the program does not read is refused, with the key it
 * likely means, rather than silently ignored while the defaults are built.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { STACK_CONFIG_KEYS, unknownConfigKeys } from "../../components/stackConfig";
import { PreviewError, previewOffline } from "../../offline/preview";
import { PACK, ROOT, transpileOnly } from "../corpus/support";
import { guideProjectWith } from "../../testing/tempProject";

describe("stack config keys the program does not read", function () {
    this.timeout(300_000);

    it("are the component's args and serverName, no more and no fewer", () => {
        const schema = JSON.parse(fs.readFileSync(path.join(ROOT, "freetier/schema.json"), "utf8"));
        const args = Object.keys(schema.resources["freetier:index:FreeTierServer"].inputProperties);
        assert.deepEqual([...STACK_CONFIG_KEYS].sort(), ["serverName", ...args].sort());
    });

    it("are refused with the key they likely mean, or the list of keys", () => {
        assert.equal(
            unknownConfigKeys("p", ["p:instancetype", "p:rootVolumeSize", "aws:region", "other:x", "p:plan"]),
            "Stack config p:instancetype is not a setting of this program; did you mean instanceType?\n" +
                "Stack config p:rootVolumeSize is not a setting of this program; did you mean rootVolumeSizeGb?",
        );
        assert.match(
            unknownConfigKeys("p", ["p:zzz"]) ?? "",
            /^Stack config p:zzz is not a setting of this program; its settings are serverName, access, sshAllowedCidrs, /,
        );
        assert.equal(
            unknownConfigKeys(
                "p",
                STACK_CONFIG_KEYS.map((k) => `p:${k}`),
            ),
            undefined,
        );
    });

    it("stop the offline preview before anything is created (exit 2), naming the key", async () => {
        const dir = guideProjectWith(
            "config:\n  free-tier-server:sshAllowedCidrs:\n    - 8.8.8.8/32\n  free-tier-server:instancetype: t3.large\n",
            "free-tier-typo-",
        );
        try {
            await assert.rejects(
                previewOffline({ cwd: dir, stack: "dev", policyPack: PACK, env: transpileOnly }),
                (err: unknown) =>
                    err instanceof PreviewError &&
                    err.message.includes(
                        "Stack config free-tier-server:instancetype is not a setting of this program; did you mean instanceType?",
                    ),
            );
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});
