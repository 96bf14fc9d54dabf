/**
 * Type tokens have one home: the pack's in policy/lib/resources.ts (the pack ships alone), the
 * offline preview's in offline/resourceTypes.ts (which re-exports the pack's), the tests' in
 * testing/types.ts (which re-exports both). A product file names an AWS type through those
 * constants; a string literal spelling `aws:<module>/<name>:<Type>` anywhere else in the product
 * is a token written twice, which drifts the day one copy is corrected.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";

const ROOT = path.resolve(__dirname, "../..");
/** The folders whose files ship (in the npm package, the pack or the plugin) or run as its scripts. */
const PRODUCT = ["offline", "scripts", "components", "lib", "freetier"];
const TOKEN_MODULES = ["policy/lib/resources.ts", "offline/resourceTypes.ts", "testing/types.ts"];
/**
 * Written by `npm run planned-outputs:table` from the provider's schema, keyed by the tokens as
 * the schema spells them; test/preview/plannedOutputs.spec.ts holds it to the SDK.
 */
const GENERATED = ["offline/plannedOutputs.table.ts"];
/** A resource type token of the AWS provider: module, member and a capitalised type name. */
const AWS_RESOURCE_TOKEN = /aws:[a-z0-9]+\/[a-zA-Z0-9]+:[A-Z][A-Za-z0-9]*/;

function tsFiles(dir: string): string[] {
    return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
        const rel = `${dir}/${entry.name}`;
        if (entry.isDirectory()) {
            return ["node_modules", "bin", "dist"].includes(entry.name) ? [] : tsFiles(rel);
        }
        return entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts") ? [rel] : [];
    });
}

/** Every string literal (plain or template) in a source that spells an AWS resource token, with its line. */
export function tokenLiterals(file: string, text: string): string[] {
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const found: string[] = [];
    const visit = (node: ts.Node) => {
        const pieces =
            ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)
                ? [node.text]
                : ts.isTemplateExpression(node)
                  ? [node.head.text, ...node.templateSpans.map((s) => s.literal.text)]
                  : [];
        for (const piece of pieces) {
            const match = AWS_RESOURCE_TOKEN.exec(piece);
            if (match) {
                const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
                found.push(`${file}:${line}: "${match[0]}"`);
            }
        }
        ts.forEachChild(node, visit);
    };
    visit(source);
    return found;
}

/** The `export const NAME = "token"` declarations of a token module. */
function declaredTokens(file: string): Map<string, string> {
    const text = fs.readFileSync(path.join(ROOT, file), "utf8");
    return new Map([...text.matchAll(/^export const ([A-Z0-9_]+) = "([^"]+)";$/gm)].map((m) => [m[1], m[2]]));
}

describe("type tokens", () => {
    it("finds a token in a string or a template, not in a comment nor in a function's token", () => {
        const sample = [
            '// "aws:ec2/instance:Instance" in a comment is prose',
            'const a = "aws:ec2/instance:Instance";',
            "const b = `${prefix}::aws:ebs/volume:Volume`;",
            'const c = "aws:ssm/getParameter:getParameter";',
            'const d = { type: "tls:index/privateKey:PrivateKey" };',
        ].join("\n");
        assert.deepEqual(tokenLiterals("sample.ts", sample), [
            'sample.ts:2: "aws:ec2/instance:Instance"',
            'sample.ts:3: "aws:ebs/volume:Volume"',
        ]);
    });

    it("no product file writes an AWS resource token outside the token modules", () => {
        const files = PRODUCT.flatMap(tsFiles).filter((f) => !TOKEN_MODULES.includes(f) && !GENERATED.includes(f));
        assert.ok(files.includes("offline/render.ts") && files.includes("scripts/bench.ts"), files.join(", "));
        const literals = files.flatMap((f) => tokenLiterals(f, fs.readFileSync(path.join(ROOT, f), "utf8")));
        assert.deepEqual(literals, [], "name these types by a constant of offline/resourceTypes.ts");
    });

    it("declares each token once, in one module", () => {
        const declared = TOKEN_MODULES.flatMap((file) =>
            [...declaredTokens(file)].map(([name, token]) => ({ file, name, token })),
        );
        assert.ok(declared.length > 30, `${declared.length} tokens declared`);
        const byToken = new Map<string, string[]>();
        for (const d of declared) {
            byToken.set(d.token, [...(byToken.get(d.token) ?? []), `${d.file} ${d.name}`]);
        }
        const twice = [...byToken].filter(([, where]) => where.length > 1);
        assert.deepEqual(twice, []);
    });
});
