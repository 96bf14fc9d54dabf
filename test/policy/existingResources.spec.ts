/**
 * Resources that already exist (imported, or made by an earlier `pulumi up`) are read as AWS
 * reports them. AnalyzeStack carries their state: a same step keeps the old outputs
 * (pulumi/pulumi pkg/resource/deploy/step.go, `SameStep.Apply`: `s.new.Outputs = s.old.Outputs`),
 * an update the provider's planned state, an import what the provider read. Analyze still gets
 * the program's inputs. Each case names where AWS or the provider says so.
 */
import { Case, Line, note, packTables } from "../../testing/policy/engine";
import { GOOD, T } from "../../testing/policy/fixtures";
import { TestResource, UNKNOWN } from "../../testing/policy/harness";

const VOLUME_ATTACHMENT = "aws:ec2/volumeAttachment:VolumeAttachment";
const FIX = "allow only your own address (a /32) instead. [no-public-ssh/world-open-port-added-up]";

/** A table case with the page or provider file it follows, named in the test's title. */
interface Sourced extends Omit<Case, "why"> {
    readonly why: string;
    readonly source: string;
}
const cited = (cases: Sourced[]): Case[] => cases.map(({ source, ...c }) => ({ ...c, why: `${c.why} (${source})` }));

/** A resource that exists: the program's inputs for Analyze, AWS's state (with its id) for AnalyzeStack. */
function existing(resource: TestResource, id: string, state: Record<string, unknown> = {}): TestResource {
    return { ...resource, outputs: { ...resource.props, ...state, id } };
}

const EBS_STATE =
    "terraform-provider-aws internal/service/ec2/ec2_instance.go: readBlockDevices puts every EBS volume attached to the instance in ebs_block_device, those of aws_volume_attachment too; website/docs/r/volume_attachment.html.markdown";
const INGRESS_STATE =
    "terraform-provider-aws internal/service/ec2/vpc_security_group.go: ingress is Optional+Computed, and resourceSecurityGroupRead sets it from every IpPermission AWS reports";

// The instance as the program declares it: an 8 GB root, no ebsBlockDevices.
const web: TestResource = {
    ...GOOD.instance,
    props: { ...GOOD.instance.props, rootBlockDevice: { volumeSize: 8, volumeType: "gp3", deleteOnTermination: true } },
};
/** The device AWS reports on the instance for a volume attached to it (attached volumes stay after it by default). */
const attachedDevice = (volumeId: string, size: number) => ({
    deviceName: "/dev/sdf",
    volumeId,
    volumeSize: size,
    volumeType: "gp3",
    deleteOnTermination: false,
    encrypted: false,
    iops: 3000,
    throughput: 125,
});
const data = (size: number): TestResource => ({
    ...GOOD.ebsVolume,
    props: { ...GOOD.ebsVolume.props, size },
});
const attachment = (volumeId: string): TestResource => ({
    type: VOLUME_ATTACHMENT,
    name: "data-attach",
    props: { deviceName: "/dev/sdf", instanceId: "i-0123", volumeId },
});

const total = (text: string): Line => [
    "free-tier-storage-total",
    "mandatory",
    "the stack",
    `The stack has ${text}, over the 30 GB the free tier allows across the account; shrink or remove volumes to 30 GB in total. [free-tier-storage-total/over-max-gb]`,
];

