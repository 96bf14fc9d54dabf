import { defaultsToUnlimitedCredits, instanceFamily, isBurstable } from "../../lib/freeTier";
import type {
    DefaultCreditSpecificationArgs,
    input,
    InstanceRequirements,
    LaunchConfigurationArgs,
    LaunchTemplateArgs,
    ServerArgs,
} from "../lib/awsTypes";
import { about, findingPolicy, pathOf, Sink } from "../lib/finding";
import { Judged, judgeTypes, regionOf } from "../lib/judge";
import { isUnknown, Notes, unknownNote } from "../lib/known";
import {
    overriddenByEveryUser,
    templateOf,
    templatesFor,
    templateUsesOf,
    TypeChoice,
    typeChoicesOf,
} from "../lib/launches";
import { entries, field, Fields, isSet, stringOf } from "../lib/read";
import {
    AUTOSCALING_GROUP,
    DEFAULT_CREDIT_SPECIFICATION,
    describe,
    FLEET,
    INSTANCE,
    LAUNCH_CONFIGURATION,
    LAUNCH_SETTINGS_TYPES,
    LAUNCH_TEMPLATE,
    SPOT_FLEET_REQUEST,
    show,
    SPOT_INSTANCE_REQUEST,
} from "../lib/resources";
import { StackModel, stackModel } from "../lib/stack";

export const UNLIMITED = "free-tier-cpu-credits/unlimited";
export const UNLIMITED_BY_DEFAULT = "free-tier-cpu-credits/unlimited-by-default";
export const ACCOUNT_DEFAULT_UNLIMITED = "free-tier-cpu-credits/account-default-unlimited";

const CODES = {
    [UNLIMITED]: 'A launch template or instance sets creditSpecification.cpuCredits "unlimited".',
    [UNLIMITED_BY_DEFAULT]:
        'A T3, T3a or T4g launch that sets no credit mode, where nothing (template, account default) makes it "standard".',
    [ACCOUNT_DEFAULT_UNLIMITED]: 'A DefaultCreditSpecification that makes a family "unlimited" for the whole account.',
};

const STANDARD = 'set it to "standard"';

/** The cpuCredits a resource's creditSpecification sets, as the program wrote it. */
function writtenCredits(props: unknown): unknown {
    const specification = field<ServerArgs | LaunchTemplateArgs>(props, "creditSpecification");
    return isUnknown(specification)
        ? specification
        : field<
              | input.ec2.InstanceCreditSpecification
              | input.ec2.SpotInstanceRequestCreditSpecification
              | input.ec2.LaunchTemplateCreditSpecification
          >(specification, "cpuCredits");
}

/** What a DefaultCreditSpecification sets. */
function accountSetting(spec: Judged): Fields<DefaultCreditSpecificationArgs> {
    return spec.props;
}

/**
 * A credit mode as EC2 takes it: "standard", "unlimited" (in any case), an Unknown, or
 * undefined when left out; "" is left out too, as the provider sends it as nothing, so the
 * default applies.
 */
function creditMode(value: unknown): unknown {
    if (!isSet(value)) {
        return undefined;
    }
    return typeof value === "string" ? value.toLowerCase() : value;
}

/** The credit mode a resource's creditSpecification names (see {@link creditMode}). */
function creditsOf(props: unknown): unknown {
    return creditMode(writtenCredits(props));
}

/**
 * A server being created that sets its own credit mode, whatever its launch template leaves
 * out. One that exists shows the mode AWS reports, which may be the template's default, so its
 * template still decides.
 */
function setsOwnCredits(server: Judged): boolean {
    const id = server.props.id;
    return !(typeof id === "string" && id !== "") && creditsOf(server.props) !== undefined;
}

/**
 * What a resource alone decides: a launch template's setting, an account default. An instance's
 * credit mode is judged by the stack part, which sees it as the program set it, or, once the
 * instance exists, as AWS reports it (the provider reads it back), however it came about.
 */
