/**
 * The EBS volumes each way of starting an instance creates, read into one form. Settings that
 * say nothing of the root volume leave it to the AMI (8 GB on Amazon Linux), or to the launch
 * template the instance names; a root device set without a size takes the AMI's root size too.
 * A device that takes its size from a snapshot, with no size given, has a size the pack cannot
 * see: an {@link Unknown} that says so.
 */
import { DEFAULT_ROOT_VOLUME_GB, GP3_INCLUDED_IOPS, GP3_INCLUDED_THROUGHPUT_MIBPS } from "../../lib/freeTier";
import type {
    EbsVolumeArgs,
    input,
    LaunchConfigurationArgs,
    LaunchTemplateArgs,
    ServerArgs,
    SpotFleetRequestArgs,
} from "./awsTypes";
import { isUnknown, Props, sumKnown, Unknown } from "./known";
import { booleanOf, entries, field, Fields, isSet, numberOf, objectOf, stringOf } from "./read";
import {
    EBS_VOLUME,
    INSTANCE,
    LAUNCH_CONFIGURATION,
    LAUNCH_TEMPLATE,
    show,
    SPOT_FLEET_REQUEST,
    SPOT_INSTANCE_REQUEST,
} from "./resources";

export interface Volume {
    /** "rootBlockDevice", "ebsBlockDevices[0]", "blockDeviceMappings[1].ebs", "" for a volume. */
    readonly where: string;
    readonly sizeGb: number | Unknown;
    readonly type: unknown;
    readonly iops: unknown;
    readonly throughput: unknown;
    /** False (or "false" in a launch template) keeps the volume after its instance is gone. */
    readonly deleteOnTermination: unknown;
    /** The device it is attached as; launch template mappings and instance devices merge by it. */
    readonly deviceName: unknown;
}

/** The volumes one instance gets from one set of settings. */
export interface DiskSet {
    /** "" for the resource itself, "launchSpecifications[1]" for one of several. */
    readonly where: string;
    /** Volumes, or an Unknown for a device (or list of them) not known yet. */
    readonly volumes: (Volume | Unknown)[];
    /** True when these settings say nothing of the root volume: the AMI, or a launch template, decides it. */
    readonly rootUnset: boolean;
}

/** Resource types that create EBS volumes, or say which an instance gets. */
export const VOLUME_TYPES: readonly string[] = [
    INSTANCE,
    SPOT_INSTANCE_REQUEST,
    EBS_VOLUME,
    LAUNCH_TEMPLATE,
    LAUNCH_CONFIGURATION,
    SPOT_FLEET_REQUEST,
];

/** Device names AMIs use for their root volume: /dev/xvda on Amazon Linux, /dev/sda1 on Ubuntu and others. */
export const ROOT_DEVICE_NAMES: readonly string[] = ["/dev/xvda", "/dev/sda1"];

export function isRootDeviceName(name: unknown): boolean {
    return typeof name === "string" && ROOT_DEVICE_NAMES.includes(name);
}

/**
 * A device's size in GB as EC2 gives it. Left out, it is the snapshot's the device is restored
 * from (which the pack cannot see), or, for the root device, the AMI's root snapshot's. A size
 * of 0 is left out too: the provider sends a size only when it is not 0.
 */
function sizeOf(where: string, d: Fields<Device>, root: boolean): number | Unknown {
    const size = numberOf(d.volumeSize ?? d.size);
    if (size !== undefined && size !== 0) {
        return size;
    }
    const snapshot = d.snapshotId;
    if (isUnknown(snapshot)) {
        return snapshot;
    }
    if (isSet(snapshot)) {
        return new Unknown(where, `takes its size from snapshot ${show(snapshot)}`);
    }
    return root ? DEFAULT_ROOT_VOLUME_GB : 0;
}

function volume(where: string, device: Props, root = false): Volume | Unknown {
    const block = objectOf(device);
    if (isUnknown(block)) {
        return block;
    }
    const d: Fields<Device> = block ?? {};
    return {
        where,
        sizeGb: sizeOf(where, d, root),
        // "" is no type: the provider sends none, and EC2 takes the AMI's or its default, gp2.
        type: isSet(d.volumeType) ? d.volumeType : isSet(d.type) ? d.type : undefined,
        iops: d.iops,
        throughput: d.throughput,
        deleteOnTermination: d.deleteOnTermination,
        deviceName: d.deviceName,
    };
}

/** An instance's, launch configuration's or Spot Fleet specification's EBS device. */
type EbsDevice = input.ec2.InstanceEbsBlockDevice &
    input.ec2.SpotInstanceRequestEbsBlockDevice &
    input.ec2.LaunchConfigurationEbsBlockDevice &
    input.ec2.SpotFleetRequestLaunchSpecificationEbsBlockDevice;

