// Waits forever: a timer keeps the process alive and nothing ever resolves the promise the
// instance's AMI waits on. The offline preview must stop it at its deadline and say what it was
// waiting for, not hang.
import * as aws from "@pulumi/aws";

export = async () => {
    const ami = new Promise<string>(() => setInterval(() => undefined, 60_000));
    new aws.ec2.Instance("web", { ami, instanceType: "t2.micro", tags: { Name: "web" } });
    await ami;
};
