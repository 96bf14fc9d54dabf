/**
 * no-idle-elastic-ip (policy/policies/noIdleElasticIp.ts), filed by where it decides:
 * - stack part: the stack judge in process, over a whole stack.
 * - over the wire: the built pack through the real Analyzer protocol, Analyze then AnalyzeStack
 *   with the property dependencies the engine records, each case listing every diagnostic of
 *   the policies it names.
 * Findings as data: each main kind of finding asserted by its code, field path and offending
 * values, not by its prose (test/policy/goldenMessages.spec.ts holds one exact message per policy).
 * Builders and table runners shared with other specs: test/support/policyBuilders.ts.
 */
import * as idleEip from "../../policy/policies/noIdleElasticIp";

import { overTheWire } from "../../testing/policy/engine";
import { T } from "../../testing/policy/fixtures";
import { TestResource, UNKNOWN } from "../../testing/policy/harness";
import { dependsOn, inSeoul, stackPart } from "../support/policyBuilders";
import { ipv4CostText } from "../support/prices";

describe("no-idle-elastic-ip", () => {
    stackPart(idleEip.noIdleElasticIp, ({ verdicts }) => {
        describe("findings: codes, paths and values", () => {
            const eip = (name: string, props: Record<string, unknown> = {}): TestResource =>
                inSeoul({ type: T.eip, name, props: { domain: "vpc", ...props } });
            verdicts([
                {
                    why: "an Elastic IP attached to nothing",
                    stack: [eip("ip")],
                    findings: [[idleEip.IDLE, "", []]],
                },
            ]);
        });

        const eip = (props: Record<string, unknown>): TestResource => ({
            type: T.eip,
            name: "ip",
            urn: "urn:eip",
            props: { domain: "vpc", ...props },
        });
        const idle =
            'Elastic IP "ip" is attached to no instance, network interface, NAT gateway or load balancer, and AWS bills an idle Elastic IP every hour; set its instance, add an EipAssociation, or remove it. [no-idle-elastic-ip/idle]';

        const association = (allocationId: unknown): TestResource => ({
            type: T.eipAssociation,
            name: "assoc",
            props: { allocationId, instanceId: "i-1" },
            // An allocation id not known at preview is the Elastic IP's, by the dependency the engine records.
            ...(allocationId === UNKNOWN && { propertyDependencies: { allocationId: ["urn:eip"] } }),
        });

        verdicts([
            { why: "allows an Elastic IP attached to an instance", stack: [eip({ instance: "i-1" })] },
            {
                why: "allows an Elastic IP attached to an instance not created yet",
                stack: [eip({ instance: UNKNOWN })],
            },
            { why: "allows one attached to a network interface", stack: [eip({ networkInterface: "eni-1" })] },
            {
                why: "warns about one attached to nothing, on the Elastic IP",
                stack: [eip({})],
                violations: [idle],
                findings: [[idleEip.IDLE, "", []]],
            },
            {
                why: "allows one that an EipAssociation depends on, though its id is unknown at preview",
                stack: [eip({}), association(UNKNOWN)],
            },
            {
                why: "allows one an association names by its known allocation id",
                stack: [eip({ id: "eipalloc-1" }), association("eipalloc-1")],
            },
            {
                why: "still warns when an association points at another Elastic IP",
                stack: [eip({ id: "eipalloc-1" }), association("eipalloc-2")],
                findings: [[idleEip.IDLE, "", []]],
            },
        ]);
    });

    overTheWire("no-idle-elastic-ip", ({ table, advised }) => {
        describe("Elastic IPs in use", () => {
            const ip = { type: T.eip, name: "nat-ip", props: { domain: "vpc" } };
            table([
                {
                    why: "an Elastic IP a NAT gateway's allocationId depends on is in use",
                    stack: [
                        ip,
                        {
                            type: T.natGateway,
                            name: "nat",
                            props: { allocationId: UNKNOWN, subnetId: "subnet-0123" },
                            propertyDependencies: dependsOn({ allocationId: [ip] }),
                        },
                    ],
                    expected: [],
                },
                {
                    why: "Elastic IPs a network load balancer's subnet mappings depend on are in use",
                    stack: [
                        ip,
                        { ...ip, name: "second-ip" },
                        {
                            type: T.loadBalancer,
                            name: "nlb",
                            props: {
                                loadBalancerType: "network",
                                subnetMappings: [
                                    { subnetId: "subnet-1", allocationId: UNKNOWN },
                                    { subnetId: "subnet-2", allocationId: UNKNOWN },
                                ],
                            },
                            propertyDependencies: dependsOn({ subnetMappings: [ip, { ...ip, name: "second-ip" }] }),
                        },
                    ],
                    expected: [],
                },
                {
                    why: "an Elastic IP nothing depends on is idle, though a NAT gateway uses another",
                    stack: [
                        ip,
                        { ...ip, name: "spare-ip" },
                        {
                            type: T.natGateway,
                            name: "nat",
                            props: { allocationId: UNKNOWN, subnetId: "subnet-0123" },
                            propertyDependencies: dependsOn({ allocationId: [ip] }),
                        },
                    ],
                    expected: [
                        advised(
                            "spare-ip",
                            `Elastic IP "spare-ip" is attached to no instance, network interface, NAT gateway or load balancer, and AWS bills an idle Elastic IP every hour${ipv4CostText(1)}; set its instance, add an EipAssociation, or remove it. [no-idle-elastic-ip/idle]`,
                        ),
                    ],
                },
            ]);
        });
    });
});
