/**
 * Every way a program starts an instance names its settings somewhere: on the instance itself,
 * in a launch template or launch configuration it names, or in a fleet's specifications. This
 * module reads which templates a resource names, and finds them in the stack.
 *
 * An instance (or spot request) that names a launch template and leaves a setting out gets the
 * template's setting. Its own Analyze cannot see the template, so it leaves such a setting to
 * the stack part, which finds the template by known id or name, else by the engine's property
 * dependencies. A template the stack does not make cannot be seen at all: the policy says what
 * it could not check rather than refuse.
 */
import type {
    AutoscalingGroupArgs,
    FleetArgs,
    FleetTemplateConfig,
    input,
    LaunchConfigurationArgs,
    LaunchTemplateArgs,
    LaunchTemplateState,
    ServerArgs,
    SpotFleetRequestArgs,
    TemplateOverride,
} from "./awsTypes";
import type { Judged } from "./judge";
import { isUnknown, Notes, Unknown, unknownNote } from "./known";
import { booleanOf, entries, field, isSet, numberOf, objectOf, StateFields } from "./read";
import {
    AUTOSCALING_GROUP,
    describe,
    FLEET,
    INSTANCE,
    LAUNCH_CONFIGURATION,
    LAUNCH_SETTINGS_TYPES,
    LAUNCH_TEMPLATE,
    show,
    SPOT_FLEET_REQUEST,
    SPOT_INSTANCE_REQUEST,
} from "./resources";
import type { Reference, StackModel } from "./stack";

/** A launch template (or launch configuration) a resource names. */
export interface TemplateUse {
    /** Where it is named: "launchTemplate", "launchTemplateConfigs[0].launchTemplateSpecification". */
    readonly where: string;
    /** The top-level input whose dependencies name it. */
    readonly input: string;
    /** Its id, else its name: a string, an Unknown, or undefined. */
    readonly value: unknown;
    readonly kind: "template" | "configuration";
    /** The template version it launches (`$Default`, `$Latest`, a number), as written; undefined when unset. */
    readonly version?: unknown;
}

/** A launch template specification `T` (with its `version`), named by its `idKey`, else its `nameKey`. */
function specUse<T extends { version?: unknown }>(
    where: string,
    input: string,
    given: unknown,
    idKey: keyof NoInfer<T> & string,
    nameKey: keyof NoInfer<T> & string,
): TemplateUse[] {
    const spec = objectOf(given);
    if (isUnknown(spec)) {
        return [{ where, input, value: spec, kind: "template" }];
    }
    if (spec === undefined) {
        return [];
    }
    const id = spec[idKey];
    const value = isSet(id) ? id : spec[nameKey];
    return [{ where, input, value: isSet(value) ? value : undefined, kind: "template", version: spec.version }];
}

function configsUses<T extends { version?: unknown }>(
    props: unknown,
    idKey: keyof NoInfer<T> & string,
    nameKey: keyof NoInfer<T> & string,
): TemplateUse[] {
    const configs = entries(field<SpotFleetRequestArgs | FleetArgs>(props, "launchTemplateConfigs"));
    if (isUnknown(configs)) {
        return [{ where: "launchTemplateConfigs", input: "launchTemplateConfigs", value: configs, kind: "template" }];
    }
    return configs.flatMap(({ at, value }) =>
        specUse<T>(
            `launchTemplateConfigs[${at}].launchTemplateSpecification`,
            "launchTemplateConfigs",
            isUnknown(value) ? value : field<FleetTemplateConfig>(value, "launchTemplateSpecification"),
            idKey,
            nameKey,
        ),
    );
}

