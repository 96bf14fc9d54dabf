import type { PolicyConfigSchema } from "@pulumi/policy";
import {
    FREE_PLAN_INSTANCE_TYPES,
    LEGACY_FALLBACK_INSTANCE_TYPES,
    LEGACY_T3_MICRO_REGIONS,
    Plan,
    PLAN_INSTANCE_TYPES,
} from "../../lib/freeTier";
import type { InstanceRequirements, LaunchTemplateArgs, ServerArgs } from "../lib/awsTypes";
import { configReader } from "../lib/config";
import { instancePrice, monthlyUsdOf } from "../lib/cost";
import { about, findingPolicy, Sink } from "../lib/finding";
import { Judged, judgeTypes, regionOf } from "../lib/judge";
import { isUnknown, Notes, Unknown, unknownNote } from "../lib/known";
import { mayLeaveOut, templatesFor, templateUsesOf, TypeChoice, typeChoicesOf } from "../lib/launches";
import { PLAN_PROPERTY } from "../lib/plan";
import { entries, Fields, isSet, objectOf } from "../lib/read";
import { describe, INSTANCE, LAUNCH_SETTINGS_TYPES, show, SPOT_INSTANCE_REQUEST } from "../lib/resources";
import { stackModel } from "../lib/stack";

export interface InstanceTypeConfig {
    readonly plan: Plan;
    readonly allowedInstanceTypes?: string[];
    readonly legacyT3MicroRegions: string[];
}

