import * as assert from "node:assert/strict";
import { MockEngine } from "../../testing/mockEngine";

let engine = new MockEngine();
import { FreeTierServer, FreeTierServerArgs, FreeTierServerArgsError } from "../../components";
import { BAD_ARGS } from "./badArgs";

describe("FreeTierServer refuses bad args before creating anything", () => {
    it(`covers at least 20 bad inputs (${BAD_ARGS.length})`, () => {
        assert.ok(BAD_ARGS.length >= 20);
    });

    for (const c of BAD_ARGS) {
        it(`refuses ${c.why}`, async () => {
            engine = new MockEngine();
            assert.throws(
                () => new FreeTierServer(c.name ?? "web", c.args as FreeTierServerArgs),
                (err: unknown) => {
                    assert.ok(err instanceof FreeTierServerArgsError, "a FreeTierServerArgsError");
                    assert.equal(err.message, c.message);
                    return true;
                },
            );
            await engine.settled();
            assert.deepEqual(engine.resources, [], "nothing was registered");
            assert.deepEqual(engine.calls, [], "nothing was looked up");
        });
    }
});
