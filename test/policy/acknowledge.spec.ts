/**
 * Acknowledgements through the built pack over the real Analyzer protocol (started as the engine
 * starts it, its "today" set through FREE_TIER_GUARD_TODAY in its environment, which the Pulumi
 * CLI passes to the plugins it starts), and the config schema the pack reports, checked as the
 * engine checks it before it analyzes anything (pulumi/pulumi pkg/resource/analyzer/config.go,
 * validatePolicyConfig with gojsonschema; here offline/policyConfig.ts with Ajv).
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { Diagnostic, PolicyPackProcess, ResourceInput } from "../../offline/analyzerClient";
import { checkPolicyConfig } from "../../offline/policyConfig";
import { engineInput, PACK_DIR } from "../../testing/policy/engine";
import { GOOD } from "../../testing/policy/fixtures";
import { onLegacyPlan, TestResource, withField } from "../../testing/policy/harness";
import { diagnosticBrief as brief } from "../support/policyBuilders";

const TODAY = "2026-06-15";
const REASON = "Imported server, tagged by the migration next sprint";
const SSH_REASON = "Bastion for the data migration, closed when it ends";

const untagged: TestResource = { ...GOOD.instance, props: withField(GOOD.instance.props, "tags", undefined) };
const openSsh: TestResource = {
    ...GOOD.securityGroup,
    props: withField(GOOD.securityGroup.props, "ingress.0.cidrBlocks", ["0.0.0.0/0"]),
};

describe("acknowledgements over the Analyzer gRPC protocol", function () {
    this.timeout(60000);
    let pack: PolicyPackProcess;
    /** Each finding as the pack reports it with no acknowledgement, by policy. */
    let plain: Map<string, Diagnostic>;
    before(async () => {
        pack = await PolicyPackProcess.start(PACK_DIR, { env: { ...process.env, FREE_TIER_GUARD_TODAY: TODAY } });
        await pack.configure(onLegacyPlan() as never);
        plain = new Map(
            [...(await pack.analyze(engineInput(untagged))), ...(await pack.analyze(engineInput(openSsh)))].map((d) => [
                d.policyName,
                d,
            ]),
        );
        assert.deepEqual([...plain.keys()], ["name-tag-required", "no-public-ssh"]);
        assert.ok([...plain.values()].every((d) => d.enforcementLevel === "mandatory"));
    });
    after(async () => {
        await pack?.stop();
    });

    const acknowledge = async (policy: string, entries: Record<string, unknown>[]) => {
        const config = onLegacyPlan({ [policy]: { acknowledge: entries } });
        // The engine refuses config its schema refuses before any Configure: so does the test.
        checkPolicyConfig(config, await pack.getAnalyzerInfo());
        await pack.configure(config as never);
    };
    const analyzed = async (resource: TestResource, policy: string) =>
        (await pack.analyze(engineInput(resource))).filter((d) => d.policyName === policy).map(brief);
    /** The finding's message without the policy's description, as the pack reported it unacknowledged. */
    const finding = (policy: string) => plain.get(policy)!.message.slice(plain.get(policy)!.description.length + 1);
    const acknowledged = (policy: string, resource: string, reason: string, expires: string) => [
        policy,
        "advisory",
        `${plain.get(policy)!.description}\nACKNOWLEDGED until ${expires} (acknowledge ${JSON.stringify(resource)}): ${JSON.stringify(reason)}\n${finding(policy)}`,
    ];

    it("matching: a mandatory finding on the named resource is reported advisory, with its reason and date", async () => {
        await acknowledge("name-tag-required", [{ resource: "web", reason: REASON, expires: "2026-06-30" }]);
        assert.deepEqual(await analyzed(untagged, "name-tag-required"), [
            acknowledged("name-tag-required", "web", REASON, "2026-06-30"),
        ]);
    });

    it("matching: by URN, and by a glob of a name or a URN", async () => {
        for (const resource of [
            "urn:pulumi:dev::project::aws:ec2/instance:Instance::web",
            "w*",
            "*",
            "urn:pulumi:dev::project::aws:ec2/instance:Instance::*",
        ]) {
            await acknowledge("name-tag-required", [{ resource, reason: REASON, expires: "2026-06-30" }]);
            assert.deepEqual(
                await analyzed(untagged, "name-tag-required"),
                [acknowledged("name-tag-required", resource, REASON, "2026-06-30")],
                resource,
            );
        }
    });

    it("not matching: another resource, another URN or another policy's entry leaves the finding mandatory", async () => {
        const unchanged = [brief(plain.get("name-tag-required")!)];
        for (const resource of ["db", "web-*", "urn:pulumi:dev::project::aws:ec2/instance:Instance::db", "*::web"]) {
            await acknowledge("name-tag-required", [{ resource, reason: REASON, expires: "2026-06-30" }]);
            assert.deepEqual(await analyzed(untagged, "name-tag-required"), unchanged, resource);
        }
        await acknowledge("require-imdsv2", [{ resource: "web", reason: REASON, expires: "2026-06-30" }]);
        assert.deepEqual(await analyzed(untagged, "name-tag-required"), unchanged);
    });

    it("expired: the day after its date the finding counts again, with a note that its acknowledgement expired", async () => {
        await acknowledge("name-tag-required", [{ resource: "web", reason: REASON, expires: "2026-06-14" }]);
        const d = plain.get("name-tag-required")!;
        assert.deepEqual(await analyzed(untagged, "name-tag-required"), [
            [
                "name-tag-required",
                "mandatory",
                `${d.message}\nacknowledgement expired on 2026-06-14 (acknowledge "web": ${JSON.stringify(REASON)}), so it counts again`,
            ],
        ]);
        // On its date it still holds.
        await acknowledge("name-tag-required", [{ resource: "web", reason: REASON, expires: TODAY }]);
        assert.deepEqual(await analyzed(untagged, "name-tag-required"), [
            acknowledged("name-tag-required", "web", REASON, TODAY),
        ]);
    });

    it("a stack policy's finding is matched by the URN it names, here the stack's", async () => {
        const second: TestResource = { ...GOOD.instance, name: "web-2" };
        const stack = [GOOD.instance, second].map(engineInput);
        const before = (await pack.analyzeStack(stack)).filter((d) => d.policyName === "free-tier-instance-hours");
        assert.deepEqual(
            before.map((d) => d.enforcementLevel),
            ["mandatory"],
        );
        await acknowledge("free-tier-instance-hours", [{ resource: "web", reason: REASON, expires: "2026-06-30" }]);
        assert.deepEqual(
            (await pack.analyzeStack(stack)).filter((d) => d.policyName === "free-tier-instance-hours").map(brief),
            before.map(brief),
            "the finding is about the stack, not the instance web",
        );
        await acknowledge("free-tier-instance-hours", [{ resource: "*", reason: REASON, expires: "2026-06-30" }]);
        const after = (await pack.analyzeStack(stack)).filter((d) => d.policyName === "free-tier-instance-hours");
        assert.deepEqual(
            after.map((d) => [d.enforcementLevel, d.message]),
            [
                [
                    "advisory",
                    `${before[0].description}\nACKNOWLEDGED until 2026-06-30 (acknowledge "*"): ${JSON.stringify(REASON)}\n${before[0].message.slice(before[0].description.length + 1)}`,
                ],
            ],
        );
    });

    it("refused for world-open SSH: no-public-ssh's entries need allowWorldOpenSsh: true", async () => {
        const entry = { resource: "web-sg", reason: SSH_REASON, expires: "2026-06-30" };
        const info = await pack.getAnalyzerInfo();
        for (const [given, problem] of [
            [entry, "no-public-ssh.acknowledge[0].allowWorldOpenSsh is required"],
            [
                { ...entry, allowWorldOpenSsh: false },
                "no-public-ssh.acknowledge[0].allowWorldOpenSsh is false, not true",
            ],
        ] as const) {
            assert.throws(
                () => checkPolicyConfig(onLegacyPlan({ "no-public-ssh": { acknowledge: [given] } }), info),
                (err: Error) => err.message.includes(problem),
                problem,
            );
        }
        // Should config reach the pack unchecked, the pack refuses it too, naming the policy and the entry.
        await pack.configure(onLegacyPlan({ "no-public-ssh": { acknowledge: [entry] } }) as never);
        await assert.rejects(
            pack.analyze(engineInput(openSsh)),
            /no-public-ssh\.acknowledge\[0\] acknowledges "web-sg" without allowWorldOpenSsh: true/,
        );
        await acknowledge("no-public-ssh", [{ ...entry, allowWorldOpenSsh: true }]);
        assert.deepEqual(await analyzed(openSsh, "no-public-ssh"), [
            acknowledged("no-public-ssh", "web-sg", SSH_REASON, "2026-06-30"),
        ]);
    });

    it("refused with a short reason, a date that is no date, or a key an entry does not take", async () => {
        const info = await pack.getAnalyzerInfo();
        const entry = { resource: "web", reason: REASON, expires: "2026-06-30" };
        for (const [given, problem] of [
            [
                { ...entry, reason: "temporary" },
                'name-tag-required.acknowledge[0].reason is "temporary", shorter than 10 characters',
            ],
            [
                { ...entry, expires: "2026-02-29" },
                'name-tag-required.acknowledge[0].expires is "2026-02-29", not a calendar date',
            ],
            [
                { ...entry, expires: "30/06/2026" },
                'name-tag-required.acknowledge[0].expires is "30/06/2026", not of the form',
            ],
            [{ ...entry, until: "2026-06-30" }, 'name-tag-required.acknowledge[0] has "until", a key it does not take'],
            [{ resource: "web", reason: REASON }, "name-tag-required.acknowledge[0].expires is required"],
        ] as const) {
            assert.throws(
                () => checkPolicyConfig(onLegacyPlan({ "name-tag-required": { acknowledge: [given] } }), info),
                (err: Error) => err.message.includes(problem),
                problem,
            );
        }
        // A leap day is a date.
        checkPolicyConfig(
            onLegacyPlan({ "name-tag-required": { acknowledge: [{ ...entry, expires: "2028-02-29" }] } }),
            info,
        );
        await pack.configure(
            onLegacyPlan({ "name-tag-required": { acknowledge: [{ ...entry, reason: "temporary" }] } }) as never,
        );
        await assert.rejects(
            pack.analyze(engineInput(untagged)),
            /name-tag-required\.acknowledge\[0\]\.reason is "temporary", shorter than 10 characters/,
        );
    });

    it("the docs' example configs are accepted by the schema the pack reports", async () => {
        const info = await pack.getAnalyzerInfo();
        let examples = 0;
        for (const doc of ["docs/policies.md", "docs/offline-preview.md"]) {
            const text = fs.readFileSync(path.join(__dirname, "../..", doc), "utf8");
            for (const [, block] of text.matchAll(/```json\n([\s\S]*?)```/g)) {
                const parsed = JSON.parse(block);
                if (Object.values(parsed).some((p: any) => p?.acknowledge)) {
                    checkPolicyConfig(parsed, info);
                    examples++;
                }
            }
        }
        assert.equal(examples, 2);
    });

    it("every policy's schema takes acknowledge, each entry closed to other keys", async () => {
        const info = await pack.getAnalyzerInfo();
        for (const p of info.policies) {
            const items = p.configSchema?.properties.acknowledge?.items;
            assert.equal(items?.additionalProperties, false, p.name);
            assert.equal(items?.properties.reason.minLength, 10, p.name);
            assert.equal(items?.properties.expires.format, "date", p.name);
            assert.equal(items?.required.includes("allowWorldOpenSsh"), p.name === "no-public-ssh", p.name);
        }
    });
});

describe("the pack's today", function () {
    this.timeout(60000);
    it("a FREE_TIER_GUARD_TODAY that is no date stops the policies that have acknowledgements, naming it", async () => {
        const pack = await PolicyPackProcess.start(PACK_DIR, {
            env: { ...process.env, FREE_TIER_GUARD_TODAY: "2026-13-01" },
        });
        try {
            await pack.configure(
                onLegacyPlan({
                    "name-tag-required": {
                        acknowledge: [{ resource: "web", reason: REASON, expires: "2026-06-30" }],
                    },
                }) as never,
            );
            const input: ResourceInput = engineInput(untagged);
            await assert.rejects(pack.analyze(input), /FREE_TIER_GUARD_TODAY is "2026-13-01", not a date/);
        } finally {
            await pack.stop();
        }
    });
});
