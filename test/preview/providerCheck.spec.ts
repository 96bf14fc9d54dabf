/**
 * The AWS provider's Check as preview:offline runs it (offline/providerCheck.ts): autonames
 * (pulumi-terraform-bridge pkg/tfbridge/info/autonaming.go, pulumi-aws provider/autonaming.go),
 * `tagsAll` from the provider's default tags (pulumi-aws provider/tags.go) and the Terraform
 * provider's validation of the fields the pack reads (hashicorp/terraform-provider-aws
 * internal/service/ec2/*.go), values unknown at preview left unvalidated.
 */
import * as assert from "node:assert/strict";
import {
    AutonamingConfigError,
    autonamingFor,
    checkInputs,
    NameRandomness,
    NamingContext,
    ProviderCheckError,
    tagsAllOf,
} from "../../offline/providerCheck";
import { isSecret, reveal, secret, UNKNOWN } from "../../offline/wireValues";
import { AUTOSCALING_GROUP, INSTANCE, LAUNCH_TEMPLATE, SECURITY_GROUP, VPC_INGRESS_RULE } from "../../testing/types";

function naming(seed = "seed", autonaming?: string): NamingContext {
    return {
        project: "shop",
        stack: "dev",
        config: { "shop:team": "web" },
        naming: autonamingFor(autonaming),
        random: new NameRandomness(seed),
    };
}

function check(type: string, name: string, inputs: Record<string, unknown>, provider = {}, context = naming()) {
    return checkInputs({ type, name, urn: `urn:pulumi:dev::shop::${type}::${name}`, inputs }, provider, context);
}

function refusal(type: string, inputs: Record<string, unknown>): ProviderCheckError {
    try {
        check(type, "r", inputs);
    } catch (err) {
        assert.ok(err instanceof ProviderCheckError, String(err));
        return err;
    }
    assert.fail(`Check accepted ${JSON.stringify(inputs)}`);
}

