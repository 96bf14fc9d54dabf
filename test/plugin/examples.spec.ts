/**
 * examples/python and examples/yaml cannot run here (no Pulumi CLI, Python or AWS): these
 * checks hold them to the names the SDKs generated from freetier/schema.json use, so that each
 * builds the guide's server once `pulumi package add` has run.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as yaml from "js-yaml";
import { SCHEMA_FILE } from "../../scripts/pluginSchema";
import { COMPONENT } from "../../testing/types";

const ROOT = path.resolve(__dirname, "../..");
const schema = JSON.parse(fs.readFileSync(SCHEMA_FILE, "utf8"));
const TOKEN = COMPONENT;
const server = schema.resources[TOKEN];
const inputs = Object.keys(server.inputProperties);
const outputs = Object.keys(server.properties);

/** Python codegen's snake_case for these names: an underscore before each capital after a lower-case letter or digit. */
function pyName(name: string): string {
    return name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();
}

function read(file: string): string {
    return fs.readFileSync(path.join(ROOT, "examples", file), "utf8");
}

/** The guide's stack, in each example's own project namespace. */
function checkStackConfig(project: string, file: string): void {
    const config = (yaml.load(read(file)) as { config: Record<string, unknown> }).config;
    assert.deepEqual(config, {
        "aws:region": "ap-northeast-2",
        [`${project}:sshAllowedCidrs`]: ["203.0.113.10/32"],
    });
}

describe("the examples that use FreeTierServer from other languages", () => {
    describe("examples/yaml", () => {
        const project = yaml.load(read("yaml/Pulumi.yaml")) as any;
        const [name, resource] = Object.entries(project.resources as Record<string, any>)[0];

        it("is a YAML program whose one resource is the component, by its full token", () => {
            assert.equal(project.runtime, "yaml");
            assert.equal(resource.type, TOKEN);
            assert.equal(Object.keys(project.resources).length, 1);
        });

        it("sets only args the schema has, every required one, and enum args to enum values", () => {
            const set = Object.keys(resource.properties);
            assert.deepEqual(
                set.filter((k) => !inputs.includes(k)),
                [],
            );
            for (const required of server.requiredInputs) {
                assert.ok(set.includes(required), `${required} is required`);
            }
            const osValues = schema.types["freetier:index:AmazonLinux"].enum.map((e: any) => e.value);
            assert.ok(osValues.includes(resource.properties.os), resource.properties.os);
        });

        it("reads sshAllowedCidrs from typed config and exports only outputs the schema has", () => {
            assert.equal(resource.properties.sshAllowedCidrs, "${sshAllowedCidrs}");
            assert.deepEqual(project.config.sshAllowedCidrs.type, "array");
            const used = Object.values(project.outputs as Record<string, string>).map((expr) => {
                const match = new RegExp(`^\\$\\{${name}\\.(\\w+)\\}$`).exec(expr);
                assert.ok(match, expr);
                return match[1];
            });
            assert.deepEqual(
                used.filter((k) => !outputs.includes(k)),
                [],
            );
            assert.ok(used.includes("privateKeyPem") && used.includes("sshCommand") && used.includes("connectCommand"));
        });

        it("has the guide's stack: Seoul and a documentation address for my IP", () => {
            checkStackConfig(project.name, "yaml/Pulumi.dev.yaml");
        });
    });

    describe("examples/python", () => {
        // The code, without comments.
        const program = read("python/__main__.py").replace(/#.*$/gm, "");
        const project = yaml.load(read("python/Pulumi.yaml")) as any;
        const call = /freetier\.FreeTierServer\(([\s\S]*?)\n\)/.exec(program)?.[1] ?? "";

        it("imports the SDK pulumi package add generates, pulumi_<package>", () => {
            assert.equal(project.runtime.name, "python");
            assert.match(program, new RegExp(`^import pulumi_${schema.name} as freetier$`, "m"));
        });

        it("passes only args the SDK has, in snake_case, sshAllowedCidrs (required for access ssh) included", () => {
            const kwargs = [...call.matchAll(/^\s+(\w+)=/gm)].map((m) => m[1]);
            assert.ok(kwargs.length >= 5, call);
            assert.deepEqual(
                kwargs.filter((k) => !inputs.map(pyName).includes(k)),
                [],
            );
            assert.deepEqual(server.requiredInputs, []);
            assert.ok(kwargs.includes(pyName("sshAllowedCidrs")));
        });

        it("names the os enum member as Python codegen does (AmazonLinux.AMAZON_LINUX2023)", () => {
            const [, type, member] = /freetier\.(\w+)\.(\w+)/.exec(call) ?? [];
            const members = schema.types[`freetier:index:${type}`].enum.map((e: any) => pyName(e.name).toUpperCase());
            assert.ok(members.includes(member), `${type}.${member} is not one of ${members.join(", ")}`);
        });

        it("exports only outputs the SDK has, in snake_case", () => {
            const used = [...program.matchAll(/server\.(\w+)/g)].map((m) => m[1]);
            assert.deepEqual(
                used.filter((k) => !outputs.map(pyName).includes(k)),
                [],
            );
            assert.ok(
                used.includes("private_key_pem") && used.includes("ssh_command") && used.includes("connect_command"),
            );
        });

        it("has the guide's stack: Seoul and a documentation address for my IP", () => {
            checkStackConfig(project.name, "python/Pulumi.dev.yaml");
        });
    });
});
