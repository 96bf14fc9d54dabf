/**
 * What the stack costs a month, on demand, in each resource's Region, from the dated price
 * snapshot of lib/prices.ts (a month is {@link HOURS_PER_MONTH} hours): instances by type and
 * count (groups and fleets at their known sizes), EBS by type and size (launch-template disks
 * too) with gp3's extra IOPS and throughput and io1/io2 IOPS, public IPv4 addresses (idle
 * Elastic IPs among them), detailed monitoring, NAT gateways and load balancers.
 *
 * The estimate is a lower bound: what the known values prove. Whatever could add to it (a size
 * or type not known yet, a Region or price the snapshot lacks, a Spot price, usage-based
 * charges) is said in `notes` and makes the total "at least". Built once per stack model and
 * read by stack-cost-within-credits and by preview:offline's bill, so both say the same.
 */
import { GP3_INCLUDED_IOPS, GP3_INCLUDED_THROUGHPUT_MIBPS } from "../../lib/freeTier";
import { HOURS_PER_MONTH, monthly, noPriceNote, Price, PRICE_SNAPSHOT, PriceItem, priceOf } from "../../lib/prices";
import type {
    AlbLoadBalancerArgs,
    AmiCopyArgs,
    AmiCopyState,
    AmiFromInstanceArgs,
    AmiFromInstanceState,
    AutoscalingGroupArgs,
    EbsVolumeArgs,
    FleetArgs,
    input,
    InstanceArgs,
    LaunchConfigurationArgs,
    LaunchTemplateArgs,
    LoadBalancerArgs,
    ServerArgs,
    SnapshotArgs,
    SnapshotCopyArgs,
    SnapshotCopyState,
    SnapshotImportState,
    SnapshotState,
    VolumeAttachmentArgs,
    VpcEndpointArgs,
} from "./awsTypes";
import { launchDisks } from "./disks";
import { diskOptionsOf, INSTANCE_STARTERS, instancesOf, instancesWithDisksOf } from "./instances";
import { Judged, regionOf } from "./judge";
import { isUnknown, Notes, Unknown } from "./known";
import { leavesOut, templatesFor, templateUsesOf, typeChoicesOf } from "./launches";
import { monitoringSettings, turnsOn } from "./monitoring";
import { getsPublicAddress, publicAddresses } from "./publicAddresses";
import { booleanOf, entries, field, Fields, numberOf, StateFields, stringOf } from "./read";
import {
    ALB_LOAD_BALANCER,
    AMI_COPY,
    AMI_FROM_INSTANCE,
    AUTOSCALING_GROUP,
    BUDGET,
    CLASSIC_LOAD_BALANCER,
    describe,
    EBS_SNAPSHOT,
    EBS_SNAPSHOT_COPY,
    EBS_SNAPSHOT_IMPORT,
    EBS_VOLUME,
    EIP,
    FLEET,
    INSTANCE,
    LOAD_BALANCER,
    NAT_GATEWAY,
    SPOT_FLEET_REQUEST,
    SPOT_INSTANCE_REQUEST,
    VOLUME_ATTACHMENT,
    VPC_ENDPOINT,
} from "./resources";
import type { StackModel } from "./stack";
import { diskSetsOf, Volume } from "./volumes";

export { HOURS_PER_MONTH, PRICE_SNAPSHOT };

/** Detailed monitoring sends 7 metrics per instance at 1-minute resolution (CloudWatch pricing, "Example 1"). */
export const DETAILED_MONITORING_METRICS = 7;

/** One line of the bill. */
export interface CostItem {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    /** What is billed: "t3.micro, 730 hours", "30 GB gp3", "public IPv4 address". */
    readonly what: string;
    readonly monthlyUsd: number;
    /** True when something of this line could not be priced or counted: the figure is a lower bound. */
    readonly atLeast?: boolean;
    /** True when a price of this line is one the snapshot marks unverified (docs/prices.md). */
    readonly unverified?: boolean;
}

