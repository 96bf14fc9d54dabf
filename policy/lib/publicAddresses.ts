/**
 * Who holds a public IPv4 address in the stack, each billed per hour: every Elastic IP (in use
 * or idle), every public NAT gateway's own address, and the auto-assigned address of every
 * instance that gets one (an Elastic IP associated with an instance replaces it). Counts are
 * what the known values prove, with the unknown that could make them more. Read by
 * free-tier-public-ipv4 and by the stack's cost estimate.
 */
import { addressJoin } from "./addresses";
import type {
    AutoscalingGroupArgs,
    DefaultSubnetArgs,
    FleetArgs,
    FleetTemplateConfig,
    FleetTemplateOverride,
    input,
    InstanceArgs,
    LaunchConfigurationArgs,
    LaunchTemplateArgs,
    NatGatewayArgs,
    ServerArgs,
    SpotFleetRequestArgs,
    SubnetArgs,
} from "./awsTypes";
import { describeCount, INSTANCE_STARTERS, instancesOf } from "./instances";
import type { Judged } from "./judge";
import { isUnknown, Notes, Unknown } from "./known";
import { templatesFor, templateUsesOf } from "./launches";
import { booleanOf, entries, field, Fields, isSet, numberOf } from "./read";
import {
    AUTOSCALING_GROUP,
    DEFAULT_SUBNET,
    describe,
    EIP,
    FLEET,
    INSTANCE,
    LAUNCH_CONFIGURATION,
    NAT_GATEWAY,
    show,
    SERVER_TYPES,
    SPOT_FLEET_REQUEST,
    SUBNET_TYPES,
} from "./resources";
import type { StackModel } from "./stack";

export const WHAT = "how many public IPv4 addresses the stack keeps";

/** Whether instances get a public address: yes, no, an unknown value, or undecided (a note is added). */
type Public = boolean | Unknown | "undecided";

/** One answer from several (subnets, or templates that may be the one): undecided, with a note, when they disagree. */
function agree(owner: Judged, answers: Public[], notes: Notes): Public {
    const unknown = answers.find(isUnknown);
    if (unknown) {
        return unknown;
    }
    if (answers.includes("undecided")) {
        return "undecided";
    }
    if (answers.every((a) => a === answers[0])) {
        return answers[0] ?? "undecided";
    }
    notes.add(
        `${describe(owner)} may launch into subnets, or from templates, that disagree on public addresses, so ${WHAT} cannot be checked`,
    );
    return "undecided";
}

/**
 * What the subnets named by `input` say (mapPublicIpOnLaunch: off unless set, on for a default
 * subnet unless set); absent: the default VPC's, which is on.
 */
function subnetsSay(
    model: StackModel,
    owner: Judged,
    input: string,
    values: unknown,
    notes: Notes,
    isList: boolean,
): Public {
    const listed = isList ? entries(values) : [{ at: 0, value: values }];
    if (isUnknown(listed)) {
        return listed;
    }
    const named = listed.map((e) => e.value).filter(isSet);
    if (named.length === 0) {
        // No subnet: the default VPC's default subnets give every instance a public address.
        return true;
    }
    const answers: Public[] = [];
    for (const value of named) {
        const ref = model.resolve(owner, input, value, SUBNET_TYPES);
        if (ref.kind === "found") {
            // A subnet maps none unless told to; a default subnet maps them unless told not to.
            answers.push(
                ...ref.targets.map((s) => {
                    const subnet: Fields<SubnetArgs | DefaultSubnetArgs> = s.props;
                    return booleanOf(subnet.mapPublicIpOnLaunch) ?? s.type === DEFAULT_SUBNET;
                }),
            );
        } else if (ref.kind === "unknown") {
            answers.push(ref.unknown);
        } else if (ref.kind === "outside" || ref.kind === "ambiguous") {
            notes.add(
                `${describe(owner)} launches into subnet ${show(ref.value)}, which ${ref.kind === "outside" ? "is not in this stack" : `${ref.count} subnets of the stack are`}, so whether its instances get a public IPv4 address cannot be checked`,
            );
            return "undecided";
        }
    }
    return agree(owner, answers, notes);
}

/** A launch template's first network interface (device index 0), Unknown when its list is. */
function primaryInterface(template: Judged): Fields<input.ec2.LaunchTemplateNetworkInterface> | Unknown | undefined {
    const props: Fields<LaunchTemplateArgs> = template.props;
    const interfaces = entries(props.networkInterfaces);
    if (isUnknown(interfaces)) {
        return interfaces;
    }
    const primary =
        interfaces.find(
            (i) => numberOf(field<input.ec2.LaunchTemplateNetworkInterface>(i.value, "deviceIndex")) === 0,
        ) ?? interfaces[0];
    const value = primary?.value;
    return isUnknown(value) ? value : typeof value === "object" && value !== null ? value : undefined;
}