const EXPLICIT = [LAUNCH_TEMPLATE, DEFAULT_CREDIT_SPECIFICATION];

interface CreditDefaults {
    /** By "family|Region" ("" for a Region neither the resource nor its provider sets). */
    readonly exact: Map<string, Judged>;
    /** By family, every Region. */
    readonly byFamily: Map<string, Judged[]>;
    /** Those whose family or Region is not known yet. */
    readonly unsure: Judged[];
}

function regionKey(region: string | undefined): string {
    return region ?? "";
}

function push<K>(map: Map<K, Judged[]>, key: K, value: Judged): void {
    const list = map.get(key);
    if (list) {
        list.push(value);
    } else {
        map.set(key, [value]);
    }
}

/** The stack's DefaultCreditSpecifications, indexed. Built once per model. */
function creditDefaults(model: StackModel): CreditDefaults {
    return model.join("credit-defaults", () => {
        const defaults: CreditDefaults = { exact: new Map(), byFamily: new Map(), unsure: [] };
        for (const spec of model.ofType(DEFAULT_CREDIT_SPECIFICATION)) {
            const family = stringOf(accountSetting(spec).instanceFamily);
            const region = regionOf(spec);
            if (typeof family !== "string" || isUnknown(region)) {
                defaults.unsure.push(spec);
                continue;
            }
            push(defaults.byFamily, family, spec);
            const key = `${family}|${regionKey(region)}`;
            if (!defaults.exact.has(key)) {
                defaults.exact.set(key, spec);
            }
        }
        return defaults;
    });
}

/**
 * What the account's default says for a family in the owner's Region: a DefaultCreditSpecification
 * the stack makes, certainly, or only maybe (a family or Region not known yet).
 */
function accountDefault(
    model: StackModel,
    owner: Judged,
    family: string,
): { credits: unknown; from: Judged; certain: boolean } | undefined {
    const region = regionOf(owner);
    const defaults = creditDefaults(model);
    if (!isUnknown(region)) {
        const spec = defaults.exact.get(`${family}|${regionKey(region)}`);
        if (spec) {
            return { credits: creditMode(accountSetting(spec).cpuCredits), from: spec, certain: true };
        }
    }
    const maybe = isUnknown(region) ? (defaults.byFamily.get(family)?.[0] ?? defaults.unsure[0]) : defaults.unsure[0];
    return maybe ? { credits: creditMode(accountSetting(maybe).cpuCredits), from: maybe, certain: false } : undefined;
}

interface Launch {
    readonly owner: Judged;
    /** Where the type is named: "" for the resource itself, or a path prefix. */
    readonly where: string;
    readonly instanceType: unknown;
    /** The template that leaves the credit mode out, when the type comes with one. */
    readonly template?: Judged;
}

