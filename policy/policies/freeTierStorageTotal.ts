import { FREE_EBS_GB } from "../../lib/freeTier";
import { launchDisks } from "../lib/disks";
import { describeCount, disksPerInstance, instancesWithDisksOf } from "../lib/instances";
import type { Judged } from "../lib/judge";
import { Notes, Unknown, unknownNote } from "../lib/known";
import {
    AUTOSCALING_GROUP,
    describe,
    EBS_VOLUME,
    FLEET,
    INSTANCE,
    SPOT_FLEET_REQUEST,
    SPOT_INSTANCE_REQUEST,
} from "../lib/resources";
import { LimitConfig, stackLimitPolicy } from "../lib/stackLimit";
import { diskSetsOf, totalOf } from "../lib/volumes";

export type StorageTotalConfig = LimitConfig<"maxGb">;

interface Share {
    readonly owner: Judged;
    readonly knownGb: number;
    readonly unknown?: Unknown;
    /** "(2 instances × 8 GB)" for groups and fleets. */
    readonly detail?: string;
}

/** "30 GB", "at least 8 GB" or "size not known yet", as a share's part of the total. */
function sizeOf(share: Share): string {
    if (!share.unknown) {
        return `${share.knownGb} GB`;
    }
    return share.knownGb > 0 ? `at least ${share.knownGb} GB` : "size not known yet";
}

export const OVER_MAX_GB_TOTAL = "free-tier-storage-total/over-max-gb";

export const freeTierStorageTotal = stackLimitPolicy({
    name: "free-tier-storage-total",
    description:
        "On the legacy plan only: keeps the stack's EBS storage, all instances and volumes together, within the free tier's 30 GB; on the credit plans every GB is priced in the stack's cost.",
    enforcementLevel: "mandatory",
    limit: {
        key: "maxGb",
        default: FREE_EBS_GB,
        description: "The most EBS storage the whole stack may have, in GB (the free tier's 30 GB is per account).",
    },
    legacyOnly: true,
    codes: {
        [OVER_MAX_GB_TOTAL]:
            "On the legacy plan: the stack's EBS storage, all instances and volumes together, is over maxGb.",
    },
    judge: ({ maxGb }, model, found) => {
        const notes = new Notes();
        const what = `the stack's EBS total against ${maxGb} GB`;
        const shares: Share[] = [];
        for (const owner of model.ofType(
            INSTANCE,
            SPOT_INSTANCE_REQUEST,
            EBS_VOLUME,
            AUTOSCALING_GROUP,
            SPOT_FLEET_REQUEST,
            FLEET,
        )) {
            if (owner.type === EBS_VOLUME) {
                shares.push({ owner, ...totalOf(diskSetsOf(owner.type, owner.props)[0].volumes) });
            } else if (owner.type === INSTANCE || owner.type === SPOT_INSTANCE_REQUEST) {
                // Launched from a template: the template's disks count too. One of several
                // templates: the smallest is what is proven.
                const { candidates } = launchDisks(model, owner, notes, what);
                const totals = candidates.map((c) => totalOf(c.volumes));
                shares.push({
                    owner,
                    knownGb: totals.length > 0 ? Math.min(...totals.map((t) => t.knownGb)) : 0,
                    unknown: totals.find((t) => t.unknown)?.unknown,
                });
            } else {
                const instances = instancesWithDisksOf(owner);
                const { count, unknown: unknownCount } = instances;
                const each = count > 0 || unknownCount ? disksPerInstance(model, owner, notes, what) : { knownGb: 0 };
                shares.push({
                    owner,
                    knownGb: count * each.knownGb,
                    unknown: unknownCount ?? (count > 0 ? each.unknown : undefined),
                    detail: describeCount(instances, ` × ${each.knownGb} GB`),
                });
            }
        }
        const total = shares.reduce((sum, s) => sum + s.knownGb, 0);
        const unknown = shares.find((s) => s.unknown);
        if (total > maxGb) {
            const parts = shares
                .filter((s) => s.knownGb > 0 || s.detail === undefined)
                .map((s) => `${describe(s.owner)} ${sizeOf(s)}${s.detail ? ` (${s.detail})` : ""}`);
            found({
                code: OVER_MAX_GB_TOTAL,
                path: "",
                values: [total],
                what: `The stack has ${unknown ? "at least " : ""}${total} GB of EBS (${parts.join(", ")}), over the ${maxGb} GB the free tier allows across the account`,
                fix: `shrink or remove volumes to ${maxGb} GB in total`,
            });
        } else {
            if (unknown?.unknown) {
                notes.add(unknownNote(unknown.unknown, what, describe(unknown.owner)));
            }
            notes.raise();
        }
    },
});
