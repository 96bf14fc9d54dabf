/**
 * One model of the stack, built once per AnalyzeStack call and shared by every stack policy:
 * the judged resources by URN, by type, by known id and by name, and the references between
 * them. Joins (a launch template and the instances that name it, a security group and all its
 * rules, an Elastic IP and what uses it) are computed on first use and kept in the model.
 *
 * Each resource being created is judged by the inputs Analyze saw, each that exists by what
 * AnalyzeStack carries (handOff.ts).
 *
 * The framework hands each stack policy its own freshly deserialized copy of the resources,
 * so the model is cached under a fingerprint of what it reads (types, URNs, props, provider,
 * dependencies): every policy of one call finds it, and a call with different resources
 * (even one handled in the same turn of the event loop) never does. The cache is dropped at
 * the next macrotask, after the framework has run every policy of the call.
 */
import { createHash } from "node:crypto";
import type { PolicyResource } from "@pulumi/policy";
import { proxyTarget } from "./adapters/pulumiPolicy";
import type { input, InstanceState, InstanceStateArgs, VolumeAttachmentArgs } from "./awsTypes";
import { forgetAnalyzed, handOffGeneration, stackView } from "./handOff";
import { judged, Judged } from "./judge";
import { isUnknown, Unknown } from "./known";
import type { Fields, StateFields } from "./read";
import { EBS_VOLUME, INSTANCE, INSTANCE_STATE, JUDGED_TYPES, VOLUME_ATTACHMENT } from "./resources";

/** What a reference from one resource to another resolves to. */
export type Reference =
    /** Resources of the wanted types it names; more than one when it is ambiguous. */
    | { readonly kind: "found"; readonly targets: readonly Judged[] }
    /** A known id or name that no resource of the stack has: something made elsewhere. */
    | { readonly kind: "outside"; readonly value: string }
    /** An unknown value that depends on no resource of the wanted types. */
    | { readonly kind: "unknown"; readonly unknown: Unknown }
    /** A known id or name that more than {@link MAX_NAMED} resources share: no verdict can hold for all. */
    | { readonly kind: "ambiguous"; readonly value: string; readonly count: number }
    /** Nothing is named. */
    | { readonly kind: "none" };

/**
 * The most resources one known id or name may resolve to. Ids are unique and names unique per
 * Region, so more is a stack no verdict can untangle; bounding it keeps every join linear.
 */
export const MAX_NAMED = 16;

export class StackModel {
    readonly resources: readonly Judged[];
    private readonly byUrn = new Map<string, Judged>();
    private readonly byTypeIndex = new Map<string, Judged[]>();
    private readonly byKey = new Map<string, Judged[]>();
    private readonly joins = new Map<string, unknown>();

    /**
     * The model of these resources as AWS will run them: instances an InstanceState stops marked
     * stopped, and an existing instance's devices that are volumes of the stack left to them.
     */
    constructor(judgedResources: readonly Judged[]) {
        const resources = withAttachedVolumes(withStates([...judgedResources]));
        this.resources = resources;
        for (const resource of resources) {
            this.byUrn.set(resource.urn, resource);
            let list = this.byTypeIndex.get(resource.type);
            if (!list) {
                list = [];
                this.byTypeIndex.set(resource.type, list);
            }
            list.push(resource);
            // A resource is named by its id (known once it exists) and by its name input. Untyped:
            // keys of every type, each of which may lack them.
            for (const key of ["id", "name", "arn"]) {
                const value = resource.props?.[key];
                if (typeof value === "string" && value !== "") {
                    const index = `${resource.type}|${key === "name" ? "name" : "id"}:${value}`;
                    const named = this.byKey.get(index);
                    if (named) {
                        named.push(resource);
                    } else {
                        this.byKey.set(index, [resource]);
                    }
                }
            }
        }
    }

    ofType(...types: string[]): readonly Judged[] {
        if (types.length === 1) {
            return this.byTypeIndex.get(types[0]) ?? [];
        }
        return types.flatMap((type) => this.byTypeIndex.get(type) ?? []);
    }

    get(urn: string): Judged | undefined {
        return this.byUrn.get(urn);
    }

    /**
     * The resources of `types` an input of `owner` depends on, as the engine records it: the
     * property dependencies of its top-level input `key`, or, when the engine sent none at all
     * for the resource, its plain dependencies.
     */
    dependenciesOf(owner: Judged, key: string, types: readonly string[]): Judged[] {
        const hasPropertyDependencies = Object.keys(owner.propertyDependencies).length > 0;
        const urns = hasPropertyDependencies ? (owner.propertyDependencies[key] ?? []) : owner.dependencies;
        const out = new Set<Judged>();
        for (const urn of urns) {
            const target = this.byUrn.get(urn);
            if (target && types.includes(target.type)) {
                out.add(target);
            }
        }
        return [...out];
    }