/** Every launch template or configuration a resource names. */
export function templateUsesOf(type: string, props: unknown): TemplateUse[] {
    switch (type) {
        case INSTANCE:
        case SPOT_INSTANCE_REQUEST:
            return specUse<input.ec2.InstanceLaunchTemplate | input.ec2.SpotInstanceRequestLaunchTemplate>(
                "launchTemplate",
                "launchTemplate",
                field<ServerArgs>(props, "launchTemplate"),
                "id",
                "name",
            );
        case AUTOSCALING_GROUP: {
            const uses = specUse<input.autoscaling.GroupLaunchTemplate>(
                "launchTemplate",
                "launchTemplate",
                field<AutoscalingGroupArgs>(props, "launchTemplate"),
                "id",
                "name",
            );
            const configuration = field<AutoscalingGroupArgs>(props, "launchConfiguration");
            if (isSet(configuration)) {
                uses.push({
                    where: "launchConfiguration",
                    input: "launchConfiguration",
                    value: configuration,
                    kind: "configuration",
                });
            }
            const mixed = field<input.autoscaling.GroupMixedInstancesPolicy>(
                field<AutoscalingGroupArgs>(props, "mixedInstancesPolicy"),
                "launchTemplate",
            );
            uses.push(
                ...specUse<input.autoscaling.GroupMixedInstancesPolicyLaunchTemplateLaunchTemplateSpecification>(
                    "mixedInstancesPolicy.launchTemplate.launchTemplateSpecification",
                    "mixedInstancesPolicy",
                    field<input.autoscaling.GroupMixedInstancesPolicyLaunchTemplate>(
                        mixed,
                        "launchTemplateSpecification",
                    ),
                    "launchTemplateId",
                    "launchTemplateName",
                ),
            );
            const overrides = entries(
                field<input.autoscaling.GroupMixedInstancesPolicyLaunchTemplate>(mixed, "overrides"),
            );
            if (!isUnknown(overrides)) {
                for (const { at, value } of overrides) {
                    uses.push(
                        ...specUse<input.autoscaling.GroupMixedInstancesPolicyLaunchTemplateOverrideLaunchTemplateSpecification>(
                            `mixedInstancesPolicy.launchTemplate.overrides[${at}].launchTemplateSpecification`,
                            "mixedInstancesPolicy",
                            field<input.autoscaling.GroupMixedInstancesPolicyLaunchTemplateOverride>(
                                value,
                                "launchTemplateSpecification",
                            ),
                            "launchTemplateId",
                            "launchTemplateName",
                        ),
                    );
                }
            }
            return uses;
        }
        case SPOT_FLEET_REQUEST:
            return configsUses<input.ec2.SpotFleetRequestLaunchTemplateConfigLaunchTemplateSpecification>(
                props,
                "id",
                "name",
            );
        case FLEET:
            return configsUses<input.ec2.FleetLaunchTemplateConfigLaunchTemplateSpecification>(
                props,
                "launchTemplateId",
                "launchTemplateName",
            );
        default:
            return [];
    }
}

/** The templates of the stack a use names (by known id or name, else by dependencies). */
export function templateOf(model: StackModel, owner: Judged, use: TemplateUse): Reference {
    const types = use.kind === "template" ? [LAUNCH_TEMPLATE] : [LAUNCH_CONFIGURATION];
    if (use.value === undefined) {
        // Named by nothing known: only the dependencies can say.
        const targets = model.dependenciesOf(owner, use.input, types);
        return targets.length > 0 ? { kind: "found", targets } : { kind: "none" };
    }
    return model.resolve(owner, use.input, use.value, types, true);
}

/**
 * Who launches from each launch template of the stack, by the template's URN: every resource
 * that writes launch settings and names it (by known id or name, else by dependencies). Built
 * once per model.
 */
export function templateUsers(model: StackModel): ReadonlyMap<string, readonly Judged[]> {
    return model.join("template-users", () => {
        const users = new Map<string, Judged[]>();
        for (const user of model.ofType(...LAUNCH_SETTINGS_TYPES)) {
            for (const use of templateUsesOf(user.type, user.props)) {
                const ref = use.kind === "template" ? templateOf(model, user, use) : undefined;
                for (const template of ref?.kind === "found" ? ref.targets : []) {
                    const known = users.get(template.urn);
                    if (!known) {
                        users.set(template.urn, [user]);
                    } else if (known[known.length - 1] !== user) {
                        // One user's uses come together, so a repeat is the last one added.
                        known.push(user);
                    }
                }
            }
        }
        return users;
    });
}

