/**
 * npm run planned-outputs:table: writes offline/plannedOutputs.table.ts, the attributes the AWS
 * provider computes for each resource type the pack reads, from the provider's schema as the
 * installed @pulumi/aws SDK carries it (its .d.ts files are generated from
 * pulumi/pulumi-aws provider/cmd/pulumi-resource-aws/schema.json, for the same version).
 *
 * For each type, an attribute is computed when either
 * - it is an output that is not an input (the resource class declares it, its Args do not), or
 * - it is an optional input whose output is not optional: pulumi/pulumi-terraform-bridge
 *   pkg/tfgen/generate.go `variable.optional()` makes an output property optional only when the
 *   Terraform schema says Optional and not Computed (and the bridge gives it no default), so an
 *   optional input with a required output is Optional+Computed in terraform-provider-aws (or has
 *   a bridge default, filled at Check).
 * test/preview/plannedOutputs.spec.ts fails whenever the committed table and the SDK disagree.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
import { JUDGED_TYPES } from "../policy/lib/resources";

const ROOT = path.resolve(__dirname, "..");
export const TABLE_FILE = path.join(ROOT, "offline/plannedOutputs.table.ts");

/** The SDK's declaration file of a type token: "aws:ec2/instance:Instance" -> ec2/instance.d.ts, class Instance. */
function declarationOf(type: string): { file: string; className: string } {
    const [, module, className] = type.split(":");
    const [folder, file] = module.split("/");
    return { file: path.join(ROOT, "node_modules/@pulumi/aws", folder, `${file}.d.ts`), className };
}

function hasUndefined(node: ts.TypeNode | undefined): boolean {
    if (!node) {
        return true;
    }
    if (ts.isUnionTypeNode(node)) {
        return node.types.some((t) => t.kind === ts.SyntaxKind.UndefinedKeyword);
    }
    return node.kind === ts.SyntaxKind.UndefinedKeyword;
}

/** A type's outputs and inputs as its SDK class and Args declare them: name to "may be undefined". */
function declaredProperties(type: string): { outputs: Map<string, boolean>; inputs: Map<string, boolean> } {
    const { file, className } = declarationOf(type);
    const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
    const outputs = new Map<string, boolean>();
    const inputs = new Map<string, boolean>();
    for (const statement of source.statements) {
        if (ts.isClassDeclaration(statement) && statement.name?.text === className) {
            for (const member of statement.members) {
                if (
                    ts.isPropertyDeclaration(member) &&
                    ts.isIdentifier(member.name) &&
                    member.type &&
                    ts.isTypeReferenceNode(member.type) &&
                    member.type.typeName.getText(source) === "pulumi.Output"
                ) {
                    outputs.set(member.name.text, hasUndefined(member.type.typeArguments?.[0]));
                }
            }
        }
        if (ts.isInterfaceDeclaration(statement) && statement.name.text === `${className}Args`) {
            for (const member of statement.members) {
                if (ts.isPropertySignature(member) && ts.isIdentifier(member.name)) {
                    inputs.set(member.name.text, member.questionToken !== undefined);
                }
            }
        }
    }
    if (outputs.size === 0) {
        throw new Error(`no outputs found for ${type} in ${file}`);
    }
    return { outputs, inputs };
}

/** The computed attributes of one resource type, in declaration order. */
export function computedAttributes(type: string): string[] {
    const { outputs, inputs } = declaredProperties(type);
    const computed = ["id"];
    for (const [name, outputOptional] of outputs) {
        const inputOptional = inputs.get(name);
        if (inputOptional === undefined || (inputOptional && !outputOptional)) {
            computed.push(name);
        }
    }
    return computed;
}

export function awsVersion(): string {
    return JSON.parse(fs.readFileSync(path.join(ROOT, "node_modules/@pulumi/aws/package.json"), "utf8")).version;
}

/**
 * Whether a type takes a `name` input: pulumi-aws provider/autonaming.go autonames the `name`
 * of every resource whose Terraform schema has one as an input (255 characters, "-").
 */
export function takesName(type: string): boolean {
    return declaredProperties(type).inputs.has("name");
}

/**
 * Whether a type has `tags` and `tagsAll` with `tags` an input: pulumi-aws provider/autonaming.go
 * `hasNonComputedTagsAndTagsAll`, the types whose Check fills `tagsAll` (provider/tags.go).
 */
export function hasTagsAll(type: string): boolean {
    const { outputs, inputs } = declaredProperties(type);
    return inputs.has("tags") && outputs.has("tagsAll");
}

/** The table's source text. */
export function tableSource(): string {
    const types = [...JUDGED_TYPES].sort();
    const rows = types.map((type) => `    ${JSON.stringify(type)}: ${JSON.stringify(computedAttributes(type))},`);
    const list = (pick: (type: string) => boolean) => types.filter(pick).map((t) => `    ${JSON.stringify(t)},`);
    return [
        "// Generated by `npm run planned-outputs:table` (scripts/plannedOutputsTable.ts); do not edit.",
        `// Source: the AWS provider's schema as @pulumi/aws ${awsVersion()} declares it`,
        "// (pulumi/pulumi-aws provider/cmd/pulumi-resource-aws/schema.json): for each type the pack reads,",
        "// the outputs that are not inputs and the optional inputs whose outputs are computed.",
        "",
        `export const AWS_SCHEMA_VERSION = ${JSON.stringify(awsVersion())};`,
        "",
        "export const COMPUTED_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {",
        ...rows,
        "};",
        "",
        "/** The types the pack reads that take a `name` input (their Args declare `name`). */",
        "export const NAME_INPUT_TYPES: readonly string[] = [",
        ...list(takesName),
        "];",
        "",
        "/** The types the pack reads whose `tags` is an input and that have `tagsAll`. */",
        "export const TAGS_ALL_TYPES: readonly string[] = [",
        ...list(hasTagsAll),
        "];",
        "",
    ].join("\n");
}

if (require.main === module) {
    fs.writeFileSync(TABLE_FILE, tableSource());
    console.log(`wrote ${path.relative(process.cwd(), TABLE_FILE)}`);
}
