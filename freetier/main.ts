/**
 * The plugin's entry point (package.json `main`): the engine starts
 * `node @pulumi/pulumi/cmd/run-plugin <this folder> <engine address>`, which loads this file;
 * it serves the freetier provider over gRPC and prints its port. It exports no component
 * class, so run-plugin does not fall back to analysing the TypeScript source at start-up.
 */
import * as pulumi from "@pulumi/pulumi";
import { FreeTierProvider } from "./provider";

// run-plugin leaves only the engine's address in argv.
void pulumi.provider.main(new FreeTierProvider(), process.argv.slice(2));
