// Three things an offline preview cannot see, each of which the preview must say it did not
// check rather than pass in silence:
// - another stack's outputs (a StackReference: only the Pulumi backend has them);
// - the children of a multi-language component, which its provider plugin builds (this class
//   registers itself exactly as the generated SDK of @pulumi/awsx 2.x does: remote = true), and
//   what its methods return, which that plugin computes;
// - the state of a resource that exists already (`.get`: only the cloud has it).
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

class Vpc extends pulumi.ComponentResource {
    public readonly publicSubnetIds!: pulumi.Output<string[]>;

    constructor(name: string, args: { cidrBlock: string; natGatewayCount: number }) {
        super("awsx:ec2:Vpc", name, { ...args, publicSubnetIds: undefined }, {}, true);
    }

    /** A method, called as generated SDKs call one (the provider plugin answers it). */
    natGatewayIps(): pulumi.Output<string[]> {
        return pulumi.runtime.call<{ result: string[] }>("awsx:ec2:Vpc/natGatewayIps", { __self__: this }, this).result;
    }
}

const config = new pulumi.Config();
const network = new pulumi.StackReference(config.require("networkStack"));

const vpc = new Vpc("app", { cidrBlock: "10.10.0.0/16", natGatewayCount: 2 });
const shared = aws.ec2.SecurityGroup.get("shared", "sg-0123456789abcdef0");

const admin = new aws.ec2.SecurityGroup("admin", { description: "SSH for the admins" });
new aws.vpc.SecurityGroupIngressRule("admin-ssh", {
    securityGroupId: admin.id,
    ipProtocol: "tcp",
    fromPort: 22,
    toPort: 22,
    cidrIpv4: network.getOutput("adminCidr"),
});

new aws.ec2.Instance("app", {
    ami: "ami-0000000000000a86a",
    instanceType: "t2.micro",
    subnetId: vpc.publicSubnetIds.apply((ids) => ids[0]),
    vpcSecurityGroupIds: [admin.id, shared.id],
    metadataOptions: { httpTokens: "required" },
    tags: { Name: "app" },
});

export const natGatewayIps = vpc.natGatewayIps();
