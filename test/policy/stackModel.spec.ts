/**
 * One stack model per AnalyzeStack call. The framework hands each stack policy its own freshly
 * deserialized copy of the resources; the model is shared among them through a fingerprint of
 * what it reads. Run through the framework's own AnalyzeStack handler (the function its gRPC
 * server registers), in process, so the builds can be counted.
 */
import * as assert from "node:assert/strict";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as analyzer from "@pulumi/pulumi/proto/analyzer_pb";
import { policies, POLICY_PACK_NAME } from "../../policy/policies";
import { stackModelStats } from "../../policy/lib/stack";
import { engineInput } from "./engine";
import { GOOD, T } from "./fixtures";
import { TestResource, UNKNOWN } from "./harness";

// The framework's handler is internal to @pulumi/policy; it is what `serve` registers as analyzeStack.
const { makeAnalyzeStackRpcFun } = require("@pulumi/policy/server");
const analyzeStack = makeAnalyzeStackRpcFun(POLICY_PACK_NAME, "0.1.0", "advisory", policies);

function request(resources: readonly TestResource[]): analyzer.AnalyzeStackRequest {
    const req = new analyzer.AnalyzeStackRequest();
    req.setResourcesList(
        resources.map(engineInput).map((input) => {
            const r = new analyzer.AnalyzerResource();
            r.setType(input.type);
            r.setName(input.name);
            r.setUrn(input.urn!);
            r.setProperties(Struct.fromJavaScript(input.properties as never));
            r.setOptions(new analyzer.AnalyzerResourceOptions());
            for (const [key, urns] of Object.entries(input.propertyDependencies ?? {})) {
                const deps = new analyzer.AnalyzerPropertyDependencies();
                deps.setUrnsList([...urns]);
                r.getPropertydependenciesMap().set(key, deps);
            }
            return r;
        }),
    );
    return req;
}

/** The policies that reported, as the handler answers. */
function call(resources: readonly TestResource[]): Promise<string[]> {
    return new Promise((resolve, reject) =>
        analyzeStack({ request: request(resources) }, (err: Error | null, res: analyzer.AnalyzeResponse) =>
            err ? reject(err) : resolve(res.getDiagnosticsList().map((d) => d.getPolicyname())),
        ),
    );
}

const group = { type: T.securityGroup, name: "admin-sg", props: { description: "admin" } };
const urn = `urn:pulumi:dev::project::${T.securityGroup}::admin-sg`;
function half(name: string, cidr: string): TestResource {
    return {
        type: T.securityGroupRule,
        name,
        props: {
            type: "ingress",
            securityGroupId: UNKNOWN,
            protocol: "tcp",
            fromPort: 22,
            toPort: 22,
            cidrBlocks: [cidr],
        },
        propertyDependencies: { securityGroupId: [urn] },
    };
}
/** Halves of the IPv4 world on one group: open once added up. */
const OPEN = [group, half("low", "0.0.0.0/1"), half("high", "128.0.0.0/1"), GOOD.instance];
/** The same stack with the second half moved: closed. */
const CLOSED = [group, half("low", "0.0.0.0/1"), half("high", "192.0.2.0/24"), GOOD.instance];

const nextMacrotask = () => new Promise((resolve) => setImmediate(resolve));

describe("the stack model", () => {
    const stackPolicies = policies.filter((p) => "validateStack" in p).length;
    beforeEach(nextMacrotask);

    it(`is built once per AnalyzeStack call, though ${stackPolicies} stack policies read it`, async () => {
        const [reads, builds] = [stackModelStats.reads, stackModelStats.builds];
        assert.ok((await call(OPEN)).includes("no-public-ssh"));
        // Policies that do not apply to the plan (the legacy plan's, on the free plan) read nothing.
        assert.ok(stackModelStats.reads - reads <= stackPolicies);
        assert.ok(stackModelStats.reads - reads > 1);
        assert.equal(stackModelStats.builds - builds, 1);
    });

    it("is never served to a call with different props, even right after the last call", async () => {
        assert.ok((await call(OPEN)).includes("no-public-ssh"));
        const before = stackModelStats.builds;
        assert.ok(!(await call(CLOSED)).includes("no-public-ssh"));
        assert.equal(stackModelStats.builds - before, 1);
    });

    it("is dropped at the next macrotask, after every policy of the call has run", async () => {
        await call(OPEN);
        await nextMacrotask();
        const before = stackModelStats.builds;
        await call(OPEN);
        assert.equal(stackModelStats.builds - before, 1);
    });

    it("keeps two calls handled in the same turn of the event loop apart", async () => {
        const before = stackModelStats.builds;
        // Both handlers start before either has finished: their policies interleave.
        const [open, closed] = await Promise.all([call(OPEN), call(CLOSED)]);
        assert.ok(open.includes("no-public-ssh"));
        assert.ok(!closed.includes("no-public-ssh"));
        assert.equal(stackModelStats.builds - before, 2);
    });
});
