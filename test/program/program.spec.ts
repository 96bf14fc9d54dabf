import * as assert from "node:assert/strict";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { MASKED_SECRET, loadStackConfig } from "../../offline/projectFiles";
import { runUnderMocks } from "../../testing/mockEngine";
import { valueOf } from "../support/outputs";
import { guideStack } from "./guideStack";
import { BUDGET, INSTANCE, INSTANCE_PROFILE, KEY_PAIR, SECURITY_GROUP } from "../../testing/types";

const ROOT = path.resolve(__dirname, "../..");
const PROGRAM = path.join(ROOT, "index.ts");
const DNS = "ec2-198-51-100-10.ap-northeast-2.compute.amazonaws.com";

describe("the program (index.ts) with the guide's dev stack", () => {
    it("builds the guide's server and exports what a user reaches it with", async () => {
        const { engine, outputs } = await runUnderMocks(PROGRAM, guideStack());
        const instance = engine.one(INSTANCE);
        assert.equal(instance.name, "free-tier-server-instance");
        assert.equal(instance.inputs.instanceType, "t3.micro");
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
        await runUnderMocks(PROGRAM, guideStack());
        const exported = require(PROGRAM);
        assert.equal(await pulumi.isSecret(exported.privateKeyPem), true);
        assert.equal(await pulumi.isSecret(exported.sshCommand), false);
    });

    it("imports a public key set as a secure value and keeps it secret", async () => {
        const key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExampleKeyOnly me@laptop";
        const stack = guideStack({ "free-tier-server:publicKey": key });
        const { engine, outputs } = await runUnderMocks(PROGRAM, {
            ...stack,
            secretKeys: ["free-tier-server:publicKey"],
        });
        assert.deepEqual(engine.ofType("tls:index/privateKey:PrivateKey"), []);
        const keyPair = engine.one(KEY_PAIR);
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

    describe("reads sshAllowedCidrs as a YAML list or as a prompt stores it (a string, commas between)", () => {
        const cases: { why: string; value: string; ipv4: string[]; ipv6: string[] }[] = [
            { why: "a YAML list", value: '["203.0.113.7/32"]', ipv4: ["203.0.113.7/32"], ipv6: [] },
            { why: "one CIDR block", value: "203.0.113.7/32", ipv4: ["203.0.113.7/32"], ipv6: [] },
            {
                why: "IPv4 and IPv6 separated by a comma and spaces",
                value: " 203.0.113.7/32 , 2001:db8::7/128 ",
                ipv4: ["203.0.113.7/32"],
                ipv6: ["2001:db8::7/128"],
            },
            {
                why: "separated by spaces only",
                value: "203.0.113.7/32 198.51.100.0/24",
                ipv4: ["203.0.113.7/32", "198.51.100.0/24"],
                ipv6: [],
            },
        ];
        for (const c of cases) {
            it(c.why, async () => {
                const { engine } = await runUnderMocks(
                    PROGRAM,
                    guideStack({ "free-tier-server:sshAllowedCidrs": c.value }),
                );
                const ssh = (engine.one(SECURITY_GROUP).inputs.ingress as any[]).filter((rule) => rule.fromPort === 22);
                assert.deepEqual(
                    ssh.map((rule) => [rule.cidrBlocks, rule.ipv6CidrBlocks]),
                    [[c.ipv4, c.ipv6]],
                );
            });
        }

        it("[] means no SSH rule at all", async () => {
            const { engine } = await runUnderMocks(PROGRAM, guideStack({ "free-tier-server:sshAllowedCidrs": "[]" }));
            const ingress = engine.one(SECURITY_GROUP).inputs.ingress as any[];
            assert.deepEqual(
                ingress.map((rule) => rule.fromPort),
                [8080],
            );
        });
    });

    describe("reads access, budgetEmail and budgetUsd from stack config", () => {
        const NO_SSH = { "free-tier-server:sshAllowedCidrs": undefined };

        it('access "instance-connect" without sshAllowedCidrs: no key pair, no private key, the Instance Connect command', async () => {
            const { engine, outputs } = await runUnderMocks(
                PROGRAM,
                guideStack({ ...NO_SSH, "free-tier-server:access": "instance-connect" }),
            );
            assert.deepEqual(engine.ofType(KEY_PAIR), []);
            assert.deepEqual(engine.ofType("tls:index/privateKey:PrivateKey"), []);
            assert.equal(
                outputs.connectCommand,
                "aws ec2-instance-connect ssh --instance-id free-tier-server-instance-id --os-user ec2-user",
            );
            for (const key of ["privateKeyPem", "sshCommand", "keyPairName"]) {
                assert.ok(!(key in outputs), `no ${key} output`);
            }
        });

        it('access "ssm" with a budget: the Session Manager command and a 2-dollar budget with a forecast alert', async () => {
            const { engine, outputs } = await runUnderMocks(
                PROGRAM,
                guideStack({
                    "free-tier-server:sshAllowedCidrs": "[]",
                    "free-tier-server:access": "ssm",
                    "free-tier-server:budgetEmail": "me@example.com",
                    "free-tier-server:budgetUsd": "2",
                }),
            );
            assert.equal(outputs.connectCommand, "aws ssm start-session --target free-tier-server-instance-id");
            const budget = engine.one(BUDGET);
            assert.equal(budget.inputs.limitAmount, "2.00");
            assert.equal((budget.inputs.notifications as any[]).length, 2);
            assert.equal(engine.ofType(INSTANCE_PROFILE).length, 1);
        });

        it("an empty budgetEmail (a template prompt left empty) makes no budget", async () => {
            const { engine } = await runUnderMocks(PROGRAM, guideStack({ "free-tier-server:budgetEmail": "" }));
            assert.deepEqual(engine.ofType(BUDGET), []);
        });

        it("the guide's dev stack exports connectCommand, the ssh command", async () => {
            const { outputs } = await runUnderMocks(PROGRAM, guideStack());
            assert.equal(outputs.connectCommand, `ssh -i free-tier-server.pem ec2-user@${DNS}`);
        });
    });

    describe("refuses bad stack config before creating anything", () => {
        interface BadConfig {
            why: string;
            overrides: Record<string, string | undefined>;
            message: string;
        }
        /** A setting the program itself refuses, naming the key and the value (beside `others`). */
        const badSetting = (
            why: string,
            setting: string,
            value: string,
            problem: string,
            others: Record<string, string> = {},
        ): BadConfig => ({
            why,
            overrides: { ...others, [`free-tier-server:${setting}`]: value },
            message: `Stack config free-tier-server:${setting} "${value}" ${problem}`,
        });
        /** Settings the program passes on as args, refused by the component, which lists the one problem. */
        const badArg = (why: string, overrides: Record<string, string>, problem: string): BadConfig => ({
            why,
            overrides,
            message: `FreeTierServer "free-tier-server" has invalid args:\n  - ${problem}`,
        });
        const WORLD =
            'sshAllowedCidrs "0.0.0.0/0" opens SSH (port 22) to the whole IPv4 internet; allow only your own address, such as "203.0.113.7/32"';
        const cases: BadConfig[] = [
            {
                why: "sshAllowedCidrs missing: says which key to set and how",
                overrides: { "free-tier-server:sshAllowedCidrs": undefined },
                message:
                    "Stack config free-tier-server:sshAllowedCidrs is not set. It lists the CIDR blocks allowed to reach SSH (port 22). Allow your own address:\n" +
                    `    pulumi config set --path 'sshAllowedCidrs[0]' "$(curl -s https://checkip.amazonaws.com)/32"\n` +
                    'or write "free-tier-server:sshAllowedCidrs: []" in Pulumi.<stack>.yaml for no SSH at all.',
            },
            badArg(
                "sshAllowedCidrs as a plain string that opens SSH to the world",
                { "free-tier-server:sshAllowedCidrs": "0.0.0.0/0" },
                WORLD,
            ),
            badSetting("sshAllowedCidrs as an empty string", "sshAllowedCidrs", " ", "is empty; write [] for none"),
            badSetting(
                "sshAllowedCidrs as a list that does not parse",
                "sshAllowedCidrs",
                "[203.0.113.7/32",
                "is not a YAML list or map",
            ),
            badArg("SSH open to the world", { "free-tier-server:sshAllowedCidrs": '["0.0.0.0/0"]' }, WORLD),
            badArg(
                'sshAllowedCidrs with access "ssm", naming both',
                { "free-tier-server:access": "ssm" },
                'sshAllowedCidrs is set with access "ssm", which opens no SSH port at all; leave sshAllowedCidrs out, or use access "ssh"',
            ),
            badSetting("a budgetUsd that is not a number", "budgetUsd", "five", "is not a number", {
                "free-tier-server:budgetEmail": "me@example.com",
            }),
            badSetting("a volume size that is not a number", "rootVolumeSizeGb", "thirty", "is not a number"),
            badArg(
                "a non-free instance type",
                { "free-tier-server:instanceType": "t3.large" },
                'instanceType "t3.large" does not launch on the free plan: EC2 refuses types that are not free-tier eligible; use one of t3.micro, t3.small, t4g.micro, t4g.small, c7i-flex.large, m7i-flex.large, or set plan "paid-plan" if your account is on the paid plan',
            ),
            badSetting("elasticIp that is not a boolean", "elasticIp", "yes", "is not true or false"),
        ];
        for (const c of cases) {
            it(c.why, async () => {
                let engineResources = -1;
                await assert.rejects(
                    runUnderMocks(PROGRAM, guideStack(c.overrides)).then((run) => {
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
