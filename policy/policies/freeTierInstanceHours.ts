import { FREE_ALWAYS_ON_INSTANCES, FREE_INSTANCE_HOURS_PER_MONTH, HOURS_IN_LONGEST_MONTH } from "../../lib/freeTier";
import { describeCount, INSTANCE_STARTERS, instancesOf } from "../lib/instances";
import { Notes, unknownNote } from "../lib/known";
import { describe, SERVER_TYPES } from "../lib/resources";
import { LimitConfig, stackLimitPolicy } from "../lib/stackLimit";

export type InstanceHoursConfig = LimitConfig<"maxInstances">;

export const OVER_FREE_HOURS = "free-tier-instance-hours/over-free-hours";

export const freeTierInstanceHours = stackLimitPolicy({
    name: "free-tier-instance-hours",
    description:
        "On the legacy plan only: limits the stack to the instances that 750 free hours a month can run all month (one); on the credit plans the stack's cost is the limit.",
    enforcementLevel: "mandatory",
    limit: {
        key: "maxInstances",
        default: FREE_ALWAYS_ON_INSTANCES,
        description: `How many always-on instances the stack may run; ${FREE_INSTANCE_HOURS_PER_MONTH} free hours a month run one all month (${HOURS_IN_LONGEST_MONTH} hours).`,
    },
    legacyOnly: true,
    codes: {
        [OVER_FREE_HOURS]:
            "On the legacy plan: the stack runs more instances than maxInstances (the 750 free hours run one).",
    },
    judge: ({ maxInstances }, model, found) => {
        const counts = model.ofType(...INSTANCE_STARTERS).map((server) => ({ server, ...instancesOf(server) }));
        const count = counts.reduce((sum, c) => sum + c.count, 0);
        const unknown = counts.find((c) => c.unknown);
        const counted = counts.flatMap(({ server, ...n }) => {
            if (n.count <= 0) {
                return [];
            }
            return [
                SERVER_TYPES.includes(server.type) ? describe(server) : `${describe(server)} (${describeCount(n)})`,
            ];
        });
        if (count > maxInstances) {
            const hours = count * HOURS_IN_LONGEST_MONTH;
            found({
                code: OVER_FREE_HOURS,
                path: "",
                values: [count],
                what: `The stack runs ${unknown ? "at least " : ""}${count} instances (${counted.join(", ")}): up to ${hours} instance-hours a month, over the ${FREE_INSTANCE_HOURS_PER_MONTH} free hours, which keep ${maxInstances === 1 ? "one instance" : `${maxInstances} instances`} running all month`,
                fix: `run at most ${maxInstances}`,
            });
        } else if (unknown?.unknown) {
            const notes = new Notes();
            notes.add(unknownNote(unknown.unknown, "how many instances the stack runs", describe(unknown.server)));
            notes.raise();
        }
    },
});
