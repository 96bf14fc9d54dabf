/**
 * The pack's adapter to what @pulumi/policy keeps internal (policy/lib/adapters/pulumiPolicy.ts):
 * each internal it names, held to the shape the pack relies on, against the installed framework.
 * A framework version that renames or reshapes one fails here, by name.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { unknownCheckingProxy } from "@pulumi/policy";
import { runtime } from "@pulumi/pulumi";
import {
    AnalyzeHandler,
    frameworkDeserializer,
    PROXY_TARGET_KEY,
    proxyTarget,
    wrapAnalyze,
} from "../../policy/lib/adapters/pulumiPolicy";
import { INSTANCE } from "../../testing/types";

const FRAMEWORK_DIR = path.dirname(require.resolve("@pulumi/policy"));
const fromFramework = (id: string) => require(require.resolve(id, { paths: [FRAMEWORK_DIR] }));
const ANALYZE = "/pulumirpc.Analyzer/Analyze";

describe("the pack's adapter to @pulumi/policy", () => {
    it("reads the plain object behind the framework's proxy under the key proxy.js names", () => {
        assert.equal(fromFramework("./proxy").getSpecialProxyTarget, PROXY_TARGET_KEY);
        const plain = { volumeSize: 8, tags: { Name: "web" } };
        assert.equal(proxyTarget(unknownCheckingProxy(plain)), plain);
        assert.equal(proxyTarget(plain), undefined);
    });

    it("deserializes a request's Struct as the framework's policies read it: secrets opened, unknowns its sentinel", () => {
        const deserialize = frameworkDeserializer();
        const secret = { [runtime.specialSigKey]: runtime.specialSecretSig, value: "hunter2" };
        const struct = Struct.fromJavaScript({
            volumeSize: 8,
            tags: { Name: "web" },
            availabilityZone: runtime.unknownValue,
            password: secret,
        });
        assert.deepEqual(deserialize(struct, false), {
            volumeSize: 8,
            tags: { Name: "web" },
            availabilityZone: runtime.unknownValue,
            password: "hunter2",
        });
    });

    it("finds the Analyzer service registered with `analyze` in the framework's server", () => {
        const server = fs.readFileSync(path.join(FRAMEWORK_DIR, "server.js"), "utf8");
        assert.match(server, /server\.addService\(analyzerrpc\.AnalyzerService, \{\s*analyze: makeAnalyzeRpcFun\(/);
        assert.match(server, /require\("@pulumi\/pulumi\/proto\/analyzer_grpc_pb"\)/);
        assert.match(server, /require\("@grpc\/grpc-js"\)/);
    });

    it("wraps that service's Analyze handler, once, on the framework's copy of grpc-js", () => {
        const grpc = fromFramework("@grpc/grpc-js");
        const { AnalyzerService } = fromFramework("@pulumi/pulumi/proto/analyzer_grpc_pb");
        const original = grpc.Server.prototype.addService;
        const seen: string[] = [];
        const handled: string[] = [];
        try {
            wrapAnalyze(
                (analyze: AnalyzeHandler): AnalyzeHandler =>
                    function (this: unknown, call, callback) {
                        seen.push(call.request.getUrn());
                        return analyze.call(this, call, callback);
                    },
            );
            assert.notEqual(grpc.Server.prototype.addService, original);
            const server = new grpc.Server();
            const registered = new Map<string, AnalyzeHandler>();
            server.register = (name: string, handler: AnalyzeHandler) => registered.set(name, handler).has(name);
            server.addService(AnalyzerService, {
                analyze: (call: Parameters<AnalyzeHandler>[0]) => handled.push(call.request.getUrn()),
            });
            assert.equal(grpc.Server.prototype.addService, original);
            const request = {
                getUrn: () => "urn:a",
                getType: () => INSTANCE,
                getProperties: () => ({ toJavaScript: () => ({}) }),
            };
            registered.get(ANALYZE)!({ request }, () => undefined);
            assert.deepEqual(seen, ["urn:a"]);
            assert.deepEqual(handled, ["urn:a"]);
        } finally {
            grpc.Server.prototype.addService = original;
        }
    });

    it("still finds the AnalyzeStack handler test/policy/stackModel.spec.ts runs in process", () => {
        // A spec's own reach into the framework (server.js), not the pack's: pinned here with the rest.
        const { makeAnalyzeStackRpcFun } = fromFramework("./server");
        assert.equal(typeof makeAnalyzeStackRpcFun, "function");
        assert.equal(makeAnalyzeStackRpcFun.length, 4);
    });

    it("reports a finding at the level its object form gives, as server.js's makeReportViolationFun does", () => {
        // The function is internal to server.js (not exported), so its source is held to the
        // fields the adapter's ReportArgs passes; the wire specs (test/policy/acknowledge.spec.ts)
        // see the advisory level arrive.
        const source = fs.readFileSync(path.join(FRAMEWORK_DIR, "server.js"), "utf8");
        const body = source.slice(source.indexOf("function makeReportViolationFun("));
        assert.ok(body.length > 0, "server.js has no makeReportViolationFun");
        for (const field of ["message", "urn", "description", "enforcementLevel"]) {
            assert.match(body.split("\n}\n")[0], new RegExp(`policyInfo\\.${field}\\b`), `object form's ${field}`);
        }
    });
});
