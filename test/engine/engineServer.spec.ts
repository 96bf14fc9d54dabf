/**
 * The offline engine's gRPC services, called by a real program through the SDK's own
 * `cmd/run`, as the Pulumi language host starts it.
 */
import * as assert from "node:assert/strict";
import { spawn } from "node:child_process";
import * as path from "node:path";
import { EngineServer, InvokeCall } from "../../offline/engineServer";
import { flattenReferences, isResourceReference, isSecret, reveal, UNKNOWN } from "../../offline/wireValues";

const PROGRAM_DIR = path.join(__dirname, "fixtures/wire-program");
const RUN = path.join(path.dirname(require.resolve("@pulumi/pulumi/package.json")), "cmd/run");

/** Runs the fixture program against the engine; resolves with its exit code and output. */
function runProgram(engine: EngineServer, preview: boolean): Promise<{ code: number | null; output: string }> {
    const args = [RUN, "--monitor", engine.address, "--engine", engine.address];
    args.push("--project", "wire", "--stack", "dev", "--pwd", PROGRAM_DIR, ...(preview ? ["--dry-run"] : []), ".");
    const child = spawn(process.execPath, args, {
        cwd: PROGRAM_DIR,
        env: { ...process.env, PULUMI_CONFIG: "{}", PULUMI_CONFIG_SECRET_KEYS: "[]" },
        stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    return new Promise((resolve) => child.on("exit", (code) => resolve({ code, output })));
}

function lookup(call: InvokeCall) {
    if (call.token !== "test:index:lookup") {
        throw new Error(`no answer for ${call.token}`);
    }
    return { answer: `${reveal(call.args.query)}: 42` };
}

describe("the offline engine, called by a program through cmd/run", function () {
    this.timeout(30000);

    for (const preview of [true, false]) {
        describe(preview ? "in a preview" : "in an update", () => {
            let engine: EngineServer;
            let run: { code: number | null; output: string };

            before(async () => {
                engine = await EngineServer.start({ project: "wire", stack: "dev", preview, invoke: lookup });
                run = await runProgram(engine, preview);
            });
            after(() => engine.stop());

            it("runs the program to the end", () => {
                assert.equal(run.code, 0, run.output);
            });

            it("gives each resource the engine's URN, with its parent's type chain", () => {
                const stack = "urn:pulumi:dev::wire::pulumi:pulumi:Stack::wire-dev";
                const box = "urn:pulumi:dev::wire::test:index:Box::box";
                // Registration order follows the program's promises; compare as a set.
                assert.deepEqual(
                    engine.resources.map((r) => [r.urn, r.parent]).sort(),
                    [
                        [box, stack],
                        ["urn:pulumi:dev::wire::test:index:Box$test:index:Thing::box-thing", box],
                        ["urn:pulumi:dev::wire::test:index:Existing::existing", stack],
                        ["urn:pulumi:dev::wire::test:index:User::user", stack],
                        [stack, ""],
                    ].sort(),
                );
                assert.equal(engine.rootUrn, "urn:pulumi:dev::wire::pulumi:pulumi:Stack::wire-dev");
            });

            it("keeps secrets marked and resources passed as inputs as references, with their dependencies", () => {
                const thing = engine.get("urn:pulumi:dev::wire::test:index:Box$test:index:Thing::box-thing")!;
                assert.equal(thing.inputs.size, 3);
                assert.ok(isSecret(thing.inputs.password));
                assert.equal(reveal(thing.inputs.password), "hunter2");
                const user = engine.get("urn:pulumi:dev::wire::test:index:User::user")!;
                assert.ok(isResourceReference(user.inputs.thing));
                assert.ok(isResourceReference(user.inputs.box));
                assert.deepEqual(user.propertyDependencies.thing, [thing.urn]);
                // The SDK turns a dependency on a component into one on the component's resources.
                assert.deepEqual(user.propertyDependencies.box, [thing.urn]);
            });

            it("flattens resource references as the engine does for a policy pack: a custom resource's id, a component's URN", () => {
                const user = engine.get("urn:pulumi:dev::wire::test:index:User::user")!;
                assert.deepEqual(flattenReferences({ thing: user.inputs.thing, box: user.inputs.box }), {
                    thing: preview ? UNKNOWN : "box-thing-id",
                    box: "urn:pulumi:dev::wire::test:index:Box::box",
                });
            });

            it("answers lookups through the caller's invoke, and the program uses the answer", () => {
                assert.deepEqual(
                    engine.invokes.map((c) => [c.token, c.args]),
                    [["test:index:lookup", { query: "answer" }]],
                );
                assert.equal(engine.get("urn:pulumi:dev::wire::test:index:User::user")!.inputs.answer, "answer: 42");
                assert.deepEqual(engine.pendingInvokes(), []);
            });

            it("records a read as a read, with its id", () => {
                const existing = engine.get("urn:pulumi:dev::wire::test:index:Existing::existing")!;
                assert.equal(existing.operation, "read");
                assert.equal(existing.id, "existing-1");
            });

            it("records the component's and the stack's outputs, and the program's logs", () => {
                const box = engine.get("urn:pulumi:dev::wire::test:index:Box::box")!;
                assert.deepEqual(box.outputs, { thingId: preview ? UNKNOWN : "box-thing-id" });
                assert.equal(engine.stackOutputs?.size, 3);
                assert.equal(reveal(engine.stackOutputs?.token), "s3cr3t");
                assert.ok(isSecret(engine.stackOutputs?.token));
                const warning = engine.logs.find((l) => l.severity === "warning");
                assert.deepEqual(warning && [warning.message, warning.urn], [
                    "a warning for the engine",
                    "urn:pulumi:dev::wire::test:index:Box::box",
                ]);
            });
        });
    }

    it("fails a lookup nobody answers with the provider's wording, and the program reports it", async () => {
        const engine = await EngineServer.start({
            project: "wire",
            stack: "dev",
            preview: true,
            invoke: () => {
                throw new Error("no placeholder for this lookup");
            },
        });
        try {
            const run = await runProgram(engine, true);
            assert.notEqual(run.code, 0);
            const errors = engine.logs.filter((l) => l.severity === "error").map((l) => l.message);
            assert.ok(
                errors.some((m) =>
                    m.includes("invocation of test:index:lookup returned an error: no placeholder for this lookup"),
                ),
                errors.join("\n"),
            );
        } finally {
            await engine.stop();
        }
    });
});
