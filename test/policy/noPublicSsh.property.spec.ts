/**
 * no-public-ssh against a simple, independent oracle over random rule sets. The oracle works
 * on the numbers the generator chose (never parsing the CIDR strings the policy sees) and
 * decides coverage by bisection: an address block is covered when some rule block contains
 * it, or both its halves are covered.
 */
import * as assert from "node:assert/strict";
import fc from "fast-check";
import { noPublicSsh } from "../../policy/policies/noPublicSsh";
import { T } from "./fixtures";
import { checkResource } from "./harness";

interface Block {
    readonly family: 4 | 6;
    /** The top 8 bits of the address; generated prefixes are at most /6, so the rest is zero. */
    readonly top: number;
    readonly prefix: number;
    readonly text: string;
}

const blockArb: fc.Arbitrary<Block> = fc
    .record({
        family: fc.constantFrom(4 as const, 6 as const),
        top: fc.integer({ min: 0, max: 255 }),
        prefix: fc.integer({ min: 0, max: 6 }),
        spelling: fc.integer({ min: 0, max: 2 }),
    })
    .map(({ family, top, prefix, spelling }) => {
        if (family === 4) {
            return { family, top, prefix, text: `${top}.0.0.0/${prefix}` };
        }
        const hex = (top << 8).toString(16);
        const text = [
            `${hex}::/${prefix}`,
            `${hex.padStart(4, "0")}:0:0:0:0:0:0:0/${prefix}`,
            `${hex.toUpperCase()}::0/${prefix}`,
        ][spelling];
        return { family, top, prefix, text };
    });

const protocolArb = fc.constantFrom("-1", -1, "all", "ALL", "tcp", "TCP", "6", 6, "udp", "17", "icmp");
const portArb = fc.option(fc.integer({ min: 0, max: 65535 }), { nil: undefined });
const ruleArb = fc.record({
    protocol: protocolArb,
    fromPort: portArb,
    toPort: portArb,
    blocks: fc.array(blockArb, { maxLength: 6 }),
});

function oracleReaches22(rule: { protocol: unknown; fromPort?: number; toPort?: number }): boolean {
    if (["-1", "all"].includes(String(rule.protocol).toLowerCase())) {
        return true;
    }
    if (!["tcp", "6"].includes(String(rule.protocol).toLowerCase())) {
        return false;
    }
    const lo = Math.min(rule.fromPort ?? 0, rule.toPort ?? 65535);
    const hi = Math.max(rule.fromPort ?? 0, rule.toPort ?? 65535);
    return lo <= 22 && 22 <= hi;
}

/** Whether the blocks cover the node (the `depth`-bit prefix `bits` of the top byte). */
function covers(blocks: Block[], bits: number, depth: number): boolean {
    const contains = (b: Block) => b.prefix <= depth && b.top >> (8 - b.prefix) === bits >> (depth - b.prefix);
    if (blocks.some(contains)) {
        return true;
    }
    if (depth >= 6) {
        return false;
    }
    return covers(blocks, bits << 1, depth + 1) && covers(blocks, (bits << 1) | 1, depth + 1);
}

describe("no-public-ssh agrees with an independent oracle on random rule sets", () => {
    it("reports exactly the rule sets whose port-22 rules cover the IPv4 or IPv6 world", async () => {
        const seen = { open: 0, closed: 0 };
        await fc.assert(
            fc.asyncProperty(fc.array(ruleArb, { minLength: 1, maxLength: 4 }), async (rules) => {
                const reaching = rules.filter(oracleReaches22).flatMap((r) => r.blocks);
                const expected = ([4, 6] as const).some((family) =>
                    covers(
                        reaching.filter((b) => b.family === family),
                        0,
                        0,
                    ),
                );
                const ingress = rules.map((r) => ({
                    protocol: r.protocol,
                    fromPort: r.fromPort,
                    toPort: r.toPort,
                    cidrBlocks: r.blocks.filter((b) => b.family === 4).map((b) => b.text),
                    ipv6CidrBlocks: r.blocks.filter((b) => b.family === 6).map((b) => b.text),
                }));
                const verdict = await checkResource(noPublicSsh, {
                    type: T.securityGroup,
                    name: "sg",
                    props: { ingress },
                });
                assert.equal(verdict.violations.length > 0, expected, JSON.stringify(ingress));
                seen[expected ? "open" : "closed"]++;
                assert.deepEqual(verdict.couldNotCheck, []);
            }),
            { numRuns: 2000 },
        );
        // Both answers must be common, or the property proves little.
        assert.ok(seen.open > 200 && seen.closed > 200, JSON.stringify(seen));
    });
});
