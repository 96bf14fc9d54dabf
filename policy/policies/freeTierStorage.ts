import type { PolicyConfigSchema, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { FREE_EBS_GB, FREE_VOLUME_TYPES } from "../../lib/freeTier";
import { configReader } from "../lib/config";
import { launchDisks } from "../lib/disks";
import { templateUsesOf } from "../lib/launches";
import { judgeTypes } from "../lib/judge";
import { isUnknown, Notes, Unknown, unknownNote } from "../lib/known";
import { Plan, PLAN_PROPERTY } from "../lib/plan";
import { describe, SERVER_TYPES } from "../lib/resources";
import { stackModel } from "../lib/stack";
import { DiskSet, diskSetsOf, label, totalOf, Volume, volumeProblems, VOLUME_TYPES, withAmiRoot } from "../lib/volumes";

export interface StorageConfig {
    readonly plan: Plan;
    readonly maxGb: number;
    readonly allowedVolumeTypes: string[];
}

export const storageConfigSchema: PolicyConfigSchema = {
    properties: {
        plan: PLAN_PROPERTY,
        maxGb: {
            type: "integer",
            minimum: 1,
            maximum: 16384,
            default: FREE_EBS_GB,
            description:
                "The most EBS storage one instance, volume or launch template may have, in GB (the guide's 30 GB; on the legacy plan, the free tier's).",
        },
        allowedVolumeTypes: {
            type: "array",
            items: { type: "string", enum: ["gp2", "gp3", "standard", "io1", "io2", "st1", "sc1"] },
            uniqueItems: true,
            default: [...FREE_VOLUME_TYPES],
            description: "EBS volume types allowed; the free tier covers gp2, gp3 and standard (magnetic).",
        },
    },
};

const readConfig = configReader<StorageConfig>(storageConfigSchema);

function parts(volumes: readonly (Volume | Unknown)[]): string {
    return volumes
        .filter((v): v is Volume => !isUnknown(v) && !isUnknown(v.sizeGb))
        .map((v) => `${label(v)} ${v.sizeGb as number} GB`)
        .join(", ");
}

/**
 * "has 40 GB of EBS (rootBlockDevice 40 GB), over the 30 GB the free tier allows" on the legacy
 * plan; on the credit plans every GB is billed, so the limit is maxGb's, and the bill prices it.
 */
function overLimit(
    volumes: readonly (Volume | Unknown)[],
    config: StorageConfig,
): { over?: string; unknown?: Unknown } {
    const { maxGb } = config;
    const { knownGb, unknown } = totalOf(volumes);
    if (knownGb > maxGb) {
        const least = unknown ? "at least " : "";
        const limit =
            config.plan === "legacy"
                ? `the ${maxGb} GB the free tier allows`
                : `the ${maxGb} GB allowed (maxGb), every GB billed against your credits (stack-cost-within-credits prices it)`;
        return { over: `${least}${knownGb} GB of EBS (${parts(volumes)}), over ${limit}` };
    }
    return { unknown };
}

function setName(resource: { type: string; name: string }, set: DiskSet): string {
    return set.where === "" ? describe(resource) : `${describe(resource)} ${set.where}`;
}

export const freeTierStorage: ResourceValidationPolicy & StackValidationPolicy = {
    name: "free-tier-storage",
    description:
        "Keeps each instance, volume and launch template within the free tier's 30 GB of free EBS volume types, deleted with their instance.",
    enforcementLevel: "mandatory",
    configSchema: storageConfigSchema,
    validateResource: judgeTypes(VOLUME_TYPES, (resource, report, args) => {
        const config = readConfig(args);
        const notes = new Notes();
        // An instance that names a launch template and leaves its root out gets the template's
        // root: the stack part judges that pair.
        const fromTemplate =
            SERVER_TYPES.includes(resource.type) && templateUsesOf(resource.type, resource.props).length > 0;
        for (const set of diskSetsOf(resource.type, resource.props)) {
            const volumes = fromTemplate ? set.volumes : withAmiRoot(set);
            for (const v of volumes) {
                if (isUnknown(v)) {
                    continue;
                }
                const { problems, unknown } = volumeProblems(v, config.allowedVolumeTypes);
                for (const problem of problems) {
                    report(`${describe(resource)}: ${problem}.`);
                }
                if (unknown) {
                    notes.add(unknownNote(unknown.value, unknown.what));
                }
            }
            const { over, unknown } = overLimit(volumes, config);
            if (over) {
                report(`${setName(resource, set)} has ${over}; use at most ${config.maxGb} GB in total.`);
            } else if (unknown) {
                notes.add(unknownNote(unknown, `its EBS size against the ${config.maxGb} GB limit`));
            }
        }
        notes.raise();
    }),
    // An instance launched from a template gets the template's disks and its own together:
    // reported here when the pair is over the limit and neither was alone (each was judged by
    // its own Analyze).
    validateStack: (args, report) => {
        const config = readConfig(args);
        const model = stackModel(args.resources);
        const notes = new Notes();
        const what = `its EBS size against the ${config.maxGb} GB limit`;
        for (const resource of model.ofType(...SERVER_TYPES)) {
            if (templateUsesOf(resource.type, resource.props).length === 0) {
                continue;
            }
            const disks = launchDisks(model, resource, notes, what);
            const own = diskSetsOf(resource.type, resource.props)[0]?.volumes ?? [];
            // An instance that exists (its id is known) shows the disks AWS gave it, its
            // template's among them; one being created shows its own, which Analyze judged.
            const exists = typeof resource.props.id === "string";
            if (disks.partial || (!exists && overLimit(own, config).over)) {
                continue;
            }
            const verdicts = disks.candidates.map((c) => ({
                template: c.template!,
                alone: overLimit(withAmiRoot(diskSetsOf(c.template!.type, c.template!.props)[0]), config).over,
                ...overLimit(c.volumes, config),
            }));
            if (verdicts.every((v) => v.alone)) {
                continue;
            }
            if (verdicts.every((v) => v.over)) {
                const v = verdicts[0];
                report(
                    `${describe(resource)} has ${v.over}, its own disks and those of ${describe(v.template)} together; use at most ${config.maxGb} GB in total.`,
                    resource.urn,
                );
            } else if (verdicts.some((v) => v.over || v.unknown)) {
                const unknown = verdicts.find((v) => v.unknown)?.unknown;
                notes.add(
                    unknown
                        ? unknownNote(unknown, what, describe(resource))
                        : `${describe(resource)} names more than one launch template of the stack, so ${what} cannot be checked`,
                );
            }
        }
        notes.raise();
    },
};
