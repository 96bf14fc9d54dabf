/**
 * preview:offline sends the pack what `pulumi preview --policy-pack` sends it: AnalyzeStack over
 * the resources the program registered (pulumi/pulumi pkg/resource/deploy/deployment_executor.go,
 * over the new snapshot: reads are no step of the stack), with each package's default provider
 * (pkg/resource/deploy/providers/registry.go registers it as a resource of the stack), planned
 * outputs for creates (offline/plannedOutputs.ts) and imports as resources that exist, with
 * non-empty property dependencies only.
 */
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { previewCli } from "../../testing/previewCli";
import { analyzerInputs, analyzeStackInputs } from "../../offline/analyzerInputs";
import { Diagnostic, PolicyPackProcess, ResourceInput } from "../../offline/analyzerClient";
import { RegisteredResource } from "../../offline/engineServer";
import { autonamingFor, checkInputs, NameRandomness } from "../../offline/providerCheck";
import { PreviewError, previewOffline } from "../../offline/preview";
import { UNKNOWN } from "../../offline/wireValues";
import { briefVerdicts, PACK, sharedPack, transpileOnly, usesSharedPack } from "../corpus/support";
import { EIP, INSTANCE, SECURITY_GROUP } from "../../testing/types";

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
        registered("spare", EIP, { propertyDependencies: { domain: [] } }),
        registered("existing", INSTANCE, { operation: "read", id: "i-1", inputs: {} }),
        registered("imported", EIP, { id: "eipalloc-1" }),
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

    // pulumi/pulumi pkg/resource/deploy/step_generator.go hands the analyzers the inputs the
    // provider's Check returned (pulumi-terraform-bridge pkg/tfbridge/provider.go Check: the
    // autoname, pulumi-aws's defaults, tagsAll with the provider's default tags); the offline
    // engine keeps them as the resource's checked inputs (offline/providerCheck.ts).
    it("sends Analyze the provider's checked inputs: the autoname, Pulumi's defaults, tagsAll", () => {
        const config = {
            "aws:region": "eu-west-1",
            "aws:defaultTags": JSON.stringify({ tags: { Owner: "platform" } }),
        };
        const group = registered("group", SECURITY_GROUP, { inputs: { tags: { Name: "g" } } });
        const provider = Object.fromEntries(
            Object.entries(config)
                .filter(([k]) => k.startsWith("aws:"))
                .map(([k, v]) => [k.slice("aws:".length), v]),
        );
        const naming = {
            project: "p",
            stack: "dev",
            config,
            naming: autonamingFor(undefined),
            random: new NameRandomness("fixed"),
        };
        const checked = { ...group, checkedInputs: checkInputs(group, provider, naming) };
        const [input] = analyzerInputs([checked], { project: "p", stack: "dev", config } as never);
        const props = input.properties as Record<string, unknown>;
        assert.match(String(props.name), /^group-[0-9a-f]{7}$/);
        assert.deepEqual(props, {
            name: props.name,
            description: "Managed by Pulumi",
            tags: { Name: "g" },
            tagsAll: { Owner: "platform", Name: "g" },
        });
    });

    // pulumi/pulumi pkg/resource/plugin/analyzer_plugin.go marshals properties with
    // SkipInternalKeys, which drops the top-level keys starting with "__" only.
    it("strips only top-level `__` keys", () => {
        const [input] = analyzerInputs(
            [registered("x", EIP, { inputs: { __defaults: [], tags: { __note: "kept" } } })],
            STACK,
        );
        assert.deepEqual(input.properties, { tags: { __note: "kept" } });
    });
});

