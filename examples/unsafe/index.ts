// DO NOT DEPLOY. A raw-AWS program with every free-tier trap of the console guide, written the
// way a hurried copy often is, and the traps that take two resources to see. `npm run
// preview:offline -- --cwd examples/unsafe` (or `pulumi preview --policy-pack ../../policy`)
// shows free-tier-guard stopping each one exactly once on the free plan (the default), the
// advisory warnings, and the bill: stack-cost-within-credits says the credits last under a month.
import * as aws from "@pulumi/aws";

const ami = aws.ssm.getParameterOutput({
    name: "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64",
}).value;

// no-public-ssh: "SSH from anywhere, the .pem protects us" (it does not). The debug rule is
// off, which leaves a hole (null) in the list: nothing the program sends may crash the pack.
const debugRule = process.env.DEBUG_PORT
    ? { protocol: "tcp", fromPort: Number(process.env.DEBUG_PORT), toPort: Number(process.env.DEBUG_PORT) }
    : undefined;
const sg = new aws.ec2.SecurityGroup("web-sg", {
    description: "web",
    ingress: [
        { protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"] },
        debugRule as aws.types.input.ec2.SecurityGroupIngress,
        { protocol: "tcp", fromPort: 8080, toPort: 8080, cidrBlocks: ["0.0.0.0/0"] },
    ],
});

// no-public-ssh, across resources: each rule opens half of the IPv4 internet to the admin
// group; added up, all of it. And "006" is TCP to the AWS provider, so the IPv6 rule opens SSH.
const admin = new aws.ec2.SecurityGroup("admin-sg", { description: "admin" });
new aws.ec2.SecurityGroupRule("ssh-low-half", {
    type: "ingress",
    securityGroupId: admin.id,
    protocol: "6",
    fromPort: 22,
    toPort: 22,
    cidrBlocks: ["0.0.0.0/1"],
});
new aws.vpc.SecurityGroupIngressRule("ssh-high-half", {
    securityGroupId: admin.id,
    ipProtocol: "tcp",
    fromPort: 22,
    toPort: 22,
    cidrIpv4: "128.0.0.0/1",
});
new aws.ec2.SecurityGroupRule("ssh-ipv6", {
    type: "ingress",
    securityGroupId: admin.id,
    protocol: "006",
    fromPort: 22,
    toPort: 22,
    ipv6CidrBlocks: ["::/0"],
});

// free-tier-instance-type: t3.medium; free-tier-cpu-credits: unlimited; free-tier-storage:
// 40 GB; name-tag-required: no Name; no-detailed-monitoring and require-imdsv2: advisories.
const web = new aws.ec2.Instance("web", {
    ami,
    instanceType: "t3.medium",
    vpcSecurityGroupIds: [sg.id],
    creditSpecification: { cpuCredits: "unlimited" },
    rootBlockDevice: { volumeSize: 40, volumeType: "gp3" },
    monitoring: true,
    metadataOptions: { httpTokens: "optional" },
    tags: { name: "web" },
});

// free-tier-instance-type: the guide's t2.micro, which the free plan no longer launches (on the
// legacy plan's rules, free-tier-instance-hours: more always-on instances than 750 hours run);
// otherwise by the book. free-tier-cpu-credits: the account default below makes every t2
// unlimited, this one included (reported once, on the default).
new aws.ec2.Instance("worker", {
    ami,
    instanceType: "t2.micro",
    metadataOptions: { httpTokens: "required" },
    tags: { Name: "worker" },
});
new aws.ec2.DefaultCreditSpecification("t2-default", { instanceFamily: "t2", cpuCredits: "unlimited" });

// A launch template decides what an instance leaves out: "app" takes its type (t2.micro, which
// the free plan does not launch: refused once, on the template), Name and metadata options from
// it, and its 25 GB root. free-tier-storage: with its own 10 GB disk,
// 35 GB, though each alone is under 30.
const template = new aws.ec2.LaunchTemplate("app-lt", {
    imageId: ami,
    instanceType: "t2.micro",
    blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volumeSize: 25, volumeType: "gp3" } }],
    metadataOptions: { httpTokens: "required" },
    tagSpecifications: [{ resourceType: "instance", tags: { Name: "app" } }],
});
new aws.ec2.Instance("app", {
    launchTemplate: { id: template.id },
    ebsBlockDevices: [{ deviceName: "/dev/sdf", volumeSize: 10, volumeType: "gp3" }],
});

// free-tier-instance-type: an Auto Scaling group's override starts m5.4xlarge instances. It is
// sized once the template exists (unknown at preview), but AWS never runs fewer than minSize:
// free-tier-instance-hours counts at least two.
new aws.autoscaling.Group("workers", {
    minSize: 2,
    maxSize: 4,
    desiredCapacity: template.latestVersion.apply(() => 2),
    availabilityZones: ["ap-northeast-2a"],
    mixedInstancesPolicy: {
        launchTemplate: {
            launchTemplateSpecification: { launchTemplateId: template.id },
            overrides: [{ instanceType: "m5.4xlarge" }],
        },
    },
});

// t3.micro in Stockholm: the free plan launches it (and on the legacy plan it is the free type
// there, since Stockholm has no t2.micro).
const stockholm = new aws.Provider("stockholm", { region: "eu-north-1" });
new aws.ec2.Instance(
    "nordic",
    {
        ami: aws.ssm.getParameterOutput(
            { name: "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64" },
            { provider: stockholm },
        ).value,
        instanceType: "t3.micro",
        creditSpecification: { cpuCredits: "standard" },
        metadataOptions: { httpTokens: "required" },
        tags: { Name: "nordic" },
    },
    { provider: stockholm },
);

// no-idle-elastic-ip: an address "for later", billed every hour meanwhile. The NAT gateway's
// address is in use, so it is not idle; free-tier-public-ipv4 counts both, with every
// instance's auto-assigned address: far more than the one a server needs, each billed per hour.
new aws.ec2.Eip("spare-ip", { domain: "vpc" });
const natIp = new aws.ec2.Eip("nat-ip", { domain: "vpc" });
new aws.ec2.NatGateway("nat", { allocationId: natIp.id, subnetId: "subnet-0123456789abcdef0" });

export const webId = web.id;