export interface StackCost {
    readonly items: readonly CostItem[];
    /** The sum of the items: a lower bound when `atLeast`. */
    readonly monthlyUsd: number;
    readonly atLeast: boolean;
    /** What could not be priced or counted, each said once. */
    readonly notes: readonly string[];
    /** The price snapshot's date. */
    readonly snapshot: string;
}

/** "USD 15.88". */
export function usd(amount: number): string {
    return `USD ${amount.toFixed(2)}`;
}

/** An amount the user sets, as they set it: "USD 100" for whole dollars, else "USD 12.50". */
export function usdAmount(amount: number): string {
    return Number.isInteger(amount) ? `USD ${amount}` : usd(amount);
}

/** "USD 0.104 an hour", "USD 0.0912 a GB-month". */
export function rate(price: Price): string {
    return price.per === "hour" ? `USD ${price.usd} an hour` : `USD ${price.usd} a ${price.per}`;
}

/**
 * What one instance of a type costs, for a message: "USD 0.104 an hour in ap-northeast-2, about
 * USD 75.92 a month", or why no price can be given.
 */
export function instancePrice(resource: Judged, instanceType: string): string {
    const region = regionOf(resource);
    if (typeof region !== "string") {
        return "no price: its Region is not known";
    }
    const price = priceOf(region, `instance:${instanceType}`);
    if (!price) {
        return noPriceNote(region, `instance:${instanceType}`);
    }
    return `${rate(price)} in ${region}, about ${usd(monthly(price))} a month`;
}

/** What a billed item costs a month in a resource's Region, in USD; undefined where the snapshot has no price. */
export function monthlyUsdOf(resource: Judged, item: PriceItem, quantity = 1): number | undefined {
    const region = regionOf(resource);
    const price = typeof region === "string" ? priceOf(region, item) : undefined;
    return price ? monthly(price, quantity) : undefined;
}

/** What a billed item costs a month in a resource's Region, for a message ("about USD 3.65 a month in ap-northeast-2"). */
export function monthlyPrice(resource: Judged, item: PriceItem, quantity = 1): string | undefined {
    const region = regionOf(resource);
    const price = typeof region === "string" ? priceOf(region, item) : undefined;
    return price && typeof region === "string"
        ? `about ${usd(monthly(price, quantity))} a month in ${region}`
        : undefined;
}

/** Collects the bill's lines and what could not be counted. */
class Bill {
    readonly items: CostItem[] = [];
    readonly notes = new Notes();
    private readonly said = new Set<string>();
    /** Whether a price read since the last line was added is unverified. */
    private unverified = false;

    note(text: string): void {
        if (!this.said.has(text)) {
            this.said.add(text);
            this.notes.add(text);
        }
    }

    /** The price of an item in the resource's Region; a note (and undefined) when there is none. */
    price(who: Judged, item: PriceItem): Price | undefined {
        const region = regionOf(who);
        if (isUnknown(region)) {
            this.note(`the Region of ${describe(who)} is not known yet, so its cost is not counted`);
            return undefined;
        }
        if (region === undefined) {
            this.note(
                `${describe(who)} sets no Region, nor does its provider (aws:region), so its cost is not counted`,
            );
            return undefined;
        }
        const price = priceOf(region, item);
        if (!price) {
            this.note(noPriceNote(region, item));
        } else if (price.source.verified === false) {
            this.unverified = true;
        }
        return price;
    }

    add(who: Judged, what: string, monthlyUsd: number, atLeast = false): void {
        this.items.push({
            urn: who.urn,
            type: who.type,
            name: who.name,
            what,
            monthlyUsd,
            ...(atLeast ? { atLeast: true } : {}),
            ...(this.unverified ? { unverified: true } : {}),
        });
        this.unverified = false;
    }
}

