import { DETAILED_MONITORING_METRICS, monthlyPrice, monthlyUsdOf } from "../lib/cost";
import { about, findingPolicy } from "../lib/finding";
import { Judged, judgeTypes } from "../lib/judge";
import { isUnknown, Notes, unknownNote } from "../lib/known";
import { leavesToTemplate, notesForUnseenTemplates } from "../lib/launches";
import { monitoringSettings } from "../lib/monitoring";
import { booleanOf } from "../lib/read";
import {
    describe,
    INSTANCE,
    LAUNCH_CONFIGURATION,
    LAUNCH_TEMPLATE,
    SPOT_FLEET_REQUEST,
    SPOT_INSTANCE_REQUEST,
} from "../lib/resources";
import { stackModel } from "../lib/stack";

const WHAT = "whether detailed monitoring is on";
const LEAVE_OFF = "leave it off for the free 5-minute metrics";

export const ON = "no-detailed-monitoring/on";
export const ON_BY_DEFAULT = "no-detailed-monitoring/on-by-default";

/** "billed per metric (7 metrics an instance, about USD 2.10 a month in us-east-1)" where the snapshot has the price. */
function billed(resource: Judged): string {
    const cost = monthlyPrice(resource, "cloudwatch:metric", DETAILED_MONITORING_METRICS);
    return cost
        ? `billed per metric (${DETAILED_MONITORING_METRICS} metrics an instance, ${cost})`
        : "billed per metric";
}

/** What detailed monitoring costs an instance a month, where the snapshot has the price. */
function cost(resource: Judged): { monthlyUsd?: number } {
    const monthlyUsd = monthlyUsdOf(resource, "cloudwatch:metric", DETAILED_MONITORING_METRICS);
    return monthlyUsd !== undefined ? { monthlyUsd } : {};
}

export const noDetailedMonitoring = findingPolicy({
    name: "no-detailed-monitoring",
    description: "Warns about detailed (1-minute) CloudWatch monitoring, which is billed per metric.",
    enforcementLevel: "advisory",
    codes: {
        [ON]: "A server, launch template, launch configuration or spot fleet turns detailed monitoring on.",
        [ON_BY_DEFAULT]: "A launch configuration leaves enableMonitoring unset, which turns detailed monitoring on.",
    },
    judgeResource: judgeTypes(
        [INSTANCE, SPOT_INSTANCE_REQUEST, LAUNCH_TEMPLATE, LAUNCH_CONFIGURATION, SPOT_FLEET_REQUEST],
        (resource, found) => {
            const notes = new Notes();
            for (const setting of monitoringSettings(resource)) {
                const enabled = booleanOf(setting.value);
                if (isUnknown(enabled)) {
                    notes.add(unknownNote(enabled, WHAT));
                } else if (enabled === true) {
                    found({
                        code: ON,
                        ...about(resource),
                        path: `${setting.where}${setting.name}`,
                        values: [setting.value],
                        what: `${describe(resource)} turns on detailed monitoring (${setting.where}${setting.name}: true), ${billed(resource)}`,
                        fix: LEAVE_OFF,
                        ...cost(resource),
                    });
                } else if (enabled === undefined && setting.byDefault) {
                    found({
                        code: ON_BY_DEFAULT,
                        ...about(resource),
                        path: `${setting.where}${setting.name}`,
                        values: [],
                        what: `${describe(resource)} leaves ${setting.where}${setting.name} unset, and a launch configuration then turns on detailed monitoring, ${billed(resource)}`,
                        fix: `set ${setting.name} to false for the free 5-minute metrics`,
                        ...cost(resource),
                    });
                }
            }
            notes.raise();
        },
    ),
    judgeStack: (args) => {
        const notes = new Notes();
        notesForUnseenTemplates(
            stackModel(args.resources),
            notes,
            (r) => leavesToTemplate(r, "monitoring", true),
            WHAT,
        );
        notes.raise();
    },
});
