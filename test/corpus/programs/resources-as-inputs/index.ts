// Resources handed whole to other resources (`topic: alerts`, `role: role`): the SDK sends
// each as a resource reference, and the engine hands a policy pack the referenced resource's
// id. A bastion group lets SSH into the app group by group, and a separate rule resource opens
// the app group's SSH port to the whole internet.
import * as aws from "@pulumi/aws";

const alerts = new aws.sns.Topic("alerts");
new aws.sns.TopicSubscription("ops-email", { topic: alerts, protocol: "email", endpoint: "ops@example.com" });

const assumeByEc2 = aws.iam.getPolicyDocumentOutput({
    statements: [
        { actions: ["sts:AssumeRole"], principals: [{ type: "Service", identifiers: ["ec2.amazonaws.com"] }] },
    ],
});
const role = new aws.iam.Role("app", { assumeRolePolicy: assumeByEc2.json });
new aws.iam.RolePolicyAttachment("app-ssm", {
    role,
    policyArn: "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
});
const profile = new aws.iam.InstanceProfile("app", { role });

const bastion = new aws.ec2.SecurityGroup("bastion", { description: "bastion hosts" });
const app = new aws.ec2.SecurityGroup("app", {
    description: "app servers",
    ingress: [
        {
            protocol: "tcp",
            fromPort: 22,
            toPort: 22,
            securityGroups: [bastion.id],
            description: "SSH from the bastions",
        },
    ],
});
new aws.ec2.SecurityGroupRule("app-ssh-anywhere", {
    type: "ingress",
    securityGroupId: app.id,
    protocol: "tcp",
    fromPort: 22,
    toPort: 22,
    cidrBlocks: ["0.0.0.0/0"],
});

new aws.ec2.Instance("app", {
    ami: "ami-0000000000000a86a",
    instanceType: "t2.micro",
    iamInstanceProfile: profile,
    vpcSecurityGroupIds: [app.id],
    metadataOptions: { httpTokens: "required" },
    tags: { Name: "app" },
});
