import * as assert from "node:assert/strict";
import { noPublicSsh, WORLD_OPEN_PORT } from "../../policy/policies/noPublicSsh";
import { GOOD, T } from "../../testing/policy/fixtures";
import { checkResource, findResource, TestResource, UNKNOWN } from "../../testing/policy/harness";

const FIX = "allow only your own address (a /32) instead.";

function sg(...ingress: Record<string, unknown>[]): TestResource {
    return { type: T.securityGroup, name: "web-sg", props: { ingress } };
}
function rule(props: Record<string, unknown>): TestResource {
    return {
        type: T.securityGroupRule,
        name: "ssh-rule",
        props: { type: "ingress", securityGroupId: "sg-1", ...props },
    };
}
function vpcRule(props: Record<string, unknown>): TestResource {
    return { type: T.vpcIngressRule, name: "ssh-ingress", props: { securityGroupId: "sg-1", ...props } };
}
const tcp22 = { protocol: "tcp", fromPort: 22, toPort: 22 };

describe("no-public-ssh", () => {
    describe("passes the happy path of every rule shape", () => {
        for (const key of ["securityGroup", "defaultSecurityGroup", "securityGroupRule", "vpcIngressRule"]) {
            it(key, async () => {
                assert.deepEqual(await checkResource(noPublicSsh, GOOD[key]), { violations: [], couldNotCheck: [] });
            });
        }
    });

    const open: { why: string; resource: TestResource; message: string }[] = [
        {
            why: "an inline rule from 0.0.0.0/0 on tcp 22",
            resource: sg({ ...tcp22, cidrBlocks: ["0.0.0.0/0"] }),
            message: `Security group "web-sg" opens SSH port 22 to the whole IPv4 internet: ingress[0] allows 0.0.0.0/0 on tcp 22; ${FIX} [no-public-ssh/world-open-port]`,
        },
        {
            why: "::/0 in ipv6CidrBlocks",
            resource: sg({ ...tcp22, ipv6CidrBlocks: ["::/0"] }),
            message: `Security group "web-sg" opens SSH port 22 to the whole IPv6 internet: ingress[0] allows ::/0 on tcp 22; ${FIX} [no-public-ssh/world-open-port]`,
        },
        {
            why: "a port range that includes 22",
            resource: sg({ protocol: "tcp", fromPort: 0, toPort: 65535, cidrBlocks: ["0.0.0.0/0"] }),
            message: `Security group "web-sg" opens SSH port 22 to the whole IPv4 internet: ingress[0] allows 0.0.0.0/0 on tcp 0-65535; ${FIX} [no-public-ssh/world-open-port]`,
        },
        {
            why: "a reversed port range (from > to)",
            resource: sg({ protocol: "tcp", fromPort: 30, toPort: 20, cidrBlocks: ["0.0.0.0/0"] }),
            message: `Security group "web-sg" opens SSH port 22 to the whole IPv4 internet: ingress[0] allows 0.0.0.0/0 on tcp 20-30; ${FIX} [no-public-ssh/world-open-port]`,
        },
        {
            why: "protocol -1 (all traffic) whatever its ports say",
            resource: sg({ protocol: "-1", fromPort: 8080, toPort: 8080, cidrBlocks: ["0.0.0.0/0"] }),
            message: `Security group "web-sg" opens SSH port 22 to the whole IPv4 internet: ingress[0] allows 0.0.0.0/0 on all traffic; ${FIX} [no-public-ssh/world-open-port]`,
        },
        {
            why: 'protocol "ALL" in capitals',
            resource: sg({ protocol: "ALL", cidrBlocks: ["0.0.0.0/0"] }),
            message: `Security group "web-sg" opens SSH port 22 to the whole IPv4 internet: ingress[0] allows 0.0.0.0/0 on all traffic; ${FIX} [no-public-ssh/world-open-port]`,
        },
        {
            why: "protocol as the number -1",
            resource: sg({ protocol: -1, fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }),
            message: `Security group "web-sg" opens SSH port 22 to the whole IPv4 internet: ingress[0] allows 0.0.0.0/0 on all traffic; ${FIX} [no-public-ssh/world-open-port]`,
        },
        {
            why: 'protocol "6" (TCP by number)',
            resource: sg({ protocol: "6", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }),
            message: `Security group "web-sg" opens SSH port 22 to the whole IPv4 internet: ingress[0] allows 0.0.0.0/0 on tcp 22; ${FIX} [no-public-ssh/world-open-port]`,
        },
        {
            why: 'protocol "TCP" in capitals',
            resource: sg({ protocol: "TCP", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }),
            message: `Security group "web-sg" opens SSH port 22 to the whole IPv4 internet: ingress[0] allows 0.0.0.0/0 on tcp 22; ${FIX} [no-public-ssh/world-open-port]`,
        },
        {
            why: "a TCP rule with no ports (all ports)",
            resource: sg({ protocol: "tcp", cidrBlocks: ["0.0.0.0/0"] }),
            message: `Security group "web-sg" opens SSH port 22 to the whole IPv4 internet: ingress[0] allows 0.0.0.0/0 on tcp (all ports); ${FIX} [no-public-ssh/world-open-port]`,
        },
        {
            why: "any /0, such as 1.0.0.0/0",
            resource: sg({ ...tcp22, cidrBlocks: ["1.0.0.0/0"] }),
            message: `Security group "web-sg" opens SSH port 22 to the whole IPv4 internet: ingress[0] allows 1.0.0.0/0 on tcp 22; ${FIX} [no-public-ssh/world-open-port]`,
        },
        ...["0::/0", "::0/0", "0000:0000:0000:0000:0000:0000:0000:0000/0"].map((cidr) => ({
            why: `the IPv6 world spelled ${cidr}`,
            resource: sg({ ...tcp22, ipv6CidrBlocks: [cidr] }),
            message: `Security group "web-sg" opens SSH port 22 to the whole IPv6 internet: ingress[0] allows ${cidr} on tcp 22; ${FIX} [no-public-ssh/world-open-port]`,
        })),
        {
            why: "two /1 blocks whose union is the world",
            resource: sg({ ...tcp22, cidrBlocks: ["0.0.0.0/1", "128.0.0.0/1"] }),
            message: `Security group "web-sg" opens SSH port 22 to the whole IPv4 internet: ingress[0] allows 0.0.0.0/1 and 128.0.0.0/1 on tcp 22; ${FIX} [no-public-ssh/world-open-port]`,
        },
        {
            why: "halves of the world in two separate inline rules",
            resource: sg({ ...tcp22, cidrBlocks: ["0.0.0.0/1"] }, { protocol: "-1", cidrBlocks: ["128.0.0.0/1"] }),
            message: `Security group "web-sg" opens SSH port 22 to the whole IPv4 internet: ingress[0] allows 0.0.0.0/1 on tcp 22; ingress[1] allows 128.0.0.0/1 on all traffic; ${FIX} [no-public-ssh/world-open-port]`,
        },
        {
            why: "self: true beside a world CIDR (self excuses nothing)",
            resource: sg({ ...tcp22, self: true, cidrBlocks: ["0.0.0.0/0"] }),
            message: `Security group "web-sg" opens SSH port 22 to the whole IPv4 internet: ingress[0] allows 0.0.0.0/0 on tcp 22; ${FIX} [no-public-ssh/world-open-port]`,
        },
        {
            why: "a world rule after a rule with self: true (no early return)",
            resource: sg({ ...tcp22, self: true }, { ...tcp22, cidrBlocks: ["0.0.0.0/0"] }),
            message: `Security group "web-sg" opens SSH port 22 to the whole IPv4 internet: ingress[1] allows 0.0.0.0/0 on tcp 22; ${FIX} [no-public-ssh/world-open-port]`,
        },
        {
            why: "both families at once",
            resource: sg({ ...tcp22, cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"] }),
            message: `Security group "web-sg" opens SSH port 22 to the whole IPv4 and IPv6 internet: ingress[0] allows 0.0.0.0/0 and ::/0 on tcp 22; ${FIX} [no-public-ssh/world-open-port]`,
        },
        {
            why: "the default security group's inline rules",
            resource: {
                type: T.defaultSecurityGroup,
                name: "default-sg",
                props: { ingress: [{ ...tcp22, cidrBlocks: ["0.0.0.0/0"] }] },
            },
            message: `Default security group "default-sg" opens SSH port 22 to the whole IPv4 internet: ingress[0] allows 0.0.0.0/0 on tcp 22; ${FIX} [no-public-ssh/world-open-port]`,
        },
        ...["006", "06", "+6", "0000000006"].map((protocol) => ({
            why: `protocol "${protocol}", which the provider parses as the integer 6 (TCP)`,
            resource: sg({ protocol, fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }),
            message: `Security group "web-sg" opens SSH port 22 to the whole IPv4 internet: ingress[0] allows 0.0.0.0/0 on tcp 22; ${FIX} [no-public-ssh/world-open-port]`,
        })),
        {
            why: 'protocol "-01", which the provider parses as -1 (all traffic)',
            resource: sg({ protocol: "-01", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }),
            message: `Security group "web-sg" opens SSH port 22 to the whole IPv4 internet: ingress[0] allows 0.0.0.0/0 on all traffic; ${FIX} [no-public-ssh/world-open-port]`,
        },
        {
            why: 'a SecurityGroupRule with protocol "006"',
            resource: rule({ protocol: "006", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }),
            message: `Security group rule "ssh-rule" opens SSH port 22 to the whole IPv4 internet: it allows 0.0.0.0/0 on tcp 22; ${FIX} [no-public-ssh/world-open-port]`,
        },
        {
            why: 'a vpc ingress rule with ipProtocol "06" (sent to EC2 as written; read as TCP, never passed)',
            resource: vpcRule({ ipProtocol: "06", fromPort: 22, toPort: 22, cidrIpv4: "0.0.0.0/0" }),
            message: `Security group ingress rule "ssh-ingress" opens SSH port 22 to the whole IPv4 internet: it allows 0.0.0.0/0 on tcp 22; ${FIX} [no-public-ssh/world-open-port]`,
        },
        {
            why: "ports sent as strings",
            resource: sg({ protocol: "tcp", fromPort: "20", toPort: "25", cidrBlocks: ["0.0.0.0/0"] }),
            message: `Security group "web-sg" opens SSH port 22 to the whole IPv4 internet: ingress[0] allows 0.0.0.0/0 on tcp 20-25; ${FIX} [no-public-ssh/world-open-port]`,
        },
        {
            why: "a hole (null) before the world rule, as `cond ? rule : undefined` leaves",
            resource: sg(null as never, { ...tcp22, cidrBlocks: ["0.0.0.0/0", null] }),
            message: `Security group "web-sg" opens SSH port 22 to the whole IPv4 internet: ingress[1] allows 0.0.0.0/0 on tcp 22; ${FIX} [no-public-ssh/world-open-port]`,
        },
        {
            why: "one rule given where the ingress list goes, which the provider takes as a list of one",
            resource: {
                type: T.securityGroup,
                name: "web-sg",
                props: { ingress: { ...tcp22, cidrBlocks: "0.0.0.0/0" } },
            },
            message: `Security group "web-sg" opens SSH port 22 to the whole IPv4 internet: ingress[0] allows 0.0.0.0/0 on tcp 22; ${FIX} [no-public-ssh/world-open-port]`,
        },
        {
            why: "a SecurityGroupRule of type ingress",
            resource: rule({ ...tcp22, cidrBlocks: ["0.0.0.0/0"] }),
            message: `Security group rule "ssh-rule" opens SSH port 22 to the whole IPv4 internet: it allows 0.0.0.0/0 on tcp 22; ${FIX} [no-public-ssh/world-open-port]`,
        },
        {
            why: "a SecurityGroupRule with protocol all and IPv6",
            resource: rule({ protocol: "all", fromPort: 0, toPort: 0, ipv6CidrBlocks: ["::/0"] }),
            message: `Security group rule "ssh-rule" opens SSH port 22 to the whole IPv6 internet: it allows ::/0 on all traffic; ${FIX} [no-public-ssh/world-open-port]`,
        },
        {
            why: "a vpc ingress rule from cidrIpv4 0.0.0.0/0",
            resource: vpcRule({ ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: "0.0.0.0/0" }),
            message: `Security group ingress rule "ssh-ingress" opens SSH port 22 to the whole IPv4 internet: it allows 0.0.0.0/0 on tcp 22; ${FIX} [no-public-ssh/world-open-port]`,
        },
        {
            why: "a vpc ingress rule with ipProtocol -1 and no ports",
            resource: vpcRule({ ipProtocol: "-1", cidrIpv6: "::/0" }),
            message: `Security group ingress rule "ssh-ingress" opens SSH port 22 to the whole IPv6 internet: it allows ::/0 on all traffic; ${FIX} [no-public-ssh/world-open-port]`,
        },
    ];
    for (const c of open) {
        it(`stops ${c.why}`, async () => {
            assert.deepEqual(await checkResource(noPublicSsh, c.resource), {
                violations: [c.message],
                couldNotCheck: [],
            });
            // The finding names the CIDRs the message shows, at a field of the rule it names.
            const { findings } = await findResource(noPublicSsh, c.resource);
            assert.deepEqual(
                findings.map((f) => f.code),
                [WORLD_OPEN_PORT],
            );
            assert.ok(findings[0].values.length > 0);
            for (const value of findings[0].values) {
                assert.ok(c.message.includes(` ${String(value)} `), `${value} in ${c.message}`);
            }
            const where = /: (ingress\[\d+\]|it) allows/.exec(c.message)![1];
            assert.match(
                findings[0].path,
                where === "it"
                    ? /^(cidrBlocks|ipv6CidrBlocks)\[\d+\]$|^cidrIpv[46]$/
                    : new RegExp(`^${where.replace(/[[\]]/g, "\\$&")}\\.`),
            );
        });
    }

    const closed: { why: string; resource: TestResource }[] = [
        { why: "SSH from one /32", resource: sg({ ...tcp22, cidrBlocks: ["203.0.113.10/32"] }) },
        {
            why: "a world rule on another port",
            resource: sg({ protocol: "tcp", fromPort: 80, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }),
        },
        {
            why: "UDP 22 from the world",
            resource: sg({ protocol: "udp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }),
        },
        ...[" 6", "6.0", "0x6", "17", "icmpv6", "58", "tcp "].map((protocol) => ({
            why: `protocol ${JSON.stringify(protocol)}, which is not TCP to the provider`,
            resource: sg({ protocol, fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }),
        })),
        {
            why: "ICMP from the world",
            resource: sg({ protocol: "icmp", fromPort: -1, toPort: -1, cidrBlocks: ["0.0.0.0/0"] }),
        },
        { why: "half of the IPv4 world", resource: sg({ ...tcp22, cidrBlocks: ["0.0.0.0/1"] }) },
        {
            why: "an IPv4 half and an IPv6 half",
            resource: sg({ ...tcp22, cidrBlocks: ["0.0.0.0/1"], ipv6CidrBlocks: ["8000::/1"] }),
        },
        {
            why: "world halves on different ports",
            resource: sg(
                { ...tcp22, cidrBlocks: ["0.0.0.0/1"] },
                { protocol: "tcp", fromPort: 80, toPort: 80, cidrBlocks: ["128.0.0.0/1"] },
            ),
        },
        {
            why: "prefix lists and security-group sources (not CIDRs)",
            resource: sg({ ...tcp22, prefixListIds: ["pl-1"], securityGroups: ["sg-2"] }),
        },
        {
            why: "an egress SecurityGroupRule from the world",
            resource: rule({ ...tcp22, type: "egress", cidrBlocks: ["0.0.0.0/0"] }),
        },
        {
            why: "a vpc rule from a referenced security group",
            resource: vpcRule({ ipProtocol: "-1", referencedSecurityGroupId: "sg-2" }),
        },
        { why: "no ingress at all", resource: { type: T.securityGroup, name: "web-sg", props: {} } },
        {
            why: "a resource type it does not judge",
            resource: {
                type: "aws:s3/bucket:Bucket",
                props: { ingress: [{ protocol: "-1", cidrBlocks: ["0.0.0.0/0"] }] },
            },
        },
    ];
    for (const c of closed) {
        it(`allows ${c.why}`, async () => {
            assert.deepEqual(await checkResource(noPublicSsh, c.resource), { violations: [], couldNotCheck: [] });
        });
    }

    it("judges the configured ports, such as RDP 3389", async () => {
        const resource = sg({ protocol: "tcp", fromPort: 3389, toPort: 3389, cidrBlocks: ["0.0.0.0/0"] });
        assert.deepEqual(await checkResource(noPublicSsh, resource), { violations: [], couldNotCheck: [] });
        assert.deepEqual(await checkResource(noPublicSsh, resource, { ports: [22, 3389] }), {
            violations: [
                `Security group "web-sg" opens port 3389 to the whole IPv4 internet: ingress[0] allows 0.0.0.0/0 on tcp 3389; ${FIX} [no-public-ssh/world-open-port]`,
            ],
            couldNotCheck: [],
        });
    });

    describe("with values unknown at preview", () => {
        it("still reports a world rule when another rule's CIDRs are unknown", async () => {
            const resource = sg({ ...tcp22, cidrBlocks: [UNKNOWN] }, { protocol: "-1", cidrBlocks: ["0.0.0.0/0"] });
            const verdict = await checkResource(noPublicSsh, resource);
            assert.equal(verdict.violations.length, 1);
            assert.deepEqual(verdict.couldNotCheck, []);
        });
        it("says what it could not check when an SSH rule's source is unknown", async () => {
            assert.deepEqual(await checkResource(noPublicSsh, sg({ ...tcp22, cidrBlocks: [UNKNOWN] })), {
                violations: [],
                couldNotCheck: [
                    "ingress[0].cidrBlocks[0] is not known yet, so whether SSH port 22 is open to the world cannot be checked until `pulumi up`",
                ],
            });
        });
        it("waits for an unknown port range when the world could reach SSH through it", async () => {
            const verdict = await checkResource(
                noPublicSsh,
                sg({ protocol: "tcp", fromPort: UNKNOWN, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }),
            );
            assert.deepEqual(verdict.couldNotCheck, [
                "ingress[0].fromPort is not known yet, so whether SSH port 22 is open to the world cannot be checked until `pulumi up`",
            ]);
        });
        it("passes an unknown port range whose sources are a single /32", async () => {
            const verdict = await checkResource(
                noPublicSsh,
                sg({ protocol: UNKNOWN, fromPort: 22, toPort: 22, cidrBlocks: ["203.0.113.10/32"] }),
            );
            assert.deepEqual(verdict, { violations: [], couldNotCheck: [] });
        });
        it("passes an unknown source on a rule known to reach only port 443", async () => {
            const verdict = await checkResource(
                noPublicSsh,
                sg({ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: [UNKNOWN] }),
            );
            assert.deepEqual(verdict, { violations: [], couldNotCheck: [] });
        });
        it("waits when the whole ingress list is unknown", async () => {
            const verdict = await checkResource(noPublicSsh, {
                type: T.securityGroup,
                name: "web-sg",
                props: { ingress: UNKNOWN },
            });
            assert.deepEqual(verdict.couldNotCheck, [
                "ingress is not known yet, so whether its ingress rules open SSH to the world cannot be checked until `pulumi up`",
            ]);
        });
    });
});
