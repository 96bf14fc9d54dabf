/**
 * Every policy, on every fixture, with each property (leaf or whole object or list) replaced
 * by a value unknown at preview: no policy throws. Each either decides from what is known or
 * says what it could not check.
 */
import * as assert from "node:assert/strict";
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { policies } from "../../policy/policies";
import { GOOD } from "./fixtures";
import { checkResource, checkStack, TestResource, UNKNOWN, withField } from "./harness";

/** Every path into a value: "tags", "tags.Name", "ingress.0.cidrBlocks.0", ... */
function pathsOf(value: unknown, prefix = ""): string[] {
    if (typeof value !== "object" || value === null) {
        return [];
    }
    return Object.entries(value).flatMap(([key, child]) => {
        const path = prefix ? `${prefix}.${key}` : key;
        return [path, ...pathsOf(child, path)];
    });
}

const PROVIDER = { region: "ap-northeast-2", defaultTags: { tags: { Team: "guide" } } };
const fixtures: TestResource[] = Object.values(GOOD).map((r) => ({ ...r, provider: PROVIDER }));
const variants: { label: string; resource: TestResource }[] = fixtures.flatMap((resource) => [
    ...pathsOf(resource.props).map((path) => ({
        label: `${resource.type} ${path}`,
        resource: { ...resource, props: withField(resource.props, path, UNKNOWN) },
    })),
    ...pathsOf(PROVIDER).map((path) => ({
        label: `${resource.type} provider.${path}`,
        resource: { ...resource, provider: withField(PROVIDER, path, UNKNOWN) },
    })),
]);

describe("no policy throws on a value unknown at preview", () => {
    it(`sweeps ${variants.length} single-unknown variants of ${fixtures.length} fixtures`, () => {
        assert.ok(variants.length > 100);
    });

    for (const policy of policies) {
        it(policy.name, async () => {
            let notes = 0;
            for (const { label, resource } of variants) {
                const verdict =
                    "validateStack" in policy
                        ? await checkStack(policy as StackValidationPolicy, [resource]).catch((e) => {
                              throw new Error(`${label}: ${e.message}`);
                          })
                        : await checkResource(policy as ResourceValidationPolicy, resource).catch((e) => {
                              throw new Error(`${label}: ${e.message}`);
                          });
                for (const note of verdict.couldNotCheck) {
                    assert.match(note, /^\S+ is not known yet, so .+ cannot be checked until `pulumi up`$/, label);
                    assert.doesNotMatch(note, /undefined/, label);
                }
                for (const message of verdict.violations) {
                    assert.doesNotMatch(message, /undefined|\[object Object\]/, label);
                }
                notes += verdict.couldNotCheck.length;
            }
            // Each policy must notice some unknown that matters to it, except those no fixture
            // field can sway: an instance counts as one whatever its props, and an Elastic IP
            // whose instance is unknown is still attached.
            if (!["free-tier-instance-hours", "no-idle-elastic-ip"].includes(policy.name)) {
                assert.ok(notes > 0, `${policy.name} never said what it could not check`);
            }
        });
    }
});