/** Anything {@link volume} reads: a root or EBS device of any of them, a launch template's `ebs`, or an aws.ebs.Volume. */
type Device = EbsDevice &
    input.ec2.InstanceRootBlockDevice &
    input.ec2.SpotInstanceRequestRootBlockDevice &
    input.ec2.LaunchConfigurationRootBlockDevice &
    input.ec2.SpotFleetRequestLaunchSpecificationRootBlockDevice &
    input.ec2.LaunchTemplateBlockDeviceMappingEbs &
    EbsVolumeArgs;

/** The AMI's own root volume, for settings that leave it out. */
export function amiRootVolume(where: string): Volume {
    return {
        where,
        sizeGb: DEFAULT_ROOT_VOLUME_GB,
        type: undefined,
        iops: undefined,
        throughput: undefined,
        deleteOnTermination: undefined,
        deviceName: undefined,
    };
}

function devices(prefix: string, list: unknown, skip?: (device: Props) => boolean): (Volume | Unknown)[] {
    const listed = entries(list);
    if (isUnknown(listed)) {
        return [listed];
    }
    return listed.flatMap(({ at, value }) => (skip?.(value) ? [] : [volume(`${prefix}[${at}]`, value)]));
}

function prefixed(where: string, name: string): string {
    return where === "" ? name : `${where}.${name}`;
}

/** Root device and EBS devices of instance-like settings (an instance, a launch configuration, a fleet spec). */
function instanceDisks(where: string, root: unknown, rootName: string, ebs: unknown): DiskSet {
    const block = objectOf(root);
    const rootVolumes = block ? [volume(prefixed(where, rootName), block, true)] : [];
    return {
        where,
        volumes: [
            ...rootVolumes,
            ...devices(
                prefixed(where, "ebsBlockDevices"),
                ebs,
                (d) => booleanOf(field<EbsDevice>(d, "noDevice")) === true,
            ),
        ],
        rootUnset: rootVolumes.length === 0,
    };
}

/**
 * The disk sets a resource's own settings describe: one per instance shape (a Spot Fleet
 * request has one per launch specification). Launch template mappings are one set whose
 * root is whichever mapping names the AMI's root device.
 */
export function diskSetsOf(type: string, props: Props): DiskSet[] {
    switch (type) {
        case INSTANCE:
        case SPOT_INSTANCE_REQUEST:
        case LAUNCH_CONFIGURATION:
            return [
                instanceDisks(
                    "",
                    field<ServerArgs | LaunchConfigurationArgs>(props, "rootBlockDevice"),
                    "rootBlockDevice",
                    field<ServerArgs | LaunchConfigurationArgs>(props, "ebsBlockDevices"),
                ),
            ];
        case EBS_VOLUME:
            return [{ where: "", volumes: [volume("", props)], rootUnset: false }];
        case LAUNCH_TEMPLATE: {
            const template: Fields<LaunchTemplateArgs> | undefined = props;
            const mappings = entries(template?.blockDeviceMappings);
            if (isUnknown(mappings)) {
                return [{ where: "", volumes: [mappings], rootUnset: false }];
            }
            // The mapping for the AMI's root device sets the root; with none, the AMI's stays.
            let rootUnset = true;
            const volumes = mappings.flatMap(({ at, value }): (Volume | Unknown)[] => {
                const deviceName = field<input.ec2.LaunchTemplateBlockDeviceMapping>(value, "deviceName");
                if (isUnknown(value) || isUnknown(deviceName) || isRootDeviceName(deviceName)) {
                    rootUnset = false;
                }
                if (isUnknown(value)) {
                    return [value];
                }
                const ebs = field<input.ec2.LaunchTemplateBlockDeviceMapping>(value, "ebs");
                if (ebs === undefined || ebs === null) {
                    return [];
                }
                const v = volume(`blockDeviceMappings[${at}].ebs`, ebs, isRootDeviceName(deviceName));
                return [isUnknown(v) ? v : { ...v, deviceName }];
            });
            return [{ where: "", volumes, rootUnset }];
        }
        case SPOT_FLEET_REQUEST: {
            const fleet: Fields<SpotFleetRequestArgs> | undefined = props;
            const specs = entries(fleet?.launchSpecifications);
            if (isUnknown(specs)) {
                return [{ where: "launchSpecifications", volumes: [specs], rootUnset: false }];
            }
            return specs.map(({ at, value }) => {
                const where = `launchSpecifications[${at}]`;
                if (isUnknown(value)) {
                    return { where, volumes: [value], rootUnset: false };
                }
                const roots = entries(field<input.ec2.SpotFleetRequestLaunchSpecification>(value, "rootBlockDevices"));
                const root = isUnknown(roots) ? roots : roots[0]?.value;
                return instanceDisks(
                    where,
                    root,
                    "rootBlockDevices[0]",
                    field<input.ec2.SpotFleetRequestLaunchSpecification>(value, "ebsBlockDevices"),
                );
            });
        }
        default:
            return [];
    }
}