describe("the AWS provider's Check, offline", () => {
    describe("autonames", () => {
        // NewUniqueName: the prefix "<name>-" and 7 characters of "0123456789abcdef".
        it("name a security group `<its name>-` and 7 hex digits, the same for the same seed and resource", () => {
            const name = check(SECURITY_GROUP, "web-sg", {}).name as string;
            assert.match(name, /^web-sg-[0-9a-f]{7}$/);
            assert.equal(check(SECURITY_GROUP, "web-sg", {}).name, name);
            assert.notEqual(check(SECURITY_GROUP, "web-sg", {}, {}, naming("another seed")).name, name);
            assert.notEqual(check(SECURITY_GROUP, "db-sg", {}).name?.toString().slice(-7), name.slice(-7));
        });

        it("leave a name the program set, and give none when a conflicting namePrefix is set", () => {
            assert.equal(check(SECURITY_GROUP, "web-sg", { name: "mine" }).name, "mine");
            assert.equal(check(SECURITY_GROUP, "web-sg", { namePrefix: "web-" }).name, undefined);
            assert.equal(check(SECURITY_GROUP, "web-sg", { namePrefix: UNKNOWN }).name, undefined);
        });

        it("are given only to types that take a name (an instance takes none)", () => {
            assert.equal(check(INSTANCE, "web", {}).name, undefined);
            assert.match(String(check(LAUNCH_TEMPLATE, "tpl", {}).name), /^tpl-[0-9a-f]{7}$/);
        });

        it("are refused when the resource's name leaves no room (255 characters at most)", () => {
            assert.throws(
                () => check(LAUNCH_TEMPLATE, "x".repeat(248), {}),
                /plus 7 random chars is longer than maximum length 255/,
            );
        });

        // pulumi/pulumi pkg/resource/autonaming/strategy.go and pkg/cmd/pulumi/autonaming/config.go.
        it("follow the stack's pulumi:autonaming config: verbatim, disabled, a pattern, per provider and type", () => {
            const verbatim = naming("s", JSON.stringify({ mode: "verbatim" }));
            assert.equal(check(SECURITY_GROUP, "web-sg", {}, {}, verbatim).name, "web-sg");
            const disabled = naming("s", JSON.stringify({ providers: { aws: { mode: "disabled" } } }));
            assert.throws(() => check(SECURITY_GROUP, "web-sg", {}, {}, disabled), /automatic naming is disabled/);
            const pattern = naming(
                "s",
                JSON.stringify({
                    providers: {
                        aws: { resources: { [SECURITY_GROUP]: { pattern: "${project}-${stack}-${name}-${hex(4)}" } } },
                    },
                }),
            );
            assert.match(
                String(check(SECURITY_GROUP, "web-sg", {}, {}, pattern).name),
                /^shop-dev-web-sg-[0-9a-f]{4}$/,
            );
            assert.throws(
                () => autonamingFor(JSON.stringify({ mode: "verbatim", pattern: "${name}" })),
                AutonamingConfigError,
            );
            assert.throws(() => autonamingFor(JSON.stringify({ mode: "short" })), /invalid naming mode: short/);
        });
    });

    describe("tagsAll", () => {
        const provider = { defaultTags: JSON.stringify({ tags: { Owner: "platform", Env: "dev" } }) };

        it("is the provider's default tags under the resource's own, for the types that have it", () => {
            assert.deepEqual(check(INSTANCE, "web", { tags: { Env: "prod", Name: "web" } }, provider).tagsAll, {
                Owner: "platform",
                Env: "prod",
                Name: "web",
            });
            assert.deepEqual(check(INSTANCE, "web", {}).tagsAll, {});
            // aws:autoscaling/group:Group has no tagsAll in @pulumi/aws 7.48.0.
            assert.equal(check(AUTOSCALING_GROUP, "g", { maxSize: 1, minSize: 0 }).tagsAll, undefined);
        });

        it("leaves out the provider's ignoreTags keys and key prefixes", () => {
            const ignoring = { ...provider, ignoreTags: JSON.stringify({ keys: ["Env"], keyPrefixes: ["aws:"] }) };
            assert.deepEqual(tagsAllOf({ "aws:team": "x", Name: "web" }, ignoring), { Owner: "platform", Name: "web" });
        });

        it("is unknown when the tags or the default tags are, and secret when a tag is", () => {
            assert.equal(tagsAllOf({ Name: UNKNOWN }, provider), UNKNOWN);
            assert.equal(tagsAllOf({}, { defaultTags: UNKNOWN }), UNKNOWN);
            const hidden = tagsAllOf({ Name: secret("web") }, {});
            assert.ok(isSecret(hidden));
            assert.deepEqual(reveal(hidden), { Name: "web" });
        });
    });

    it("fills a security group's description with Pulumi's default", () => {
        assert.equal(check(SECURITY_GROUP, "web-sg", {}).description, "Managed by Pulumi");
        assert.equal(check(SECURITY_GROUP, "web-sg", { description: "web" }).description, "web");
    });

    describe("validation", () => {
        // internal/types ValidateIPv4CIDRBlock: net.ParseCIDR, then the network itself.
        it("refuses an IPv4 CIDR that is no network, and names the field and the value", () => {
            for (const bad of ["10.0.0.0/33", "10.0.0.1/8", "10.0.0.0", "256.0.0.0/8", "010.0.0.0/8", "::/0"]) {
                const err = refusal(SECURITY_GROUP, {
                    ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: [bad] }],
                });
                assert.equal(err.failures.length, 1, bad);
                assert.equal(err.failures[0].path, "ingress[0].cidrBlocks[0]");
                assert.equal(err.failures[0].value, bad);
                assert.match(
                    err.message,
                    new RegExp(
                        `^${SECURITY_GROUP} "r": .*\\n  ingress\\[0\\]\\.cidrBlocks\\[0\\] is "${bad.replace(/[./]/g, "\\$&")}"`,
                    ),
                );
            }
            for (const good of ["0.0.0.0/0", "10.0.0.0/8", "192.168.1.128/25", "203.0.113.7/32"]) {
                check(SECURITY_GROUP, "g", {
                    ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: [good] }],
                });
            }
        });

        it("refuses an IPv6 CIDR with host bits, accepts ::/0", () => {
            check(SECURITY_GROUP, "g", {
                egress: [{ protocol: "-1", fromPort: 0, toPort: 0, ipv6CidrBlocks: ["::/0", "2001:db8::/32"] }],
            });
            const err = refusal(SECURITY_GROUP, {
                egress: [{ protocol: "-1", fromPort: 0, toPort: 0, ipv6CidrBlocks: ["2001:db8::1/32"] }],
            });
            assert.equal(err.failures[0].path, "egress[0].ipv6CidrBlocks[0]");
        });

        // vpc_security_group_ingress_rule.go: int64validator.Between(-1, 65535); an inline rule's
        // ports have no validation (vpc_security_group.go), so 70000 passes Check there.
        it("refuses a rule's port outside -1..65535, where the schema validates ports", () => {
            const err = refusal(VPC_INGRESS_RULE, {
                ipProtocol: "tcp",
                fromPort: 70000,
                toPort: 443,
                cidrIpv4: "0.0.0.0/0",
            });
            assert.deepEqual(
                err.failures.map((f) => [f.path, f.value]),
                [["fromPort", 70000]],
            );
            check(SECURITY_GROUP, "g", {
                ingress: [{ protocol: "tcp", fromPort: 70000, toPort: 70000, cidrBlocks: ["0.0.0.0/0"] }],
            });
        });

        it("refuses volume types and CPU credits outside their enums, every refused value in one error", () => {
            const err = refusal(INSTANCE, {
                instanceType: "t3.micro",
                rootBlockDevice: { volumeType: "gp9" },
                ebsBlockDevices: [
                    { deviceName: "/dev/sdf", volumeType: "gp3" },
                    { deviceName: "/dev/sdg", volumeType: "ssd" },
                ],
                creditSpecification: { cpuCredits: "turbo" },
                metadataOptions: { httpTokens: "always", httpPutResponseHopLimit: 65 },
            });
            assert.deepEqual(
                err.failures.map((f) => [f.path, f.value]),
                [
                    ["creditSpecification.cpuCredits", "turbo"],
                    ["metadataOptions.httpTokens", "always"],
                    ["metadataOptions.httpPutResponseHopLimit", 65],
                    ["rootBlockDevice.volumeType", "gp9"],
                    ["ebsBlockDevices[1].volumeType", "ssd"],
                ],
            );
            assert.ok(err.failures.every((f) => f.source.endsWith("internal/service/ec2/ec2_instance.go")));
        });

        // internal/service/autoscaling/group.go: enum.Validate[desiredCapacityType], IntAtLeast(0), IntBetween(0, 100).
        it("refuses an Auto Scaling group's capacity type and on-demand split outside their ranges", () => {
            const err = refusal(AUTOSCALING_GROUP, {
                maxSize: 2,
                minSize: 0,
                desiredCapacityType: "instances",
                mixedInstancesPolicy: {
                    instancesDistribution: { onDemandBaseCapacity: -1, onDemandPercentageAboveBaseCapacity: 101 },
                },
            });
            assert.deepEqual(
                err.failures.map((f) => [f.path, f.value]),
                [
                    ["desiredCapacityType", "instances"],
                    ["mixedInstancesPolicy.instancesDistribution.onDemandBaseCapacity", -1],
                    ["mixedInstancesPolicy.instancesDistribution.onDemandPercentageAboveBaseCapacity", 101],
                ],
            );
            check(AUTOSCALING_GROUP, "g", {
                maxSize: 2,
                minSize: 0,
                desiredCapacityType: "vcpu",
                mixedInstancesPolicy: { instancesDistribution: { onDemandPercentageAboveBaseCapacity: 0 } },
            });
        });

        it("does not validate a value unknown at preview, and shows a secret value as [secret]", () => {
            check(INSTANCE, "web", { rootBlockDevice: { volumeType: UNKNOWN }, creditSpecification: UNKNOWN });
            check(SECURITY_GROUP, "g", {
                ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: [UNKNOWN] }],
            });
            const err = refusal(INSTANCE, { creditSpecification: { cpuCredits: secret("turbo") } });
            assert.equal(err.failures[0].value, "[secret]");
            assert.doesNotMatch(err.message, /turbo/);
        });

        it("validates the autoname too: a security group's name may not begin with sg-", () => {
            assert.throws(
                () => check(SECURITY_GROUP, "sg-web", {}),
                /name is "sg-web-[0-9a-f]{7}": expected no "sg-" at its start/,
            );
        });

        it("leaves a type of another package as it came", () => {
            const inputs = { name: undefined, tags: { a: "b" } };
            assert.equal(check("tls:index/privateKey:PrivateKey", "k", inputs), inputs);
        });
    });
});
