/**
 * The lookups the offline engine answers, as a program receives them: documented placeholders
 * that never pass for something else (an Ubuntu AMI is not Amazon Linux's), and an IAM policy
 * document computed by the provider's rules.
 */
import * as assert from "node:assert/strict";
import { answerLookup, NoPlaceholderError, PLACEHOLDERS } from "../../offline/lookups";

const SEOUL = { region: "ap-northeast-2" };

async function lookup(token: string, args: Record<string, unknown>, context = SEOUL): Promise<Record<string, any>> {
    return answerLookup(token, args, context);
}

describe("lookups answered offline", () => {
    describe("ec2.getAmi", () => {
        const getAmi = (args: Record<string, unknown>) => lookup("aws:ec2/getAmi:getAmi", args);

        it("answers Amazon Linux filters with Amazon Linux's placeholder, for the architecture they name", async () => {
            const al2023 = await getAmi({
                owners: ["amazon"],
                filters: [{ name: "name", values: ["al2023-ami-*-x86_64"] }],
            });
            assert.equal(al2023.id, PLACEHOLDERS.amiX86);
            const graviton = await getAmi({ filters: [{ name: "name", values: ["al2023-ami-*-arm64"] }] });
            assert.deepEqual([graviton.id, graviton.architecture], [PLACEHOLDERS.amiArm, "arm64"]);
            const ecs = await getAmi({ filters: [{ name: "name", values: ["amzn2-ami-ecs-hvm-*-x86_64-ebs"] }] });
            assert.equal(ecs.id, PLACEHOLDERS.amiEcsX86);
        });

        it("never answers other images (Ubuntu, Debian) as Amazon Linux; different filters get different ids", async () => {
            const ubuntu = await getAmi({
                owners: ["099720109477"],
                filters: [{ name: "name", values: ["ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-arm64-server-*"] }],
            });
            const debian = await getAmi({
                owners: ["136693071363"],
                filters: [{ name: "name", values: ["debian-12-amd64-*"] }],
            });
            for (const image of [ubuntu, debian]) {
                assert.match(image.id, /^ami-0[0-9a-f]{16}$/);
                assert.ok(![PLACEHOLDERS.amiX86, PLACEHOLDERS.amiArm].includes(image.id), image.id);
            }
            assert.notEqual(ubuntu.id, debian.id);
            assert.deepEqual([ubuntu.architecture, ubuntu.ownerId], ["arm64", "099720109477"]);
            assert.deepEqual([debian.architecture, debian.ownerId], ["x86_64", "136693071363"]);
        });
    });

    describe("ssm.getParameter", () => {
        const parameter = (name: string) => lookup("aws:ssm/getParameter:getParameter", { name });

        it("answers the latest Amazon Linux and ECS-optimized AMI parameters", async () => {
            const table: [string, string][] = [
                ["/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64", PLACEHOLDERS.amiX86],
                ["/aws/service/ami-amazon-linux-latest/amzn2-ami-hvm-arm64-gp2", PLACEHOLDERS.amiArm],
                ["/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id", PLACEHOLDERS.amiEcsX86],
                ["/aws/service/ecs/optimized-ami/amazon-linux-2/arm64/recommended/image_id", PLACEHOLDERS.amiEcsArm],
            ];
            for (const [name, id] of table) {
                assert.equal((await parameter(name)).value, id, name);
            }
            const recommended = await parameter("/aws/service/ecs/optimized-ami/amazon-linux-2/recommended");
            assert.deepEqual(JSON.parse(recommended.value), {
                image_id: PLACEHOLDERS.amiEcsX86,
                image_name: "amzn2-ami-ecs-hvm-placeholder-x86_64-ebs",
                os: "Amazon Linux 2",
                schema_version: 1,
            });
        });

        it("answers other publishers' AMI parameters (Ubuntu, Debian, Bottlerocket, EKS) with ids of their own, never Amazon Linux's", async () => {
            const names = [
                "/aws/service/canonical/ubuntu/server/24.04/stable/current/amd64/hvm/ebs-gp3/ami-id",
                "/aws/service/canonical/ubuntu/server/24.04/stable/current/arm64/hvm/ebs-gp3/ami-id",
                "/aws/service/debian/release/12/latest/amd64",
                "/aws/service/bottlerocket/aws-k8s-1.30/x86_64/latest/image_id",
                "/aws/service/eks/optimized-ami/1.30/amazon-linux-2/recommended/image_id",
            ];
            const ids = await Promise.all(names.map(async (name) => (await parameter(name)).value));
            for (const id of ids) {
                assert.match(id, /^ami-0[0-9a-f]{16}$/);
                assert.ok(![PLACEHOLDERS.amiX86, PLACEHOLDERS.amiArm].includes(id), id);
            }
            assert.equal(new Set(ids).size, names.length, "one id per parameter");
            const bottlerocket = "/aws/service/bottlerocket/aws-k8s-1.30/x86_64/latest";
            assert.equal((await parameter(`${bottlerocket}/image_name`)).value, `placeholder-image-for-${ids[3]}`);
        });

        it("refuses any other parameter, naming it", async () => {
            await assert.rejects(
                parameter("/prod/db/password"),
                new NoPlaceholderError("aws:ssm/getParameter:getParameter", "SSM parameter /prod/db/password"),
            );
        });
    });

    it("ec2.getSubnets answers the default VPC's subnets, one per zone", async () => {
        const subnets = await lookup("aws:ec2/getSubnets:getSubnets", {
            filters: [{ name: "vpc-id", values: [PLACEHOLDERS.defaultVpcId] }],
        });
        assert.deepEqual(subnets.ids, [
            "subnet-000000000000def1",
            "subnet-000000000000def2",
            "subnet-000000000000def3",
            "subnet-000000000000def4",
        ]);
    });

    it("answers the older SDKs' tokens: aws.getAmi (4.x) as ec2.getAmi, ec2.getSubnetIds (4.x, 5.x) with one VPC's subnets", async () => {
        const filters = [{ name: "name", values: ["amzn2-ami-hvm-*-x86_64-gp2"] }];
        assert.equal(
            (await lookup("aws:index/getAmi:getAmi", { owners: ["amazon"], filters })).id,
            PLACEHOLDERS.amiX86,
        );
        const ofDefault = await lookup("aws:ec2/getSubnetIds:getSubnetIds", { vpcId: PLACEHOLDERS.defaultVpcId });
        assert.deepEqual(ofDefault.ids.slice(0, 2), ["subnet-000000000000def1", "subnet-000000000000def2"]);
        const ofAnother = await lookup("aws:ec2/getSubnetIds:getSubnetIds", { vpcId: "vpc-0123" });
        assert.deepEqual(ofAnother.ids.slice(0, 2), ["subnet-of-vpc-0123-1", "subnet-of-vpc-0123-2"]);
    });

    it("ecr.getAuthorizationToken answers credentials for the registry asked for, in the provider's Region", async () => {
        const token = await lookup("aws:ecr/getAuthorizationToken:getAuthorizationToken", {
            registryId: "210987654321",
        });
        assert.equal(token.proxyEndpoint, "https://210987654321.dkr.ecr.ap-northeast-2.amazonaws.com");
        assert.equal(token.userName, "AWS");
        assert.equal(Buffer.from(token.authorizationToken, "base64").toString(), `AWS:${token.password}`);
    });

    it("getRegion, getPartition, getAvailabilityZones and getCallerIdentity answer for the provider's Region", async () => {
        const china = { region: "cn-north-1" };
        assert.deepEqual(await lookup("aws:index/getPartition:getPartition", {}, china), {
            partition: "aws-cn",
            dnsSuffix: "amazonaws.com.cn",
            reverseDnsPrefix: "cn.com.amazonaws",
            id: "aws-cn",
        });
        const region = await lookup("aws:index/getRegion:getRegion", {});
        assert.deepEqual(
            [region.name, region.region, region.endpoint],
            ["ap-northeast-2", "ap-northeast-2", "ec2.ap-northeast-2.amazonaws.com"],
        );
        const zones = await lookup("aws:index/getAvailabilityZones:getAvailabilityZones", {}, { region: "us-east-1" });
        assert.deepEqual(zones.names.slice(0, 2), ["us-east-1a", "us-east-1b"]);
        assert.deepEqual(zones.zoneIds.slice(0, 2), ["use1-az1", "use1-az2"]);
        assert.equal((await lookup("aws:index/getCallerIdentity:getCallerIdentity", {})).accountId, "123456789012");
    });

    it("route53.getZone answers the zone asked for, with a placeholder id and name servers", async () => {
        const zone = await lookup("aws:route53/getZone:getZone", { name: "example.com." });
        assert.equal(zone.name, "example.com");
        assert.match(zone.zoneId, /^Z0[0-9A-F]{18}$/);
        assert.equal(zone.arn, `arn:aws:route53:::hostedzone/${zone.zoneId}`);
        assert.equal(zone.nameServers.length, 4);
    });

    describe("iam.getPolicyDocument, computed by the provider's rules", () => {
        const document = (args: Record<string, unknown>) => lookup("aws:iam/getPolicyDocument:getPolicyDocument", args);

        it("writes sets sorted descending, one value as a string, keys in the provider's order, Allow by default", async () => {
            const doc = await document({
                statements: [
                    {
                        sid: "Read",
                        actions: ["s3:GetObject", "s3:ListBucket", "s3:GetObject"],
                        resources: ["arn:aws:s3:::logs/&{aws:username}/*"],
                        principals: [{ type: "AWS", identifiers: ["arn:aws:iam::123456789012:root"] }],
                        conditions: [{ test: "StringEquals", variable: "aws:SourceVpc", values: ["vpc-1"] }],
                    },
                ],
            });
            assert.equal(
                doc.minifiedJson,
                '{"Version":"2012-10-17","Statement":[{"Sid":"Read","Effect":"Allow","Action":["s3:ListBucket","s3:GetObject"],' +
                    '"Resource":"arn:aws:s3:::logs/${aws:username}/*","Principal":{"AWS":"arn:aws:iam::123456789012:root"},' +
                    '"Condition":{"StringEquals":{"aws:SourceVpc":"vpc-1"}}}]}',
            );
            assert.equal(doc.json, JSON.stringify(JSON.parse(doc.minifiedJson), null, 2));
            assert.match(doc.id, /^\d+$/);
        });

        it('writes one principal {type: "*", identifiers: ["*"]} as "*", and merges source and override documents by Sid', async () => {
            const doc = await document({
                sourcePolicyDocuments: [
                    JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "A", Effect: "Deny", Action: "*" }] }),
                ],
                statements: [
                    { sid: "B", actions: ["sqs:SendMessage"], principals: [{ type: "*", identifiers: ["*"] }] },
                ],
                overridePolicyDocuments: [
                    JSON.stringify({ Statement: [{ Sid: "A", Effect: "Allow", Action: "s3:*", Resource: "*" }] }),
                ],
            });
            assert.deepEqual(JSON.parse(doc.json).Statement, [
                { Sid: "A", Effect: "Allow", Action: "s3:*", Resource: "*" },
                { Sid: "B", Effect: "Allow", Action: "sqs:SendMessage", Principal: "*" },
            ]);
        });

        it("refuses what the provider refuses: a duplicate Sid, a bad effect, &{ in version 2008-10-17", async () => {
            await assert.rejects(
                document({
                    statements: [
                        { sid: "X", actions: ["a:b"] },
                        { sid: "X", actions: ["c:d"] },
                    ],
                }),
                /duplicate Sid \(X\)/,
            );
            await assert.rejects(
                document({ statements: [{ effect: "allow" }] }),
                /statements\[0\]\.effect must be "Allow" or "Deny"/,
            );
            await assert.rejects(
                document({ version: "2008-10-17", statements: [{ resources: ["arn:aws:s3:::b/&{aws:username}"] }] }),
                /not supported in document version 2008-10-17/,
            );
        });
    });

    it("any other lookup fails with the token, so a placeholder is never silently wrong", async () => {
        await assert.rejects(
            lookup("aws:rds/getEngineVersion:getEngineVersion", { engine: "postgres" }),
            (err: Error) =>
                err instanceof NoPlaceholderError && err.token === "aws:rds/getEngineVersion:getEngineVersion",
        );
    });
});