/** One launch whose credit mode is left to the account's default for its family. */
function judgeDefault(model: StackModel, launch: Launch, found: Sink, notes: Notes): void {
    const { owner, instanceType } = launch;
    if (isUnknown(instanceType)) {
        notes.add(
            unknownNote(instanceType, "whether its instance type launches with unlimited CPU credits", describe(owner)),
        );
        return;
    }
    if (typeof instanceType !== "string" || !isBurstable(instanceType)) {
        return;
    }
    const family = instanceFamily(instanceType);
    const account = accountDefault(model, owner, family);
    if (account?.certain) {
        // "standard" keeps them standard; "unlimited" is reported on the default itself.
        if (isUnknown(account.credits)) {
            notes.add(
                unknownNote(account.credits, `the CPU credit mode of its ${family} instances`, describe(account.from)),
            );
        }
        return;
    }
    if (account && defaultsToUnlimitedCredits(instanceType)) {
        notes.add(
            `whether ${describe(account.from)} sets the credit mode of the ${family} instances of ${describe(owner)} cannot be checked until \`pulumi up\`: its family or Region is not known yet`,
        );
        return;
    }
    if (!defaultsToUnlimitedCredits(instanceType)) {
        return;
    }
    const named = launch.where === "" ? describe(owner) : `${describe(owner)} ${launch.where}`;
    const at = {
        code: UNLIMITED_BY_DEFAULT,
        ...about(owner),
        path: /instanceType|allowedInstanceTypes/.test(launch.where)
            ? launch.where
            : pathOf(launch.where, "instanceType"),
        values: [instanceType],
    };
    let fix: string;
    if (owner.type === INSTANCE || owner.type === SPOT_INSTANCE_REQUEST) {
        fix = launch.template
            ? `neither it nor its ${describe(launch.template)} sets a credit mode: set creditSpecification.cpuCredits to "standard" on one of them`
            : `set creditSpecification.cpuCredits to "standard"`;
        found({
            ...at,
            what: `${named} is a ${instanceType}, which launches with "unlimited" CPU credits and bills surplus credits`,
            fix,
        });
        return;
    }
    if (owner.type === LAUNCH_TEMPLATE) {
        fix = `set creditSpecification.cpuCredits to "standard"`;
    } else if (launch.template) {
        fix = `its ${describe(launch.template)} sets no credit mode: set creditSpecification.cpuCredits to "standard" there`;
    } else {
        fix = `these settings cannot choose the credit mode; launch from a launch template with creditSpecification.cpuCredits "standard", or make the account default "standard" (aws.ec2.DefaultCreditSpecification)`;
    }
    found({
        ...at,
        what: `${named} starts ${instanceType} instances, which launch with "unlimited" CPU credits and bill surplus credits`,
        fix,
    });
}

/**
 * The types a choice may launch, each with where it is named: its instance type, or the types its
 * attribute-based selection allows. Burstable types are chosen only when `burstablePerformance`
 * is "included" or "required" (EC2 excludes them by default).
 */
function choiceTypes(owner: Judged, choice: TypeChoice, notes: Notes): { where: string; instanceType: unknown }[] {
    const where = choice.where.replace(/\.$/, "");
    if (choice.instanceType !== undefined && choice.instanceType !== null) {
        return [{ where, instanceType: choice.instanceType }];
    }
    const requirements = choice.requirements;
    const burstable = field<InstanceRequirements>(requirements, "burstablePerformance");
    if (isUnknown(burstable)) {
        notes.add(unknownNote(burstable, "whether it launches burstable instances in unlimited mode", describe(owner)));
        return [];
    }
    if (burstable !== "included" && burstable !== "required") {
        return [];
    }
    const allowed = entries(field<InstanceRequirements>(requirements, "allowedInstanceTypes"));
    const at = `${choice.where}instanceRequirements.allowedInstanceTypes`;
    if (isUnknown(allowed)) {
        return [{ where: at, instanceType: allowed }];
    }
    return allowed.map((e) => ({ where: `${at}[${e.at}]`, instanceType: e.value }));
}

/**
 * Whether a launch template is itself reported for what its instances run: an explicit
 * "unlimited" (its resource part), or a type left at an unlimited default that no account
 * default of the stack makes standard (the stack part).
 */
function reportedOnTemplate(model: StackModel, template: Judged): boolean {
    const credits = creditsOf(template.props);
    if (credits === "unlimited") {
        return true;
    }
    const instanceType = field<LaunchTemplateArgs>(template.props, "instanceType");
    if (
        credits !== undefined ||
        typeof instanceType !== "string" ||
        !defaultsToUnlimitedCredits(instanceType) ||
        overriddenByEveryUser(model, template, setsOwnCredits)
    ) {
        return false;
    }
    const account = accountDefault(model, template, instanceFamily(instanceType));
    return !account || (account.certain && account.credits === "unlimited");
}

/**
 * An instance's own credit mode, as the stack sees it: what the program set, or, for an instance
 * that exists, what AWS reports (a T3 launched at its default reads back "unlimited"). Reported
 * on the instance unless every launch template of the stack it names is reported for it.
 */
