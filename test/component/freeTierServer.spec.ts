import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { PLACEHOLDERS } from "../../offline/lookups";
import { MockEngine, RecordedResource } from "../../testing/mockEngine";
import { valueOf } from "../support/outputs";
import {
    BUDGET,
    COMPONENT,
    EIP,
    INSTANCE,
    INSTANCE_PROFILE,
    KEY_PAIR,
    PRIVATE_KEY,
    ROLE,
    ROLE_POLICY_ATTACHMENT,
    SECURITY_GROUP,
} from "../../testing/types";

// Mocks first, then the code under test.
let engine = new MockEngine();
import { FreeTierServer, FreeTierServerArgs } from "../../components";

const GUIDE: FreeTierServerArgs = { sshAllowedCidrs: ["203.0.113.10/32"] };

async function build(args: FreeTierServerArgs = GUIDE, name = "web"): Promise<FreeTierServer> {
    engine = new MockEngine();
    const server = new FreeTierServer(name, args);
    await valueOf(server.connectCommand);
    await engine.settled();
    return server;
}

function ingressOf(sg: RecordedResource): any[] {
    return sg.inputs.ingress as any[];
}

/** The engine registered exactly these resources (type and name), in any order. */
function assertRegisters(expected: [string, string][]): void {
    assert.deepEqual(engine.resources.map((r) => [r.type, r.name]).sort(), expected.sort());
}

/** A server that connects without SSH keys: no key pair, no private key, no ssh command, no keyName on the instance. */
function assertNoKeyPair(server: FreeTierServer): void {
    assert.equal(server.keyPair, undefined);
    assert.equal(server.privateKeyPem, undefined);
    assert.equal(server.sshCommand, undefined);
    assert.equal(engine.one(INSTANCE).inputs.keyName, undefined);
}

/** The guide's app port rule, as every access mode writes it on the group. */
const APP_8080 = {
    description: "App port 8080 from anywhere",
    protocol: "tcp",
    fromPort: 8080,
    toPort: 8080,
    cidrBlocks: ["0.0.0.0/0"],
    ipv6CidrBlocks: ["::/0"],
};

