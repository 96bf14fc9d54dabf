// DO NOT DEPLOY. A raw-AWS program with every free-tier trap of the console guide, written the
// way a hurried copy often is. `npm run preview:offline -- --cwd examples/unsafe` (or
// `pulumi preview --policy-pack ../../policy`) shows free-tier-guard stopping each one: one
// violation per mandatory rule, and the advisory warnings.
import * as aws from "@pulumi/aws";

const ami = aws.ssm.getParameterOutput({
    name: "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64",
}).value;

// no-public-ssh: "SSH from anywhere, the .pem protects us" (it does not).
const sg = new aws.ec2.SecurityGroup("web-sg", {
    description: "web",
    ingress: [
        { protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"] },
        { protocol: "tcp", fromPort: 8080, toPort: 8080, cidrBlocks: ["0.0.0.0/0"] },
    ],
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

// free-tier-instance-hours: a second always-on instance (750 hours run one, not two);
// free-tier-storage-total: 40 GB + 8 GB (the AMI's default root) in the stack. This one is
// otherwise by the book.
new aws.ec2.Instance("worker", {
    ami,
    instanceType: "t2.micro",
    metadataOptions: { httpTokens: "required" },
    tags: { Name: "worker" },
});

// no-idle-elastic-ip: an address "for later", billed every hour meanwhile.
new aws.ec2.Eip("spare-ip", { domain: "vpc" });

export const webId = web.id;