/** The finding for a resource whose creditSpecification.cpuCredits is "unlimited"; `verb` words how the message says it holds it. */
function foundUnlimited(found: Sink, resource: Judged, verb: "has" | "sets"): void {
    found({
        code: UNLIMITED,
        ...about(resource),
        path: "creditSpecification.cpuCredits",
        values: [writtenCredits(resource.props)],
        what: `${describe(resource)} ${verb} creditSpecification.cpuCredits ${show(writtenCredits(resource.props))}, which bills surplus CPU credits`,
        fix: STANDARD,
    });
}

function judgeOwnCredits(model: StackModel, owner: Judged, credits: unknown, found: Sink, notes: Notes): void {
    if (isUnknown(credits)) {
        notes.add(unknownNote(credits, "its CPU credit mode", describe(owner)));
        return;
    }
    if (credits !== "unlimited") {
        return;
    }
    const use = templateUsesOf(owner.type, owner.props)[0];
    const templates = use ? templateOf(model, owner, use) : undefined;
    if (templates?.kind === "found" && templates.targets.every((t) => reportedOnTemplate(model, t))) {
        return;
    }
    foundUnlimited(found, owner, "has");
}

const CREDIT_MODE = "its CPU credit mode";

/** Whether a resource's props leave the credit mode out (as opposed to setting one, or leaving it unknown). */
const leavesCreditsOut = (props: unknown): boolean => {
    const credits = creditsOf(props);
    return credits === undefined || credits === null;
};

/**
 * The launch of an instance (or spot request) that sets no credit mode: its own type, or, when
 * it launches from a template, its own type on the template, judged only when every template it
 * may use leaves the mode out as well. One that sets a mode is judged on that setting here.
 */
function instanceLaunches(model: StackModel, owner: Judged, found: Sink, notes: Notes): Launch[] {
    const props = owner.props;
    const credits = creditsOf(props);
    if (credits !== undefined && credits !== null) {
        judgeOwnCredits(model, owner, credits, found, notes);
        return [];
    }
    const use = templateUsesOf(owner.type, props)[0];
    const ownType = field<ServerArgs>(props, "instanceType");
    if (!use) {
        return [{ owner, where: "", instanceType: ownType }];
    }
    const templates = templatesFor(model, owner, use, notes, CREDIT_MODE);
    for (const template of templates) {
        const templateCredits = creditsOf(template.props);
        if (isUnknown(templateCredits)) {
            notes.add(unknownNote(templateCredits, CREDIT_MODE, describe(template)));
        }
    }
    const candidates: Launch[] = isSet(ownType)
        ? templates
              .filter((template) => leavesCreditsOut(template.props))
              .map((template) => ({ owner, where: "", instanceType: ownType, template }))
        : [];
    // Judged only when every template it may use leaves the mode out.
    if (candidates.length > 0 && candidates.length < templates.length) {
        notes.add(
            `${describe(owner)} names more than one launch template of the stack, not all setting a credit mode, so ${CREDIT_MODE} cannot be checked`,
        );
    }
    return candidates.length === templates.length ? candidates.slice(0, 1) : [];
}

/** A launch template's instance types, when it sets no credit mode and not every user of it sets its own. */
function templateLaunches(model: StackModel, owner: Judged, notes: Notes): Launch[] {
    if (creditsOf(owner.props) !== undefined || overriddenByEveryUser(model, owner, setsOwnCredits)) {
        return [];
    }
    return typeChoicesOf(owner.type, owner.props).choices.flatMap((choice) =>
        choiceTypes(owner, choice, notes).map((t) => ({ owner, ...t })),
    );
}

/**
 * The instance types a group or fleet launches: a launch specification's on its own; an
 * override's on the template it overrides, when every template it names leaves the mode out.
 */