/** A set's volumes, with the AMI's root volume added when the settings leave the root out. */
export function withAmiRoot(set: DiskSet): (Volume | Unknown)[] {
    return set.rootUnset ? [amiRootVolume(prefixed(set.where, "the AMI's root volume")), ...set.volumes] : set.volumes;
}

/** Total known GB, and the first unknown size, of a list of volumes. */
export function totalOf(volumes: readonly (Volume | Unknown)[]): { knownGb: number; unknown?: Unknown } {
    const { known, unknown } = sumKnown(volumes.map((v) => (isUnknown(v) ? v : v.sizeGb)));
    return { knownGb: known, unknown };
}

export function label(v: Volume): string {
    return v.where === "" ? "the volume" : v.where;
}

/** One billing problem of a volume: its kind, the field and value at fault, what it does, the fix. */
export interface VolumeProblem {
    readonly kind: "volume-type-not-free" | "gp3-iops-billed" | "gp3-throughput-billed" | "kept-after-instance";
    /** The field's path in the resource: "rootBlockDevice.volumeType", "type" for an aws.ebs.Volume. */
    readonly path: string;
    readonly value: unknown;
    readonly what: string;
    readonly fix: string;
}

/** What a gp3 volume includes and bills beyond it, each judged alike: IOPS, then throughput. */
const GP3_BILLED_BEYOND: readonly {
    readonly field: "iops" | "throughput";
    readonly kind: VolumeProblem["kind"];
    readonly included: number;
    readonly unit: string;
    readonly unknownWhat: string;
}[] = [
    {
        field: "iops",
        kind: "gp3-iops-billed",
        included: GP3_INCLUDED_IOPS,
        unit: "IOPS",
        unknownWhat: `whether it provisions gp3 IOPS beyond the included ${GP3_INCLUDED_IOPS}`,
    },
    {
        field: "throughput",
        kind: "gp3-throughput-billed",
        included: GP3_INCLUDED_THROUGHPUT_MIBPS,
        unit: "MiB/s",
        unknownWhat: `whether it provisions gp3 throughput beyond the included ${GP3_INCLUDED_THROUGHPUT_MIBPS} MiB/s`,
    },
];

/** Where a volume's field sits: "rootBlockDevice.volumeType", "blockDeviceMappings[0].ebs.iops", "type" on a volume. */
export function volumeField(
    v: Volume,
    name: "volumeType" | "iops" | "throughput" | "deleteOnTermination" | "volumeSize",
): string {
    if (v.where === "") {
        return name === "volumeType" ? "type" : name === "volumeSize" ? "size" : name;
    }
    return `${v.where}.${name}`;
}

/** A volume's billing problems (never its size), and the first value that could hide one. */
export function volumeProblems(
    v: Volume,
    allowedTypes: readonly string[],
): { problems: VolumeProblem[]; unknown?: { value: Unknown; what: string } } {
    const problems: VolumeProblem[] = [];
    let unknown: { value: Unknown; what: string } | undefined;
    // The provider takes a volume type as a string (a number becomes one); anything else it refuses.
    const type = stringOf(v.type);
    if (isUnknown(type)) {
        unknown = { value: type, what: "whether its volume type is free" };
    } else if (type !== undefined && !allowedTypes.includes(type)) {
        problems.push({
            kind: "volume-type-not-free",
            path: volumeField(v, "volumeType"),
            value: v.type,
            what: `${label(v)} is ${show(type)}, a volume type the free tier does not cover`,
            fix: `use ${allowedTypes.join(", ")}`,
        });
    }
    const mayBeGp3 = type === "gp3" || isUnknown(type);
    for (const billed of GP3_BILLED_BEYOND) {
        const amount = numberOf(v[billed.field]);
        if (mayBeGp3 && isUnknown(amount)) {
            unknown ??= { value: amount, what: billed.unknownWhat };
        } else if (type === "gp3" && typeof amount === "number" && amount > billed.included) {
            problems.push({
                kind: billed.kind,
                path: volumeField(v, billed.field),
                value: v[billed.field],
                what: `${label(v)} provisions ${amount} ${billed.unit}`,
                fix: `gp3 includes ${billed.included} and bills the rest`,
            });
        }
    }
    // A standalone EBS volume is the stack's to delete; a device kept after its instance is not.
    if (v.where !== "") {
        const keep = booleanOf(v.deleteOnTermination);
        if (isUnknown(keep)) {
            unknown ??= { value: keep, what: "whether the volume is deleted with its instance" };
        } else if (keep === false) {
            problems.push({
                kind: "kept-after-instance",
                path: volumeField(v, "deleteOnTermination"),
                value: v.deleteOnTermination,
                what: `${label(v)} sets deleteOnTermination false, so the volume outlives its instance and bills after \`pulumi destroy\``,
                fix: "delete it with the instance, or keep data on an aws.ebs.Volume the stack manages",
            });
        }
    }
    return { problems, unknown };
}
