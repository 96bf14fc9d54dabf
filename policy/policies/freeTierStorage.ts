import type { PolicyConfigSchema } from "@pulumi/policy";
import { FREE_EBS_GB, FREE_VOLUME_TYPES, GP3_INCLUDED_IOPS, GP3_INCLUDED_THROUGHPUT_MIBPS } from "../../lib/freeTier";
import { configReader } from "../lib/config";
import { launchDisks } from "../lib/disks";
import { about, findingPolicy, Found } from "../lib/finding";
import { templateUsesOf } from "../lib/launches";
import { judgeTypes } from "../lib/judge";
import { isUnknown, Notes, Unknown, unknownNote } from "../lib/known";
import { Plan, PLAN_PROPERTY } from "../lib/plan";
import { describe, SERVER_TYPES } from "../lib/resources";
import { stackModel } from "../lib/stack";
import {
    DiskSet,
    diskSetsOf,
    label,
    totalOf,
    Volume,
    volumeField,
    volumeProblems,
    VOLUME_TYPES,
    withAmiRoot,
} from "../lib/volumes";

export const OVER_MAX_GB = "free-tier-storage/over-max-gb";
export const OVER_MAX_GB_WITH_TEMPLATE = "free-tier-storage/over-max-gb-with-template";

const CODES = {
    [OVER_MAX_GB]: "An instance, volume or launch template has more EBS storage than maxGb.",
    [OVER_MAX_GB_WITH_TEMPLATE]:
        "An instance has more EBS storage than maxGb once its launch template's disks are added to its own.",
    "free-tier-storage/volume-type-not-free": "A volume's type is not in allowedVolumeTypes (gp2, gp3, standard).",
    "free-tier-storage/gp3-iops-billed": `A gp3 volume provisions more IOPS than the ${GP3_INCLUDED_IOPS} it includes.`,
    "free-tier-storage/gp3-throughput-billed": `A gp3 volume provisions more throughput than the ${GP3_INCLUDED_THROUGHPUT_MIBPS} MiB/s it includes.`,
    "free-tier-storage/kept-after-instance":
        "A device of an instance sets deleteOnTermination false, so it outlives the instance.",
};

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
): { over?: string; unknown?: Unknown; path?: string; values?: number[] } {
    const { maxGb } = config;
    const { knownGb, unknown } = totalOf(volumes);
    if (knownGb > maxGb) {
        const least = unknown ? "at least " : "";
        const limit =
            config.plan === "legacy"
                ? `the ${maxGb} GB the free tier allows`
                : `the ${maxGb} GB allowed (maxGb), every GB billed against your credits (stack-cost-within-credits prices it)`;
        const sized = volumes.filter((v): v is Volume => !isUnknown(v) && typeof v.sizeGb === "number");
        const largest = sized.reduce((a, b) => ((b.sizeGb as number) > (a.sizeGb as number) ? b : a), sized[0]);
        return {
            over: `${least}${knownGb} GB of EBS (${parts(volumes)}), over ${limit}`,
            path: largest ? volumeField(largest, "volumeSize") : "",
            values: sized.map((v) => v.sizeGb as number),
        };
    }
    return { unknown };
}

function overFinding(
    code: string,
    resource: { urn: string; type: string; name: string },
    verdict: ReturnType<typeof overLimit>,
    what: string,
    maxGb: number,
): Found {
    return {
        code,
        ...about(resource),
        path: verdict.path ?? "",
        values: verdict.values ?? [],
        what,
        fix: `use at most ${maxGb} GB in total`,
    };
}

function setName(resource: { type: string; name: string }, set: DiskSet): string {
    return set.where === "" ? describe(resource) : `${describe(resource)} ${set.where}`;
}

export const freeTierStorage = findingPolicy({
    name: "free-tier-storage",
    description:
        "Keeps each instance, volume and launch template within the free tier's 30 GB of free EBS volume types, deleted with their instance.",
    enforcementLevel: "mandatory",
    configSchema: storageConfigSchema,
    codes: CODES,
    judgeResource: judgeTypes(VOLUME_TYPES, (resource, found, args) => {
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
                    found({
                        code: `free-tier-storage/${problem.kind}`,
                        ...about(resource),
                        path: problem.path,
                        values: [problem.value],
                        what: `${describe(resource)}: ${problem.what}`,
                        fix: problem.fix,
                    });
                }
                if (unknown) {
                    notes.add(unknownNote(unknown.value, unknown.what));
                }
            }
            const verdict = overLimit(volumes, config);
            const { over, unknown } = verdict;
            if (over) {
                found(
                    overFinding(OVER_MAX_GB, resource, verdict, `${setName(resource, set)} has ${over}`, config.maxGb),
                );
            } else if (unknown) {
                notes.add(unknownNote(unknown, `its EBS size against the ${config.maxGb} GB limit`));
            }
        }
        notes.raise();
    }),
    // An instance launched from a template gets the template's disks and its own together:
    // reported here when the pair is over the limit and neither was alone (each was judged by
    // its own Analyze).
    judgeStack: (args, found) => {
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
                found(
                    overFinding(
                        OVER_MAX_GB_WITH_TEMPLATE,
                        resource,
                        v,
                        `${describe(resource)} has ${v.over}, its own disks and those of ${describe(v.template)} together`,
                        config.maxGb,
                    ),
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
});
