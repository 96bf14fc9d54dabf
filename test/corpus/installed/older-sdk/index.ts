// Written against the Pulumi SDK and AWS provider of early 2023, and installed from its own
// lock file: the preview must run it on that SDK, not on the one preview:offline itself uses.
// SSH is open to the whole IPv6 internet, and the disk is over the free 30 GB.
import * as aws from "@pulumi/aws";

const ami = aws.ec2.getAmiOutput({
    owners: ["amazon"],
    mostRecent: true,
    filters: [{ name: "name", values: ["al2023-ami-2023.*-x86_64"] }],
});

const sg = new aws.ec2.SecurityGroup("ssh", {
    description: "SSH",
    ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, ipv6CidrBlocks: ["::/0"] }],
});

const server = new aws.ec2.Instance("app", {
    ami: ami.id,
    instanceType: "t2.micro",
    vpcSecurityGroupIds: [sg.id],
    rootBlockDevice: { volumeSize: 40, volumeType: "gp2" },
    metadataOptions: { httpTokens: "required" },
    tags: { Name: "app" },
});

export const publicIp = server.publicIp;
