/**
 * Keys the pack reads are the AWS SDK's own (policy/lib/read.ts checks them against the
 * @pulumi/aws 7.48.0 types at compile time). A key that is in neither a resource's Args nor its
 * State reads nothing, whatever the program or AWS sends: each case here is one the pack once
 * read under the wrong name, judged as a user would see it.
 */
import * as assert from "node:assert/strict";
import type { input, InstanceArgs } from "../../policy/lib/awsTypes";
import { Unknown } from "../../policy/lib/known";
import { field, Fields } from "../../policy/lib/read";
import * as ipv4 from "../../policy/policies/freeTierPublicIpv4";
import { NETWORK_INTERFACE } from "../../policy/lib/resources";
import { GOOD, T } from "../../testing/policy/fixtures";
import { brief, findStack, TestResource } from "../../testing/policy/harness";
import { inSeoul } from "../support/policyBuilders";

describe("keys the pack reads are the SDK's", () => {
    describe("the typed readers check the key, never the value", () => {
        it("a misspelt or wrongly-cased key, or a read that names no SDK type, does not compile (npm run typecheck)", () => {
            const device = { volumeSize: 30 };
            // @ts-expect-error: the provider's key is volumeSize
            assert.equal(field<input.ec2.InstanceRootBlockDevice>(device, "volume_size"), undefined);
            const props: Fields<InstanceArgs> = { instanceType: "t2.micro" };
            // @ts-expect-error: an aws.ec2.Instance has no volumeSize
            assert.equal(props.volumeSize, undefined);
            // @ts-expect-error: a read names its SDK type
            assert.equal(field(device, "volumeSize"), 30);
        });

        it("reads any JSON a program sends: a one-element list is its block, a string stays a string", () => {
            const root = (value: unknown) => field<input.ec2.InstanceRootBlockDevice>(value, "volumeSize");
            const unknown = new Unknown("rootBlockDevice");
            assert.equal(root({ volumeSize: "30" }), "30");
            assert.equal(root([{ volumeSize: 30 }]), 30);
            assert.equal(root([{ volumeSize: 30 }, { volumeSize: 8 }]), undefined);
            assert.equal(root(7), undefined);
            assert.equal(root(null), undefined);
            assert.equal(root(unknown), unknown);
        });
    });

    describe("an existing Spot Instance request's primary network interface (its State's primaryNetworkInterfaces)", () => {
        // aws.ec2.SpotInstanceRequest has no primaryNetworkInterface: its State carries the interface
        // AWS gave it as `primaryNetworkInterfaces`, an output-only list of one
        // (@pulumi/aws ec2/spotInstanceRequest.d.ts, SpotInstanceRequestState; an aws.ec2.Instance's
        // is `primaryNetworkInterface`, an input). An Elastic IP on that interface replaces the
        // instance's auto-assigned address, so the stack holds one public IPv4 address, not two.
        const eni: TestResource = inSeoul({
            type: NETWORK_INTERFACE,
            name: "web-eni",
            props: {
                id: "eni-0a1",
                subnetId: "subnet-0a1",
                // AWS's attachment names the instance's id (i-...), not the request's (sir-...).
                attachments: [{ attachmentId: "eni-attach-0a1", instance: "i-0a1", deviceIndex: 0 }],
            },
        });
        const eip: TestResource = inSeoul({
            type: T.eip,
            name: "web-ip",
            props: { id: "eipalloc-0a1", domain: "vpc", networkInterface: "eni-0a1", publicIp: "3.34.0.1" },
        });
        const spot: TestResource = inSeoul({
            ...GOOD.spotInstanceRequest,
            props: {
                ...GOOD.spotInstanceRequest.props,
                id: "sir-0a1",
                spotInstanceId: "i-0a1",
                associatePublicIpAddress: true,
                publicIp: "3.34.0.1",
                primaryNetworkInterfaces: [{ networkInterfaceId: "eni-0a1", deleteOnTermination: true }],
            },
        });
        const instance: TestResource = inSeoul({
            ...GOOD.instance,
            props: {
                ...GOOD.instance.props,
                id: "i-0a1",
                associatePublicIpAddress: true,
                publicIp: "3.34.0.1",
                primaryNetworkInterface: { networkInterfaceId: "eni-0a1", deleteOnTermination: true },
            },
        });

        it("an Elastic IP on an existing instance's primary interface is its one address", async () => {
            const { findings } = await findStack(ipv4.freeTierPublicIpv4, [instance, eni, eip]);
            assert.deepEqual(findings.map(brief), []);
        });

        it("an Elastic IP on an existing Spot Instance request's primary interface is its one address", async () => {
            const { findings } = await findStack(ipv4.freeTierPublicIpv4, [spot, eni, eip]);
            assert.deepEqual(findings.map(brief), []);
        });
    });
});
