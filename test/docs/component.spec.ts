/**
 * docs/component.md against freetier/schema.json, the multi-language contract: the same args,
 * the same required ones, the defaults the schema's descriptions state, and the same outputs.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "../..");
const doc = fs.readFileSync(path.join(ROOT, "docs/component.md"), "utf8");
const schema = JSON.parse(fs.readFileSync(path.join(ROOT, "freetier/schema.json"), "utf8")) as {
    resources: Record<
        string,
        {
            inputProperties: Record<string, { description?: string }>;
            properties: Record<string, unknown>;
            requiredInputs: string[];
        }
    >;
};
const server = schema.resources["freetier:index:FreeTierServer"];

/** The rows of the markdown table that follows `heading`, as cells, header and rule left out. */
function table(heading: string): string[][] {
    const start = doc.indexOf(heading);
    assert.ok(start >= 0, `docs/component.md has no ${heading}`);
    const lines = doc.slice(start).split("\n");
    const first = lines.findIndex((line) => line.startsWith("|"));
    const rows: string[][] = [];
    for (const line of lines.slice(first + 2)) {
        if (!line.startsWith("|")) {
            break;
        }
        rows.push(
            line
                .slice(1, -1)
                .split(" | ")
                .map((cell) => cell.trim()),
        );
    }
    return rows;
}

/** `name` in the first cell of a row: "`sshAllowedCidrs`". */
const nameOf = (row: string[]) => row[0].replace(/`/g, "");

describe("docs/component.md, checked against freetier/schema.json", () => {
    const args = table("## `FreeTierServerArgs`");
    const outputs = table("## Outputs");

    it("lists every arg of the schema, once, and no other", () => {
        assert.deepEqual(args.map(nameOf).sort(), Object.keys(server.inputProperties).sort());
    });

    it("marks the schema's required args as required, and only those", () => {
        const required = args.filter((row) => row[2].startsWith("required")).map(nameOf);
        assert.deepEqual(required.sort(), [...server.requiredInputs].sort());
    });

    it("gives each arg the default its schema description states", () => {
        const stated = Object.entries(server.inputProperties).flatMap(([name, property]) => {
            const match = /Defaults to (`[^`]+`|[^.`]+?)[.,(]/.exec((property.description ?? "").replace(/\s+/g, " "));
            return match ? [[name, match[1].trim()] as const] : [];
        });
        assert.ok(stated.length >= 10, `only ${stated.length} defaults found in the schema`);
        for (const [name, value] of stated) {
            const row = args.find((r) => nameOf(r) === name);
            assert.ok(row, name);
            assert.ok(row[2].includes(value), `${name}: docs say ${row[2]}, the schema says ${value}`);
        }
    });

    it("lists every output of the schema, once, and no other", () => {
        assert.deepEqual(outputs.map(nameOf).sort(), Object.keys(server.properties).sort());
    });
});
