/**
 * freetier/schema.json: the multi-language contract every generated SDK is built from. It must
 * be exactly what the Pulumi SDK infers from the component's TypeScript source, and say what
 * docs/component.md says of FreeTierServer.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
import { ARG_NAMES, PLAIN_ARGS } from "../../components/validate";
import { inferSchema, PLUGIN_DIR, SCHEMA_FILE, schemaText } from "../../scripts/pluginSchema";
import { COMPONENT } from "../../testing/types";

const TOKEN = COMPONENT;
const committed = fs.readFileSync(SCHEMA_FILE, "utf8");
const schema = JSON.parse(committed);
const server = schema.resources[TOKEN];

describe("the freetier plugin's schema.json", () => {
    it("is what the Pulumi SDK infers from the component's TypeScript source (else run `npm run plugin:schema`)", function () {
        // The SDK's analyser builds a TypeScript program of the component and its imports.
        this.timeout(120000);
        const inferred = schemaText(inferSchema());
        assert.ok(
            inferred === committed,
            "freetier/schema.json differs from what the Pulumi SDK infers from components/ and lib/: " +
                "run `npm run plugin:schema` and commit freetier/schema.json",
        );
    });

    it("names the package freetier and the component freetier:index:FreeTierServer, as in every existing stack's URNs", () => {
        assert.equal(schema.name, "freetier");
        assert.deepEqual(Object.keys(schema.resources), [TOKEN]);
        assert.equal(server.isComponent, true);
    });

    it("has every arg of FreeTierServerArgs, none required (sshAllowedCidrs only for access ssh, checked by the component), the checked ones plain", () => {
        const args = [
            "access",
            "ami",
            "appPorts",
            "budgetEmail",
            "budgetUsd",
            "elasticIp",
            "instanceType",
            "os",
            "plan",
            "publicKey",
            "rootVolumeSizeGb",
            "rootVolumeType",
            "sshAllowedCidrs",
            "subnetId",
            "tags",
            "userData",
            "vpcId",
        ];
        // The Input<...> args of docs/component.md: they may be Outputs, which the component only passes on.
        const notPlain = ["ami", "publicKey", "subnetId", "userData", "vpcId"];
        assert.deepEqual(Object.keys(server.inputProperties).sort(), args);
        assert.deepEqual(server.requiredInputs, []);
        const plain = Object.keys(server.inputProperties).filter((k) => server.inputProperties[k].plain);
        assert.deepEqual(
            plain.sort(),
            args.filter((k) => !notPlain.includes(k)),
        );
        assert.deepEqual(server.inputProperties.sshAllowedCidrs.items, { type: "string", plain: true });
        assert.deepEqual(server.inputProperties.tags.additionalProperties, { type: "string", plain: true });
    });

    it("has the args the component knows, plain exactly where it checks them before creating anything", () => {
        assert.deepEqual(Object.keys(server.inputProperties), ARG_NAMES);
        const plain = ARG_NAMES.filter((k) => server.inputProperties[k].plain);
        assert.deepEqual(plain, PLAIN_ARGS);
    });

    it("types os, rootVolumeType and access as string enums of the values the component accepts", () => {
        assert.equal(server.inputProperties.access.$ref, "#/types/freetier:index:Access");
        assert.equal(server.inputProperties.os.$ref, "#/types/freetier:index:AmazonLinux");
        assert.equal(server.inputProperties.rootVolumeType.$ref, "#/types/freetier:index:RootVolumeType");
        const values = (type: string) => schema.types[type].enum.map((e: { value: string }) => e.value);
        assert.deepEqual(values("freetier:index:AmazonLinux"), ["amazon-linux-2023", "amazon-linux-2"]);
        assert.deepEqual(values("freetier:index:RootVolumeType"), ["gp3", "gp2"]);
        assert.deepEqual(values("freetier:index:Access"), ["ssh", "instance-connect", "ssm"]);
    });

    it("has the documented outputs (docs/component.md), the children as references to the AWS package's resources", () => {
        assert.deepEqual(Object.keys(server.properties).sort(), [
            "appUrls",
            "budget",
            "connectCommand",
            "elasticIp",
            "instance",
            "instanceProfile",
            "keyPair",
            "privateKeyPem",
            "publicDns",
            "publicIp",
            "role",
            "securityGroup",
            "sshCommand",
        ]);
        // keyPair, sshCommand and privateKeyPem only with access "ssh"; connectCommand always.
        assert.deepEqual(server.required, [
            "appUrls",
            "connectCommand",
            "instance",
            "publicDns",
            "publicIp",
            "securityGroup",
        ]);
        assert.match(
            server.properties.instance.$ref,
            /^\/aws\/v[\d.]+\/schema\.json#\/resources\/aws:ec2%2Finstance:Instance$/,
        );
        assert.deepEqual(
            schema.dependencies.map((d: { name: string }) => d.name),
            ["aws"],
        );
    });

    it("carries the component's documentation: the class, every arg and every output", () => {
        assert.match(server.description, /^A free-tier EC2 server/);
        for (const [kind, properties] of Object.entries({ arg: server.inputProperties, output: server.properties })) {
            for (const [key, property] of Object.entries(properties as Record<string, { description?: string }>)) {
                assert.ok(property.description?.trim(), `${kind} ${key} has no description`);
            }
        }
        assert.match(server.inputProperties.appPorts.description, /Defaults to `\[8080\]`/);
    });
});

describe("the freetier plugin's build (freetier/tsconfig.json)", () => {
    it("takes every source of the component as an input, so npm run build rebuilds the plugin when one changes", () => {
        const file = path.join(PLUGIN_DIR, "tsconfig.json");
        const config = ts.getParsedCommandLineOfConfigFile(
            file,
            {},
            {
                ...ts.sys,
                onUnRecoverableConfigFileDiagnostic: (d) => assert.fail(String(d.messageText)),
            },
        )!;
        const root = path.resolve(PLUGIN_DIR, "..");
        const inputs = new Set(config.fileNames.map((f) => path.relative(root, f)));
        // Every file the plugin's program compiles: its own and everything they import.
        const program = ts.createProgram(config.fileNames, config.options);
        const compiled = program
            .getSourceFiles()
            .map((f) => path.relative(root, f.fileName))
            .filter((f) => !f.startsWith("node_modules") && !f.startsWith(".."));
        assert.ok(compiled.includes("components/validate.ts"), compiled.join(", "));
        assert.deepEqual(
            compiled.filter((f) => !inputs.has(f)),
            [],
        );
    });
});
