/**
 * no-detailed-monitoring (policy/policies/noDetailedMonitoring.ts), filed by where it decides:
 * - resource part: the resource judge in process (testing/policy/harness.ts).
 * Findings as data: each main kind of finding asserted by its code, field path and offending
 * values, not by its prose (test/policy/goldenMessages.spec.ts holds one exact message per policy).
 * Ways a program starts an instance other than aws:ec2/Instance (a launch template's
 * attribute-based selection, an Auto Scaling group's overrides, a launch configuration, Spot
 * Fleet and EC2 Fleet requests) are judged per resource, as the framework runs a policy.
 * Builders and table runners shared with other specs: test/support/policyBuilders.ts.
 */
import * as assert from "node:assert/strict";
import * as monitoring from "../../policy/policies/noDetailedMonitoring";
import { noDetailedMonitoring } from "../../policy/policies/noDetailedMonitoring";
import { findResource } from "../../testing/policy/harness";
import { changed, inSeoul, resourcePart, SEOUL } from "../support/policyBuilders";
import { figure } from "../support/prices";

describe("no-detailed-monitoring", () => {
    resourcePart(noDetailedMonitoring, ({ verdicts }) => {
        verdicts([
            {
                why: "warns about monitoring on an instance",
                resource: changed("instance", "monitoring", true),
                findings: [[monitoring.ON, "monitoring", [true]]],
            },
            {
                why: "warns about monitoring.enabled on a launch template",
                resource: changed("launchTemplate", "monitoring.enabled", true),
                findings: [[monitoring.ON, "monitoring.enabled", [true]]],
            },
            {
                why: "warns about a launch specification of a spot fleet, by its index",
                resource: changed("spotFleetRequest", "launchSpecifications", [
                    { ami: "ami-1", instanceType: "t2.micro" },
                    { ami: "ami-1", instanceType: "t2.micro", monitoring: true },
                ]),
                findings: [[monitoring.ON, "launchSpecifications[1].monitoring", [true]]],
            },
            {
                why: "warns about a launch configuration, which turns monitoring on unless told otherwise",
                resource: changed("launchConfiguration", "enableMonitoring", undefined),
                violations: [
                    'Launch configuration "web-lc" leaves enableMonitoring unset, and a launch configuration then turns on detailed monitoring, billed per metric; set enableMonitoring to false for the free 5-minute metrics. [no-detailed-monitoring/on-by-default]',
                ],
                findings: [[monitoring.ON_BY_DEFAULT, "enableMonitoring", []]],
            },
        ]);

        it("prices the seven metrics an instance sends, where the snapshot has the price", async () => {
            const { findings } = await findResource(
                monitoring.noDetailedMonitoring,
                inSeoul(changed("instance", "monitoring", true)),
            );
            const perMetric = figure(SEOUL, "cloudwatch:metric");
            if (perMetric === undefined) {
                assert.equal(findings[0].monthlyUsd, undefined);
            } else {
                assert.ok(findings[0].monthlyUsd! > 0);
            }
        });
    });
});
