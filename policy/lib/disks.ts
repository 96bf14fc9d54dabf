/**
 * The disks an instance gets when it names a launch template: the template's block device
 * mappings and its own devices together, merged as EC2 merges them, by device name (the
 * instance's own device wins). The root volume is the instance's rootBlockDevice when it sets
 * one, else the template's mapping for the AMI's root device (/dev/xvda on Amazon Linux,
 * /dev/sda1 on Ubuntu and others), else the AMI's own (8 GB).
 */
import type { Judged } from "./judge";
import { isUnknown, Notes, Unknown } from "./known";
import { templatesFor, templateUsesOf } from "./launches";
import { amiRootVolume, DiskSet, diskSetsOf, isRootDeviceName, Volume, withAmiRoot } from "./volumes";
import type { StackModel } from "./stack";

const NOTHING_OWN: DiskSet = { where: "", volumes: [], rootUnset: true };

/** An instance's own disk set (none for a group's instances) merged with a template's mappings. */
export function mergeDisks(ownSet: DiskSet | undefined, template: Judged): (Volume | Unknown)[] {
    const own = ownSet ?? NOTHING_OWN;
    const mappings = diskSetsOf(template.type, template.props)[0]?.volumes ?? [];
    const ownNames = new Set(
        own.volumes.flatMap((v) => (!isUnknown(v) && typeof v.deviceName === "string" ? [v.deviceName] : [])),
    );
    const merged: (Volume | Unknown)[] = [];
    let root = !own.rootUnset;
    for (const mapping of mappings) {
        if (isUnknown(mapping)) {
            // It may hold the root mapping: the AMI's root is then not proven.
            merged.push(mapping);
            root = true;
            continue;
        }
        if (isRootDeviceName(mapping.deviceName)) {
            // The instance's rootBlockDevice replaces the template's root mapping.
            if (own.rootUnset) {
                merged.push({ ...mapping, where: `${describeTemplate(template)} ${mapping.where}` });
                root = true;
            }
            continue;
        }
        if (typeof mapping.deviceName === "string" && ownNames.has(mapping.deviceName)) {
            continue;
        }
        merged.push({ ...mapping, where: `${describeTemplate(template)} ${mapping.where}` });
    }
    if (!root) {
        merged.unshift(amiRootVolume("the AMI's root volume"));
    }
    return [...own.volumes, ...merged];
}

function describeTemplate(template: Judged): string {
    return `template "${template.name}"`;
}

/** What one instance's disks may be: one candidate per template it may launch from. */
export interface LaunchDisks {
    /** Whether it names a launch template at all. */
    readonly usesTemplate: boolean;
    readonly candidates: readonly { readonly template?: Judged; readonly volumes: readonly (Volume | Unknown)[] }[];
    /** True when a template it names cannot be seen: the volumes are then only its own. */
    readonly partial: boolean;
}

/** The disks an instance or spot request gets, with the template it names when the stack makes it. */
export function launchDisks(model: StackModel, resource: Judged, notes: Notes, what: string): LaunchDisks {
    const set = diskSetsOf(resource.type, resource.props)[0];
    const use = templateUsesOf(resource.type, resource.props)[0];
    if (!set || !use) {
        return { usesTemplate: false, candidates: set ? [{ volumes: withAmiRoot(set) }] : [], partial: false };
    }
    const templates = templatesFor(model, resource, use, notes, what);
    if (templates.length === 0) {
        return { usesTemplate: true, candidates: [{ volumes: set.volumes }], partial: true };
    }
    return {
        usesTemplate: true,
        candidates: templates.map((template) => ({ template, volumes: mergeDisks(set, template) })),
        partial: false,
    };
}
