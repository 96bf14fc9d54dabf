import type { PolicyConfigSchema, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import {
    FREE_TIER_INSTANCE_TYPES,
    FREE_TIER_PLANS,
    FreeTierPlan,
    LEGACY_FALLBACK_INSTANCE_TYPES,
    LEGACY_T3_MICRO_REGIONS,
} from "../../lib/freeTier";
import { configReader } from "../lib/config";
import { Judged, judgeTypes, regionOf } from "../lib/judge";
import { isUnknown, Notes, unknownNote } from "../lib/known";
import { mayLeaveOut, templatesFor, templateUsesOf, TypeChoice, typeChoicesOf } from "../lib/launches";
import { entries, isSet, objectOf } from "../lib/read";
import { describe, INSTANCE, LAUNCH_SETTINGS_TYPES, show, SPOT_INSTANCE_REQUEST } from "../lib/resources";
import { stackModel } from "../lib/stack";

export interface InstanceTypeConfig {
    readonly plan: FreeTierPlan;
    readonly allowedInstanceTypes?: string[];
    readonly legacyT3MicroRegions: string[];
}

const configSchema: PolicyConfigSchema = {
    properties: {
        plan: {
            type: "string",
            enum: [...FREE_TIER_PLANS],
            default: "legacy",
            description:
                'Your free-tier plan: "legacy" (accounts created before 15 July 2025: t2.micro) or "free-plan" (on or after: t3.micro, t3.small, t4g.micro, t4g.small, c7i-flex.large, m7i-flex.large).',
        },
        allowedInstanceTypes: {
            type: "array",
            items: { type: "string", minLength: 1 },
            minItems: 1,
            uniqueItems: true,
            description:
                "Replaces the plan's list of allowed instance types (and the Region rule below) with your own.",
        },
        legacyT3MicroRegions: {
            type: "array",
            items: { type: "string", minLength: 1 },
            uniqueItems: true,
            default: [...LEGACY_T3_MICRO_REGIONS],
            description:
                "Regions with no t2.micro, where the legacy plan's free type is t3.micro; eu-north-1 (Stockholm) is confirmed, add others once AWS lists t3.micro as their free-tier type.",
        },
    },
};

const readConfig = configReader<InstanceTypeConfig>(configSchema);

/** What RunInstances does with no instance type. */
const M1_SMALL = "EC2 launches it as its default type, m1.small, which no free tier covers (or refuses it)";

function allowedBy(config: InstanceTypeConfig): readonly string[] {
    return config.allowedInstanceTypes ?? FREE_TIER_INSTANCE_TYPES[config.plan];
}

/** Why a type is refused, and what to use instead. */
function advice(instanceType: unknown, config: InstanceTypeConfig, allowed: readonly string[]): string {
    const use = `use ${allowed.join(" or ")}`;
    if (config.allowedInstanceTypes) {
        return `which is not in allowedInstanceTypes (${allowed.join(", ")}); ${use}`;
    }
    const otherPlan = FREE_TIER_PLANS.find(
        (p) =>
            p !== config.plan && typeof instanceType === "string" && FREE_TIER_INSTANCE_TYPES[p].includes(instanceType),
    );
    const switchPlan = otherPlan ? `, or set plan "${otherPlan}" if your account is on that plan` : "";
    return `which is outside the ${config.plan} free tier (${allowed.join(", ")}); ${use}${switchPlan}`;
}

interface Judging {
    readonly resource: Judged;
    readonly config: InstanceTypeConfig;
    readonly report: (message: string) => void;
    readonly notes: Notes;
}

/** One named type: allowed, refused, or (t3.micro on the legacy plan) decided by the Region. */
function judgeType(j: Judging, field: string, instanceType: unknown): void {
    const { resource, config } = j;
    if (isUnknown(instanceType)) {
        j.notes.add(unknownNote(instanceType, "the instance type"));
        return;
    }
    const allowed = allowedBy(config);
    // Compared without regard to case: a config that lists "T3.MICRO" means t3.micro, and a
    // spelling EC2 does not take launches nothing.
    const named = typeof instanceType === "string" ? instanceType.toLowerCase() : undefined;
    if (allowed.some((type) => type.toLowerCase() === named)) {
        return;
    }
    const who = `${describe(resource)} has ${field} ${show(instanceType)}`;
    if (
        !config.allowedInstanceTypes &&
        config.plan === "legacy" &&
        typeof instanceType === "string" &&
        LEGACY_FALLBACK_INSTANCE_TYPES.includes(instanceType)
    ) {
        const region = regionOf(resource);
        const what = `whether the legacy free tier covers ${instanceType} in its Region`;
        if (isUnknown(region)) {
            j.notes.add(unknownNote(region, what));
        } else if (region === undefined) {
            j.notes.add(
                `its Region is set neither on it nor on its provider (aws:region), so ${what} cannot be checked`,
            );
        } else if (!config.legacyT3MicroRegions.includes(region)) {
            j.report(
                `${who}, which the legacy free tier covers only in Regions that have no t2.micro, and ${region} has it; use ${allowed.join(" or ")}, or add "${region}" to legacyT3MicroRegions if AWS lists ${instanceType} as its free-tier type there.`,
            );
        }
        return;
    }
    j.report(`${who}, ${advice(instanceType, config, allowed)}.`);
}

/** Attribute-based selection: free only when it names free types exactly. */
function judgeRequirements(j: Judging, where: string, given: unknown): void {
    const field = `${where}instanceRequirements`;
    const requirements = objectOf(given);
    if (isUnknown(requirements)) {
        j.notes.add(unknownNote(requirements, "which instance types it lets EC2 choose"));
        return;
    }
    if (requirements === undefined) {
        return;
    }
    const listed = entries(requirements.allowedInstanceTypes);
    if (isUnknown(listed)) {
        j.notes.add(unknownNote(listed, "which instance types it lets EC2 choose"));
        return;
    }
    const allowed = allowedBy(j.config);
    if (listed.length === 0) {
        j.report(
            `${describe(j.resource)} has ${field} with no allowedInstanceTypes, which lets EC2 choose any instance type with those attributes, not only ${allowed.join(", ")}; list only ${allowed.join(" or ")} in ${field}.allowedInstanceTypes.`,
        );
        return;
    }
    for (const { at, value } of listed) {
        if (typeof value === "string" && value.includes("*")) {
            j.report(
                `${describe(j.resource)} has ${field}.allowedInstanceTypes[${at}] ${show(value)}, a pattern that also matches types outside the free tier; name ${allowed.join(" or ")} exactly.`,
            );
        } else {
            judgeType(j, `${field}.allowedInstanceTypes[${at}]`, value);
        }
    }
}

/** A launch template that names neither an instance type nor the attributes to choose one by. */
function namesNoType(template: Judged): boolean {
    return !isSet(template.props.instanceType) && !isSet(template.props.instanceRequirements);
}

function judgeChoice(j: Judging, choice: TypeChoice): void {
    const { where, instanceType, requirements } = choice;
    if (instanceType !== undefined && instanceType !== null) {
        judgeType(j, `${where}instanceType`, instanceType);
    }
    if (requirements !== undefined && requirements !== null) {
        judgeRequirements(j, where, requirements);
    }
}

export const freeTierInstanceType: ResourceValidationPolicy & StackValidationPolicy = {
    name: "free-tier-instance-type",
    description: "Allows only instance types that your AWS free-tier plan covers.",
    enforcementLevel: "mandatory",
    configSchema,
    validateResource: judgeTypes(LAUNCH_SETTINGS_TYPES, (resource, report, args) => {
        const config = readConfig(args);
        const notes = new Notes();
        const j: Judging = { resource, config, report, notes };
        const { choices, leftToTemplate } = typeChoicesOf(resource.type, resource.props);
        for (const choice of choices) {
            judgeChoice(j, choice);
        }
        // An instance with no type and no template to take it from: the provider refuses one
        // that leaves it out, and sends "" as no type, which RunInstances launches as m1.small.
        if (
            choices.length === 0 &&
            !leftToTemplate &&
            (resource.type === INSTANCE || resource.type === SPOT_INSTANCE_REQUEST)
        ) {
            report(
                `${describe(resource)} sets no instanceType and names no launch template, so ${M1_SMALL}; set instanceType to ${allowedBy(config).join(" or ")}.`,
            );
        }
        notes.raise();
    }),
    // What a resource leaves to a template is judged on the template itself, by its own
    // Analyze; the stack part says what it could not see (templates made outside the stack),
    // and catches an instance whose template names no type either: RunInstances then falls
    // back to EC2's default type, m1.small.
    validateStack: (args, report) => {
        const config = readConfig(args);
        const model = stackModel(args.resources);
        const notes = new Notes();
        for (const resource of model.ofType(...LAUNCH_SETTINGS_TYPES)) {
            const server = resource.type === INSTANCE || resource.type === SPOT_INSTANCE_REQUEST;
            const instanceType = resource.props.instanceType;
            const leftToTemplate = server
                ? mayLeaveOut(instanceType)
                : typeChoicesOf(resource.type, resource.props).leftToTemplate;
            if (!leftToTemplate) {
                continue;
            }
            for (const use of templateUsesOf(resource.type, resource.props)) {
                const templates = templatesFor(model, resource, use, notes, "its instance type");
                if (server && templates.length > 0 && templates.every((t) => namesNoType(t))) {
                    const template = describe(templates[0]);
                    if (isUnknown(instanceType)) {
                        notes.add(
                            `${unknownNote(instanceType, "the instance type", describe(resource))}: if it is left out, its ${template} names none either`,
                        );
                    } else {
                        const allowed = allowedBy(config);
                        report(
                            `${describe(resource)} sets no instanceType and neither does its ${template}, so ${M1_SMALL}; set instanceType to ${allowed.join(" or ")} on one of them.`,
                            resource.urn,
                        );
                    }
                }
            }
        }
        notes.raise();
    },
};