describe("FreeTierServer", () => {
    describe("with the console guide's args", () => {
        let server: FreeTierServer;
        before(async () => {
            server = await build();
        });

        it("registers exactly the component, a generated key, the key pair, the security group and the instance", () => {
            assertRegisters([
                [INSTANCE, "web-instance"],
                [KEY_PAIR, "web-key"],
                [SECURITY_GROUP, "web-sg"],
                [COMPONENT, "web"],
                [PRIVATE_KEY, "web-ssh-key"],
            ]);
        });

        it("parents every child to the component", () => {
            const component = engine.one(COMPONENT);
            for (const child of engine.resources.filter((r) => r.type !== COMPONENT)) {
                assert.equal(child.parent, component.urn, `${child.name}'s parent`);
            }
        });

        it("opens SSH only to the allowed CIDR and the app port 8080 to the world, each rule described", () => {
            assert.deepEqual(ingressOf(engine.one(SECURITY_GROUP)), [
                {
                    description: "SSH from the allowed addresses only",
                    protocol: "tcp",
                    fromPort: 22,
                    toPort: 22,
                    cidrBlocks: ["203.0.113.10/32"],
                    ipv6CidrBlocks: [],
                },
                APP_8080,
            ]);
        });

        it("allows all outbound traffic, described, so the server can install packages", () => {
            assert.deepEqual(engine.one(SECURITY_GROUP).inputs.egress, [
                {
                    description: "All outbound traffic, so the server can install packages",
                    protocol: "-1",
                    fromPort: 0,
                    toPort: 0,
                    cidrBlocks: ["0.0.0.0/0"],
                    ipv6CidrBlocks: ["::/0"],
                },
            ]);
        });

        it("builds a t3.micro (which the free plan launches) with IMDSv2 required, standard credits and no detailed monitoring", () => {
            const { inputs } = engine.one(INSTANCE);
            assert.equal(inputs.instanceType, "t3.micro");
            assert.deepEqual(inputs.metadataOptions, {
                httpEndpoint: "enabled",
                httpTokens: "required",
                httpPutResponseHopLimit: 1,
            });
            assert.deepEqual(inputs.creditSpecification, { cpuCredits: "standard" });
            assert.equal(inputs.monitoring, false);
            assert.equal(inputs.associatePublicIpAddress, true);
        });

        it("gives it a 30 GB encrypted gp3 root volume that is deleted with it and tagged", () => {
            assert.deepEqual(engine.one(INSTANCE).inputs.rootBlockDevice, {
                volumeSize: 30,
                volumeType: "gp3",
                encrypted: true,
                deleteOnTermination: true,
                tags: { Name: "web" },
            });
        });

        it("boots the latest Amazon Linux 2023 x86_64 AMI and never replaces the server for a newer one", () => {
            const instance = engine.one(INSTANCE);
            assert.equal(instance.inputs.ami, PLACEHOLDERS.amiX86);
            assert.deepEqual(instance.options.ignoreChanges, ["ami"]);
            assert.deepEqual(
                engine.calls.map((c) => [c.token, c.inputs.name]),
                [
                    [
                        "aws:ssm/getParameter:getParameter",
                        "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64",
                    ],
                ],
            );
        });

        it("attaches the generated key pair and the security group", () => {
            const instance = engine.one(INSTANCE);
            assert.equal(instance.inputs.keyName, "web-key-0000000");
            assert.deepEqual(instance.inputs.vpcSecurityGroupIds, ["web-sg-id"]);
            assert.match(String(engine.one(KEY_PAIR).inputs.publicKey), /^ssh-rsa /);
            assert.deepEqual(engine.one(PRIVATE_KEY).inputs, { algorithm: "RSA", rsaBits: 4096 });
        });

        it("tags every AWS child with Name = the component's name", () => {
            for (const type of [INSTANCE, SECURITY_GROUP, KEY_PAIR]) {
                assert.deepEqual(engine.one(type).inputs.tags, { Name: "web" }, type);
            }
        });

        it("keeps the private key a Pulumi secret, in outputs and in the key's state", async () => {
            assert.ok(server.privateKeyPem, "privateKeyPem is set for a generated key");
            assert.equal(await pulumi.isSecret(server.privateKeyPem), true);
            assert.match(await valueOf(server.privateKeyPem), /^-----BEGIN RSA PRIVATE KEY-----/);
            const secretInState = engine.one(PRIVATE_KEY).options.additionalSecretOutputs;
            for (const output of ["privateKeyPem", "privateKeyOpenssh", "privateKeyPemPkcs8"]) {
                assert.ok(secretInState.includes(output), `${output} is stored as a secret`);
            }
        });

        it("outputs the address, the ssh command and the app URL a user would open", async () => {
            const dns = "ec2-198-51-100-10.ap-northeast-2.compute.amazonaws.com";
            assert.equal(await valueOf(server.publicIp), "198.51.100.10");
            assert.equal(await valueOf(server.publicDns), dns);
            assert.equal(await valueOf(server.sshCommand!), `ssh -i web.pem ec2-user@${dns}`);
            assert.deepEqual(await valueOf(server.appUrls), [`http://${dns}:8080`]);
            assert.equal(await pulumi.isSecret(server.sshCommand!), false);
        });

        it("creates no Elastic IP unless asked", () => {
            assert.deepEqual(engine.ofType(EIP), []);
            assert.equal(server.elasticIp, undefined);
        });
    });

    it("looks up the arm64 AMI for a Graviton t4g.micro, with standard credits", async () => {
        await build({ ...GUIDE, instanceType: "t4g.micro" });
        assert.deepEqual(
            engine.calls.map((c) => c.inputs.name),
            ["/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64"],
        );
        assert.equal(engine.one(INSTANCE).inputs.ami, PLACEHOLDERS.amiArm);
        assert.deepEqual(engine.one(INSTANCE).inputs.creditSpecification, { cpuCredits: "standard" });
    });

    describe("warnings", () => {
        const warn = pulumi.log.warn;
        let warnings: string[];
        beforeEach(() => {
            warnings = [];
            (pulumi.log as any).warn = (message: string) => warnings.push(message);
        });
        afterEach(() => {
            (pulumi.log as any).warn = warn;
        });

        it("looks up Amazon Linux 2 only when asked, and warns that it is past end of support", async () => {
            await build({ ...GUIDE, os: "amazon-linux-2" });
            assert.deepEqual(
                engine.calls.map((c) => c.inputs.name),
                ["/aws/service/ami-amazon-linux-latest/amzn2-ami-hvm-x86_64-gp2"],
            );
            assert.deepEqual(warnings, [
                'os "amazon-linux-2" reached end of support on 2026-06-30 and gets no more security updates; AWS recommends "amazon-linux-2023"',
            ]);
        });

        it("gives no warning for Amazon Linux 2023", async () => {
            await build();
            assert.deepEqual(warnings, []);
        });
    });

    it("sets no credit mode on a non-burstable flex type", async () => {
        await build({ ...GUIDE, instanceType: "m7i-flex.large" });
        assert.equal(engine.one(INSTANCE).inputs.creditSpecification, undefined);
    });

    it("boots a pinned AMI without any lookup, still ignoring later AMI changes", async () => {
        await build({ ...GUIDE, ami: "ami-0123456789abcdef0" });
        assert.deepEqual(engine.calls, []);
        assert.equal(engine.one(INSTANCE).inputs.ami, "ami-0123456789abcdef0");
        assert.deepEqual(engine.one(INSTANCE).options.ignoreChanges, ["ami"]);
    });

    it("imports the user's public key instead of generating one, with no private key output", async () => {
        const publicKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExampleKeyOnly user@laptop";
        const server = await build({ ...GUIDE, publicKey });
        assert.deepEqual(engine.ofType(PRIVATE_KEY), []);
        assert.equal(engine.one(KEY_PAIR).inputs.publicKey, publicKey);
        assert.equal(server.privateKeyPem, undefined);
        assert.match(await valueOf(server.sshCommand!), /^ssh ec2-user@ec2-198-51-100-10\./);
    });

    it("splits IPv4 and IPv6 SSH sources into their own rule fields", async () => {
        await build({ sshAllowedCidrs: ["203.0.113.10/32", "2001:db8::7/128", "198.51.100.0/24"] });
        const ssh = ingressOf(engine.one(SECURITY_GROUP))[0];
        assert.deepEqual(ssh.cidrBlocks, ["203.0.113.10/32", "198.51.100.0/24"]);
        assert.deepEqual(ssh.ipv6CidrBlocks, ["2001:db8::7/128"]);
    });

    it("creates no SSH rule at all for an empty sshAllowedCidrs, and opens each app port", async () => {
        await build({ sshAllowedCidrs: [], appPorts: [80, 443] });
        assert.deepEqual(
            ingressOf(engine.one(SECURITY_GROUP)).map((rule) => [rule.fromPort, rule.description]),
            [
                [80, "App port 80 from anywhere"],
                [443, "App port 443 from anywhere"],
            ],
        );
    });

    it("merges user tags into every child, root volume included, and lets them override Name", async () => {
        await build({ ...GUIDE, tags: { Name: "springboot-webservice", Project: "guide" }, elasticIp: true });
        const expected = { Name: "springboot-webservice", Project: "guide" };
        for (const type of [INSTANCE, SECURITY_GROUP, KEY_PAIR, EIP]) {
            assert.deepEqual(engine.one(type).inputs.tags, expected, type);
        }
        assert.deepEqual((engine.one(INSTANCE).inputs.rootBlockDevice as any).tags, expected);
    });

    it("attaches an Elastic IP on request and reports its address", async () => {
        const server = await build({ ...GUIDE, elasticIp: true });
        const eip = engine.one(EIP);
        assert.deepEqual(eip.inputs, { domain: "vpc", instance: "web-instance-id", tags: { Name: "web" } });
        assert.equal(engine.one(INSTANCE).inputs.associatePublicIpAddress, undefined);
        assert.equal(await valueOf(server.publicIp), "198.51.100.10");
    });

    it("puts the security group in the chosen subnet's VPC and the instance in that subnet", async () => {
        await build({ ...GUIDE, subnetId: "subnet-0abc", userData: "#!/bin/bash\ndnf install -y java-17" });
        assert.equal(engine.one(SECURITY_GROUP).inputs.vpcId, "vpc-of-subnet-0abc");
        assert.equal(engine.one(INSTANCE).inputs.subnetId, "subnet-0abc");
        assert.equal(engine.one(INSTANCE).inputs.userData, "#!/bin/bash\ndnf install -y java-17");
    });

    it("uses an explicit vpcId without looking the subnet up", async () => {
        await build({ ...GUIDE, vpcId: "vpc-0123", subnetId: "subnet-0abc" });
        assert.equal(engine.one(SECURITY_GROUP).inputs.vpcId, "vpc-0123");
        assert.deepEqual(
            engine.calls.map((c) => c.token),
            ["aws:ssm/getParameter:getParameter"],
        );
    });

    it("honours a gp2 root volume of the AMI's minimum size", async () => {
        await build({ ...GUIDE, rootVolumeSizeGb: 8, rootVolumeType: "gp2" });
        const root = engine.one(INSTANCE).inputs.rootBlockDevice as any;
        assert.equal(root.volumeSize, 8);
        assert.equal(root.volumeType, "gp2");
    });
});