/** The instance types a resource may launch, as written; unknown when one of them is not known yet. */
function typesOf(model: StackModel, owner: Judged, bill: Bill): { types: string[]; unknown: boolean } {
    const types: string[] = [];
    let unknown = false;
    const what = `what ${describe(owner)} costs`;
    const { choices, leftToTemplate } = typeChoicesOf(owner.type, owner.props);
    for (const choice of choices) {
        const type = stringOf(choice.instanceType);
        if (typeof type === "string" && type !== "") {
            types.push(type);
        } else if (isUnknown(type) || (choice.requirements !== undefined && choice.requirements !== null)) {
            unknown = true;
        }
    }
    const server = owner.type === INSTANCE || owner.type === SPOT_INSTANCE_REQUEST;
    // A server's own type (a group's or a fleet's props have none).
    const ownType = field<ServerArgs>(owner.props, "instanceType");
    if (leftToTemplate || (server && leavesOut(ownType))) {
        const uses = templateUsesOf(owner.type, owner.props);
        for (const use of uses) {
            for (const template of templatesFor(model, owner, use, bill.notes, what)) {
                const props: Fields<LaunchTemplateArgs | LaunchConfigurationArgs> = template.props;
                const type = stringOf(props.instanceType);
                if (typeof type === "string" && type !== "") {
                    types.push(type);
                } else {
                    unknown = true;
                }
            }
        }
        if (uses.length === 0 && server) {
            // RunInstances launches an instance with no type as m1.small.
            types.push("m1.small");
        }
    }
    if (isUnknown(ownType)) {
        unknown = true;
    }
    return { types: [...new Set(types.map((t) => t.toLowerCase()))], unknown };
}

/** Whether a resource's instances are Spot instances, billed at the Spot price rather than on demand. */
function spotShare(owner: Judged, count: number): { onDemand: number; spot: number } {
    switch (owner.type) {
        case SPOT_INSTANCE_REQUEST:
        case SPOT_FLEET_REQUEST:
            return { onDemand: 0, spot: count };
        case FLEET: {
            const spec = field<FleetArgs>(owner.props, "targetCapacitySpecification");
            const byDefault = stringOf(
                field<input.ec2.FleetTargetCapacitySpecification>(spec, "defaultTargetCapacityType"),
            );
            return byDefault === "on-demand" ? { onDemand: count, spot: 0 } : { onDemand: 0, spot: count };
        }
        case AUTOSCALING_GROUP: {
            // A mixed instances policy launches its base on demand, then the percentage above it.
            const distribution = field<input.autoscaling.GroupMixedInstancesPolicy>(
                field<AutoscalingGroupArgs>(owner.props, "mixedInstancesPolicy"),
                "instancesDistribution",
            );
            const base = numberOf(
                field<input.autoscaling.GroupMixedInstancesPolicyInstancesDistribution>(
                    distribution,
                    "onDemandBaseCapacity",
                ),
            );
            const percentage = numberOf(
                field<input.autoscaling.GroupMixedInstancesPolicyInstancesDistribution>(
                    distribution,
                    "onDemandPercentageAboveBaseCapacity",
                ),
            );
            const b = typeof base === "number" ? Math.max(0, base) : 0;
            const p = typeof percentage === "number" ? Math.min(100, Math.max(0, percentage)) : 100;
            const onDemand = Math.min(count, b) + Math.floor((Math.max(0, count - b) * p) / 100);
            return { onDemand, spot: count - onDemand };
        }
        default:
            return { onDemand: count, spot: 0 };
    }
}