describe("resources that already exist, read as AWS reports them", function () {
    this.timeout(60000);
    const table = packTables();

    describe("an existing instance's ebsBlockDevices include the volumes attached to it", () => {
        table(
            cited([
                {
                    why: "a 20 GB volume attached by a VolumeAttachment counts once with the instance's 8 GB root: 28 GB passes",
                    source: EBS_STATE,
                    stack: [
                        existing(web, "i-0123", { ebsBlockDevices: [attachedDevice("vol-0data", 20)] }),
                        existing(data(20), "vol-0data"),
                        existing(attachment("vol-0data"), "vai-1"),
                    ],
                    policies: ["free-tier-storage-total", "free-tier-storage"],
                    expected: [],
                },
                {
                    why: "the total over 30 GB names the volume once, as itself",
                    source: EBS_STATE,
                    stack: [
                        existing(web, "i-0123", { ebsBlockDevices: [attachedDevice("vol-0data", 25)] }),
                        existing(data(25), "vol-0data"),
                        existing(attachment("vol-0data"), "vai-1"),
                    ],
                    policies: ["free-tier-storage-total"],
                    expected: [total('33 GB of EBS (Instance "web" 8 GB, EBS volume "data" 25 GB)')],
                },
                {
                    why: "a volume being replaced is the one its attachment names: the old one AWS still reports on the instance is not counted again",
                    source: EBS_STATE,
                    stack: [
                        existing(web, "i-0123", { ebsBlockDevices: [attachedDevice("vol-0old", 20)] }),
                        data(20),
                        {
                            ...attachment("vol-0old"),
                            props: { deviceName: "/dev/sdf", instanceId: "i-0123", volumeId: UNKNOWN },
                            propertyDependencies: { volumeId: [`urn:pulumi:dev::project::${T.ebsVolume}::data`] },
                        },
                    ],
                    policies: ["free-tier-storage-total"],
                    expected: [],
                },
                {
                    why: "a volume attached from outside the stack still counts on the instance",
                    source: EBS_STATE,
                    stack: [existing(web, "i-0123", { ebsBlockDevices: [attachedDevice("vol-0else", 25)] })],
                    policies: ["free-tier-storage-total"],
                    expected: [total('33 GB of EBS (Instance "web" 33 GB)')],
                },
            ]),
        );
    });

    describe("an existing launch template shows its latest version", () => {
        const lt: TestResource = {
            ...GOOD.launchTemplate,
            name: "app-lt",
            props: {
                ...GOOD.launchTemplate.props,
                name: "app-lt",
                blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volumeSize: 25, volumeType: "gp3" } }],
            },
        };
        // eslint-disable-next-line @typescript-eslint/no-unused-vars
        const { rootBlockDevice, ...withoutRoot } = GOOD.instance.props;
        const app = (version: string): TestResource => ({
            type: T.instance,
            name: "app",
            props: { ...withoutRoot, launchTemplate: { id: "lt-0app", version } },
        });
        const VERSIONS =
            "terraform-provider-aws internal/service/ec2/ec2_launch_template.go: resourceLaunchTemplateRead reads the latest version; resourceLaunchTemplateUpdate makes a new version the default only with update_default_version";
        table(
            cited([
                {
                    why: "an instance that launches its $Default, older than its latest, is a could-not-check note, not a pass",
                    source: VERSIONS,
                    stack: [
                        existing(lt, "lt-0app", { latestVersion: 2, defaultVersion: 1 }),
                        app("$Default"),
                        data(10),
                    ],
                    policies: ["free-tier-storage-total"],
                    expected: [
                        note(
                            "free-tier-storage-total",
                            "the stack",
                            `Instance "app": it launches version "$Default" of Launch template "app-lt" (its launchTemplate.version), its default version, while the stack shows its latest (updateDefaultVersion is not set), so the stack's EBS total against 30 GB cannot be checked`,
                        ),
                    ],
                },
                {
                    why: "an instance that launches its $Latest gets the template's 25 GB root",
                    source: VERSIONS,
                    stack: [existing(lt, "lt-0app", { latestVersion: 2, defaultVersion: 1 }), app("$Latest"), data(10)],
                    policies: ["free-tier-storage-total"],
                    expected: [total('35 GB of EBS (Instance "app" 25 GB, EBS volume "data" 10 GB)')],
                },
            ]),
        );
    });

    describe("an existing security group's ingress includes the rules AWS keeps", () => {
        const declared = { type: T.securityGroup, name: "web-sg", props: { description: "web-sg" } };
        const worldSsh = {
            protocol: "tcp",
            fromPort: 22,
            toPort: 22,
            cidrBlocks: ["0.0.0.0/0"],
            ipv6CidrBlocks: [],
            prefixListIds: [],
            securityGroups: [],
            self: false,
            description: "",
        };
        table(
            cited([
                {
                    why: "a world-open SSH rule that stays in AWS on a group the program sets no ingress on is judged open",
                    source: INGRESS_STATE,
                    stack: [existing(declared, "sg-0web", { ingress: [worldSsh] })],
                    policies: ["no-public-ssh"],
                    expected: [
                        [
                            "no-public-ssh",
                            "mandatory",
                            "web-sg",
                            `Security group "web-sg" opens SSH port 22 to the whole IPv4 internet once its rules are added up: Security group "web-sg" ingress[0] allows 0.0.0.0/0 on tcp 22; the program sets no ingress on it, so AWS keeps the rules it has; declare its ingress without this rule, or revoke it, and allow only your own address (a /32). [no-public-ssh/world-open-port-added-up]`,
                        ],
                    ],
                },
                {
                    why: "a rule of a separate resource that AWS reports in the group's ingress too is named once",
                    source: INGRESS_STATE,
                    stack: [
                        existing(declared, "sg-0web", {
                            ingress: [{ ...worldSsh, cidrBlocks: ["0.0.0.0/1"] }],
                        }),
                        {
                            type: T.vpcIngressRule,
                            name: "high",
                            props: {
                                securityGroupId: "sg-0web",
                                ipProtocol: "tcp",
                                fromPort: 22,
                                toPort: 22,
                                cidrIpv4: "128.0.0.0/1",
                            },
                        },
                        {
                            type: T.securityGroupRule,
                            name: "low",
                            props: {
                                type: "ingress",
                                securityGroupId: "sg-0web",
                                protocol: "tcp",
                                fromPort: 22,
                                toPort: 22,
                                cidrBlocks: ["0.0.0.0/1"],
                            },
                        },
                    ],
                    policies: ["no-public-ssh"],
                    expected: [
                        [
                            "no-public-ssh",
                            "mandatory",
                            "web-sg",
                            `Security group "web-sg" opens SSH port 22 to the whole IPv4 internet once its rules are added up: Security group rule "low" allows 0.0.0.0/1 on tcp 22; Security group ingress rule "high" allows 128.0.0.0/1 on tcp 22; ${FIX}`,
                        ],
                    ],
                },
                {
                    why: "a group whose program declares ingress is judged by it, the rule it drops being revoked",
                    source: INGRESS_STATE,
                    stack: [
                        {
                            ...declared,
                            props: { ...declared.props, ingress: [{ ...worldSsh, cidrBlocks: ["203.0.113.10/32"] }] },
                            outputs: {
                                ...declared.props,
                                id: "sg-0web",
                                ingress: [{ ...worldSsh, cidrBlocks: ["203.0.113.10/32"] }],
                            },
                        },
                    ],
                    policies: ["no-public-ssh"],
                    expected: [],
                },
            ]),
        );
    });
});