/**
 * Whether a launch template's setting reaches no instance: the stack has servers (instances or
 * spot requests) that launch from it, and each sets the setting itself (`setsItself`). A
 * template that a group, a fleet or a server leaving the setting out launches from, or that
 * nothing in the stack launches from, decides it for the instances it starts.
 */
export function overriddenByEveryUser(
    model: StackModel,
    template: Judged,
    setsItself: (server: Judged) => boolean,
    /** The users that can set it themselves: servers, and for some settings (tags) Auto Scaling groups too. */
    setters: readonly string[] = [INSTANCE, SPOT_INSTANCE_REQUEST],
): boolean {
    const users = templateUsers(model).get(template.urn) ?? [];
    return users.length > 0 && users.every((u) => setters.includes(u.type) && setsItself(u));
}

/**
 * Whether the settings a template use launches are the ones the stack shows. The provider reads
 * a launch template's latest version into its state, and an update makes a new version, which
 * becomes the default only with `updateDefaultVersion` (terraform-provider-aws
 * internal/service/ec2/ec2_launch_template.go, resourceLaunchTemplateRead and
 * resourceLaunchTemplateUpdate); a new template's first version is its default and its latest
 * (EC2 User Guide, "Modify a launch template (manage launch template versions)"). A version left
 * unset is `$Default` (EC2 RunInstances, CreateAutoScalingGroup, RequestSpotFleet).
 * Returns why the launched version cannot be seen, or undefined when it is the stack's.
 */
function unseenVersion(template: Judged, use: TemplateUse): string | Unknown | undefined {
    const written = use.version;
    if (isUnknown(written)) {
        return written;
    }
    const version = typeof written === "number" ? String(written) : isSet(written) ? written : "$Default";
    if (version === "$Latest") {
        return undefined;
    }
    // An existing template is read from AWS's state: its latest version is an output.
    const props: StateFields<LaunchTemplateState> | undefined = template.props;
    const id = props?.id;
    const created = !(typeof id === "string" && id !== "");
    const latest = numberOf(props?.latestVersion);
    const launches = `it launches version ${show(version)} of ${describe(template)} (its ${use.where}${isSet(written) ? ".version" : ", which sets no version: $Default"})`;
    if (version === "$Default") {
        if (created || booleanOf(props?.updateDefaultVersion) === true) {
            return undefined;
        }
        const byDefault = numberOf(props?.defaultVersion);
        if (typeof byDefault === "number" && typeof latest === "number" && byDefault === latest) {
            return undefined;
        }
        return `${launches}, its default version, while the stack shows its latest (updateDefaultVersion is not set)`;
    }
    const number = typeof version === "string" && /^[0-9]+$/.test(version) ? Number(version) : undefined;
    if (number !== undefined && (created ? number === 1 : typeof latest === "number" && number === latest)) {
        return undefined;
    }
    const shown = created ? "1, as it is being created" : typeof latest === "number" ? String(latest) : "not known yet";
    return `${launches}, while the stack shows its latest version (${shown})`;
}

/**
 * The templates of the stack a use names, for a setting the owner leaves to them; a note
 * (not a verdict) when the template is made outside the stack or not known yet, or when the
 * version it launches is not the one the stack shows.
 */