const configSchema: PolicyConfigSchema = {
    properties: {
        plan: PLAN_PROPERTY,
        allowedInstanceTypes: {
            type: "array",
            items: { type: "string", minLength: 1 },
            minItems: 1,
            uniqueItems: true,
            description:
                "Replaces the plan's allowance (and the legacy Region rule below) with your own list: on the paid plan it widens what is allowed, on the free plan it can only narrow it (EC2 refuses the rest there).",
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

export const NOT_ELIGIBLE = "free-tier-instance-type/not-eligible";
export const NOT_ALLOWED = "free-tier-instance-type/not-allowed";
export const NOT_ON_PLAN = "free-tier-instance-type/not-on-plan";
export const NOT_FREE_IN_REGION = "free-tier-instance-type/not-free-in-region";
export const ANY_TYPE = "free-tier-instance-type/any-type";
export const TYPE_PATTERN = "free-tier-instance-type/type-pattern";
export const DEFAULT_TYPE = "free-tier-instance-type/default-type";
export const DEFAULT_TYPE_FROM_TEMPLATE = "free-tier-instance-type/default-type-from-template";

const CODES = {
    [NOT_ELIGIBLE]:
        "On the free plan: a type the free plan does not launch (EC2 refuses it as not eligible for the Free Tier).",
    [NOT_ALLOWED]: "A type not in allowedInstanceTypes, when that list is set.",
    [NOT_ON_PLAN]:
        "A type outside the plan's allowance: the legacy free tier's, or the paid plan's (drawn from credits, then billed).",
    [NOT_FREE_IN_REGION]:
        "On the legacy plan: t3.micro in a Region that has t2.micro, where the legacy free tier does not cover it.",
    [ANY_TYPE]:
        "Attribute-based selection with no allowedInstanceTypes: EC2 may choose any type with those attributes.",
    [TYPE_PATTERN]: "An allowedInstanceTypes entry with a wildcard, which matches types outside the allowance.",
    [DEFAULT_TYPE]: "An instance with no instanceType and no launch template: EC2 launches m1.small.",
    [DEFAULT_TYPE_FROM_TEMPLATE]:
        "An instance with no instanceType whose launch template names none either: EC2 launches m1.small.",
};

function allowedBy(config: InstanceTypeConfig): readonly string[] {
    return config.allowedInstanceTypes ?? PLAN_INSTANCE_TYPES[config.plan];
}

/** Whether the plan launches a type at all: the free plan launches only its eligible types. */
function launches(plan: Plan, instanceType: string): boolean {
    return plan !== "free-plan" || FREE_PLAN_INSTANCE_TYPES.includes(instanceType);
}

/** Why a type is refused (what follows "X has instanceType ..."), and what to use instead. */
function advice(
    instanceType: string,
    config: InstanceTypeConfig,
    allowed: readonly string[],
): { code: string; why: string; fix: string } {
    const use = `use ${allowed.join(" or ")}`;
    if (!launches(config.plan, instanceType)) {
        return {
            code: NOT_ELIGIBLE,
            why: `; the free plan launches only ${FREE_PLAN_INSTANCE_TYPES.join(", ")} (EC2 refuses the rest as not eligible for the Free Tier)`,
            fix: `${use}, or set plan "paid-plan" if your account is on the paid plan`,
        };
    }
    if (config.allowedInstanceTypes) {
        return { code: NOT_ALLOWED, why: `, which is not in allowedInstanceTypes (${allowed.join(", ")})`, fix: use };
    }
    if (config.plan === "paid-plan") {
        return {
            code: NOT_ON_PLAN,
            why: `, drawn from your credits and then billed: it is outside the paid plan's allowance (the free plan's types: ${allowed.join(", ")})`,
            fix: `${use}, or add "${instanceType}" to allowedInstanceTypes to accept its cost`,
        };
    }
    const freePlan = FREE_PLAN_INSTANCE_TYPES.includes(instanceType)
        ? `, or set plan "free-plan" if your account is on that plan`
        : "";
    return {
        code: NOT_ON_PLAN,
        why: `, which is outside the legacy free tier (${allowed.join(", ")})`,
        fix: `${use}${freePlan}`,
    };
}

interface Judging {
    readonly resource: Judged;
    readonly config: InstanceTypeConfig;
    readonly found: Sink;
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
    if (named !== undefined && allowed.some((type) => type.toLowerCase() === named) && launches(config.plan, named)) {
        return;
    }
    const price = named ? ` (${instancePrice(resource, named)})` : "";
    const who = `${describe(resource)} has ${field} ${show(instanceType)}${price}`;
    const monthlyUsd = named ? monthlyUsdOf(resource, `instance:${named}`) : undefined;
    const at = {
        ...about(resource),
        path: field,
        values: [instanceType],
        ...(monthlyUsd !== undefined ? { monthlyUsd } : {}),
    };
    if (
        !config.allowedInstanceTypes &&
        config.plan === "legacy" &&
        named !== undefined &&
        LEGACY_FALLBACK_INSTANCE_TYPES.includes(named)
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
            j.found({
                code: NOT_FREE_IN_REGION,
                ...at,
                what: `${who}, which the legacy free tier covers only in Regions that have no t2.micro, and ${region} has it`,
                fix: `use ${allowed.join(" or ")}, or add "${region}" to legacyT3MicroRegions if AWS lists ${instanceType} as its free-tier type there`,
            });
        }
        return;
    }
    const { code, why, fix } = advice(named ?? show(instanceType), config, allowed);
    j.found({ code, ...at, what: `${who}${why}`, fix });
}

/** Attribute-based selection: free only when it names free types exactly. */
function judgeRequirements(j: Judging, where: string, given: unknown): void {
    const field = `${where}instanceRequirements`;
    const requirements: Fields<InstanceRequirements> | Unknown | undefined = objectOf(given);
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
        j.found({
            code: ANY_TYPE,
            ...about(j.resource),
            path: `${field}.allowedInstanceTypes`,
            values: [],
            what: `${describe(j.resource)} has ${field} with no allowedInstanceTypes, which lets EC2 choose any instance type with those attributes, not only ${allowed.join(", ")}`,
            fix: `list only ${allowed.join(" or ")} in ${field}.allowedInstanceTypes`,
        });
        return;
    }
    for (const { at, value } of listed) {
        if (typeof value === "string" && value.includes("*")) {
            j.found({
                code: TYPE_PATTERN,
                ...about(j.resource),
                path: `${field}.allowedInstanceTypes[${at}]`,
                values: [value],
                what: `${describe(j.resource)} has ${field}.allowedInstanceTypes[${at}] ${show(value)}, a pattern that also matches types outside the free tier`,
                fix: `name ${allowed.join(" or ")} exactly`,
            });
        } else {
            judgeType(j, `${field}.allowedInstanceTypes[${at}]`, value);
        }
    }
}

/** A launch template that names neither an instance type nor the attributes to choose one by. */
function namesNoType(template: Judged): boolean {
    const props: Fields<LaunchTemplateArgs> = template.props;
    return !isSet(props.instanceType) && !isSet(props.instanceRequirements);
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

export const freeTierInstanceType = findingPolicy({
    name: "free-tier-instance-type",
    description:
        "Allows only instance types that your AWS plan launches and allows, saying what each other type costs.",
    enforcementLevel: "mandatory",
    configSchema,
    codes: CODES,
    judgeResource: judgeTypes(LAUNCH_SETTINGS_TYPES, (resource, found, args) => {
        const config = readConfig(args);
        const notes = new Notes();
        const j: Judging = { resource, config, found, notes };
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
            found({
                code: DEFAULT_TYPE,
                ...about(resource),
                path: "instanceType",
                values: [],
                what: `${describe(resource)} sets no instanceType and names no launch template, so ${M1_SMALL}`,
                fix: `set instanceType to ${allowedBy(config).join(" or ")}`,
            });
        }
        notes.raise();
    }),
    // What a resource leaves to a template is judged on the template itself, by its own
    // Analyze; the stack part says what it could not see (templates made outside the stack),
    // and catches an instance whose template names no type either: RunInstances then falls
    // back to EC2's default type, m1.small.
    judgeStack: (args, found) => {
        const config = readConfig(args);
        const model = stackModel(args.resources);
        const notes = new Notes();
        for (const resource of model.ofType(...LAUNCH_SETTINGS_TYPES)) {
            const server = resource.type === INSTANCE || resource.type === SPOT_INSTANCE_REQUEST;
            // A server's own type (read of every resource here, judged only for a server).
            const props: Fields<ServerArgs> = resource.props;
            const instanceType = props.instanceType;
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
                        found({
                            code: DEFAULT_TYPE_FROM_TEMPLATE,
                            ...about(resource),
                            path: "instanceType",
                            values: [],
                            what: `${describe(resource)} sets no instanceType and neither does its ${template}, so ${M1_SMALL}`,
                            fix: `set instanceType to ${allowed.join(" or ")} on one of them`,
                        });
                    }
                }
            }
        }
        notes.raise();
    },
});
