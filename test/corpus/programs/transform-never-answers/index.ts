// A stack transform that never settles: the engine calls it back before registering the server,
// and would wait on it forever without a deadline.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

pulumi.runtime.registerResourceTransform(() => new Promise<undefined>(() => undefined));

new aws.ec2.Instance("web", { ami: "ami-0000000000000a86a", instanceType: "t2.micro", tags: { Name: "web" } });
