#!/usr/bin/env node
// free-tier-preview: `npm run preview:offline` as a command of its own (npx free-tier-preview,
// npm exec free-tier-preview), so that what it prints is the preview alone, with no npm script
// banner: `--json` output is one JSON document however it is run.
// In this repository it runs scripts/previewOffline.ts with ts-node; installed as a dependency
// (which ships no TypeScript sources and no ts-node), the compiled dist/scripts/previewOffline.js.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const source = path.join(root, "scripts", "previewOffline.ts");
if (fs.existsSync(source)) {
    require("ts-node").register({ transpileOnly: true, dir: root, project: path.join(root, "tsconfig.json") });
    require(source);
} else {
    require(path.join(root, "dist", "scripts", "previewOffline.js"));
}
