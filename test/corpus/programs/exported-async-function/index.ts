// Everything happens inside the exported async function: requiring this module creates
// nothing. The language host calls the function, awaits it, and makes its result the stack's
// outputs. This server breaks the free tier three ways: SSH open to the world, an m5.4xlarge,
// and a 100 GB root volume.
import * as aws from "@pulumi/aws";

export = async () => {
    // Awaited lookups: the function goes on only once they answer.
    const ubuntu = await aws.ec2.getAmi({
        owners: ["099720109477"],
        mostRecent: true,
        filters: [{ name: "name", values: ["ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-*"] }],
    });
    const zones = await aws.getAvailabilityZones({ state: "available" });

    const sg = new aws.ec2.SecurityGroup("admin", {
        description: "SSH for the admins",
        ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }],
        egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }],
    });
    const server = new aws.ec2.Instance("build-box", {
        ami: ubuntu.id,
        instanceType: "m5.4xlarge",
        availabilityZone: zones.names[0],
        vpcSecurityGroupIds: [sg.id],
        rootBlockDevice: { volumeSize: 100, volumeType: "gp3" },
        metadataOptions: { httpTokens: "required" },
        tags: { Name: "build-box" },
    });

    return { amiName: ubuntu.name, zone: zones.names[0], publicIp: server.publicIp };
};
