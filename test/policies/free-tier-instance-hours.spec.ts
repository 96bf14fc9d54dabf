/**
 * free-tier-instance-hours (policy/policies/freeTierInstanceHours.ts), filed by where it decides:
 * - stack part: the stack judge in process, over a whole stack.
 * - over the wire: the built pack through the real Analyzer protocol, Analyze then AnalyzeStack
 *   with the property dependencies the engine records, each case listing every diagnostic of
 *   the policies it names.
 * How AWS launches: each such case cites the AWS documentation or the provider source it
 * follows (docs/free-tier.md, "How AWS launches").
 * Findings as data: each main kind of finding asserted by its code, field path and offending
 * values, not by its prose (test/policy/goldenMessages.spec.ts holds one exact message per policy).
 * Builders and table runners shared with other specs: test/support/policyBuilders.ts.
 */
import * as hours from "../../policy/policies/freeTierInstanceHours";

import { overTheWire } from "../../testing/policy/engine";
import { GOOD, T } from "../../testing/policy/fixtures";
import { TestResource, UNKNOWN, withField } from "../../testing/policy/harness";
import {
    instance,
    INSTANCE_WEIGHTING,
    overHours,
    poolTemplate,
    scalingGroup,
    stackPart,
    warmPoolGroup,
    weighted,
} from "../support/policyBuilders";

