import type { PolicyConfigSchema, ResourceValidationPolicy } from "@pulumi/policy";
import { FREE_EBS_GB, FREE_VOLUME_TYPES, GP3_INCLUDED_IOPS, GP3_INCLUDED_THROUGHPUT_MIBPS } from "../../lib/freeTier";
import { configReader } from "../lib/config";
import { judgeTypes } from "../lib/judge";
import { couldNotCheck, isUnknown } from "../lib/known";
import { describe, show } from "../lib/resources";
import { totalOf, Volume, VOLUME_TYPES, volumesOf } from "../lib/volumes";

export interface StorageConfig {
    readonly maxGb: number;
    readonly allowedVolumeTypes: string[];
}

export const storageConfigSchema: PolicyConfigSchema = {
    properties: {
        maxGb: {
            type: "integer",
            minimum: 1,
            maximum: 16384,
            default: FREE_EBS_GB,
            description: "The most EBS storage one instance, volume or launch template may have, in GB.",
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

function label(v: Volume): string {
    return v.where === "" ? "the volume" : v.where;
}

/** Problems with one volume's type, provisioned performance and lifetime (never its size). */
function typeProblems(v: Volume, config: StorageConfig): string[] {
    const problems: string[] = [];
    if (typeof v.type === "string" && !config.allowedVolumeTypes.includes(v.type)) {
        problems.push(
            `${label(v)} is ${show(v.type)}, a volume type the free tier does not cover; use ${config.allowedVolumeTypes.join(", ")}`,
        );
    }
    const isGp3 = v.type === "gp3";
    if (isGp3 && typeof v.iops === "number" && v.iops > GP3_INCLUDED_IOPS) {
        problems.push(`${label(v)} provisions ${v.iops} IOPS; gp3 includes ${GP3_INCLUDED_IOPS} and bills the rest`);
    }
    if (isGp3 && typeof v.throughput === "number" && v.throughput > GP3_INCLUDED_THROUGHPUT_MIBPS) {
        problems.push(
            `${label(v)} provisions ${v.throughput} MiB/s; gp3 includes ${GP3_INCLUDED_THROUGHPUT_MIBPS} and bills the rest`,
        );
    }
    // A standalone EBS volume is the stack's to delete; a device kept after its instance is not.
    if (v.where !== "" && (v.deleteOnTermination === false || v.deleteOnTermination === "false")) {
        problems.push(
            `${label(v)} sets deleteOnTermination false, so the volume outlives its instance and bills after \`pulumi destroy\`; delete it with the instance, or keep data on an aws.ebs.Volume the stack manages`,
        );
    }
    return problems;
}

export const freeTierStorage: ResourceValidationPolicy = {
    name: "free-tier-storage",
    description:
        "Keeps each instance, volume and launch template within the free tier's 30 GB of free EBS volume types, deleted with their instance.",
    enforcementLevel: "mandatory",
    configSchema: storageConfigSchema,
    validateResource: judgeTypes(VOLUME_TYPES, (resource, report, args) => {
        const config = readConfig(args);
        const volumes = volumesOf(resource.type, resource.props);
        const known = volumes.filter((v): v is Volume => !isUnknown(v));
        for (const problem of known.flatMap((v) => typeProblems(v, config))) {
            report(`${describe(resource)}: ${problem}.`);
        }
        const { knownGb, unknown } = totalOf(volumes);
        if (knownGb > config.maxGb) {
            const parts = known
                .filter((v) => !isUnknown(v.sizeGb))
                .map((v) => `${label(v)} ${v.sizeGb as number} GB`)
                .join(", ");
            const least = unknown ? "at least " : "";
            report(
                `${describe(resource)} has ${least}${knownGb} GB of EBS (${parts}), over the ${config.maxGb} GB the free tier allows; use at most ${config.maxGb} GB in total.`,
            );
        } else if (unknown) {
            couldNotCheck(unknown, `its EBS size against the ${config.maxGb} GB limit`);
        }
    }),
};