export function templatesFor(
    model: StackModel,
    owner: Judged,
    use: TemplateUse,
    notes: Notes,
    what: string,
): readonly Judged[] {
    const ref = templateOf(model, owner, use);
    const kind = use.kind === "template" ? "launch template" : "launch configuration";
    switch (ref.kind) {
        case "found": {
            if (use.kind !== "template") {
                return ref.targets;
            }
            return ref.targets.filter((template) => {
                const unseen = unseenVersion(template, use);
                if (isUnknown(unseen)) {
                    notes.add(unknownNote(unseen, what, describe(owner)));
                } else if (unseen !== undefined) {
                    notes.add(`${describe(owner)}: ${unseen}, so ${what} cannot be checked`);
                }
                return unseen === undefined;
            });
        }
        case "outside":
            notes.add(
                `${describe(owner)} launches from ${kind} ${show(ref.value)} (its ${use.where}), which is not in this stack, so ${what} cannot be checked`,
            );
            return [];
        case "unknown":
            notes.add(unknownNote(ref.unknown, what, describe(owner)));
            return [];
        case "ambiguous":
            notes.add(
                `${describe(owner)} names ${show(ref.value)} (its ${use.where}), which ${ref.count} ${kind}s of the stack are called, so ${what} cannot be checked`,
            );
            return [];
        default:
            return [];
    }
}

/**
 * Whether an instance-like resource leaves a setting out, so its template (or EC2) decides it:
 * absent, null, or "", which the provider sends as nothing (its `v != ""` and GetOk checks).
 */
export function leavesOut(value: unknown): boolean {
    return !isSet(value);
}

/**
 * Whether a setting may be left to the template, as the stack part sees it. AnalyzeStack gets
 * the provider's planned outputs, in which a setting AWS computes (an instance's type, metadata
 * options, monitoring) is unknown at preview when the program leaves it out.
 */
export function mayLeaveOut(value: unknown): boolean {
    return leavesOut(value) || isUnknown(value);
}

/**
 * Whether a resource leaves its top-level setting `name` ("monitoring", "metadataOptions") to a
 * launch template it names: left out (`stackView`: or unknown, as AWS computes it).
 */
export function leavesToTemplate(resource: Judged, name: keyof ServerArgs & string, stackView = false): boolean {
    const value = field<ServerArgs>(resource.props, name);
    return (
        (stackView ? mayLeaveOut(value) : leavesOut(value)) && templateUsesOf(resource.type, resource.props).length > 0
    );
}

/** An instance type a resource names itself, or the attributes EC2 chooses one by. */
export interface TypeChoice {
    /** Where the choice sits, as a prefix: "", "launchSpecifications[0].", "mixedInstancesPolicy.launchTemplate.overrides[1].". */
    readonly where: string;
    readonly instanceType: unknown;
    readonly requirements: unknown;
}

function overrideChoices(where: string, overrides: unknown): { choices: TypeChoice[]; untyped: boolean } {
    const listed = entries(overrides);
    if (isUnknown(listed)) {
        return { choices: [{ where: `${where}.`, instanceType: listed, requirements: undefined }], untyped: false };
    }
    const choices: TypeChoice[] = [];
    let untyped = listed.length === 0;
    for (const { at, value } of listed) {
        const instanceType = isUnknown(value) ? value : field<TemplateOverride>(value, "instanceType");
        const requirements = field<TemplateOverride>(value, "instanceRequirements");
        if (isSet(instanceType) || isSet(requirements)) {
            choices.push({ where: `${where}[${at}].`, instanceType, requirements });
        } else {
            untyped = true;
        }
    }
    return { choices, untyped };
}

/** A Spot Fleet's launch specifications, each naming its own instance type. */
function launchSpecificationChoices(specifications: unknown): TypeChoice[] {
    const specs = entries(specifications);
    if (isUnknown(specs)) {
        return [{ where: "launchSpecifications.", instanceType: specs, requirements: undefined }];
    }
    return specs.map(({ at, value }) => ({
        where: `launchSpecifications[${at}].`,
        instanceType: isUnknown(value)
            ? value
            : field<input.ec2.SpotFleetRequestLaunchSpecification>(value, "instanceType"),
        requirements: undefined,
    }));
}