function fleetLaunches(model: StackModel, owner: Judged, notes: Notes): Launch[] {
    const { choices } = typeChoicesOf(owner.type, owner.props);
    const typed = choices.flatMap((choice) => choiceTypes(owner, choice, notes));
    if (typed.length === 0) {
        return [];
    }
    // Overrides take the credit mode of the template they override.
    const templates = templateUsesOf(owner.type, owner.props)
        .filter((u) => u.kind === "template")
        .flatMap((use) => templatesFor(model, owner, use, notes, CREDIT_MODE));
    const silent = templates.filter((t) => leavesCreditsOut(t.props));
    const allSilent = templates.length > 0 && silent.length === templates.length;
    return typed.flatMap((choice): Launch[] => {
        if (choice.where.startsWith("launchSpecifications")) {
            return [{ owner, ...choice }];
        }
        return allSilent ? [{ owner, ...choice, template: silent[0] }] : [];
    });
}

/**
 * The launches of a resource whose credit mode no setting names, each with the type it runs.
 * An instance that takes both its type and its (missing) credit mode from a template is the
 * template's launch, judged once, on the template.
 */
function defaultLaunches(model: StackModel, owner: Judged, found: Sink, notes: Notes): Launch[] {
    switch (owner.type) {
        case INSTANCE:
        case SPOT_INSTANCE_REQUEST:
            return instanceLaunches(model, owner, found, notes);
        case LAUNCH_TEMPLATE:
            return templateLaunches(model, owner, notes);
        case LAUNCH_CONFIGURATION:
            return [{ owner, where: "", instanceType: field<LaunchConfigurationArgs>(owner.props, "instanceType") }];
        case AUTOSCALING_GROUP:
        case SPOT_FLEET_REQUEST:
        case FLEET:
            return fleetLaunches(model, owner, notes);
        default:
            return [];
    }
}

export const freeTierCpuCredits = findingPolicy({
    name: "free-tier-cpu-credits",
    description:
        'Forbids burstable instances in "unlimited" CPU credit mode, which bills surplus credits; T3, T3a and T4g are unlimited unless set to "standard".',
    enforcementLevel: "mandatory",
    codes: CODES,
    // A template's or account default's setting alone proves "unlimited"; an instance's mode
    // depends on its launch template, on the account's default for the family, and, once it
    // exists, on what AWS reports, which only the stack shows.
    judgeResource: judgeTypes(EXPLICIT, (resource, found) => {
        const notes = new Notes();
        if (resource.type === DEFAULT_CREDIT_SPECIFICATION) {
            const setting = accountSetting(resource);
            const credits = creditMode(setting.cpuCredits);
            const family = stringOf(setting.instanceFamily);
            if (isUnknown(credits)) {
                notes.add(unknownNote(credits, "the account's default CPU credit mode"));
            } else if (credits === "unlimited") {
                const which = typeof family === "string" ? `every ${family} instance` : "every instance of its family";
                found({
                    code: ACCOUNT_DEFAULT_UNLIMITED,
                    ...about(resource),
                    path: "cpuCredits",
                    values: [setting.cpuCredits],
                    what: `${describe(resource)} sets cpuCredits ${show(setting.cpuCredits)} for ${which} the account launches in its Region without its own credit setting, which bills surplus CPU credits`,
                    fix: STANDARD,
                });
            }
            notes.raise();
            return;
        }
        const credits = creditsOf(resource.props);
        if (credits === "unlimited") {
            foundUnlimited(found, resource, "sets");
        } else if (isUnknown(credits)) {
            notes.add(unknownNote(credits, "its CPU credit mode"));
        }
        notes.raise();
    }),
    judgeStack: (args, found) => {
        const model = stackModel(args.resources);
        const notes = new Notes();
        const owners = model.ofType(...LAUNCH_SETTINGS_TYPES);
        for (const owner of owners) {
            for (const launch of defaultLaunches(model, owner, found, notes)) {
                judgeDefault(model, launch, found, notes);
            }
        }
        notes.raise();
    },
});
