/**
 * Public IPv4 addresses and Elastic IPs across the stack. An Elastic IP is in use when it names
 * its instance or network interface, or when an EipAssociation, a NAT gateway or a load
 * balancer's subnet mapping names it, by known allocation id or by the engine's property
 * dependencies (never by outputs the engine does not send). An Elastic IP associated with an
 * instance, by its id or through a network interface the instance gives (its
 * primaryNetworkInterfaceId, known by the property dependencies), replaces that instance's
 * auto-assigned address (EC2 User Guide, Elastic IP addresses).
 *
 * A network interface made apart from the instance (`ec2.NetworkInterface`) is attached by an
 * `ec2.NetworkInterfaceAttachment`, by its own `attachments`, or by an instance that launches
 * with it (`networkInterfaces`, `primaryNetworkInterface`). An Elastic IP on it is in use while
 * it is attached, and replaces the instance's auto-assigned address only on its primary
 * interface (device index 0: "If you associate an Elastic IP address with the primary network
 * interface (eth0) of your instance, your current public IPv4 address is released"); on an
 * interface attached to nothing it is idle.
 */
import type {
    AlbLoadBalancerArgs,
    EipArgs,
    EipAssociationArgs,
    EipState,
    input,
    InstanceArgs,
    LoadBalancerArgs,
    NatGatewayArgs,
    NetworkInterfaceArgs,
    NetworkInterfaceAttachmentArgs,
    ServerArgs,
    SpotInstanceRequestState,
} from "./awsTypes";
import type { Judged } from "./judge";
import { isUnknown } from "./known";
import { entries, field, Fields, isSet, numberOf } from "./read";
import {
    ALB_LOAD_BALANCER,
    EIP,
    EIP_ASSOCIATION,
    INSTANCE,
    LOAD_BALANCER,
    NAT_GATEWAY,
    NETWORK_INTERFACE,
    NETWORK_INTERFACE_ATTACHMENT,
    SERVER_TYPES,
} from "./resources";
import type { Reference, StackModel } from "./stack";

export interface EipUse {
    /** What uses it: an association, a NAT gateway, a load balancer, or the Elastic IP itself. */
    readonly by: Judged;
    /** False when the user names more than one Elastic IP and may use another. */
    readonly certain: boolean;
}

export interface AddressJoin {
    /** Uses of each Elastic IP, by its URN. */
    readonly uses: ReadonlyMap<string, readonly EipUse[]>;
    /** Instances (by URN) an Elastic IP is associated with: certainly, or only maybe. */
    readonly withElasticIp: ReadonlyMap<string, boolean>;
    /** What each NAT gateway's allocation ids resolve to. */
    readonly natAllocations: ReadonlyMap<string, readonly Reference[]>;
    /** Elastic IPs (by URN) on a network interface of the stack that is attached to nothing: the interface. */
    readonly onDetachedInterface: ReadonlyMap<string, Judged>;
}

/** A network interface an instance or a Spot Instance request launches with. */
type LaunchedInterface = input.ec2.InstanceNetworkInterface | input.ec2.SpotInstanceRequestNetworkInterface;

/** Where a network interface of the stack is attached: whether at all, and the instances it is the primary interface of. */
interface InterfaceAttachment {
    attached: boolean;
    readonly primaryOf: Judged[];
}

/**
 * Every network interface of the stack with what attaches it: attachments, its own
 * `attachments`, and instances that launch with it. An attachment to an instance made outside
 * the stack, or not known yet, still attaches it.
 */
