// A VPC from @pulumi/awsx 2.x: its SDK registers a multi-language component (remote), whose
// subnets, NAT gateways and their Elastic IPs the awsx provider plugin builds. Offline they
// cannot be seen, so the preview must say so rather than pass them in silence. The server in
// it is by the book.
import * as aws from "@pulumi/aws";
import * as awsx from "@pulumi/awsx";

const vpc = new awsx.ec2.Vpc("main", {
    cidrBlock: "10.0.0.0/16",
    natGateways: { strategy: awsx.ec2.NatGatewayStrategy.OnePerAz },
});

const web = new aws.ec2.SecurityGroup("web", {
    vpcId: vpc.vpcId,
    description: "HTTPS",
    ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }],
});

new aws.ec2.Instance("web", {
    ami: aws.ssm.getParameterOutput({ name: "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64" })
        .value,
    instanceType: "t2.micro",
    subnetId: vpc.publicSubnetIds.apply((ids) => ids[0]),
    vpcSecurityGroupIds: [web.id],
    metadataOptions: { httpTokens: "required" },
    tags: { Name: "web" },
});

export const vpcId = vpc.vpcId;