/** A launch template's word on public addresses: its first network interface's associatePublicIpAddress. */
function templateSays(template: Judged): Public | undefined {
    if (template.type === LAUNCH_CONFIGURATION) {
        const props: Fields<LaunchConfigurationArgs> = template.props;
        const associate = booleanOf(props.associatePublicIpAddress);
        return associate;
    }
    const primary = primaryInterface(template);
    return isUnknown(primary) ? primary : booleanOf(primary?.associatePublicIpAddress);
}

/**
 * What a launch template's first network interface decides for an instance that names no
 * subnet of its own, when it says nothing of associatePublicIpAddress: an interface that exists
 * (`networkInterfaceId`) brings its own addressing, and no auto-assigned address; a `subnetId`
 * launches the instance into that subnet, whose mapPublicIpOnLaunch decides (EC2 User Guide,
 * "Network interfaces in launch templates"; EC2 RunInstances refuses an instance-level subnet
 * with network interfaces, "Network interfaces and an instance-level subnet ID may not be
 * specified on the same request").
 */
function templateInterfaceSays(model: StackModel, template: Judged, notes: Notes): Public | undefined {
    if (template.type === LAUNCH_CONFIGURATION) {
        return undefined;
    }
    // An unknown here is the template's, named so in the owner's notes.
    const its = (u: Unknown) => new Unknown(`template "${template.name}" ${u.path}`, u.why);
    const primary = primaryInterface(template);
    if (isUnknown(primary) || primary === undefined) {
        return isUnknown(primary) ? its(primary) : primary;
    }
    const eni = primary.networkInterfaceId;
    if (isUnknown(eni)) {
        return its(eni);
    }
    if (isSet(eni)) {
        return false;
    }
    const subnet = primary.subnetId;
    if (!isSet(subnet)) {
        return undefined;
    }
    const said = subnetsSay(model, template, "networkInterfaces", subnet, notes, false);
    return isUnknown(said) ? its(said) : said;
}

/**
 * Whether a Spot Fleet's or EC2 Fleet's instances get public addresses: each launch
 * specification's `associatePublicIpAddress` (false asks for nothing: its subnet decides), each
 * launch template's word, else the subnets its overrides name, else the default VPC's.
 */
function fleetGetsPublicAddress(model: StackModel, owner: Judged, notes: Notes): Public {
    const answers: Public[] = [];
    // A Spot Fleet request's own specifications (an EC2 Fleet has none).
    const specs = entries(field<SpotFleetRequestArgs>(owner.props, "launchSpecifications"));
    if (isUnknown(specs)) {
        return specs;
    }
    for (const { value: spec } of specs) {
        const associate = booleanOf(
            field<input.ec2.SpotFleetRequestLaunchSpecification>(spec, "associatePublicIpAddress"),
        );
        answers.push(
            associate === true || isUnknown(associate)
                ? associate
                : subnetsSay(
                      model,
                      owner,
                      "launchSpecifications",
                      field<input.ec2.SpotFleetRequestLaunchSpecification>(spec, "subnetId"),
                      notes,
                      false,
                  ),
        );
    }
    const configs = entries(field<SpotFleetRequestArgs | FleetArgs>(owner.props, "launchTemplateConfigs"));
    if (isUnknown(configs)) {
        return configs;
    }
    const uses = templateUsesOf(owner.type, owner.props);
    for (const { at, value: config } of configs) {
        const use = uses.find((u) => u.where.startsWith(`launchTemplateConfigs[${at}].`));
        const templates = use ? templatesFor(model, owner, use, notes, WHAT) : [];
        if (use && templates.length === 0) {
            return "undecided";
        }
        const overrides = entries(field<FleetTemplateConfig>(config, "overrides"));
        const subnets = isUnknown(overrides)
            ? overrides
            : overrides.map((o) => field<FleetTemplateOverride>(o.value, "subnetId"));
        // Subnets its overrides name replace the template's; with none, the template's interface decides.
        const ownSubnets = isUnknown(subnets) || subnets.some(isSet);
        const said = templates.map(
            (t) => templateSays(t) ?? (ownSubnets ? undefined : templateInterfaceSays(model, t, notes)),
        );
        if (said.length > 0 && said.every((a) => a !== undefined)) {
            answers.push(agree(owner, said as Public[], notes));
            continue;
        }
        answers.push(subnetsSay(model, owner, "launchTemplateConfigs", subnets, notes, true));
    }
    return agree(owner, answers, notes);
}

