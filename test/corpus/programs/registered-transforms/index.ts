// Transforms the engine runs, not the SDK: the program hands the engine callbacks, and the engine
// calls each one back before it registers a resource (or answers a lookup) and goes on with what
// it returns. Here, as real programs auto-tag:
// - a stack transform gives every EC2 resource a Name tag (the servers have none in code);
// - a component's transform, inherited by its children, makes the build runners c5.xlarge;
// - a server's own transform turns off its detailed monitoring;
// - an invoke transform pins the AMI lookup to Amazon's own images.
// Resource hooks run around create, update and delete steps: `pulumi preview` runs only the
// ones marked onDryRun, and an offline preview none, saying so.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

pulumi.runtime.registerResourceTransform(({ type, name, props, opts }) =>
    type.startsWith("aws:ec2/") ? { props: { ...props, tags: { Name: name, ...props.tags } }, opts } : undefined,
);

pulumi.runtime.registerInvokeTransform(({ token, args, opts }) =>
    token === "aws:ec2/getAmi:getAmi" ? { args: { ...args, owners: ["amazon"] }, opts } : undefined,
);

const ami = aws.ec2.getAmiOutput({
    mostRecent: true,
    filters: [{ name: "name", values: ["al2023-ami-2023.*-x86_64"] }],
});

/** Build runners: the component's own transform decides their size. */
class BuildFleet extends pulumi.ComponentResource {
    constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
        super("corpus:index:BuildFleet", name, {}, opts);
        new aws.ec2.Instance(
            `${name}-runner`,
            {
                ami: ami.id,
                instanceType: "t2.micro",
                associatePublicIpAddress: false,
                metadataOptions: { httpTokens: "required" },
            },
            { parent: this },
        );
        this.registerOutputs({});
    }
}

new BuildFleet("ci", {
    transforms: [
        ({ type, props, opts }) =>
            type === "aws:ec2/instance:Instance" ? { props: { ...props, instanceType: "c5.xlarge" }, opts } : undefined,
    ],
});

const http = new aws.ec2.SecurityGroup("web", {
    description: "HTTP from anywhere",
    ingress: [{ protocol: "tcp", fromPort: 80, toPort: 80, cidrBlocks: ["0.0.0.0/0"] }],
});

const announce = new pulumi.ResourceHook("announce", async ({ name }) => pulumi.log.info(`${name} is up`));
const rehearse = new pulumi.ResourceHook("rehearse", async () => undefined, { onDryRun: true });

// Its own transform turns off the detailed monitoring its code asks for.
const web = new aws.ec2.Instance(
    "web",
    {
        ami: ami.id,
        instanceType: "t2.micro",
        vpcSecurityGroupIds: [http.id],
        monitoring: true,
        metadataOptions: { httpTokens: "required" },
    },
    {
        transforms: [({ props, opts }) => ({ props: { ...props, monitoring: false }, opts })],
        hooks: { afterCreate: [announce], beforeCreate: [rehearse] },
    },
);

export const amiOwners = ami.owners;
export const webName = web.tags.apply((tags) => tags?.Name);
