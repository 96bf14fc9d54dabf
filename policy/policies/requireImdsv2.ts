import type {
    input,
    InstanceMetadataDefaultsArgs,
    LaunchConfigurationArgs,
    LaunchTemplateArgs,
    ServerArgs,
    SpotFleetRequestArgs,
} from "../lib/awsTypes";
import { about, findingPolicy, Sink } from "../lib/finding";
import { Judged, judgeTypes, regionOf } from "../lib/judge";
import { isUnknown, Notes, unknownNote } from "../lib/known";
import { leavesToTemplate, notesForUnseenTemplates } from "../lib/launches";
import { entries, field, isSet } from "../lib/read";
import {
    describe,
    INSTANCE,
    INSTANCE_METADATA_DEFAULTS,
    LAUNCH_CONFIGURATION,
    LAUNCH_TEMPLATE,
    show,
    SPOT_FLEET_REQUEST,
    SPOT_INSTANCE_REQUEST,
} from "../lib/resources";
import { StackModel, stackModel } from "../lib/stack";

const ANSWERS = "so instance metadata answers without a token";
const FIX = 'set it to "required" (IMDSv2)';

export const TOKENS_OPTIONAL = "require-imdsv2/tokens-optional";
export const TOKENS_NOT_SET = "require-imdsv2/tokens-not-set";
export const SPOT_FLEET_NO_OPTIONS = "require-imdsv2/spot-fleet-no-options";

/** Resource types whose own metadata options decide their instances'. */
/** What sets metadata options: a server, a launch template or a launch configuration. */
type OptionsOwner = ServerArgs | LaunchTemplateArgs | LaunchConfigurationArgs;
type MetadataOptions =
    | input.ec2.InstanceMetadataOptions
    | input.ec2.SpotInstanceRequestMetadataOptions
    | input.ec2.LaunchTemplateMetadataOptions
    | input.ec2.LaunchConfigurationMetadataOptions;

const OPTION_TYPES: readonly string[] = [INSTANCE, SPOT_INSTANCE_REQUEST, LAUNCH_TEMPLATE, LAUNCH_CONFIGURATION];

/**
 * One set of metadata options: reports tokens that are not required. A setting left out is left
 * to the account's instance metadata defaults, then the AMI (EC2 User Guide, "Order of
 * precedence for instance metadata options"), which only the stack can see: `leftOut` is called.
 */
function judgeOptions(
    resource: Judged,
    where: string,
    options: unknown,
    found: Sink,
    notes: Notes,
    leftOut: () => void,
) {
    if (isUnknown(options)) {
        notes.add(unknownNote(options, "its instance metadata options"));
        return;
    }
    const httpEndpoint = field<MetadataOptions>(options, "httpEndpoint");
    if (isUnknown(httpEndpoint)) {
        notes.add(unknownNote(httpEndpoint, "whether instance metadata is reachable"));
        return;
    }
    if (httpEndpoint === "disabled") {
        return;
    }
    const httpTokens = field<MetadataOptions>(options, "httpTokens");
    if (isUnknown(httpTokens)) {
        notes.add(unknownNote(httpTokens, "whether instance metadata requires a token"));
        return;
    }
    if (!isSet(httpTokens)) {
        leftOut();
    } else if (httpTokens !== "required") {
        found({
            code: TOKENS_OPTIONAL,
            ...about(resource),
            path: `${where}metadataOptions.httpTokens`,
            values: [httpTokens],
            what: `${describe(resource)}: ${where}metadataOptions.httpTokens is ${show(httpTokens)}, ${ANSWERS}`,
            fix: FIX,
        });
    }
}

/**
 * What the account's instance metadata defaults of a Region say of tokens, when the stack sets
 * them (aws:ec2/instanceMetadataDefaults:InstanceMetadataDefaults, one per account and Region):
 * "required", another word, an unknown, or undefined when the stack sets none.
 */
