/**
 * How many instances each resource keeps running, and what each of a group's or fleet's
 * instances is launched with. Counts are what the known values prove (a lower bound) with the
 * unknown that could make them more: an Auto Scaling group runs its desired capacity, which
 * AWS refuses below minSize, so minSize 2 with an unknown desired capacity runs at least two.
 */
import type {
    AutoscalingGroupArgs,
    FleetArgs,
    FleetTemplateConfig,
    FleetTemplateOverride,
    input,
    SpotFleetRequestArgs,
} from "./awsTypes";
import { mergeDisks } from "./disks";
import type { Judged } from "./judge";
import { isUnknown, Notes, Unknown } from "./known";
import { templatesFor, templateUsesOf } from "./launches";
import { entries, field, Fields, numberOf, objectOf, stringOf } from "./read";
import {
    AUTOSCALING_GROUP,
    FLEET,
    INSTANCE,
    LAUNCH_TEMPLATE,
    SPOT_FLEET_REQUEST,
    SPOT_INSTANCE_REQUEST,
} from "./resources";
import type { StackModel } from "./stack";
import { diskSetsOf, totalOf, Volume, withAmiRoot } from "./volumes";

/** Resource types that start instances and keep them running. */
export const INSTANCE_STARTERS: readonly string[] = [
    INSTANCE,
    SPOT_INSTANCE_REQUEST,
    AUTOSCALING_GROUP,
    SPOT_FLEET_REQUEST,
    FLEET,
];

export interface Count {
    /** What the known values prove. */
    readonly count: number;
    /** A value not known yet that could make it more. */
    readonly unknown?: Unknown;
    /** How many of them an Auto Scaling group keeps in its warm pool. */
    readonly warm?: number;
}

/** "3 instances", "at least 2 instances", "3 instances × 8 GB, 2 of them in its warm pool" (`each`: " × 8 GB"). */
export function describeCount({ count, unknown, warm }: Count, each = ""): string {
    const pool = warm ? `, ${warm} of them in its warm pool` : "";
    return `${unknown ? "at least " : ""}${count} instance${count === 1 ? "" : "s"}${each}${pool}`;
}

function withPool(inService: Count, pool: Count): Count {
    return { count: inService.count + pool.count, unknown: inService.unknown ?? pool.unknown, warm: pool.count };
}

/**
 * An Auto Scaling group's warm pool: instances kept ready beside the group's own, stopped (their
 * EBS volumes bill) unless `poolState` is "Running" (they bill hours too). Its size is
 * `maxGroupPreparedCapacity` (the group's maxSize when left out or -1) less the desired
 * capacity, and at least its `minSize`.
 */
function warmPool(props: unknown, inService: Count): { size: Count; running: boolean | Unknown } | undefined {
    const pool: Fields<input.autoscaling.GroupWarmPool> | Unknown | undefined = objectOf(
        field<AutoscalingGroupArgs>(props, "warmPool"),
    );
    if (pool === undefined) {
        return undefined;
    }
    if (isUnknown(pool)) {
        return { size: { count: 0, unknown: pool }, running: pool };
    }
    const state = stringOf(pool.poolState);
    const running = isUnknown(state) ? state : state === "Running";
    const min = numberOf(pool.minSize);
    const floor = typeof min === "number" ? Math.max(0, min) : 0;
    const prepared = numberOf(pool.maxGroupPreparedCapacity);
    const capacity =
        prepared === undefined || prepared === -1 ? numberOf(field<AutoscalingGroupArgs>(props, "maxSize")) : prepared;
    const unknown = [min, capacity, inService.unknown].find(isUnknown);
    if (unknown || typeof capacity !== "number") {
        return { size: { count: floor, unknown }, running };
    }
    return { size: { count: Math.max(floor, capacity - inService.count) }, running };
}

