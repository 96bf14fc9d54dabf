/**
 * One stack model per AnalyzeStack call. The framework hands each stack policy its own freshly
 * deserialized copy of the resources; the model is shared among them through a fingerprint of
 * what it reads. Run through the framework's own AnalyzeStack handler (the function its gRPC
 * server registers), in process, so the models can be counted: every stack policy asks
 * `stackModel` through the module's exports, which the spec wraps to see each model it returns.
 */
import * as assert from "node:assert/strict";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as analyzer from "@pulumi/pulumi/proto/analyzer_pb";
import { policies, POLICY_PACK_NAME } from "../../policy/policies";
import * as stack from "../../policy/lib/stack";
import { engineInput } from "../../testing/policy/engine";
import { GOOD, T } from "../../testing/policy/fixtures";
import { TestResource } from "../../testing/policy/harness";
import { ruleOn, tcp22 } from "../support/policyBuilders";

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
/** A tcp 22 ingress rule on the group, linked as at preview. */
const half = (name: string, cidr: string): TestResource => ruleOn(name, group, { ...tcp22, cidrBlocks: [cidr] });
/** Halves of the IPv4 world on one group: open once added up. */
const OPEN = [group, half("low", "0.0.0.0/1"), half("high", "128.0.0.0/1"), GOOD.instance];
/** The same stack with the second half moved: closed. */
const CLOSED = [group, half("low", "0.0.0.0/1"), half("high", "192.0.2.0/24"), GOOD.instance];

const nextMacrotask = () => new Promise((resolve) => setImmediate(resolve));

/** Every model the stack policies were handed, in the order they asked. */
const handed: stack.StackModel[] = [];
const built = (since: number) => new Set(handed.slice(since)).size;

describe("the stack model", () => {
    const stackPolicies = policies.filter((p) => "validateStack" in p).length;
    const real = stack.stackModel;
    before(() => {
        (stack as { stackModel: typeof real }).stackModel = (resources) => {
            const model = real(resources);
            handed.push(model);
            return model;
        };
    });
    after(() => {
        (stack as { stackModel: typeof real }).stackModel = real;
    });
    beforeEach(nextMacrotask);

    it(`is built once per AnalyzeStack call, though ${stackPolicies} stack policies read it`, async () => {
        const before = handed.length;
        assert.ok((await call(OPEN)).includes("no-public-ssh"));
        // Policies that do not apply to the plan (the legacy plan's, on the free plan) read nothing.
        assert.ok(handed.length - before <= stackPolicies);
        assert.ok(handed.length - before > 1);
        assert.equal(built(before), 1);
    });

    it("is never served to a call with different props, even right after the last call", async () => {
        const first = handed.length;
        assert.ok((await call(OPEN)).includes("no-public-ssh"));
        const before = handed.length;
        assert.ok(!(await call(CLOSED)).includes("no-public-ssh"));
        assert.equal(built(before), 1);
        assert.equal(built(first), 2);
    });

    it("is dropped at the next macrotask, after every policy of the call has run", async () => {
        const first = handed.length;
        await call(OPEN);
        await nextMacrotask();
        const before = handed.length;
        await call(OPEN);
        assert.equal(built(before), 1);
        assert.equal(built(first), 2);
    });

    it("keeps two calls handled in the same turn of the event loop apart", async () => {
        const before = handed.length;
        // Both handlers start before either has finished: their policies interleave.
        const [open, closed] = await Promise.all([call(OPEN), call(CLOSED)]);
        assert.ok(open.includes("no-public-ssh"));
        assert.ok(!closed.includes("no-public-ssh"));
        assert.equal(built(before), 2);
    });
});
