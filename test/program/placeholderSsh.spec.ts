/**
 * The dev stack's "my IP" placeholder (203.0.113.10/32, a documentation address) previews, exit
 * 0, with a warning that names the key and says how to set your own; a real address gets none.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import { placeholderSshWarning } from "../../components/stackConfig";
import { previewOffline } from "../../offline/preview";
import { PACK, ROOT, transpileOnly } from "../corpus/support";
import { guideProjectWith } from "../../testing/tempProject";

const KEY = "free-tier-server:sshAllowedCidrs";

describe("the placeholder SSH address", function () {
    this.timeout(300_000);

    it("is named, with the key and how to set your own", () => {
        const warning = placeholderSshWarning(KEY, "dev", ["203.0.113.10/32"]);
        assert.ok(warning);
        assert.match(warning, /^Stack config free-tier-server:sshAllowedCidrs holds 203\.0\.113\.10\/32, /);
        assert.ok(warning.includes("Pulumi.dev.yaml"));
        assert.ok(warning.includes(`pulumi config set --path 'sshAllowedCidrs[0]'`));
    });

    it("covers every documentation range, and no real address", () => {
        for (const cidr of ["192.0.2.1/32", "198.51.100.7/32", "203.0.113.0/24", "2001:db8::10/128"]) {
            assert.ok(placeholderSshWarning(KEY, "dev", [cidr]), cidr);
        }
        for (const cidrs of [["8.8.8.8/32"], ["203.0.112.10/32", "2001:db9::1/128"], [], undefined]) {
            assert.equal(placeholderSshWarning(KEY, "dev", cidrs), undefined, JSON.stringify(cidrs));
        }
    });

    it("warns in the dev stack's offline preview, which still passes", async () => {
        const report = await previewOffline({ cwd: ROOT, stack: "dev", policyPack: PACK, env: transpileOnly });
        assert.equal(report.exitCode, 0);
        const warnings = report.diagnostics.filter((d) => d.severity === "warning").map((d) => d.message);
        assert.equal(warnings.length, 1, warnings.join("\n"));
        assert.ok(warnings[0].startsWith(`Stack config ${KEY} holds 203.0.113.10/32`), warnings[0]);
    });

    it("is silent for a stack with your own address", async () => {
        const dir = guideProjectWith(
            "config:\n  free-tier-server:sshAllowedCidrs:\n    - 8.8.8.8/32\n",
            "free-tier-own-ip-",
        );
        try {
            const report = await previewOffline({ cwd: dir, stack: "dev", policyPack: PACK, env: transpileOnly });
            assert.equal(report.exitCode, 0);
            assert.deepEqual(
                report.diagnostics.filter((d) => d.severity === "warning"),
                [],
            );
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});