function groupSize(props: unknown): Count {
    const desired = numberOf(field<AutoscalingGroupArgs>(props, "desiredCapacity"));
    const min = numberOf(field<AutoscalingGroupArgs>(props, "minSize"));
    const floor = typeof min === "number" ? Math.max(0, min) : 0;
    if (typeof desired === "number") {
        return { count: Math.max(desired, floor) };
    }
    if (isUnknown(desired)) {
        return { count: floor, unknown: desired };
    }
    return isUnknown(min) ? { count: 0, unknown: min } : { count: floor };
}

/**
 * The instances an Auto Scaling group's capacity, counted in `units`, needs. A capacity in
 * vCPUs or MiB of memory (`desiredCapacityType`) is at least one instance, not one per unit; a
 * capacity in weight units (`mixedInstancesPolicy.launchTemplate.overrides[].weightedCapacity`,
 * an unweighted override weighing 1) is the capacity over the largest weight, rounded up
 * (EC2 Auto Scaling User Guide, instance weighting and attribute-based instance type selection).
 */
function groupInstances(props: unknown, units: Count): Count {
    if (units.count <= 0) {
        return units;
    }
    const atLeastOne = (unknown?: Unknown): Count => ({ count: 1, unknown: units.unknown ?? unknown });
    const capacityType = stringOf(field<AutoscalingGroupArgs>(props, "desiredCapacityType"));
    if (isUnknown(capacityType)) {
        return atLeastOne(capacityType);
    }
    if (capacityType !== undefined && capacityType !== "units") {
        return atLeastOne();
    }
    const overrides = entries(
        field<input.autoscaling.GroupMixedInstancesPolicyLaunchTemplate>(
            field<input.autoscaling.GroupMixedInstancesPolicy>(
                field<AutoscalingGroupArgs>(props, "mixedInstancesPolicy"),
                "launchTemplate",
            ),
            "overrides",
        ),
    );
    if (isUnknown(overrides)) {
        return atLeastOne(overrides);
    }
    let largest = 1;
    for (const { value } of overrides) {
        const given = field<input.autoscaling.GroupMixedInstancesPolicyLaunchTemplateOverride>(
            value,
            "weightedCapacity",
        );
        const weight = given === undefined || given === null ? 1 : numberOf(given);
        if (isUnknown(weight)) {
            return atLeastOne(weight);
        }
        largest = Math.max(largest, weight ?? 1);
    }
    return { ...units, count: Math.ceil(units.count / largest) };
}

/** Instances a fleet's capacity needs: capacity over the largest weight, rounded up. */
function fleetSize(target: unknown, unitType: unknown, weights: unknown[]): Count {
    const capacity = numberOf(target);
    if (isUnknown(capacity)) {
        return { count: 0, unknown: capacity };
    }
    if (capacity === undefined || capacity <= 0) {
        return { count: 0 };
    }
    const unit = stringOf(unitType);
    if (isUnknown(unit)) {
        return { count: 1, unknown: unit };
    }
    if (unit !== undefined && unit !== "units") {
        // Capacity in vCPUs or MiB: at least one instance.
        return { count: 1 };
    }
    let largest = 0;
    for (const weight of weights) {
        const w = weight === undefined || weight === null ? 1 : numberOf(weight);
        if (isUnknown(w)) {
            return { count: 1, unknown: w };
        }
        largest = Math.max(largest, w ?? 1);
    }
    return { count: Math.ceil(capacity / (largest > 0 ? largest : 1)) };
}

function weightsOf(props: unknown): unknown[] {
    const weights: unknown[] = [];
    // A Spot Fleet request's own specifications (an EC2 Fleet has none).
    const specs = entries(field<SpotFleetRequestArgs>(props, "launchSpecifications"));
    if (!isUnknown(specs)) {
        weights.push(
            ...specs.map((s) => field<input.ec2.SpotFleetRequestLaunchSpecification>(s.value, "weightedCapacity")),
        );
    }
    const configs = entries(field<SpotFleetRequestArgs | FleetArgs>(props, "launchTemplateConfigs"));
    if (!isUnknown(configs)) {
        for (const { value } of configs) {
            const overrides = entries(field<FleetTemplateConfig>(value, "overrides"));
            if (!isUnknown(overrides)) {
                weights.push(...overrides.map((o) => field<FleetTemplateOverride>(o.value, "weightedCapacity")));
            }
        }
    }
    return weights.length > 0 ? weights : [1];
}