describe("preview:offline of reads and imports", function () {
    usesSharedPack();
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
    usesSharedPack();
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
        const run = await previewCli(["--cwd", FAILS], { timeoutMs: 60000 });
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

/** The shared pack, with every Analyze request it is sent kept in `sent`. */
function recordingPack(sent: ResourceInput[]): PolicyPackProcess {
    const pack = sharedPack();
    return new Proxy(pack, {
        get(target, key) {
            if (key === "analyze") {
                return (input: ResourceInput): Promise<Diagnostic[]> => {
                    sent.push(input);
                    return target.analyze(input);
                };
            }
            const value = Reflect.get(target, key, target) as unknown;
            return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
        },
    });
}

describe("preview:offline of what the AWS provider's Check fills", function () {
    usesSharedPack();
    this.timeout(60000);
    const sent: ResourceInput[] = [];
    let report: Awaited<ReturnType<typeof previewOffline>>;
    const analyzed = (name: string) => sent.find((r) => r.name === name)!.properties as Record<string, unknown>;

    before(async () => {
        report = await previewOffline({
            cwd: path.join(__dirname, "fixtures/autonamed-name-tag"),
            stack: "dev",
            policyPack: PACK,
            pack: recordingPack(sent),
            env: transpileOnly,
        });
    });

    // Offline, before the Check was modeled, the tag was "not known yet" and name-tag-required
    // said so; the engine's Check fills the group's name, so `pulumi preview` knows the tag.
    it("knows a Name tag that is another resource's autonamed name, and name-tag-required passes", () => {
        const name = analyzed("web-sg").name;
        assert.match(String(name), /^web-sg-[0-9a-f]{7}$/);
        assert.equal((analyzed("web").tags as Record<string, unknown>).Name, name);
        const web = report.resources.find((r) => r.name === "web")!;
        assert.equal((web.inputs.tags as Record<string, unknown>).Name, name);
        assert.deepEqual(
            report.verdicts.filter((v) => v.policy === "name-tag-required"),
            [],
        );
    });

    it("sends Analyze tagsAll with the stack's aws:defaultTags under each resource's own tags", () => {
        // Pulumi.dev.yaml: aws:defaultTags.tags is { Owner: platform }.
        assert.deepEqual(analyzed("web").tagsAll, { Owner: "platform", Name: analyzed("web-sg").name });
        assert.deepEqual(analyzed("web-sg").tagsAll, { Owner: "platform" });
    });
});

describe("preview:offline of a value the AWS provider's schema refuses", function () {
    usesSharedPack();
    this.timeout(60000);
    const REFUSED = path.join(__dirname, "fixtures/refused-values");

    async function refused(stack: string): Promise<PreviewError> {
        const sent: ResourceInput[] = [];
        const err = await previewOffline({
            cwd: REFUSED,
            stack,
            policyPack: PACK,
            pack: recordingPack(sent),
            env: transpileOnly,
        }).then(
            () => assert.fail("the preview passed"),
            (e: unknown) => e,
        );
        assert.ok(err instanceof PreviewError, String(err));
        // The refused resource is never judged: its Check failed before Analyze.
        const [, type, name] = /^(\S+) "([^"]+)"/.exec(err.message) ?? [];
        assert.ok(!sent.some((r) => r.type === type && r.name === name), `${type} "${name}" was analyzed`);
        assert.ok(!err.verdicts.some((v) => v.resource?.name === name));
        return err;
    }

    // terraform-provider-aws internal/service/ec2/vpc_security_group.go: cidr_blocks' elements
    // are verify.ValidIPv4CIDRNetworkAddress.
    it("fails at a security group's CIDR of 33 bits, naming the group, the field and the value", async () => {
        const err = await refused("cidr");
        assert.match(err.message, /^aws:ec2\/securityGroup:SecurityGroup "web-sg": /);
        assert.match(err.message, /\n {2}ingress\[0\]\.cidrBlocks\[0\] is "10\.0\.0\.0\/33": expected an IPv4 CIDR/);
    });

    // vpc_security_group_ingress_rule.go: from_port and to_port are int64validator.Between(-1, 65535).
    it("fails at an ingress rule's port 70000", async () => {
        const err = await refused("port");
        assert.match(err.message, /^aws:vpc\/securityGroupIngressRule:SecurityGroupIngressRule "web-https": /);
        assert.match(err.message, /\n {2}fromPort is 70000: expected a whole number from -1 to 65535/);
        assert.match(err.message, /\n {2}toPort is 70000: /);
    });

    // ec2_instance.go: volume_type is StringInSlice(VolumeType values), cpu_credits StringInSlice(CPUCredits_Values()).
    it("exits 2 at a server's volume type gp9 and CPU credits turbo, naming both, with no report", async () => {
        const run = await previewCli(["--cwd", REFUSED, "--stack", "disk"], { timeoutMs: 60000 });
        assert.equal(run.code, 2, run.stderr);
        assert.match(
            run.stderr,
            /^error: aws:ec2\/instance:Instance "web": the AWS provider's Check refuses 2 values/m,
        );
        assert.match(run.stderr, /^ {2}rootBlockDevice\.volumeType is "gp9": expected one of .*"gp3"/m);
        assert.match(
            run.stderr,
            /^ {2}creditSpecification\.cpuCredits is "turbo": expected one of "standard", "unlimited"/m,
        );
        assert.doesNotMatch(run.stdout, /Result:/);
    });
});
