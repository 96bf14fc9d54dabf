/**
 * Findings as data, what every policy shares: codes named <policy>/<kind> and listed in
 * docs/policies.md, messages ending in their code, and findings the stack's limits put on no
 * resource or on one. Each policy's own codes, field paths and values are in its spec under
 * test/policies/; goldenMessages.spec.ts holds one exact message per policy.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { codeOf, Finding, formatFinding } from "../../policy/lib/finding";
import { policies } from "../../policy/policies";
import * as hours from "../../policy/policies/freeTierInstanceHours";
import * as ipv4 from "../../policy/policies/freeTierPublicIpv4";
import * as idle from "../../policy/policies/noIdleElasticIp";
import * as ssh from "../../policy/policies/noPublicSsh";
import { urnOf } from "../../testing/policy/engine";
import { GOOD, T } from "../../testing/policy/fixtures";
import { findResource, findStack, TestResource } from "../../testing/policy/harness";
import { HOURS_PER_MONTH, inSeoul, instance, SEOUL } from "../support/policyBuilders";
import { figure } from "../support/prices";

describe("findings: codes, paths and values per policy", () => {
    describe("every policy", () => {
        it("lists its codes as <policy>/<kind>, and every code is one of its own", () => {
            for (const policy of policies) {
                const codes = Object.keys((policy as unknown as { codes: Record<string, string> }).codes);
                assert.ok(codes.length > 0, policy.name);
                for (const code of codes) {
                    assert.match(code, new RegExp(`^${policy.name}/[a-z0-9]+(-[a-z0-9]+)*$`));
                }
            }
        });

        it("docs/policies.md lists every code under its policy, as the policy describes it", () => {
            const docs = fs.readFileSync(path.join(__dirname, "../../docs/policies.md"), "utf8");
            const listed = [...docs.matchAll(/^- `([a-z0-9-]+\/[a-z0-9-]+)`: (.*)$/gm)].map((m) => [m[1], m[2]]);
            const codes = policies.flatMap((p) =>
                Object.entries((p as unknown as { codes: Record<string, string> }).codes),
            );
            assert.deepEqual(listed.sort(), codes.sort());
            for (const policy of policies) {
                const section = docs.split(`\n### ${policy.name}\n`)[1]?.split("\n### ")[0] ?? "";
                for (const code of Object.keys((policy as unknown as { codes: Record<string, string> }).codes)) {
                    assert.ok(section.includes(`- \`${code}\``), `${code} under ### ${policy.name}`);
                }
            }
        });

        it("ends each message in its code, which codeOf reads back", () => {
            const finding: Finding = {
                policy: "no-public-ssh",
                code: ssh.WORLD_OPEN_PORT,
                path: "ingress[0].cidrBlocks[0]",
                values: ["0.0.0.0/0"],
                what: 'Security group "web-sg" opens SSH port 22 to the whole IPv4 internet: ingress[0] allows 0.0.0.0/0 on tcp 22',
                fix: "allow only your own address (a /32) instead",
            };
            const message = formatFinding(finding);
            assert.equal(
                message,
                'Security group "web-sg" opens SSH port 22 to the whole IPv4 internet: ingress[0] allows 0.0.0.0/0 on tcp 22; allow only your own address (a /32) instead. [no-public-ssh/world-open-port]',
            );
            assert.equal(codeOf(message), ssh.WORLD_OPEN_PORT);
            // As the engine sends it, after the policy's description and a newline.
            assert.equal(codeOf(`Forbids ingress rules.\n${message}`), ssh.WORLD_OPEN_PORT);
            assert.equal(codeOf("a message with no code."), undefined);
            assert.equal(codeOf("ends in [brackets] that are no code."), undefined);
        });

        it("refuses a finding whose code its policy does not list", async () => {
            const rogue = {
                name: "no-public-ssh",
                codes: ssh.noPublicSsh.codes,
                judgeResource: (_args: unknown, found: (f: any) => void) =>
                    found({ code: "no-public-ssh/made-up", path: "", values: [], what: "x", fix: "y" }),
            };
            await assert.rejects(
                findResource(rogue as any, GOOD.securityGroup),
                /policy no-public-ssh reported code "no-public-ssh\/made-up", which it does not list/,
            );
        });
    });

    describe("the stack's limits: hours, storage total, public IPv4, idle Elastic IPs", () => {
        const eip = (name: string, props: Record<string, unknown> = {}): TestResource =>
            inSeoul({ type: T.eip, name, props: { domain: "vpc", ...props } });
        it("puts stack-wide findings on no resource, and an idle Elastic IP's on it, with their monthly cost", async () => {
            const two = await findStack(hours.freeTierInstanceHours, [instance("web"), instance("worker")]);
            assert.deepEqual(
                [two.findings[0].urn, two.findings[0].type, two.findings[0].name],
                [undefined, undefined, undefined],
            );
            const hourly = figure(SEOUL, "ipv4:public");
            assert.ok(hourly !== undefined);
            const { findings } = await findStack(idle.noIdleElasticIp, [eip("ip")]);
            assert.equal(findings[0].urn, urnOf(eip("ip")));
            assert.ok(Math.abs(findings[0].monthlyUsd! - hourly * HOURS_PER_MONTH) < 0.01);
            const addresses = await findStack(ipv4.freeTierPublicIpv4, [
                eip("a", { instance: "i-1" }),
                eip("b", { instance: "i-2" }),
            ]);
            assert.ok(Math.abs(addresses.findings[0].monthlyUsd! - 2 * hourly * HOURS_PER_MONTH) < 0.01);
        });
    });
});
