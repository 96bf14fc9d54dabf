/**
 * Public IPv4 addresses and Elastic IPs across the stack. An Elastic IP is in use when it names
 * its instance or network interface, or when an EipAssociation, a NAT gateway or a load
 * balancer's subnet mapping names it, by known allocation id or by the engine's property
 * dependencies (never by outputs the engine does not send). An Elastic IP associated with an
 * instance, by its id or through a network interface the instance gives (its
 * primaryNetworkInterfaceId, known by the property dependencies), replaces that instance's
 * auto-assigned address (EC2 User Guide, Elastic IP addresses); an interface made apart from
 * the instance is no instance the stack model reads, so it replaces nothing it can see.
 */
import type { Judged } from "./judge";
import { isUnknown } from "./known";
import { entries, field, isSet } from "./read";
import { ALB_LOAD_BALANCER, EIP, EIP_ASSOCIATION, LOAD_BALANCER, NAT_GATEWAY, SERVER_TYPES } from "./resources";
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

/** Who uses which Elastic IP, and which instances they replace the address of. Built once per model. */
export function addressJoin(model: StackModel): AddressJoin {
    return model.join("addresses", () => {
        const uses = new Map<string, EipUse[]>();
        const withElasticIp = new Map<string, boolean>();
        const natAllocations = new Map<string, Reference[]>();
        const use = (ref: Reference, by: Judged) => {
            if (ref.kind !== "found") {
                return;
            }
            for (const eip of ref.targets) {
                const list = uses.get(eip.urn) ?? [];
                list.push({ by, certain: ref.targets.length === 1 });
                uses.set(eip.urn, list);
            }
        };
        const attach = (owner: Judged, input: string) => {
            const ref = model.resolve(owner, input, owner.props[input], SERVER_TYPES);
            if (ref.kind === "found") {
                for (const instance of ref.targets) {
                    withElasticIp.set(instance.urn, withElasticIp.get(instance.urn) || ref.targets.length === 1);
                }
            }
        };
        for (const eip of model.ofType(EIP)) {
            if (isSet(eip.props.instance) || isSet(eip.props.networkInterface)) {
                use({ kind: "found", targets: [eip] }, eip);
                attach(eip, isSet(eip.props.instance) ? "instance" : "networkInterface");
            }
        }
        const byPublicIp = new Map<string, Judged>();
        for (const eip of model.ofType(EIP)) {
            if (typeof eip.props.publicIp === "string") {
                byPublicIp.set(eip.props.publicIp, eip);
            }
        }
        for (const association of model.ofType(EIP_ASSOCIATION)) {
            const { allocationId, publicIp } = association.props;
            const byIp = typeof publicIp === "string" ? byPublicIp.get(publicIp) : undefined;
            use(
                byIp
                    ? { kind: "found", targets: [byIp] }
                    : model.resolve(association, "allocationId", allocationId, [EIP]),
                association,
            );
            attach(association, isSet(association.props.instanceId) ? "instanceId" : "networkInterfaceId");
        }
        for (const nat of model.ofType(NAT_GATEWAY)) {
            const secondary = entries(nat.props.secondaryAllocationIds);
            const refs = [
                ...allocationReferences(model, nat, "allocationId", [nat.props.allocationId]),
                ...(isUnknown(secondary)
                    ? allocationReferences(model, nat, "secondaryAllocationIds", [secondary])
                    : allocationReferences(
                          model,
                          nat,
                          "secondaryAllocationIds",
                          secondary.map((e) => e.value),
                      )),
            ];
            natAllocations.set(nat.urn, refs);
            refs.forEach((ref) => use(ref, nat));
        }
        for (const balancer of model.ofType(LOAD_BALANCER, ALB_LOAD_BALANCER)) {
            const mappings = entries(balancer.props.subnetMappings);
            if (isUnknown(mappings)) {
                continue;
            }
            const ids = mappings.map((m) => field(m.value, "allocationId")).filter(isSet);
            allocationReferences(model, balancer, "subnetMappings", ids).forEach((ref) => use(ref, balancer));
        }
        return { uses, withElasticIp, natAllocations };
    });
}
