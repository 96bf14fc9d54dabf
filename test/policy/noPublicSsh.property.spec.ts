/**
 * no-public-ssh against a simple, independent oracle over random rule sets. The oracle works
 * on the numbers the generator chose (never parsing the CIDR strings the policy sees) and
 * decides coverage by bisection: an address block is covered when some rule block contains
 * it, or both its halves are covered.
 */
import * as assert from "node:assert/strict";
import fc from "fast-check";
import { noPublicSsh } from "../../policy/policies/noPublicSsh";
import { T } from "../../testing/policy/fixtures";
import { checkResource, checkStack, TestResource, UNKNOWN } from "../../testing/policy/harness";

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
    const text = String(rule.protocol).toLowerCase();
    // The provider parses a numeric spelling as an integer ("006" is 6).
    const number = /^[+-]?[0-9]+$/.test(text) ? Number(text) : undefined;
    if (text === "all" || number === -1) {
        return true;
    }
    if (text !== "tcp" && number !== 6) {
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

/** Where a rule lives: inline in its group, or a rule resource of either kind. */
type Home = "inline" | "rule" | "vpc";

/** Mostly halves and quarters of the world, so that rules often add up to it only together. */
const splitBlockArb: fc.Arbitrary<Block> = fc
    .record({
        family: fc.constantFrom(4 as const, 4 as const, 4 as const, 6 as const),
        top: fc.integer({ min: 0, max: 255 }),
        prefix: fc.oneof(
            { weight: 1, arbitrary: fc.constant(0) },
            { weight: 8, arbitrary: fc.integer({ min: 1, max: 2 }) },
        ),
    })
    .map(({ family, top, prefix }) => {
        const aligned = top & ~((1 << (8 - prefix)) - 1) & 0xff;
        const text = family === 4 ? `${aligned}.0.0.0/${prefix}` : `${(aligned << 8).toString(16)}::/${prefix}`;
        return { family, top: aligned, prefix, text };
    });

const placedRuleArb = fc
    .record({
        group: fc.integer({ min: 0, max: 1 }),
        home: fc.constantFrom<Home>("inline", "rule", "vpc"),
        protocol: fc.constantFrom("tcp", "6", "006", "-1", "all", "udp", "icmp"),
        ports: fc.constantFrom<[number | undefined, number | undefined]>(
            [22, 22],
            [0, 65535],
            [undefined, undefined],
            [30, 20],
            [80, 80],
        ),
        blocks: fc.array(splitBlockArb, { minLength: 1, maxLength: 2 }),
    })
    .map(({ ports, ...rule }) => ({ ...rule, fromPort: ports[0], toPort: ports[1] }));

type PlacedRule = typeof placedRuleArb extends fc.Arbitrary<infer R> ? R : never;

/** The stack: groups g0 and g1, their inline rules, and one rule resource per other rule (a vpc rule per block). */
function stackOf(rules: PlacedRule[]): TestResource[] {
    const groups = [0, 1].map((g) => ({ type: T.securityGroup, name: `g${g}`, props: { ingress: [] as unknown[] } }));
    const resources: TestResource[] = [...groups];
    rules.forEach((r, i) => {
        const ports = { fromPort: r.fromPort, toPort: r.toPort };
        const v4 = r.blocks.filter((b) => b.family === 4).map((b) => b.text);
        const v6 = r.blocks.filter((b) => b.family === 6).map((b) => b.text);
        const onGroup = { securityGroupId: UNKNOWN };
        const propertyDependencies = { securityGroupId: [`urn:pulumi:dev::project::${T.securityGroup}::g${r.group}`] };
        if (r.home === "inline") {
            groups[r.group].props.ingress.push({ protocol: r.protocol, ...ports, cidrBlocks: v4, ipv6CidrBlocks: v6 });
        } else if (r.home === "rule") {
            resources.push({
                type: T.securityGroupRule,
                name: `g${r.group}-rule-${i}`,
                props: {
                    type: "ingress",
                    ...onGroup,
                    protocol: r.protocol,
                    ...ports,
                    cidrBlocks: v4,
                    ipv6CidrBlocks: v6,
                },
                propertyDependencies,
            });
        } else {
            r.blocks.forEach((b, j) =>
                resources.push({
                    type: T.vpcIngressRule,
                    name: `g${r.group}-vpc-${i}-${j}`,
                    props: {
                        ...onGroup,
                        ipProtocol: r.protocol,
                        ...ports,
                        [b.family === 4 ? "cidrIpv4" : "cidrIpv6"]: b.text,
                    },
                    propertyDependencies,
                }),
            );
        }
    });
    return resources;
}

function familiesIn(message: string): (4 | 6)[] {
    const world = /to the whole (IPv4 and IPv6|IPv4|IPv6) internet/.exec(message)?.[1] ?? "";
    return ([4, 6] as const).filter((f) => world.includes(`IPv${f}`));
}

describe("no-public-ssh adds rules up per group, against a union oracle", () => {
    it("reports a group exactly when the union of its port-22 rules covers the world, never a family twice", async () => {
        const seen = { open: 0, closed: 0, joined: 0 };
        await fc.assert(
            fc.asyncProperty(fc.array(placedRuleArb, { minLength: 1, maxLength: 5 }), async (rules) => {
                const stack = stackOf(rules);
                const byResource = await Promise.all(stack.map((r) => checkResource(noPublicSsh, r)));
                const stackVerdict = await checkStack(noPublicSsh, stack);
                for (const g of [0, 1]) {
                    const reaching = rules.filter((r) => r.group === g && oracleReaches22(r)).flatMap((r) => r.blocks);
                    const open = ([4, 6] as const).filter((family) =>
                        covers(
                            reaching.filter((b) => b.family === family),
                            0,
                            0,
                        ),
                    );
                    const own = stack
                        .map((r, i) => ({ r, verdict: byResource[i] }))
                        .filter(({ r }) => r.name === `g${g}` || r.name!.startsWith(`g${g}-`))
                        .flatMap(({ verdict }) => verdict.violations.flatMap(familiesIn));
                    const joined = stackVerdict.violations
                        .filter((m) => m.startsWith(`Security group "g${g}" opens`))
                        .flatMap(familiesIn);
                    const label = JSON.stringify({ g, rules });
                    assert.deepEqual([...new Set([...own, ...joined])].sort(), open, label);
                    for (const family of joined) {
                        assert.ok(!own.includes(family), `IPv${family} reported twice: ${label}`);
                    }
                    seen[open.length > 0 ? "open" : "closed"]++;
                    seen.joined += joined.length > 0 ? 1 : 0;
                }
                assert.deepEqual(stackVerdict.couldNotCheck, []);
            }),
            { numRuns: 1000 },
        );
        // Open, closed and open-only-once-added-up must all be common, or the property proves little.
        assert.ok(seen.open > 100 && seen.closed > 100 && seen.joined > 50, JSON.stringify(seen));
    });
});
