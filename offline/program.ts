/**
 * Runs a Pulumi program in-process under a {@link MockEngine}, as the Pulumi CLI's language
 * host would: config set first, the program loaded inside the root stack resource, its
 * exports collected as the stack's outputs.
 */
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { MockEngine, MockEngineOptions } from "./mockEngine";
import { StackConfig } from "./stackConfig";

export interface ProgramRun {
    readonly engine: MockEngine;
    /** The stack's outputs (the program's exports); secret ones are marked. */
    readonly outputs: Record<string, unknown>;
}

/**
 * Runs `entry` (a module path) as the program of `stack`. The module is loaded afresh, so one
 * process can run it for several stacks. Errors the program throws are rethrown as they are.
 */
export async function runProgram(
    entry: string,
    stack: StackConfig,
    options: Omit<MockEngineOptions, "project" | "stack" | "region"> = {},
): Promise<ProgramRun> {
    const region = stack.config["aws:region"];
    const engine = new MockEngine({ ...options, project: stack.project, stack: stack.stack, region });
    pulumi.runtime.setAllConfig(stack.config, stack.secretKeys);
    const resolved = require.resolve(path.resolve(entry));
    delete require.cache[resolved];
    // Like the Pulumi language host: an error the program throws, or a rejection nobody
    // handles (a failed lookup inside an Output), is the program's error. Both are collected
    // during the run and the first is rethrown once the stack has settled.
    const errors: unknown[] = [];
    const onRejection = (reason: unknown) => errors.push(reason);
    process.on("unhandledRejection", onRejection);
    let outputs: Record<string, unknown> | undefined;
    try {
        outputs = await pulumi.runtime
            .runInPulumiStack(async () => {
                try {
                    return require(resolved);
                } catch (err) {
                    errors.push(err);
                    return {};
                }
            })
            .catch((err: unknown) => {
                errors.push(err);
                return undefined;
            });
        await engine.settled();
    } finally {
        process.off("unhandledRejection", onRejection);
    }
    if (errors.length > 0) {
        throw errors[0];
    }
    return { engine, outputs: (outputs ?? {}) as Record<string, unknown> };
}