function instanceLines(model: StackModel, owner: Judged, bill: Bill): void {
    const { count, unknown: moreInstances } = instancesOf(owner);
    if (count === 0 && !moreInstances) {
        return;
    }
    const { types, unknown: moreTypes } = typesOf(model, owner, bill);
    // The cheapest type it may launch is what is proven.
    const priced = types
        .map((type) => ({ type, price: bill.price(owner, `instance:${type}`) }))
        .filter((p): p is { type: string; price: Price } => p.price !== undefined)
        .sort((a, b) => a.price.usd - b.price.usd);
    const atLeast = moreInstances !== undefined || moreTypes || priced.length < types.length || types.length === 0;
    if (moreInstances) {
        bill.note(`${describe(owner)} may run more instances than the ${count} counted`);
    }
    if (types.length === 0 || moreTypes) {
        bill.note(`the instance type of ${describe(owner)} is not known yet, so its instances are not all counted`);
    }
    const cheapest = priced[0];
    if (!cheapest) {
        if (count > 0) {
            bill.add(owner, `${count === 1 ? "an instance" : `${count} instances`} of a type not priced`, 0, true);
        }
        return;
    }
    const { onDemand, spot } = spotShare(owner, count);
    const several = priced.length > 1 ? " (the cheapest it may launch)" : "";
    const each = monthly(cheapest.price);
    if (onDemand > 0) {
        bill.add(
            owner,
            `${onDemand === 1 ? "" : `${onDemand} × `}${cheapest.type}${several}, ${HOURS_PER_MONTH} hours`,
            onDemand * each,
            atLeast,
        );
    }
    if (spot > 0) {
        bill.note(
            `${describe(owner)} runs Spot instances, billed at the Spot price (up to ${usd(each)} a month each on demand), which is not counted`,
        );
        bill.add(
            owner,
            `${spot === 1 ? "" : `${spot} × `}${cheapest.type} Spot, at the Spot price (not counted)`,
            0,
            true,
        );
    }
}

/** A volume's monthly cost and how the bill names it. */
function volumeCost(
    owner: Judged,
    volume: Volume | Unknown,
    bill: Bill,
): { usd: number; what: string; atLeast: boolean } {
    if (isUnknown(volume)) {
        bill.note(`a volume of ${describe(owner)} is not known yet, so its cost is not counted`);
        return { usd: 0, what: "a volume not known yet", atLeast: true };
    }
    const size = volume.sizeGb;
    if (isUnknown(size)) {
        bill.note(`the size of a volume of ${describe(owner)} is not known yet, so its cost is not counted`);
        return { usd: 0, what: "a volume of a size not known yet", atLeast: true };
    }
    const written = stringOf(volume.type);
    if (isUnknown(written)) {
        bill.note(`the volume type of ${describe(owner)} is not known yet, so its cost is not counted`);
        return { usd: 0, what: `${size} GB of a type not known yet`, atLeast: true };
    }
    // A device with no type takes the AMI's (gp3 or gp2); a volume with none is gp2 (EC2 CreateVolume).
    const type =
        written === undefined || written === ""
            ? owner.type === EBS_VOLUME
                ? "gp2"
                : undefined
            : written.toLowerCase();
    if (type === undefined) {
        const options = (["gp3", "gp2"] as const)
            .map((t) => bill.price(owner, `ebs:${t}`))
            .filter((p): p is Price => p !== undefined);
        if (options.length === 0) {
            return { usd: 0, what: `${size} GB (the AMI's volume type)`, atLeast: true };
        }
        const least = Math.min(...options.map((p) => monthly(p, size)));
        return { usd: least, what: `${size} GB (the AMI's volume type, gp3 or gp2)`, atLeast: options.length > 1 };
    }
    const perGb = bill.price(owner, `ebs:${type}` as PriceItem);
    let total = perGb ? monthly(perGb, size) : 0;
    let atLeast = !perGb;
    const extras: string[] = [];
    const iops = numberOf(volume.iops);
    const throughput = numberOf(volume.throughput);
    if (type === "gp3") {
        if (typeof iops === "number" && iops > GP3_INCLUDED_IOPS) {
            const extra = iops - GP3_INCLUDED_IOPS;
            const price = bill.price(owner, "ebs:gp3-iops");
            total += price ? monthly(price, extra) : 0;
            atLeast ||= !price;
            extras.push(`${extra} IOPS over ${GP3_INCLUDED_IOPS}`);
        }
        if (typeof throughput === "number" && throughput > GP3_INCLUDED_THROUGHPUT_MIBPS) {
            const extra = throughput - GP3_INCLUDED_THROUGHPUT_MIBPS;
            const price = bill.price(owner, "ebs:gp3-throughput");
            total += price ? monthly(price, extra) : 0;
            atLeast ||= !price;
            extras.push(`${extra} MiB/s over ${GP3_INCLUDED_THROUGHPUT_MIBPS}`);
        }
        if (isUnknown(iops) || isUnknown(throughput)) {
            bill.note(`the IOPS or throughput of a gp3 volume of ${describe(owner)} is not known yet`);
            atLeast = true;
        }
    } else if (type === "io1" || type === "io2") {
        if (typeof iops === "number" && iops > 0) {
            const price = bill.price(owner, `ebs:${type}-iops`);
            total += price ? monthly(price, iops) : 0;
            atLeast ||= !price;
            extras.push(`${iops} IOPS`);
        } else {
            bill.note(`the IOPS of an ${type} volume of ${describe(owner)} are not known, so they are not counted`);
            atLeast = true;
        }
    }
    return { usd: total, what: `${size} GB ${type}${extras.length ? ` + ${extras.join(" + ")}` : ""}`, atLeast };
}

