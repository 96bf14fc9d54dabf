import * as assert from "node:assert/strict";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { MASKED_SECRET, loadStackConfig, StackConfig } from "../../offline/projectFiles";
import { runUnderMocks } from "../../offline/mockEngine";
import { valueOf } from "../support/outputs";

const ROOT = path.resolve(__dirname, "../..");
const PROGRAM = path.join(ROOT, "index.ts");
const DNS = "ec2-198-51-100-10.ap-northeast-2.compute.amazonaws.com";

function devStack(overrides: Record<string, string | undefined> = {}): StackConfig {
    const dev = loadStackConfig(ROOT, "dev");
    const config = { ...dev.config, ...overrides };
    for (const [k, v] of Object.entries(config)) {
        if (v === undefined) delete config[k];
    }
    return { ...dev, config: config as Record<string, string> };
}

describe("the program (index.ts) with Pulumi.dev.yaml", () => {
    it("reads the guide's stack config: Seoul, t2.micro, 30 GB, port 8080, SSH from the placeholder /32", () => {
        const dev = loadStackConfig(ROOT, "dev");
        assert.equal(dev.project, "free-tier-server");
        assert.deepEqual(dev.config, {
            "aws:region": "ap-northeast-2",
            "free-tier-server:serverName": "free-tier-server",
            "free-tier-server:instanceType": "t2.micro",
            "free-tier-server:os": "amazon-linux-2023",
            "free-tier-server:rootVolumeSizeGb": "30",
            "free-tier-server:appPorts": "[8080]",
            "free-tier-server:sshAllowedCidrs": '["203.0.113.10/32"]',
        });
        assert.deepEqual(dev.maskedKeys, []);
    });

    it("builds the guide's server and exports what a user reaches it with", async () => {
        const { engine, outputs } = await runUnderMocks(PROGRAM, devStack());
        const instance = engine.one("aws:ec2/instance:Instance");
        assert.equal(instance.name, "free-tier-server-instance");
        assert.equal(instance.inputs.instanceType, "t2.micro");
        assert.equal((instance.inputs.rootBlockDevice as any).volumeSize, 30);
        assert.deepEqual(instance.inputs.tags, { Name: "free-tier-server" });
        assert.equal(engine.one("pulumi:pulumi:Stack").name, "free-tier-server-dev");
        assert.equal(outputs.publicIp, "198.51.100.10");
        assert.equal(outputs.publicDns, DNS);
        assert.equal(outputs.sshCommand, `ssh -i free-tier-server.pem ec2-user@${DNS}`);
        assert.deepEqual(outputs.appUrls, [`http://${DNS}:8080`]);
        assert.equal(outputs.instanceId, "free-tier-server-instance-id");
        assert.equal(outputs.keyPairName, "free-tier-server-key-0000000");
        assert.match(String(outputs.privateKeyPem), /BEGIN RSA PRIVATE KEY/);
    });

    it("exports the private key only as a secret", async () => {
        await runUnderMocks(PROGRAM, devStack());
        const exported = require(PROGRAM);
        assert.equal(await pulumi.isSecret(exported.privateKeyPem), true);
        assert.equal(await pulumi.isSecret(exported.sshCommand), false);
    });

    it("imports a public key set as a secure value and keeps it secret", async () => {
        const key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExampleKeyOnly me@laptop";
        const stack = devStack({ "free-tier-server:publicKey": key });
        const { engine, outputs } = await runUnderMocks(PROGRAM, {
            ...stack,
            secretKeys: ["free-tier-server:publicKey"],
        });
        assert.deepEqual(engine.ofType("tls:index/privateKey:PrivateKey"), []);
        const keyPair = engine.one("aws:ec2/keyPair:KeyPair");
        assert.equal(keyPair.inputs.publicKey, key);
        assert.deepEqual(keyPair.secretInputs, ["publicKey"]);
        assert.ok(!("privateKeyPem" in outputs), "no privateKeyPem output, not even an undefined one");
        assert.equal(await valueOf(require(PROGRAM).sshCommand), `ssh ec2-user@${DNS}`);
    });

    it("masks encrypted values it cannot decrypt, and says which", () => {
        const stack = loadStackConfig(path.join(__dirname, "fixtures"), "secure");
        assert.deepEqual(stack.maskedKeys, ["free-tier-server:publicKey", "free-tier-server:tags"]);
        assert.equal(stack.config["free-tier-server:publicKey"], MASKED_SECRET);
        assert.equal(stack.config["free-tier-server:tags"], JSON.stringify({ Name: "guide", Owner: MASKED_SECRET }));
    });

    describe("refuses bad stack config before creating anything", () => {
        const cases: { why: string; overrides: Record<string, string | undefined>; message: string }[] = [
            {
                why: "sshAllowedCidrs missing: says which key to set and how",
                overrides: { "free-tier-server:sshAllowedCidrs": undefined },
                message:
                    "Stack config free-tier-server:sshAllowedCidrs is not set. It lists the CIDR blocks allowed to reach SSH (port 22). Allow your own address:\n" +
                    `    pulumi config set --path 'sshAllowedCidrs[0]' "$(curl -s https://checkip.amazonaws.com)/32"\n` +
                    'or write "free-tier-server:sshAllowedCidrs: []" in Pulumi.<stack>.yaml for no SSH at all.',
            },
            {
                why: "sshAllowedCidrs as a plain string",
                overrides: { "free-tier-server:sshAllowedCidrs": "0.0.0.0/0" },
                message: 'Stack config free-tier-server:sshAllowedCidrs "0.0.0.0/0" is not a YAML list or map',
            },
            {
                why: "SSH open to the world",
                overrides: { "free-tier-server:sshAllowedCidrs": '["0.0.0.0/0"]' },
                message:
                    'FreeTierServer "free-tier-server" has invalid args:\n  - sshAllowedCidrs "0.0.0.0/0" opens SSH (port 22) to the whole IPv4 internet; allow only your own address, such as "203.0.113.7/32"',
            },
            {
                why: "a volume size that is not a number",
                overrides: { "free-tier-server:rootVolumeSizeGb": "thirty" },
                message: 'Stack config free-tier-server:rootVolumeSizeGb "thirty" is not a number',
            },
            {
                why: "a non-free instance type",
                overrides: { "free-tier-server:instanceType": "t3.large" },
                message:
                    'FreeTierServer "free-tier-server" has invalid args:\n  - instanceType "t3.large" is not free-tier eligible on any plan; use one of t2.micro, t3.micro, t3.small, t4g.micro, t4g.small, c7i-flex.large, m7i-flex.large',
            },
            {
                why: "elasticIp that is not a boolean",
                overrides: { "free-tier-server:elasticIp": "yes" },
                message: 'Stack config free-tier-server:elasticIp "yes" is not true or false',
            },
        ];
        for (const c of cases) {
            it(c.why, async () => {
                let engineResources = -1;
                await assert.rejects(
                    runUnderMocks(PROGRAM, devStack(c.overrides)).then((run) => {
                        engineResources = run.engine.resources.length;
                    }),
                    (err: Error) => {
                        assert.equal(err.message, c.message);
                        assert.ok(
                            pulumi.RunError.isInstance(err),
                            "a RunError: the CLI prints it without a stack trace",
                        );
                        return true;
                    },
                );
                assert.equal(engineResources, -1);
            });
        }
    });
});