/** A fleet's launch template configs: their overrides' types, and whether an override leaves the type to its template. */
function templateConfigChoices(templateConfigs: unknown): { choices: TypeChoice[]; leftToTemplate: boolean } {
    const configs = entries(templateConfigs);
    if (isUnknown(configs)) {
        return {
            choices: [{ where: "launchTemplateConfigs.", instanceType: configs, requirements: undefined }],
            leftToTemplate: false,
        };
    }
    const choices: TypeChoice[] = [];
    let leftToTemplate = false;
    for (const { at, value } of configs) {
        const result = overrideChoices(
            `launchTemplateConfigs[${at}].overrides`,
            field<FleetTemplateConfig>(value, "overrides"),
        );
        choices.push(...result.choices);
        leftToTemplate ||= result.untyped;
    }
    return { choices, leftToTemplate };
}

/**
 * The instance types a resource names itself, and whether some of its instances take their
 * type from a launch template or configuration instead.
 */
export function typeChoicesOf(type: string, props: unknown): { choices: TypeChoice[]; leftToTemplate: boolean } {
    const own = <T>(key: keyof NoInfer<T> & string) => field<T>(props, key);
    switch (type) {
        case INSTANCE:
        case SPOT_INSTANCE_REQUEST:
        case LAUNCH_CONFIGURATION: {
            const instanceType = own<ServerArgs | LaunchConfigurationArgs>("instanceType");
            const named = templateUsesOf(type, props).length > 0;
            return leavesOut(instanceType)
                ? { choices: [], leftToTemplate: named }
                : { choices: [{ where: "", instanceType, requirements: undefined }], leftToTemplate: false };
        }
        case LAUNCH_TEMPLATE: {
            const choices: TypeChoice[] = [];
            if (
                isSet(own<LaunchTemplateArgs>("instanceType")) ||
                isSet(own<LaunchTemplateArgs>("instanceRequirements"))
            ) {
                choices.push({
                    where: "",
                    instanceType: own<LaunchTemplateArgs>("instanceType"),
                    requirements: own<LaunchTemplateArgs>("instanceRequirements"),
                });
            }
            return { choices, leftToTemplate: false };
        }
        case AUTOSCALING_GROUP: {
            const mixed = field<input.autoscaling.GroupMixedInstancesPolicy>(
                own<AutoscalingGroupArgs>("mixedInstancesPolicy"),
                "launchTemplate",
            );
            if (mixed === undefined || mixed === null) {
                return { choices: [], leftToTemplate: templateUsesOf(type, props).length > 0 };
            }
            const { choices, untyped } = overrideChoices(
                "mixedInstancesPolicy.launchTemplate.overrides",
                field<input.autoscaling.GroupMixedInstancesPolicyLaunchTemplate>(mixed, "overrides"),
            );
            return { choices, leftToTemplate: untyped };
        }
        case SPOT_FLEET_REQUEST:
        case FLEET: {
            const configs = templateConfigChoices(own<SpotFleetRequestArgs | FleetArgs>("launchTemplateConfigs"));
            const specs =
                type === SPOT_FLEET_REQUEST
                    ? launchSpecificationChoices(own<SpotFleetRequestArgs>("launchSpecifications"))
                    : [];
            return { choices: [...specs, ...configs.choices], leftToTemplate: configs.leftToTemplate };
        }
        default:
            return { choices: [], leftToTemplate: false };
    }
}

/**
 * The stack part of a setting an instance may leave to its launch template. What the stack
 * makes was judged on the template itself, by its own Analyze (an instance that inherits a
 * setting inherits that verdict); this says what could not be seen: templates made outside
 * the stack, or named by values not known yet.
 */
export function notesForUnseenTemplates(
    model: StackModel,
    notes: Notes,
    leavesItOut: (resource: Judged) => boolean,
    what: string,
): void {
    for (const resource of model.ofType(INSTANCE, SPOT_INSTANCE_REQUEST)) {
        if (leavesItOut(resource)) {
            for (const use of templateUsesOf(resource.type, resource.props)) {
                templatesFor(model, resource, use, notes, what);
            }
        }
    }
}