/** The cheapest of several disk sets an instance may get: what is proven. */
function cheapestDisks(owner: Judged, candidates: readonly (readonly (Volume | Unknown)[])[], bill: Bill) {
    let best: { usd: number; parts: string[]; atLeast: boolean } | undefined;
    for (const volumes of candidates) {
        const costs = volumes.map((v) => volumeCost(owner, v, bill));
        const total = costs.reduce((sum, c) => sum + c.usd, 0);
        if (!best || total < best.usd) {
            best = { usd: total, parts: costs.map((c) => c.what), atLeast: costs.some((c) => c.atLeast) };
        }
    }
    if (best && candidates.length > 1) {
        best.atLeast = true;
    }
    return best;
}

function diskLines(model: StackModel, owner: Judged, bill: Bill): void {
    const what = `what the disks of ${describe(owner)} cost`;
    if (owner.type === EBS_VOLUME) {
        const cost = volumeCost(owner, diskSetsOf(owner.type, owner.props)[0].volumes[0], bill);
        bill.add(owner, `EBS ${cost.what}`, cost.usd, cost.atLeast);
        return;
    }
    if (owner.type === INSTANCE || owner.type === SPOT_INSTANCE_REQUEST) {
        const { candidates, partial } = launchDisks(model, owner, bill.notes, what);
        const best = cheapestDisks(
            owner,
            candidates.map((c) => c.volumes),
            bill,
        );
        if (best && best.parts.length > 0) {
            bill.add(owner, `EBS ${best.parts.join(", ")}`, best.usd, best.atLeast || partial);
        }
        return;
    }
    // Groups and fleets: each instance's disks, the least of what its launch options give.
    const { count, unknown } = instancesWithDisksOf(owner);
    if (count === 0) {
        return;
    }
    const options = diskOptionsOf(model, owner, bill.notes, what);
    const best = cheapestDisks(owner, options, bill);
    if (best && best.parts.length > 0) {
        bill.add(
            owner,
            `EBS ${count} × (${best.parts.join(", ")})`,
            count * best.usd,
            best.atLeast || unknown !== undefined,
        );
    }
}

/** Whether detailed monitoring is on for the instances a resource starts (its own setting, else its template's). */
function monitored(model: StackModel, owner: Judged, bill: Bill): boolean {
    const own = monitoringSettings(owner);
    if (owner.type === INSTANCE || owner.type === SPOT_INSTANCE_REQUEST) {
        const set = booleanOf(own[0].value);
        if (set !== undefined) {
            return set === true;
        }
    }
    if (owner.type === SPOT_FLEET_REQUEST) {
        return own.some(turnsOn);
    }
    for (const use of templateUsesOf(owner.type, owner.props)) {
        for (const template of templatesFor(model, owner, use, bill.notes, "whether detailed monitoring is on")) {
            if (monitoringSettings(template).some(turnsOn)) {
                return true;
            }
        }
    }
    return false;
}

function monitoringLines(model: StackModel, owner: Judged, bill: Bill): void {
    const { count } = instancesOf(owner);
    if (count === 0 || !monitored(model, owner, bill)) {
        return;
    }
    const price = bill.price(owner, "cloudwatch:metric");
    const metrics = DETAILED_MONITORING_METRICS * count;
    bill.add(owner, `detailed monitoring, ${metrics} metrics`, price ? monthly(price, metrics) : 0, !price);
}

