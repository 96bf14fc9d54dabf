/**
 * The planned outputs preview:offline sends in AnalyzeStack for a resource it creates, from the
 * AWS provider's schema (offline/plannedOutputs.table.ts, generated from @pulumi/aws's
 * declarations by scripts/plannedOutputsTable.ts).
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import { AWS_SCHEMA_VERSION, COMPUTED_ATTRIBUTES, plannedOutputs } from "../../offline/plannedOutputs";
import { UNKNOWN } from "../../offline/wireValues";
import { JUDGED_TYPES } from "../../policy/lib/resources";
import { awsVersion, TABLE_FILE, tableSource } from "../../scripts/plannedOutputsTable";
import { EIP, INSTANCE, S3_BUCKET } from "../../testing/types";

describe("planned outputs of a created resource", () => {
    it("come from the installed AWS provider's schema (else run `npm run planned-outputs:table`)", () => {
        assert.equal(AWS_SCHEMA_VERSION, awsVersion());
        assert.ok(
            fs.readFileSync(TABLE_FILE, "utf8") === tableSource(),
            "offline/plannedOutputs.table.ts differs from @pulumi/aws's declarations: run `npm run planned-outputs:table`",
        );
    });

    it("cover every type the pack reads", () => {
        assert.deepEqual(Object.keys(COMPUTED_ATTRIBUTES).sort(), [...JUDGED_TYPES].sort());
    });

    // terraform-provider-aws internal/service/ec2/ec2_eip.go: instance, network_interface,
    // domain, public_ip are Optional+Computed or Computed.
    it("leave what AWS computes unknown and keep what the program set", () => {
        const eip = plannedOutputs(EIP, { tags: { Name: "x" } }, { region: "eu-west-1" });
        assert.equal(eip.id, UNKNOWN);
        assert.equal(eip.instance, UNKNOWN);
        assert.equal(eip.networkInterface, UNKNOWN);
        assert.equal(eip.publicIp, UNKNOWN);
        assert.equal(eip.region, "eu-west-1");
        assert.deepEqual(eip.tags, { Name: "x" });
        const set = plannedOutputs(EIP, { instance: "i-1", domain: "vpc" });
        assert.equal(set.instance, "i-1");
        assert.equal(set.domain, "vpc");
        assert.equal(set.region, UNKNOWN);
    });

    // terraform-provider-aws internal/service/ec2/ec2_instance.go: root_block_device,
    // associate_public_ip_address and instance_type are Optional+Computed; public_ip is Computed.
    it("make an instance's root device and public address unknown when the program leaves them to AWS", () => {
        const instance = plannedOutputs(INSTANCE, { ami: "ami-1", instanceType: "t3.micro" });
        assert.equal(instance.rootBlockDevice, UNKNOWN);
        assert.equal(instance.associatePublicIpAddress, UNKNOWN);
        assert.equal(instance.publicIp, UNKNOWN);
        assert.equal(instance.instanceType, "t3.micro");
    });

    it("carry an import's id, and add nothing to a type the pack does not read", () => {
        assert.equal(plannedOutputs(EIP, {}, undefined, "eipalloc-1").id, "eipalloc-1");
        assert.deepEqual(plannedOutputs(S3_BUCKET, { bucket: "b" }), { bucket: "b" });
    });
});