function interfaceAttachments(model: StackModel): Map<string, InterfaceAttachment> {
    const byInterface = new Map<string, InterfaceAttachment>();
    for (const eni of model.ofType(NETWORK_INTERFACE)) {
        byInterface.set(eni.urn, { attached: false, primaryOf: [] });
    }
    const mark = (ref: Reference, instance: Reference | undefined, deviceIndex: unknown) => {
        if (ref.kind !== "found") {
            return;
        }
        for (const eni of ref.targets) {
            const entry = byInterface.get(eni.urn);
            if (!entry || instance?.kind === "none") {
                continue;
            }
            entry.attached = true;
            const primary = numberOf(deviceIndex) === 0;
            if (primary && ref.targets.length === 1 && instance?.kind === "found" && instance.targets.length === 1) {
                entry.primaryOf.push(instance.targets[0]);
            }
        }
    };
    for (const attachment of model.ofType(NETWORK_INTERFACE_ATTACHMENT)) {
        const props: Fields<NetworkInterfaceAttachmentArgs> = attachment.props;
        const eni = model.resolve(attachment, "networkInterfaceId", props.networkInterfaceId, [NETWORK_INTERFACE]);
        const instance = model.resolve(attachment, "instanceId", props.instanceId, SERVER_TYPES);
        mark(eni, instance, props.deviceIndex);
    }
    for (const eni of model.ofType(NETWORK_INTERFACE)) {
        const props: Fields<NetworkInterfaceArgs> = eni.props;
        const own = entries(props.attachments);
        const self: Reference = { kind: "found", targets: [eni] };
        if (isUnknown(own)) {
            mark(self, undefined, undefined);
            continue;
        }
        for (const { value } of own) {
            const instance = field<input.ec2.NetworkInterfaceAttachment>(value, "instance");
            mark(
                self,
                model.resolve(eni, "attachments", instance, SERVER_TYPES),
                field<input.ec2.NetworkInterfaceAttachment>(value, "deviceIndex"),
            );
        }
    }
    for (const instance of model.ofType(...SERVER_TYPES)) {
        const self: Reference = { kind: "found", targets: [instance] };
        const props: Fields<ServerArgs> = instance.props;
        const launched = entries(props.networkInterfaces);
        const list = isUnknown(launched) ? [] : launched;
        for (const { value } of list) {
            const id = field<LaunchedInterface>(value, "networkInterfaceId");
            mark(
                model.resolve(instance, "networkInterfaces", id, [NETWORK_INTERFACE]),
                self,
                field<LaunchedInterface>(value, "deviceIndex"),
            );
        }
        // An instance names its primary interface in its input `primaryNetworkInterface`; a Spot
        // Instance request has no such input, and its State carries the interface AWS gave it as
        // `primaryNetworkInterfaces`, an output-only list of one (@pulumi/aws SpotInstanceRequestState).
        const primary =
            instance.type === INSTANCE
                ? {
                      key: "primaryNetworkInterface",
                      id: field<input.ec2.InstancePrimaryNetworkInterface>(
                          field<InstanceArgs>(props, "primaryNetworkInterface"),
                          "networkInterfaceId",
                      ),
                  }
                : {
                      key: "primaryNetworkInterfaces",
                      id: field<input.ec2.SpotInstanceRequestPrimaryNetworkInterface>(
                          field<SpotInstanceRequestState>(props, "primaryNetworkInterfaces"),
                          "networkInterfaceId",
                      ),
                  };
        if (isSet(primary.id)) {
            mark(model.resolve(instance, primary.key, primary.id, [NETWORK_INTERFACE]), self, 0);
        }
    }
    return byInterface;
}

/**
 * What allocation ids name. Dependencies are per top-level input, so several unknown ids in
 * one input all depend on the same Elastic IPs; as many unknown ids as Elastic IPs pin each
 * Elastic IP to one of them, so every one of those is certainly in use.
 */
function allocationReferences(model: StackModel, owner: Judged, input: string, values: unknown[]): Reference[] {
    const refs = values.map((value) => model.resolve(owner, input, value, [EIP]));
    const unknowns = values.filter(isUnknown).length;
    return refs.flatMap((ref, i): Reference[] => {
        if (ref.kind === "found" && isUnknown(values[i]) && ref.targets.length > 1 && unknowns >= ref.targets.length) {
            return i === values.findIndex(isUnknown) ? ref.targets.map((t) => ({ kind: "found", targets: [t] })) : [];
        }
        return [ref];
    });
}

/** The join as it is built: each kind of user of an Elastic IP adds what it uses and which instances' addresses it replaces. */
class Joining {
    private readonly uses = new Map<string, EipUse[]>();
    private readonly withElasticIp = new Map<string, boolean>();
    private readonly onDetachedInterface = new Map<string, Judged>();
    private readonly interfaces: ReadonlyMap<string, InterfaceAttachment>;
    readonly natAllocations = new Map<string, Reference[]>();

    constructor(private readonly model: StackModel) {
        this.interfaces = interfaceAttachments(model);
    }

    /** `by` uses the Elastic IPs `ref` found: certainly when it found one. */
    use(ref: Reference, by: Judged): void {
        if (ref.kind !== "found") {
            return;
        }
        for (const eip of ref.targets) {
            const list = this.uses.get(eip.urn) ?? [];
            list.push({ by, certain: ref.targets.length === 1 });
            this.uses.set(eip.urn, list);
        }
    }