describe("FreeTierServer with a name AWS would refuse in a resource name (Hangul)", () => {
    // EC2 CreateSecurityGroup takes a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=&;{}!$* in a group's
    // name and description; key pair names are ASCII; IAM names alphanumerics and +=,.@_-.
    const EC2_GROUP_TEXT = /^[A-Za-z0-9 ._\-:/()#,@[\]+=&;{}!$*]+$/;
    const IAM_NAME = /^[A-Za-z0-9+=,.@_-]+$/;

    it("keeps the name in every Name tag and derives names AWS accepts for the group, the key pair, the role and the profile", async () => {
        await build({ sshAllowedCidrs: ["203.0.113.10/32"] }, "내 서버");
        const group = engine.one(SECURITY_GROUP).inputs;
        assert.equal(group.namePrefix, "server-sg-");
        assert.match(String(group.description), EC2_GROUP_TEXT);
        assert.equal((group.tags as Record<string, string>).Name, "내 서버");
        assert.equal(engine.one(KEY_PAIR).inputs.keyNamePrefix, "server-key-");
        assert.equal((engine.one(INSTANCE).inputs.tags as Record<string, string>).Name, "내 서버");
        await build({ access: "ssm" }, "웹-server 1");
        assert.match(String(engine.one(ROLE).inputs.namePrefix), IAM_NAME);
        assert.equal(engine.one(ROLE).inputs.namePrefix, "server-1-ssm-");
        assert.equal(engine.one(INSTANCE_PROFILE).inputs.namePrefix, engine.one(ROLE).inputs.namePrefix);
    });

    it("leaves a name AWS accepts to Pulumi's autonaming, so existing stacks keep their resources", async () => {
        await build(GUIDE, "web-1.prod");
        assert.equal(engine.one(SECURITY_GROUP).inputs.namePrefix, undefined);
        assert.equal(engine.one(KEY_PAIR).inputs.keyNamePrefix, undefined);
        assert.equal(
            engine.one(SECURITY_GROUP).inputs.description,
            "FreeTierServer web-1.prod: SSH from allowed addresses, app ports from anywhere",
        );
    });
});

describe("FreeTierServer access modes", () => {
    const SSM_CORE = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore";

    it('keeps the guide\'s way for access "ssh": connectCommand is the ssh command', async () => {
        const server = await build({ ...GUIDE, access: "ssh" });
        const dns = "ec2-198-51-100-10.ap-northeast-2.compute.amazonaws.com";
        assert.equal(await valueOf(server.connectCommand), `ssh -i web.pem ec2-user@${dns}`);
        assert.equal(await valueOf(server.sshCommand!), `ssh -i web.pem ec2-user@${dns}`);
        assert.ok(server.keyPair);
    });

    describe('with access "instance-connect"', () => {
        let server: FreeTierServer;
        before(async () => {
            server = await build({ access: "instance-connect" });
        });

        it("registers exactly the component, the security group and the instance: no key pair, no generated key", () => {
            assertRegisters([
                [INSTANCE, "web-instance"],
                [SECURITY_GROUP, "web-sg"],
                [COMPONENT, "web"],
            ]);
            assertNoKeyPair(server);
            assert.equal(engine.one(INSTANCE).inputs.iamInstanceProfile, undefined);
            assert.deepEqual(engine.one(INSTANCE).secretInputs, []);
        });

        it("opens SSH only from the Region's Instance Connect prefix list, looked up by name in the provider's Region", () => {
            const calls = engine.calls.map((c) => [c.token, c.inputs.name]);
            assert.deepEqual(calls.slice(1), [
                ["aws:index/getRegion:getRegion", undefined],
                [
                    "aws:ec2/getManagedPrefixList:getManagedPrefixList",
                    "com.amazonaws.ap-northeast-2.ec2-instance-connect",
                ],
            ]);
            const ingress = ingressOf(engine.one(SECURITY_GROUP));
            assert.equal(ingress.length, 2);
            assert.deepEqual(ingress[1], APP_8080);
            const ssh = ingress[0];
            assert.deepEqual(Object.keys(ssh).sort(), [
                "description",
                "fromPort",
                "prefixListIds",
                "protocol",
                "toPort",
            ]);
            assert.equal(ssh.description, "SSH from EC2 Instance Connect only");
            assert.deepEqual([ssh.protocol, ssh.fromPort, ssh.toPort], ["tcp", 22, 22]);
            assert.equal(ssh.prefixListIds.length, 1);
            assert.match(ssh.prefixListIds[0], /^pl-0[0-9a-f]{16}$/);
            assert.equal(
                engine.one(SECURITY_GROUP).inputs.description,
                "FreeTierServer web: SSH from EC2 Instance Connect, app ports from anywhere",
            );
        });

        it("looks the prefix list up in another Region's list when the provider is there", async () => {
            engine = new MockEngine({ region: "us-east-1" });
            const other = new FreeTierServer("web", { access: "instance-connect" });
            await valueOf(other.connectCommand);
            await engine.settled();
            const lookup = engine.calls.find((c) => c.token === "aws:ec2/getManagedPrefixList:getManagedPrefixList");
            assert.equal(lookup?.inputs.name, "com.amazonaws.us-east-1.ec2-instance-connect");
        });

        it("outputs the AWS CLI's Instance Connect command, with no secret", async () => {
            assert.equal(
                await valueOf(server.connectCommand),
                "aws ec2-instance-connect ssh --instance-id web-instance-id --os-user ec2-user",
            );
            assert.equal(await pulumi.isSecret(server.connectCommand), false);
        });
    });

    describe('with access "ssm"', () => {
        let server: FreeTierServer;
        before(async () => {
            server = await build({ access: "ssm", sshAllowedCidrs: [] });
        });

        it("registers exactly the component, the role, its one policy attachment, the instance profile, the security group and the instance", () => {
            assertRegisters([
                [INSTANCE, "web-instance"],
                [SECURITY_GROUP, "web-sg"],
                [COMPONENT, "web"],
                [ROLE, "web-ssm-role"],
                [ROLE_POLICY_ATTACHMENT, "web-ssm-core"],
                [INSTANCE_PROFILE, "web-ssm-profile"],
            ]);
            assertNoKeyPair(server);
        });

        it("opens no port 22 at all, keeps the app port and all outbound traffic", () => {
            const sg = engine.one(SECURITY_GROUP);
            assert.deepEqual(ingressOf(sg), [APP_8080]);
            assert.equal((sg.inputs.egress as any[]).length, 1);
            assert.deepEqual((sg.inputs.egress as any[])[0].cidrBlocks, ["0.0.0.0/0"]);
            assert.deepEqual(
                engine.calls.map((c) => c.token),
                ["aws:ssm/getParameter:getParameter"],
            );
        });

        it("gives the instance a role only EC2 may assume, with only AmazonSSMManagedInstanceCore attached", () => {
            const role = engine.one(ROLE);
            assert.deepEqual(JSON.parse(String(role.inputs.assumeRolePolicy)), {
                Version: "2012-10-17",
                Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
            });
            assert.equal(role.inputs.inlinePolicies, undefined);
            assert.equal(role.inputs.managedPolicyArns, undefined);
            assert.deepEqual(role.inputs.tags, { Name: "web" });
            assert.deepEqual(engine.one(ROLE_POLICY_ATTACHMENT).inputs, {
                role: "web-ssm-role-0000000",
                policyArn: SSM_CORE,
            });
            assert.deepEqual(engine.one(INSTANCE_PROFILE).inputs, {
                role: "web-ssm-role-0000000",
                tags: { Name: "web" },
            });
            assert.equal(engine.one(INSTANCE).inputs.iamInstanceProfile, "web-ssm-profile-0000000");
            assert.ok(server.role && server.instanceProfile);
        });

        it("outputs the Session Manager command", async () => {
            assert.equal(await valueOf(server.connectCommand), "aws ssm start-session --target web-instance-id");
        });
    });

    describe("a budget", () => {
        it("makes no budget without budgetEmail", async () => {
            const server = await build();
            assert.deepEqual(engine.ofType(BUDGET), []);
            assert.equal(server.budget, undefined);
        });

        it("with budgetEmail alone: a monthly zero-spend cost budget that e-mails at the first cent of actual spend", async () => {
            const server = await build({ access: "instance-connect", budgetEmail: "me@example.com" });
            assert.ok(server.budget);
            assert.deepEqual(engine.one(BUDGET).inputs, {
                budgetType: "COST",
                timeUnit: "MONTHLY",
                limitAmount: "0.01",
                limitUnit: "USD",
                notifications: [
                    {
                        notificationType: "ACTUAL",
                        comparisonOperator: "GREATER_THAN",
                        threshold: 0,
                        thresholdType: "ABSOLUTE_VALUE",
                        subscriberEmailAddresses: ["me@example.com"],
                    },
                ],
                tags: { Name: "web" },
            });
            assert.equal(engine.one(BUDGET).parent, engine.one(COMPONENT).urn);
        });

        it("with budgetUsd: that limit, and a forecast alert above it too", async () => {
            await build({ ...GUIDE, budgetEmail: "me@example.com", budgetUsd: 5 });
            const { inputs } = engine.one(BUDGET);
            assert.equal(inputs.limitAmount, "5.00");
            assert.deepEqual(
                (inputs.notifications as any[]).map((n) => [n.notificationType, n.threshold, n.thresholdType]),
                [
                    ["ACTUAL", 0, "ABSOLUTE_VALUE"],
                    ["FORECASTED", 100, "PERCENTAGE"],
                ],
            );
        });
    });
});
