#!/usr/bin/env node
// free-tier-preview: `npm run preview:offline` as a command of its own (npx free-tier-preview,
// npm exec free-tier-preview), so that what it prints is the preview alone, with no npm script
// banner: `--json` output is one JSON document however it is run.
"use strict";
const path = require("node:path");

const root = path.resolve(__dirname, "..");
require("ts-node").register({ transpileOnly: true, dir: root, project: path.join(root, "tsconfig.json") });
require(path.join(root, "scripts", "previewOffline.ts"));