    /** Associates `eips` through `owner`'s `input`; false when it names a network interface of the stack attached to nothing. */
    attach(owner: Judged, input: keyof (EipArgs & EipAssociationArgs) & string, eips: readonly Judged[]): boolean {
        const eni =
            input === "instance" || input === "instanceId"
                ? undefined
                : this.model.resolve(owner, input, owner.props[input], [NETWORK_INTERFACE]);
        if (eni?.kind === "found" && eni.targets.length === 1) {
            const where = this.interfaces.get(eni.targets[0].urn);
            if (where && !where.attached) {
                eips.forEach((eip) => this.onDetachedInterface.set(eip.urn, eni.targets[0]));
                return false;
            }
            this.replace(where?.primaryOf ?? []);
            return true;
        }
        const ref = this.model.resolve(owner, input, owner.props[input], SERVER_TYPES);
        if (ref.kind === "found") {
            this.replace(ref.targets);
        }
        return true;
    }

    /** The instances an association may be to: certainly replaced when it is to one of them. */
    private replace(instances: readonly Judged[]): void {
        for (const instance of instances) {
            this.withElasticIp.set(instance.urn, this.withElasticIp.get(instance.urn) || instances.length === 1);
        }
    }

    result(): AddressJoin {
        const { uses, withElasticIp, natAllocations, onDetachedInterface } = this;
        return { uses, withElasticIp, natAllocations, onDetachedInterface };
    }
}

/** Elastic IPs that name their own instance or network interface. */
function joinOwnAssociations(model: StackModel, join: Joining): void {
    for (const eip of model.ofType(EIP)) {
        const props: Fields<EipArgs> = eip.props;
        if (isSet(props.instance) || isSet(props.networkInterface)) {
            if (join.attach(eip, isSet(props.instance) ? "instance" : "networkInterface", [eip])) {
                join.use({ kind: "found", targets: [eip] }, eip);
            }
        }
    }
}

/** EIP associations, naming their Elastic IP by allocation id or by its public IP. */
function joinAssociations(model: StackModel, join: Joining): void {
    const byPublicIp = new Map<string, Judged>();
    for (const eip of model.ofType(EIP)) {
        // Known for an Elastic IP that exists: AWS's state, as AnalyzeStack carries it.
        const state: Fields<EipState> = eip.props;
        if (typeof state.publicIp === "string") {
            byPublicIp.set(state.publicIp, eip);
        }
    }
    for (const association of model.ofType(EIP_ASSOCIATION)) {
        const props: Fields<EipAssociationArgs> = association.props;
        const { allocationId, publicIp } = props;
        const byIp = typeof publicIp === "string" ? byPublicIp.get(publicIp) : undefined;
        const named: Reference = byIp
            ? { kind: "found", targets: [byIp] }
            : model.resolve(association, "allocationId", allocationId, [EIP]);
        const eips = named.kind === "found" ? named.targets : [];
        if (join.attach(association, isSet(props.instanceId) ? "instanceId" : "networkInterfaceId", eips)) {
            join.use(named, association);
        }
    }
}

/** NAT gateways: their allocation id and secondary allocation ids. */
function joinNatGateways(model: StackModel, join: Joining): void {
    for (const nat of model.ofType(NAT_GATEWAY)) {
        const props: Fields<NatGatewayArgs> = nat.props;
        const secondary = entries(props.secondaryAllocationIds);
        const refs = [
            ...allocationReferences(model, nat, "allocationId", [props.allocationId]),
            ...(isUnknown(secondary)
                ? allocationReferences(model, nat, "secondaryAllocationIds", [secondary])
                : allocationReferences(
                      model,
                      nat,
                      "secondaryAllocationIds",
                      secondary.map((e) => e.value),
                  )),
        ];
        join.natAllocations.set(nat.urn, refs);
        refs.forEach((ref) => join.use(ref, nat));
    }
}

/** Load balancers: the allocation ids of their subnet mappings. */
function joinLoadBalancers(model: StackModel, join: Joining): void {
    for (const balancer of model.ofType(LOAD_BALANCER, ALB_LOAD_BALANCER)) {
        const props: Fields<LoadBalancerArgs | AlbLoadBalancerArgs> = balancer.props;
        const mappings = entries(props.subnetMappings);
        if (isUnknown(mappings)) {
            continue;
        }
        const ids = mappings
            .map((m) =>
                field<input.lb.LoadBalancerSubnetMapping | input.alb.LoadBalancerSubnetMapping>(
                    m.value,
                    "allocationId",
                ),
            )
            .filter(isSet);
        allocationReferences(model, balancer, "subnetMappings", ids).forEach((ref) => join.use(ref, balancer));
    }
}

/** Who uses which Elastic IP, and which instances they replace the address of. Built once per model. */
export function addressJoin(model: StackModel): AddressJoin {
    return model.join("addresses", () => {
        const join = new Joining(model);
        joinOwnAssociations(model, join);
        joinAssociations(model, join);
        joinNatGateways(model, join);
        joinLoadBalancers(model, join);
        return join.result();
    });
}
