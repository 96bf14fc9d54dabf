/**
 * preview:offline sends the pack what `pulumi preview --policy-pack` sends it: AnalyzeStack over
 * the resources the program registered (pulumi/pulumi pkg/resource/deploy/deployment_executor.go,
 * over the new snapshot: reads are no step of the stack), with each package's default provider
 * (pkg/resource/deploy/providers/registry.go registers it as a resource of the stack), planned
 * outputs for creates (offline/plannedOutputs.ts) and imports as resources that exist, with
 * non-empty property dependencies only.
 */
import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as path from "node:path";
import { analyzerInputs, analyzeStackInputs } from "../../offline/analyzerInputs";
import { RegisteredResource } from "../../offline/engineServer";
import { PreviewError, previewOffline } from "../../offline/preview";
import { UNKNOWN } from "../../offline/wireValues";
import { briefVerdicts, PACK, ROOT, sharedPack, transpileOnly } from "../corpus/support";

const STACK = { project: "p", stack: "dev", config: { "aws:region": "eu-west-1" } } as never;

function registered(name: string, type: string, extra: Partial<RegisteredResource> = {}): RegisteredResource {
    return {
        urn: `urn:pulumi:dev::p::${type}::${name}`,
        type,
        name,
        parent: "",
        custom: true,
        remote: false,
        operation: "register",
        id: "",
        inputs: { domain: "vpc" },
        provider: "",
        dependencies: [],
        propertyDependencies: {},
        options: {
            protect: false,
            ignoreChanges: [],
            additionalSecretOutputs: [],
            deletedWith: "",
            version: "7.48.0",
            pluginDownloadUrl: "",
        },
        ...extra,
    };
}

describe("what preview:offline sends in AnalyzeStack", () => {
    const resources = [
        registered("spare", "aws:ec2/eip:Eip", { propertyDependencies: { domain: [] } }),
        registered("existing", "aws:ec2/instance:Instance", { operation: "read", id: "i-1", inputs: {} }),
        registered("imported", "aws:ec2/eip:Eip", { id: "eipalloc-1" }),
    ];
    const sent = analyzeStackInputs(resources, analyzerInputs(resources, STACK));
    const props = (i: number) => sent[i].properties as Record<string, unknown>;

    it("leaves reads out and puts the default provider in, before the first resource that uses it", () => {
        assert.deepEqual(
            sent.map((r) => r.urn),
            [
                "urn:pulumi:dev::p::pulumi:providers:aws::default_7_48_0",
                "urn:pulumi:dev::p::aws:ec2/eip:Eip::spare",
                "urn:pulumi:dev::p::aws:ec2/eip:Eip::imported",
            ],
        );
        assert.deepEqual(sent[0].properties, { region: "eu-west-1", version: "7.48.0" });
    });

    it("sends a create's planned outputs, an import with its id, and no empty property dependencies", () => {
        assert.equal(props(1).id, UNKNOWN);
        assert.equal(props(1).instance, UNKNOWN);
        assert.equal(props(1).region, "eu-west-1");
        assert.deepEqual(sent[1].propertyDependencies, {});
        assert.equal(props(2).id, "eipalloc-1");
    });

    // A known difference (docs/offline-vs-engine.md): the engine's Analyze gets the provider's
    // checked inputs (pulumi-terraform-bridge pkg/tfbridge/provider.go Check: autonames,
    // tagsAll with the provider's default tags); offline sends the program's inputs.
    it("sends Analyze the program's inputs: no autoname, no tagsAll", () => {
        const [input] = analyzerInputs(
            [registered("group", "aws:ec2/securityGroup:SecurityGroup", { inputs: { tags: { Name: "g" } } })],
            STACK,
        );
        assert.deepEqual(input.properties, { tags: { Name: "g" } });
    });

    // pulumi/pulumi pkg/resource/plugin/analyzer_plugin.go marshals properties with
    // SkipInternalKeys, which drops the top-level keys starting with "__" only.
    it("strips only top-level `__` keys", () => {
        const [input] = analyzerInputs(
            [registered("x", "aws:ec2/eip:Eip", { inputs: { __defaults: [], tags: { __note: "kept" } } })],
            STACK,
        );
        assert.deepEqual(input.properties, { tags: { __note: "kept" } });
    });
});

describe("preview:offline of reads and imports", function () {
    this.timeout(60000);

    it("counts no resource read with `.get`, and finds a created Elastic IP idle though AWS computes its attachment", async () => {
        const report = await previewOffline({
            cwd: path.join(__dirname, "fixtures/reads-and-imports"),
            stack: "dev",
            policyPack: PACK,
            // Its server is the legacy plan's t2.micro: the case is about what AnalyzeStack holds.
            policyPackConfig: path.join(PACK, "plans/legacy.json"),
            pack: sharedPack(),
            env: transpileOnly,
        });
        assert.deepEqual(briefVerdicts(report), [
            ["advisory", "no-idle-elastic-ip", "spare"],
            ["advisory", "free-tier-public-ipv4", "the stack"],
            ["could-not-check", "preview:offline", "existing"],
        ]);
        assert.match(
            report.verdicts[1].message,
            /^The stack keeps 2 public IPv4 addresses \(Elastic IP "imported", Elastic IP "spare"\)/,
        );
    });
});

describe("preview:offline of a program that fails", function () {
    this.timeout(60000);
    const FAILS = path.join(__dirname, "fixtures/fails-after-open-ssh");

    // pulumi/pulumi pkg/resource/deploy/step_generator.go analyzes each registration as it
    // comes, so the engine has judged the group before the program fails, and prints it.
    it("keeps the verdicts given before the program failed, with its error", async () => {
        const err = await previewOffline({
            cwd: FAILS,
            stack: "dev",
            policyPack: PACK,
            pack: sharedPack(),
            env: transpileOnly,
        }).then(
            () => assert.fail("the preview passed"),
            (e: unknown) => e,
        );
        assert.ok(err instanceof PreviewError, String(err));
        assert.match(err.message, /the program failed after registering its security group/);
        assert.deepEqual(
            err.verdicts.map((v) => [v.level, v.policy, v.resource?.name]),
            [["mandatory", "no-public-ssh", "open-ssh"]],
        );
    });

    it("prints them before the error, and exits 2 (the Pulumi CLI exits 1 for every failure)", async () => {
        const run = await new Promise<{ code: number; stderr: string }>((resolve) => {
            execFile(
                process.execPath,
                [
                    require.resolve("ts-node/dist/bin"),
                    "--transpile-only",
                    path.join(ROOT, "scripts/previewOffline.ts"),
                    "--cwd",
                    FAILS,
                ],
                { cwd: ROOT, timeout: 60000, env: { ...transpileOnly, INIT_CWD: ROOT } },
                (e, _stdout, stderr) => resolve({ code: e ? Number((e as { code?: number }).code ?? 1) : 0, stderr }),
            );
        });
        assert.equal(run.code, 2);
        const lines = run.stderr.split("\n");
        const heading = lines.indexOf("Verdicts given before the program failed: 1");
        const error = lines.findIndex((l) => l.startsWith("error: "));
        assert.ok(heading >= 0 && error > heading, run.stderr);
        assert.equal(lines[heading + 1], "mandatory:");
        // At the program's line that made the group.
        assert.equal(
            lines[heading + 2],
            '  [no-public-ssh] aws:ec2/securityGroup:SecurityGroup "open-ssh"  index.ts:9:15',
        );
    });
});
