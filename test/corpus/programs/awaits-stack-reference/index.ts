// Another stack's outputs read as plain values (getOutputValue, requireOutputValue return
// promises, not Outputs): `pulumi preview` reads them from the Pulumi backend, and the program
// goes on with them. Offline they are unknown, and the awaited value is undefined: the team tag
// is simply left out, and a loop over the subnets has nothing to loop on.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

const config = new pulumi.Config();
const network = new pulumi.StackReference(config.require("networkStack"));

new aws.ec2.Instance("web", {
    ami: "ami-0000000000000a86a",
    instanceType: "t2.micro",
    metadataOptions: { httpTokens: "required" },
    tags: { Name: "web", Team: network.getOutputValue("owningTeam") },
});

if (config.getBoolean("serverPerSubnet")) {
    network.requireOutputValue("privateSubnetIds").then((subnetIds: string[]) => {
        for (const [i, subnetId] of subnetIds.entries()) {
            new aws.ec2.Instance(`worker-${i}`, {
                ami: "ami-0000000000000a86a",
                instanceType: "t2.micro",
                subnetId,
                tags: { Name: `worker-${i}` },
            });
        }
    });
}