function addressLines(model: StackModel, bill: Bill): void {
    const { holders, unknown, undecided } = publicAddresses(model, bill.notes);
    for (const holder of holders) {
        if (holder.count <= 0) {
            continue;
        }
        const price = bill.price(holder.owner, "ipv4:public");
        const what =
            holder.count === 1
                ? holder.owner.type === EIP
                    ? "Elastic IP (public IPv4), billed in use or idle"
                    : "public IPv4 address"
                : `${holder.count} public IPv4 addresses`;
        bill.add(holder.owner, what, price ? monthly(price, holder.count) : 0, !price);
    }
    if (unknown || undecided) {
        bill.note("some public IPv4 addresses cannot be counted yet");
    }
}

function natLines(model: StackModel, bill: Bill): void {
    for (const nat of model.ofType(NAT_GATEWAY)) {
        const price = bill.price(nat, "nat:gateway");
        bill.add(
            nat,
            `NAT gateway, ${HOURS_PER_MONTH} hours (data processed not counted)`,
            price ? monthly(price) : 0,
            true,
        );
    }
}

function loadBalancerLines(model: StackModel, bill: Bill): void {
    for (const balancer of model.ofType(LOAD_BALANCER, ALB_LOAD_BALANCER, CLASSIC_LOAD_BALANCER)) {
        let kind: string;
        if (balancer.type === CLASSIC_LOAD_BALANCER) {
            kind = "classic";
        } else {
            const props: Fields<LoadBalancerArgs | AlbLoadBalancerArgs> = balancer.props;
            const written = stringOf(props.loadBalancerType);
            if (isUnknown(written)) {
                bill.note(`the type of ${describe(balancer)} is not known yet, so its cost is not counted`);
                bill.add(balancer, "load balancer of a type not known yet", 0, true);
                continue;
            }
            kind = written === undefined || written === "" ? "application" : written.toLowerCase();
        }
        const price = bill.price(balancer, `elb:${kind}` as PriceItem);
        bill.add(
            balancer,
            `${kind} load balancer, ${HOURS_PER_MONTH} hours (capacity units not counted)`,
            price ? monthly(price) : 0,
            true,
        );
    }
}

/** The snapshot-holding types: snapshots, their copies and imports, and AMIs (each holds its disks' snapshots). */
const SNAPSHOT_TYPES = [EBS_SNAPSHOT, EBS_SNAPSHOT_COPY, EBS_SNAPSHOT_IMPORT, AMI_FROM_INSTANCE, AMI_COPY];

/** The GB of a list of volumes when every size is known. */
function knownGb(volumes: readonly (Volume | Unknown)[]): number | undefined {
    const sizes = volumes.map((v) => (isUnknown(v) ? v : v.sizeGb));
    return sizes.every((size) => typeof size === "number") ? (sizes as number[]).reduce((a, b) => a + b, 0) : undefined;
}

/** An aws.ebs.Volume's size, as written. */
function volumeSize(volume: Judged): number | Unknown | undefined {
    const props: Fields<EbsVolumeArgs> = volume.props;
    return numberOf(props.size);
}

/**
 * The GB of the stack's volumes an `ec2.VolumeAttachment` of the stack attaches to an instance
 * (CreateImage snapshots every EBS volume attached to it); undefined when a size is not known.
 */
function attachedGb(model: StackModel, instance: Judged): number | undefined {
    let total = 0;
    for (const attachment of model.ofType(VOLUME_ATTACHMENT)) {
        const props: Fields<VolumeAttachmentArgs> = attachment.props;
        const to = model.resolve(attachment, "instanceId", props.instanceId, [INSTANCE]);
        if (to.kind !== "found" || !to.targets.includes(instance)) {
            continue;
        }
        const volume = model.resolve(attachment, "volumeId", props.volumeId, [EBS_VOLUME]);
        if (volume.kind !== "found") {
            continue;
        }
        const size = volume.targets.length === 1 ? volumeSize(volume.targets[0]) : undefined;
        if (typeof size !== "number") {
            return undefined;
        }
        total += size;
    }
    return total;
}

