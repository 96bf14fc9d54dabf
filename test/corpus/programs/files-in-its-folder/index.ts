// Reads its files the way programs usually do, by paths relative to the project folder: the
// Pulumi CLI runs a program with that folder as its working directory. package.json's "main"
// names a build output (bin/index.js) that does not exist until `tsc` runs: the CLI warns and
// falls back to the folder, so this index.ts runs. A free-tier server, by the book.
import * as fs from "node:fs";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

const config = new pulumi.Config();

const key = new aws.ec2.KeyPair("deploy", {
    publicKey: fs.readFileSync(config.require("publicKeyPath"), "utf8").trim(),
});

const web = new aws.ec2.SecurityGroup("web", {
    description: "HTTP from anywhere, SSH from the office",
    ingress: [
        { protocol: "tcp", fromPort: 80, toPort: 80, cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"] },
        { protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["198.51.100.0/24"] },
    ],
    egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }],
});

const server = new aws.ec2.Instance("web", {
    ami: aws.ssm.getParameterOutput({ name: "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64" })
        .value,
    instanceType: "t2.micro",
    keyName: key.keyName,
    vpcSecurityGroupIds: [web.id],
    userData: fs.readFileSync("files/cloud-init.sh", "utf8"),
    rootBlockDevice: { volumeSize: 20, volumeType: "gp3", encrypted: true },
    metadataOptions: { httpTokens: "required" },
    tags: { Name: "web" },
});

export const url = pulumi.interpolate`http://${server.publicDns}`;