/** How many instances a resource keeps running: an Auto Scaling group's, with its warm pool's when that runs. */
export function instancesOf(resource: Judged): Count {
    const props = resource.props;
    switch (resource.type) {
        case INSTANCE:
            // An instance its InstanceState keeps stopped runs no hours (stack.ts).
            return resource.stopped === undefined
                ? { count: 1 }
                : { count: 0, unknown: isUnknown(resource.stopped) ? resource.stopped : undefined };
        case SPOT_INSTANCE_REQUEST:
            return { count: 1 };
        case AUTOSCALING_GROUP: {
            const units = groupSize(props);
            const inService = groupInstances(props, units);
            const pool = warmPool(props, units);
            if (!pool || pool.running === false) {
                return inService;
            }
            // A pool whose state is not known yet may run: only its unknown is added.
            return pool.running === true
                ? withPool(inService, pool.size)
                : withPool(inService, { count: 0, unknown: pool.running });
        }
        case SPOT_FLEET_REQUEST:
            return fleetSize(
                field<SpotFleetRequestArgs>(props, "targetCapacity"),
                field<SpotFleetRequestArgs>(props, "targetCapacityUnitType"),
                weightsOf(props),
            );
        case FLEET: {
            const spec = field<FleetArgs>(props, "targetCapacitySpecification");
            return fleetSize(
                field<input.ec2.FleetTargetCapacitySpecification>(spec, "totalTargetCapacity"),
                field<input.ec2.FleetTargetCapacitySpecification>(spec, "targetCapacityUnitType"),
                weightsOf(props),
            );
        }
        default:
            return { count: 0 };
    }
}

/** How many instances a resource keeps, running or stopped: each has its EBS volumes (an Auto Scaling group's warm pool's too). */
export function instancesWithDisksOf(resource: Judged): Count {
    if (resource.type === INSTANCE) {
        // Stopped or running, an instance keeps its volumes.
        return { count: 1 };
    }
    if (resource.type !== AUTOSCALING_GROUP) {
        return instancesOf(resource);
    }
    const units = groupSize(resource.props);
    const inService = groupInstances(resource.props, units);
    const pool = warmPool(resource.props, units);
    return pool ? withPool(inService, pool.size) : inService;
}

/**
 * The disks each instance of a group or fleet may get: one list per launch option (its own
 * specifications, with the AMI's root where they leave it out, and each template it names).
 */
export function diskOptionsOf(model: StackModel, resource: Judged, notes: Notes, what: string): (Volume | Unknown)[][] {
    const options: (Volume | Unknown)[][] = diskSetsOf(resource.type, resource.props).map(withAmiRoot);
    for (const use of templateUsesOf(resource.type, resource.props)) {
        for (const template of templatesFor(model, resource, use, notes, what)) {
            options.push(
                template.type === LAUNCH_TEMPLATE
                    ? mergeDisks(undefined, template)
                    : withAmiRoot(diskSetsOf(template.type, template.props)[0]),
            );
        }
    }
    return options;
}

/**
 * The EBS each instance of a group or fleet gets: the least of what its launch options give
 * (a proven lower bound), and an unknown size that could make it more.
 */
export function disksPerInstance(
    model: StackModel,
    resource: Judged,
    notes: Notes,
    what: string,
): { knownGb: number; unknown?: Unknown } {
    const options = diskOptionsOf(model, resource, notes, what).map(totalOf);
    if (options.length === 0) {
        return { knownGb: 0 };
    }
    return {
        knownGb: Math.min(...options.map((o) => o.knownGb)),
        unknown: options.find((o) => o.unknown)?.unknown,
    };
}