/**
 * The most GB a snapshot or AMI of the stack stores: what AWS reports for one that exists
 * (a snapshot's `volumeSize`, an AMI's `ebsBlockDevices`), else its source's size when the stack
 * makes the source (a volume, a snapshot, an instance and the template it launches from, an AMI).
 * Undefined when it cannot be known.
 */
function snapshotGb(model: StackModel, owner: Judged, depth = 0): number | undefined {
    if (depth > 8) {
        return undefined;
    }
    // What AWS reports of a snapshot or an AMI that exists: its State's.
    const state: StateFields<
        SnapshotState & SnapshotCopyState & SnapshotImportState & AmiFromInstanceState & AmiCopyState
    > = owner.props;
    const reported = numberOf(state.volumeSize);
    if (typeof reported === "number" && reported > 0) {
        return reported;
    }
    const devices = entries(state.ebsBlockDevices);
    if (!isUnknown(devices) && devices.length > 0) {
        const sizes = devices.map((d) =>
            numberOf(
                field<input.ec2.AmiFromInstanceEbsBlockDevice & input.ec2.AmiCopyEbsBlockDevice>(d.value, "volumeSize"),
            ),
        );
        if (sizes.every((size) => typeof size === "number")) {
            return (sizes as number[]).reduce((a, b) => a + b, 0);
        }
    }
    const source = (
        input: keyof (SnapshotArgs & SnapshotCopyArgs & AmiFromInstanceArgs & AmiCopyArgs) & string,
        types: string[],
    ): Judged | undefined => {
        const ref = model.resolve(owner, input, owner.props[input], types);
        return ref.kind === "found" && ref.targets.length === 1 ? ref.targets[0] : undefined;
    };
    switch (owner.type) {
        case EBS_SNAPSHOT: {
            const volume = source("volumeId", [EBS_VOLUME]);
            const size = volume ? volumeSize(volume) : undefined;
            return typeof size === "number" ? size : undefined;
        }
        case EBS_SNAPSHOT_COPY: {
            const snapshot = source("sourceSnapshotId", [EBS_SNAPSHOT, EBS_SNAPSHOT_COPY, EBS_SNAPSHOT_IMPORT]);
            return snapshot ? snapshotGb(model, snapshot, depth + 1) : undefined;
        }
        case AMI_FROM_INSTANCE: {
            const instance = source("sourceInstanceId", [INSTANCE]);
            if (!instance) {
                return undefined;
            }
            const { candidates, partial } = launchDisks(model, instance, new Notes(), "");
            const sizes = candidates.map((c) => knownGb(c.volumes));
            const attached = attachedGb(model, instance);
            return partial || sizes.length === 0 || sizes.some((s) => s === undefined) || attached === undefined
                ? undefined
                : Math.max(...(sizes as number[])) + attached;
        }
        case AMI_COPY: {
            const ami = source("sourceAmiId", [AMI_FROM_INSTANCE, AMI_COPY]);
            return ami ? snapshotGb(model, ami, depth + 1) : undefined;
        }
        default:
            return undefined;
    }
}

/**
 * Snapshots and AMIs the stack makes hold snapshot storage, billed per GB-month of the data they
 * store (Amazon EBS pricing, "Snapshots"). The data stored is not known before they exist: a
 * first snapshot stores the blocks its source has written, at most the source's size, and later
 * ones only what changed (EBS User Guide, "How incremental snapshots work"). So each is priced
 * at the most it can store, said "up to", where its source's size is known; otherwise it is a
 * line the total does not count.
 */
