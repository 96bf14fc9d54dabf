/**
 * The price data reaches the published policy pack: its package.json packs only bin/**\/*.js
 * (and maps), so the compiled lookup must load its data from a .js module, not a .json file.
 * Runs on the built pack (npm run build, as npm test does first).
 */
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

const POLICY_DIR = path.resolve(__dirname, "../../policy");
const BUILT = path.join(POLICY_DIR, "bin/lib/prices.js");

describe("prices: in the packed policy pack", function () {
    this.timeout(60000);

    before(function () {
        if (!fs.existsSync(BUILT)) {
            // Nothing to check before the first build (npm test builds first).
            this.skip();
        }
    });

    it("packs the compiled lookup and its data module", () => {
        const out = execFileSync("npm", ["pack", "--dry-run", "--json", "--loglevel=error"], {
            cwd: POLICY_DIR,
            encoding: "utf8",
        });
        const files = (JSON.parse(out) as { files: { path: string }[] }[])[0].files.map((f) => f.path);
        for (const f of ["bin/lib/prices.js", "bin/lib/prices/snapshotData.js", "bin/lib/prices/types.js"]) {
            assert.ok(files.includes(f), `${f} is packed`);
        }
    });

    it("loads its data without any .json file", () => {
        const compiled = ["prices.js", "prices/snapshotData.js", "prices/types.js"].map((f) =>
            fs.readFileSync(path.join(POLICY_DIR, "bin/lib", f), "utf8"),
        );
        for (const text of compiled) {
            assert.doesNotMatch(text, /require\([^)]*\.json/);
        }
        const json = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../lib/prices/snapshot.json"), "utf8"));
        const built = require(BUILT);
        assert.equal(built.PRICE_SNAPSHOT, json.snapshot);
        assert.deepEqual(built.pricedRegions(), Object.keys(json.regions).sort());
    });
});
