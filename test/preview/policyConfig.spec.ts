/**
 * A `--policy-pack-config` file read as the Pulumi CLI reads it and reconciled as the engine
 * reconciles it: pulumi/pulumi pkg/resource/analyzer/config.go (parsePolicyPackConfig,
 * ReconcilePolicyPackConfig, applyConfig, validatePolicyPackConfig).
 */
import * as assert from "node:assert/strict";
import { AnalyzerInfo } from "../../offline/analyzerClient";
import { parsePolicyConfig, reconcilePolicyConfig } from "../../offline/policyConfig";

const INFO: AnalyzerInfo = {
    name: "pack",
    version: "1.0.0",
    supportsConfig: true,
    policies: [
        {
            name: "sized",
            description: "",
            enforcementLevel: "mandatory",
            kind: "resource",
            configSchema: { properties: { maxGb: { type: "integer", minimum: 1, default: 30 } }, required: [] },
        },
        { name: "plain", description: "", enforcementLevel: "advisory", kind: "stack" },
    ],
};

describe("a policy config file, as the engine reads it", () => {
    // parsePolicyPackConfig: "Gracefully allow empty content."
    it("an empty file is no config", () => {
        assert.equal(parsePolicyConfig(""), undefined);
        assert.equal(parsePolicyConfig(" \n\t"), undefined);
    });

    it("a null or array entry is an error, worded as the engine words it", () => {
        assert.throws(
            () => parsePolicyConfig('{"sized": null}'),
            /^PolicyConfigError: parsing "sized": <nil> is not a valid value; must be a string or object$/,
        );
        assert.throws(
            () => parsePolicyConfig('{"sized": ["a", 2]}'),
            /^PolicyConfigError: parsing "sized": \[a 2\] is not a valid value; must be a string or object$/,
        );
        assert.throws(() => parsePolicyConfig("[]"), /cannot unmarshal array into Go value/);
    });

    it("an entry with neither a level nor properties is dropped", () => {
        assert.deepEqual(parsePolicyConfig('{"sized": {}, "plain": "disabled"}'), {
            plain: { enforcementLevel: "disabled" },
        });
    });

    // applyConfig: "all" first, then each named entry over it.
    it('"all" sets every level, a named entry then sets its own, and schema defaults stay', () => {
        const config = reconcilePolicyConfig(parsePolicyConfig('{"all": "disabled", "plain": "mandatory"}'), INFO);
        assert.deepEqual(config.sized, { maxGb: 30, enforcementLevel: "disabled" });
        assert.deepEqual(config.plain, { enforcementLevel: "mandatory" });
    });

    // validatePolicyPackConfig iterates the pack's policies; convertSchema keeps only
    // properties and required, so unknown names and keys pass.
    it("accepts unknown policy names and unknown keys", () => {
        const config = reconcilePolicyConfig(parsePolicyConfig('{"nope": "mandatory", "sized": {"other": 1}}'), INFO);
        assert.deepEqual(config.nope, { enforcementLevel: "mandatory" });
        assert.deepEqual(config.sized, { maxGb: 30, other: 1, enforcementLevel: "mandatory" });
    });

    it("validates each policy's properties against its schema, with the pack's initialConfig applied first", () => {
        assert.throws(
            () => reconcilePolicyConfig(parsePolicyConfig('{"sized": {"maxGb": 0}}'), INFO),
            /sized\.maxGb is 0, below the minimum 1/,
        );
        const withInitial: AnalyzerInfo = { ...INFO, initialConfig: { sized: { properties: { maxGb: 8 } } } };
        assert.deepEqual(reconcilePolicyConfig(undefined, withInitial).sized, {
            maxGb: 8,
            enforcementLevel: "mandatory",
        });
        assert.throws(
            () =>
                reconcilePolicyConfig(undefined, { ...INFO, initialConfig: { sized: { properties: { maxGb: "8" } } } }),
            /sized\.maxGb is "8", not a whole number/,
        );
    });
});