/** Whether the instances a resource starts get an auto-assigned public address. */
/** Whether an instance (or another starter) gets a public IPv4 address: true, false, Unknown or "undecided". */
export function getsPublicAddress(model: StackModel, owner: Judged, notes: Notes): Public {
    if (owner.type === SPOT_FLEET_REQUEST || owner.type === FLEET) {
        return fleetGetsPublicAddress(model, owner, notes);
    }
    // An instance's or a Spot Instance request's; a group reads only its vpcZoneIdentifiers.
    const props: Fields<ServerArgs & AutoscalingGroupArgs> = owner.props;
    if (owner.type !== AUTOSCALING_GROUP) {
        const associate = booleanOf(props.associatePublicIpAddress);
        if (associate !== undefined) {
            return associate;
        }
        const interfaces = entries(props.networkInterfaces);
        if (isUnknown(interfaces)) {
            return interfaces;
        }
        // Only an instance names a primary interface (a Spot Instance request has no such input).
        const primary =
            owner.type === INSTANCE &&
            isSet(
                field<input.ec2.InstancePrimaryNetworkInterface>(
                    field<InstanceArgs>(props, "primaryNetworkInterface"),
                    "networkInterfaceId",
                ),
            );
        if (interfaces.length > 0 || primary) {
            // Attached network interfaces bring their own addressing.
            return false;
        }
    }
    const uses = templateUsesOf(owner.type, props);
    const templates = uses.flatMap((use) => templatesFor(model, owner, use, notes, WHAT));
    if (templates.length < uses.length) {
        return "undecided";
    }
    // A group launches into its own subnets (vpcZoneIdentifiers), whatever its template's interface names.
    const ownSubnet = owner.type === AUTOSCALING_GROUP || isSet(props.subnetId);
    const said = templates
        .map((t) => templateSays(t) ?? (ownSubnet ? undefined : templateInterfaceSays(model, t, notes)))
        .filter((s): s is Public => s !== undefined);
    if (said.length > 0 && said.length === templates.length) {
        return agree(owner, said, notes);
    }
    return owner.type === AUTOSCALING_GROUP
        ? subnetsSay(model, owner, "vpcZoneIdentifiers", props.vpcZoneIdentifiers, notes, true)
        : subnetsSay(model, owner, "subnetId", props.subnetId, notes, false);
}

export interface Holder {
    readonly owner: Judged;
    readonly count: number;
    readonly detail: string;
}

export interface PublicAddresses {
    /** Who holds addresses, and how many each (a group's instances together). */
    readonly holders: readonly Holder[];
    /** The first value not known yet that could add addresses, and whose it is. */
    readonly unknown?: { readonly value: Unknown; readonly who: Judged };
    /** The most addresses the unknowns could add (Infinity when a count is unknown). */
    readonly possible: number;
    /** True when some holder cannot be decided (a note says why). */
    readonly undecided: boolean;
}

/** The stack's public IPv4 addresses; what cannot be decided is added to `notes`. */
export function publicAddresses(model: StackModel, notes: Notes): PublicAddresses {
    const join = addressJoin(model);
    const holders: Holder[] = [];
    let unknown: { value: Unknown; who: Judged } | undefined;
    // The most addresses the unknowns could add: a note only when they could go over.
    let possible = 0;
    let undecided = false;
    for (const eip of model.ofType(EIP)) {
        holders.push({ owner: eip, count: 1, detail: "" });
    }
    for (const nat of model.ofType(NAT_GATEWAY)) {
        const props: Fields<NatGatewayArgs> = nat.props;
        const connectivity = props.connectivityType;
        if (isUnknown(connectivity)) {
            unknown ??= { value: connectivity, who: nat };
            possible += 1;
            continue;
        }
        if (connectivity === "private") {
            continue;
        }
        const refs = join.natAllocations.get(nat.urn) ?? [];
        const inStack = refs.filter((r) => r.kind === "found").length;
        const own = Math.max(1, refs.filter((r) => r.kind !== "none").length) - inStack;
        if (own > 0) {
            holders.push({ owner: nat, count: own, detail: own > 1 ? `${own} addresses` : "" });
        }
    }
    for (const owner of model.ofType(...INSTANCE_STARTERS)) {
        const replaced = join.withElasticIp.get(owner.urn);
        if (replaced !== undefined) {
            // Its Elastic IP (counted above) replaces its auto-assigned address.
            if (!replaced) {
                undecided = true;
                notes.add(
                    `an Elastic IP association of the stack names more than one instance, ${describe(owner)} among them, so ${WHAT} cannot be checked`,
                );
            }
            continue;
        }
        const instances = instancesOf(owner);
        const { count, unknown: more } = instances;
        if (count === 0 && !more) {
            continue;
        }
        const answer = getsPublicAddress(model, owner, notes);
        if (isUnknown(answer)) {
            unknown ??= { value: answer, who: owner };
            possible += more ? Infinity : count;
        } else if (answer === "undecided") {
            undecided = true;
        } else if (answer) {
            if (more) {
                unknown ??= { value: more, who: owner };
                possible = Infinity;
            }
            const each = SERVER_TYPES.includes(owner.type) ? "" : describeCount(instances);
            holders.push({ owner, count, detail: each });
        }
    }
    return { holders, unknown, possible, undecided };
}
