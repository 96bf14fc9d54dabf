/**
 * The EBS volumes a resource creates, read into one form. An instance (or spot request) with
 * no root block device gets the AMI's root volume (8 GB on Amazon Linux); a volume that takes
 * its size from a snapshot, with no size given, counts as 0 known GB.
 */
import { DEFAULT_ROOT_VOLUME_GB } from "../../lib/freeTier";
import { isUnknown, Props, sumKnown, Unknown } from "./known";
import { EBS_VOLUME, INSTANCE, LAUNCH_TEMPLATE, SPOT_INSTANCE_REQUEST } from "./resources";

export interface Volume {
    /** "rootBlockDevice", "ebsBlockDevices[0]", "blockDeviceMappings[1].ebs", "" for a volume. */
    readonly where: string;
    readonly sizeGb: number | Unknown;
    readonly type: unknown;
    readonly iops: unknown;
    readonly throughput: unknown;
    /** False (or "false" in a launch template) keeps the volume after its instance is gone. */
    readonly deleteOnTermination: unknown;
}

/** Resource types that create EBS volumes. */
export const VOLUME_TYPES: readonly string[] = [INSTANCE, SPOT_INSTANCE_REQUEST, EBS_VOLUME, LAUNCH_TEMPLATE];

function sizeOf(value: unknown, whenAbsent: number): number | Unknown {
    if (isUnknown(value)) {
        return value;
    }
    const size = Number(value);
    return value === undefined || value === null || !Number.isFinite(size) ? whenAbsent : size;
}

function volume(where: string, device: Props, whenAbsent: number): Volume | Unknown {
    if (isUnknown(device)) {
        return device;
    }
    return {
        where,
        sizeGb: sizeOf(device?.volumeSize ?? device?.size, whenAbsent),
        type: device?.volumeType ?? device?.type,
        iops: device?.iops,
        throughput: device?.throughput,
        deleteOnTermination: device?.deleteOnTermination,
    };
}

function list(value: unknown): unknown[] | Unknown {
    return isUnknown(value) ? value : Array.isArray(value) ? value : [];
}

/**
 * The volumes a resource creates; an Unknown stands for a device (or list of them) that is not
 * known yet.
 */
export function volumesOf(type: string, props: Props): (Volume | Unknown)[] {
    switch (type) {
        case INSTANCE:
        case SPOT_INSTANCE_REQUEST: {
            const ebs = list(props.ebsBlockDevices);
            return [
                volume("rootBlockDevice", props.rootBlockDevice ?? {}, DEFAULT_ROOT_VOLUME_GB),
                ...(isUnknown(ebs) ? [ebs] : ebs.map((d, i) => volume(`ebsBlockDevices[${i}]`, d, 0))),
            ];
        }
        case EBS_VOLUME:
            return [volume("", props, 0)];
        case LAUNCH_TEMPLATE: {
            const mappings = list(props.blockDeviceMappings);
            if (isUnknown(mappings)) {
                return [mappings];
            }
            return mappings.flatMap((m: Props, i) => {
                if (isUnknown(m)) {
                    return [m];
                }
                return m?.ebs === undefined ? [] : [volume(`blockDeviceMappings[${i}].ebs`, m.ebs, 0)];
            });
        }
        default:
            return [];
    }
}

/** Total known GB, and the first unknown size, of a list of volumes. */
export function totalOf(volumes: readonly (Volume | Unknown)[]): { knownGb: number; unknown?: Unknown } {
    const { known, unknown } = sumKnown(volumes.map((v) => (isUnknown(v) ? v : v.sizeGb)));
    return { knownGb: known, unknown };
}