    /**
     * What `value`, read from `owner`'s top-level input `key`, names among resources of
     * `types`: by known id (or by name when `byName`); a value not known yet, by the property
     * dependencies. A known value that names nothing in the stack is made outside it, whatever
     * the resource depends on (`dependsOn` adds dependencies that name nothing).
     */
    resolve(owner: Judged, key: string, value: unknown, types: readonly string[], byName = false): Reference {
        if (typeof value === "string" && value !== "") {
            const lists = types.flatMap((type) => [
                this.byKey.get(`${type}|id:${value}`) ?? [],
                byName ? (this.byKey.get(`${type}|name:${value}`) ?? []) : [],
            ]);
            const count = lists.reduce((sum, list) => sum + list.length, 0);
            if (count > MAX_NAMED) {
                return { kind: "ambiguous", value, count };
            }
            if (count > 0) {
                const named: Judged[] = [];
                for (const target of lists.flat()) {
                    if (!named.includes(target)) {
                        named.push(target);
                    }
                }
                return { kind: "found", targets: named };
            }
        }
        if (typeof value === "string" && value !== "") {
            return { kind: "outside", value };
        }
        if (!isUnknown(value)) {
            return { kind: "none" };
        }
        const targets = this.dependenciesOf(owner, key, types);
        return targets.length > 0 ? { kind: "found", targets } : { kind: "unknown", unknown: value };
    }

    /** A join computed once per model: the first caller builds it, later ones share it. */
    join<T>(name: string, build: (model: StackModel) => T): T {
        if (!this.joins.has(name)) {
            this.joins.set(name, build(this));
        }
        return this.joins.get(name) as T;
    }
}

const cache = new Map<string, StackModel>();

function plain(value: unknown): unknown {
    return typeof value === "object" && value !== null ? (proxyTarget(value) ?? value) : value;
}

/** A digest of everything the model reads, or undefined when some value cannot be serialized. */
function fingerprint(resources: readonly PolicyResource[]): string | undefined {
    const hash = createHash("sha1");
    hash.update(`${handOffGeneration()}\n`);
    try {
        for (const r of resources) {
            if (!JUDGED_TYPES.has(r.type)) {
                continue;
            }
            const propertyDependencies = Object.entries(r.propertyDependencies ?? {}).map(([k, v]) => [
                k,
                (v ?? []).map((d) => d?.urn),
            ]);
            hash.update(
                JSON.stringify([
                    r.urn,
                    r.type,
                    r.name,
                    plain(r.props),
                    plain(r.provider?.props),
                    (r.dependencies ?? []).map((d) => d?.urn),
                    propertyDependencies,
                ]) ?? "",
            );
            hash.update("\n");
        }
    } catch {
        return undefined;
    }
    return hash.digest("hex");
}

/**
 * Marks the instances an InstanceState of the stack keeps stopped (`state: "stopped"`), named by
 * its `instanceId`: a known id, else its property dependencies. A stopped instance runs no
 * instance-hours and holds no auto-assigned public IPv4, while its EBS volumes still bill (EC2
 * User Guide, instance lifecycle: stop and start; docs/free-tier.md). A state not known yet may stop it.
 */
function withStates(resources: Judged[]): Judged[] {
    const states = resources.filter((r) => r.type === INSTANCE_STATE);
    if (states.length === 0) {
        return resources;
    }
    const byId = new Map<string, Judged>();
    for (const r of resources) {
        if (r.type === INSTANCE && typeof r.props?.id === "string" && r.props.id !== "") {
            byId.set(r.props.id, r);
        }
    }
    const stopped = new Map<string, true | Unknown>();
    for (const state of states) {
        const props: Fields<InstanceStateArgs> | undefined = state.props;
        const value = props?.state;
        const mark = value === "stopped" ? true : isUnknown(value) ? value : undefined;
        if (mark === undefined) {
            continue;
        }
        const id = props?.instanceId;
        const urns =
            typeof id === "string" && id !== ""
                ? [byId.get(id)?.urn].filter((u): u is string => u !== undefined)
                : isUnknown(id)
                  ? (state.propertyDependencies.instanceId ?? state.dependencies)
                  : [];
        for (const urn of urns) {
            if (stopped.get(urn) !== true) {
                stopped.set(urn, mark);
            }
        }
    }
    return resources.map((r) =>
        r.type === INSTANCE && stopped.has(r.urn) ? { ...r, stopped: stopped.get(r.urn) } : r,
    );
}