function accountDefault(model: StackModel, resource: Judged): unknown {
    const region = regionOf(resource);
    const defaults = model.ofType(INSTANCE_METADATA_DEFAULTS).filter((d) => {
        const own = regionOf(d);
        return isUnknown(own) || isUnknown(region) || own === region;
    });
    if (defaults.length === 0) {
        return undefined;
    }
    const tokens = defaults.map((d) => field<InstanceMetadataDefaultsArgs>(d.props, "httpTokens"));
    return tokens.find(isUnknown) ?? tokens.find((t) => t === "required") ?? tokens[0];
}

export const requireImdsv2 = findingPolicy({
    name: "require-imdsv2",
    description: "Warns when instance metadata can be read without a session token (IMDSv1).",
    enforcementLevel: "advisory",
    codes: {
        [TOKENS_OPTIONAL]: 'metadataOptions.httpTokens is set to something other than "required".',
        [TOKENS_NOT_SET]:
            "metadataOptions.httpTokens is not set and no instance metadata defaults of the account require tokens.",
        [SPOT_FLEET_NO_OPTIONS]: "A spot fleet's launch specifications, which cannot set metadataOptions.",
    },
    judgeResource: judgeTypes(
        [INSTANCE, SPOT_INSTANCE_REQUEST, LAUNCH_TEMPLATE, LAUNCH_CONFIGURATION, SPOT_FLEET_REQUEST],
        (resource, found) => {
            const notes = new Notes();
            if (resource.type === SPOT_FLEET_REQUEST) {
                // A launch specification has no metadata options: the AMI decides.
                const specs = entries(field<SpotFleetRequestArgs>(resource.props, "launchSpecifications"));
                if (isUnknown(specs)) {
                    notes.add(unknownNote(specs, "whether instance metadata requires a token"));
                } else if (specs.length > 0) {
                    found({
                        code: SPOT_FLEET_NO_OPTIONS,
                        ...about(resource),
                        path: "launchSpecifications",
                        values: [],
                        what: `${describe(resource)}: launchSpecifications cannot set metadataOptions, so the AMI decides whether instance metadata answers without a token (often it does)`,
                        fix: 'launch from a launch template with metadataOptions.httpTokens "required" (launchTemplateConfigs) instead',
                    });
                }
            } else if (!leavesToTemplate(resource, "metadataOptions")) {
                // Left out: the stack part judges it with the account's defaults.
                judgeOptions(
                    resource,
                    "",
                    field<OptionsOwner>(resource.props, "metadataOptions"),
                    found,
                    notes,
                    () => undefined,
                );
            }
            notes.raise();
        },
    ),
    judgeStack: (args, found) => {
        const notes = new Notes();
        const model = stackModel(args.resources);
        for (const resource of model.ofType(...OPTION_TYPES)) {
            if (leavesToTemplate(resource, "metadataOptions", true)) {
                continue;
            }
            const options = field<OptionsOwner>(resource.props, "metadataOptions");
            judgeOptions(
                resource,
                "",
                options,
                () => undefined,
                new Notes(),
                () => {
                    const byDefault = accountDefault(model, resource);
                    if (isUnknown(byDefault)) {
                        notes.add(
                            unknownNote(byDefault, "whether instance metadata requires a token", describe(resource)),
                        );
                    } else if (byDefault !== "required") {
                        const account =
                            byDefault === undefined
                                ? ""
                                : `, nor do the account's instance metadata defaults (httpTokens ${show(byDefault)})`;
                        found({
                            code: TOKENS_NOT_SET,
                            ...about(resource),
                            path: "metadataOptions.httpTokens",
                            values: byDefault === undefined ? [] : [byDefault],
                            what: `${describe(resource)}: metadataOptions.httpTokens is not set (the AMI decides, often optional)${account}, ${ANSWERS}`,
                            fix: FIX,
                        });
                    }
                },
            );
        }
        notesForUnseenTemplates(
            model,
            notes,
            (r) => leavesToTemplate(r, "metadataOptions", true),
            "whether instance metadata requires a token",
        );
        notes.raise();
    },
});