function snapshotLines(model: StackModel, bill: Bill): void {
    for (const owner of model.ofType(...SNAPSHOT_TYPES)) {
        const gb = snapshotGb(model, owner);
        if (gb === undefined) {
            bill.note(
                `${describe(owner)} holds snapshot storage, billed per GB of the data it stores, which is not known before it exists`,
            );
            bill.add(owner, "snapshot storage, billed per GB stored (not counted)", 0, true);
            continue;
        }
        const price = bill.price(owner, "ebs:snapshot");
        if (!price) {
            bill.add(owner, `snapshot storage, up to ${gb} GB (not counted: no price)`, 0, true);
            continue;
        }
        bill.add(
            owner,
            `snapshot storage, up to ${gb} GB (a first snapshot stores at most its source's size)`,
            monthly(price, gb),
        );
    }
}

/**
 * AWS Budgets budgets: free without actions (AWS's Price List offer AWSBudgets, effective
 * 2020-10-01, docs/free-tier.md "Budgets"; actions are a separate resource, BudgetAction, not
 * priced here).
 */
function budgetLines(model: StackModel, bill: Bill): void {
    for (const budget of model.ofType(BUDGET)) {
        bill.add(budget, "AWS Budgets budget, no actions: free", 0);
    }
}

/** The interface VPC endpoints Session Manager needs where an instance has no public address. */
const SESSION_MANAGER_ENDPOINTS = ["ssm", "ssmmessages", "ec2messages"];

/**
 * What the price snapshot has no price for: interface VPC endpoints (billed per hour and per GB
 * processed), the stack's own or those an instance reached with Session Manager needs when it
 * has no public IPv4 address (an instance profile and no address: ssm, ssmmessages and
 * ec2messages endpoints, or a NAT gateway). Said as notes, never as a price.
 */
function endpointNotes(model: StackModel, bill: Bill): void {
    for (const endpoint of model.ofType(VPC_ENDPOINT)) {
        const props: Fields<VpcEndpointArgs> = endpoint.props;
        const kind = stringOf(props.vpcEndpointType);
        if (isUnknown(kind) || kind === "Interface") {
            bill.note(
                `${describe(endpoint)} may be an interface endpoint, billed per hour and per GB processed, which the price snapshot has no price for, so its cost is not counted`,
            );
        }
    }
    if (model.ofType(EIP).length > 0 || model.ofType(NAT_GATEWAY).length > 0) {
        return;
    }
    for (const instance of model.ofType(INSTANCE)) {
        const props: Fields<InstanceArgs> = instance.props;
        const profile = stringOf(props.iamInstanceProfile);
        if (profile === undefined || profile === "" || model.ofType(VPC_ENDPOINT).length > 0) {
            continue;
        }
        if (getsPublicAddress(model, instance, new Notes()) === false) {
            bill.note(
                `${describe(instance)} has an instance profile and no public IPv4 address: reached with Session Manager, its subnet needs interface VPC endpoints (${SESSION_MANAGER_ENDPOINTS.join(", ")}), billed per hour each, or a NAT gateway; neither is counted`,
            );
        }
    }
}

/** What the stack costs a month: built once per model. */
export function stackCost(model: StackModel): StackCost {
    return model.join("cost", () => {
        const bill = new Bill();
        for (const owner of model.ofType(...INSTANCE_STARTERS)) {
            instanceLines(model, owner, bill);
            diskLines(model, owner, bill);
            monitoringLines(model, owner, bill);
        }
        for (const volume of model.ofType(EBS_VOLUME)) {
            diskLines(model, volume, bill);
        }
        addressLines(model, bill);
        natLines(model, bill);
        loadBalancerLines(model, bill);
        snapshotLines(model, bill);
        budgetLines(model, bill);
        endpointNotes(model, bill);
        const items = bill.items.map((item) => ({ ...item, monthlyUsd: round(item.monthlyUsd) }));
        const notes = bill.notes.list();
        return {
            items,
            monthlyUsd: round(items.reduce((sum, item) => sum + item.monthlyUsd, 0)),
            atLeast: notes.length > 0 || items.some((item) => item.atLeast),
            notes,
            snapshot: PRICE_SNAPSHOT,
        };
    });
}

/** Cents, as a bill shows them. */
function round(amount: number): number {
    return Math.round(amount * 100) / 100;
}