/** Resources of `type` by known id. */
function byIdOf(resources: readonly Judged[], type: string): Map<string, Judged> {
    const byId = new Map<string, Judged>();
    for (const r of resources) {
        if (r.type === type && typeof r.props?.id === "string" && r.props.id !== "") {
            byId.set(r.props.id, r);
        }
    }
    return byId;
}

/** The URNs of `type` an input names: its known id's resource, else its property dependencies. */
function namedBy(
    owner: Judged,
    key: keyof VolumeAttachmentArgs & string,
    byId: Map<string, Judged>,
    resources: Map<string, Judged>,
    type: string,
) {
    const props: Fields<VolumeAttachmentArgs> | undefined = owner.props;
    const value = props?.[key];
    if (typeof value === "string" && value !== "") {
        const target = byId.get(value);
        return target ? [target.urn] : [];
    }
    if (!isUnknown(value)) {
        return [];
    }
    const urns = owner.propertyDependencies[key] ?? owner.dependencies;
    return urns.filter((urn) => resources.get(urn)?.type === type);
}

/**
 * An instance that exists is read as AWS reports it, and AWS reports in its `ebsBlockDevices`
 * every EBS volume attached to it, those an `ec2.VolumeAttachment` attaches too
 * (terraform-provider-aws internal/service/ec2/ec2_instance.go, readBlockDevices;
 * website/docs/r/volume_attachment.html.markdown). A device that is an `ebs.Volume` of the
 * stack (by its `volumeId`, or by the device name an attachment of the stack gives that volume
 * on the instance) is counted as that volume, so it is left out of the instance's own devices
 * (as a hole, so the others keep their positions).
 */
function withAttachedVolumes(resources: Judged[]): Judged[] {
    const volumes = byIdOf(resources, EBS_VOLUME);
    const existing = resources.filter((r) => {
        const state: StateFields<InstanceState> | undefined = r.props;
        return (
            r.type === INSTANCE &&
            typeof state?.id === "string" &&
            state.id !== "" &&
            Array.isArray(state.ebsBlockDevices)
        );
    });
    if (existing.length === 0) {
        return resources;
    }
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const instances = byIdOf(resources, INSTANCE);
    // Device names, per instance URN, at which an attachment of the stack puts a volume of the stack.
    const attachedAt = new Map<string, Set<string>>();
    for (const attachment of resources) {
        const props: Fields<VolumeAttachmentArgs> | undefined = attachment.props;
        const device = props?.deviceName;
        if (attachment.type !== VOLUME_ATTACHMENT || typeof device !== "string") {
            continue;
        }
        if (namedBy(attachment, "volumeId", volumes, byUrn, EBS_VOLUME).length === 0) {
            continue;
        }
        for (const urn of namedBy(attachment, "instanceId", instances, byUrn, INSTANCE)) {
            const names = attachedAt.get(urn) ?? new Set<string>();
            names.add(device);
            attachedAt.set(urn, names);
        }
    }
    const changed = new Map<string, Judged>();
    for (const instance of existing) {
        const state: StateFields<InstanceState> = instance.props;
        const devices = state.ebsBlockDevices as unknown[];
        const names = attachedAt.get(instance.urn);
        const kept = devices.map((device) => {
            const d = device as Fields<input.ec2.InstanceEbsBlockDevice> | null;
            const volumeId = d?.volumeId;
            const deviceName = d?.deviceName;
            const isStackVolume =
                (typeof volumeId === "string" && volumes.has(volumeId)) ||
                (typeof deviceName === "string" && names?.has(deviceName) === true);
            return isStackVolume ? null : device;
        });
        if (kept.some((d, i) => d !== devices[i])) {
            changed.set(instance.urn, { ...instance, props: { ...instance.props, ebsBlockDevices: kept } });
        }
    }
    return changed.size === 0 ? resources : resources.map((r) => changed.get(r.urn) ?? r);
}

/** The model of the stack these resources describe: built once per AnalyzeStack call. */
export function stackModel(resources: readonly PolicyResource[]): StackModel {
    const key = fingerprint(resources);
    const cached = key === undefined ? undefined : cache.get(key);
    if (cached) {
        return cached;
    }
    const model = new StackModel(resources.filter((r) => JUDGED_TYPES.has(r.type)).map((r) => stackView(judged(r))));
    if (cache.size === 0) {
        setImmediate(() => {
            cache.clear();
            forgetAnalyzed();
        });
    }
    if (key !== undefined) {
        cache.set(key, model);
    }
    return model;
}