describe("free-tier-instance-hours", () => {
    stackPart(hours.freeTierInstanceHours, ({ verdicts, launches }) => {
        /** Auto Scaling group "workers" of these props alone: no launch template to weigh. */
        const workers = (props: Record<string, unknown>): TestResource => ({
            type: T.autoscalingGroup,
            name: "workers",
            props,
        });
        describe("findings: codes, paths and values", () => {
            verdicts([
                {
                    why: "two instances: the count",
                    stack: [instance("web"), instance("worker")],
                    findings: [[hours.OVER_FREE_HOURS, "", [2]]],
                },
            ]);
        });

        describe("how AWS launches: an Auto Scaling group's capacity in units", () => {
            launches([
                {
                    why: "a desired capacity of 2 in weight units is one instance when each weighs 2",
                    source: INSTANCE_WEIGHTING,
                    stack: [scalingGroup({ minSize: 0, maxSize: 4, desiredCapacity: 2, ...weighted("2") })],
                    violations: [],
                },
                {
                    why: "a desired capacity of 4 over weights 1 and 2 is at least two instances",
                    source: INSTANCE_WEIGHTING,
                    stack: [scalingGroup({ minSize: 0, maxSize: 4, desiredCapacity: 4, ...weighted("1", "2") })],
                    violations: [overHours(2, 'Auto Scaling group "workers" (2 instances)')],
                },
                {
                    why: "an unweighted override counts as weight 1",
                    source: INSTANCE_WEIGHTING,
                    stack: [scalingGroup({ minSize: 0, maxSize: 4, desiredCapacity: 2, ...weighted(undefined) })],
                    violations: [overHours(2, 'Auto Scaling group "workers" (2 instances)')],
                },
                {
                    why: "a capacity in vCPUs is at least one instance, not one per vCPU",
                    source: "EC2 Auto Scaling User Guide, attribute-based instance type selection (desiredCapacityType vcpu)",
                    stack: [scalingGroup({ minSize: 0, maxSize: 8, desiredCapacity: 2, desiredCapacityType: "vcpu" })],
                    violations: [],
                },
                {
                    why: "a capacity in MiB of memory is at least one instance",
                    source: "EC2 Auto Scaling User Guide, attribute-based instance type selection (desiredCapacityType memory-mib)",
                    stack: [
                        scalingGroup({
                            minSize: 0,
                            maxSize: 8192,
                            desiredCapacity: 2048,
                            desiredCapacityType: "memory-mib",
                        }),
                    ],
                    violations: [],
                },
                {
                    why: "a weight not known yet proves only one instance",
                    source: INSTANCE_WEIGHTING,
                    stack: [scalingGroup({ minSize: 0, maxSize: 4, desiredCapacity: 2, ...weighted(UNKNOWN) })],
                    violations: [],
                    couldNotCheck: [
                        'Auto Scaling group "workers" mixedInstancesPolicy.launchTemplate.overrides[0].weightedCapacity is not known yet, so how many instances the stack runs cannot be checked until `pulumi up`',
                    ],
                },
            ]);
        });

        describe("values unknown at preview that decide the bill", () => {
            verdicts([
                {
                    why: "counts at least minSize instances of a group whose desired capacity is unknown (AWS refuses less)",
                    stack: [workers({ minSize: 2, maxSize: 4, desiredCapacity: UNKNOWN })],
                    violations: [
                        'The stack runs at least 2 instances (Auto Scaling group "workers" (at least 2 instances)): up to 1488 instance-hours a month, over the 750 free hours, which keep one instance running all month; run at most 1. [free-tier-instance-hours/over-free-hours]',
                    ],
                },
                {
                    why: "counts a fleet's target capacity over its largest weight",
                    stack: [
                        {
                            ...GOOD.spotFleetRequest,
                            props: withField(
                                withField(GOOD.spotFleetRequest.props, "targetCapacity", 6),
                                "launchTemplateConfigs.0.overrides.0.weightedCapacity",
                                3,
                            ),
                        },
                    ],
                    violations: [
                        'The stack runs 2 instances (Spot Fleet request "web-fleet" (2 instances)): up to 1488 instance-hours a month, over the 750 free hours, which keep one instance running all month; run at most 1. [free-tier-instance-hours/over-free-hours]',
                    ],
                },
            ]);
        });

        verdicts([
            { why: "allows the guide's one instance", stack: [instance("web"), GOOD.securityGroup] },
            {
                why: "stops a second instance: two cannot run all month on 750 hours",
                stack: [instance("web"), instance("worker")],
                violations: [
                    'The stack runs 2 instances (Instance "web", Instance "worker"): up to 1488 instance-hours a month, over the 750 free hours, which keep one instance running all month; run at most 1. [free-tier-instance-hours/over-free-hours]',
                ],
            },
            {
                why: "counts spot requests and an Auto Scaling group's desired capacity",
                // One spot request and the group's desired capacity of 2.
                stack: [GOOD.spotInstanceRequest, workers({ minSize: 1, maxSize: 4, desiredCapacity: 2 })],
                violations: [
                    'The stack runs 3 instances (Spot instance request "web-spot", Auto Scaling group "workers" (2 instances)): up to 2232 instance-hours a month, over the 750 free hours, which keep one instance running all month; run at most 1. [free-tier-instance-hours/over-free-hours]',
                ],
                findings: [[hours.OVER_FREE_HOURS, "", [3]]],
            },
            { why: "honours maxInstances", stack: [instance("a"), instance("b")], config: { maxInstances: 2 } },
            {
                why: "waits for an unknown group size",
                stack: [instance("web"), workers({ minSize: UNKNOWN })],
                couldNotCheck: [
                    'Auto Scaling group "workers" minSize is not known yet, so how many instances the stack runs cannot be checked until `pulumi up`',
                ],
            },
        ]);
    });

    overTheWire("free-tier-instance-hours", ({ table, refused, noted }) => {
        describe("instances an Auto Scaling group keeps in its warm pool", () => {
            const lt = poolTemplate();
            table([
                {
                    why: "a running warm pool of minSize 1 adds an always-on instance to the group's one",
                    stack: [
                        lt,
                        warmPoolGroup(
                            { poolState: "Running", minSize: 1, maxGroupPreparedCapacity: 1 },
                            { maxSize: 1 },
                        ),
                    ],
                    expected: [
                        refused(
                            "the stack",
                            'The stack runs 2 instances (Auto Scaling group "workers" (2 instances, 1 of them in its warm pool)): up to 1488 instance-hours a month, over the 750 free hours, which keep one instance running all month; run at most 1. [free-tier-instance-hours/over-free-hours]',
                        ),
                    ],
                },
                {
                    why: "a running warm pool whose size is not known yet is a could-not-check note",
                    stack: [lt, warmPoolGroup({ poolState: "Running", maxGroupPreparedCapacity: UNKNOWN })],
                    expected: [
                        noted(
                            "the stack",
                            'Auto Scaling group "workers" warmPool.maxGroupPreparedCapacity is not known yet, so how many instances the stack runs cannot be checked until `pulumi up`',
                        ),
                    ],
                },
            ]);
        });
    });
});
