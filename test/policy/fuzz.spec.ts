/**
 * Nothing a program can send may crash the pack. Every fixture, alone and in stacks that link
 * resources the way the engine does, with each value in turn replaced by a value unknown at
 * preview, each list entry by a hole (null), and each value by every other JSON type (a number
 * where a string goes, a string where a number goes, a scalar where an object or list goes):
 * every policy, resource part and stack part, decides or says what it could not check, in
 * process and through the real Analyzer protocol. Zero throws, zero RPC errors.
 */
import * as assert from "node:assert/strict";
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { policies } from "../../policy/policies";
import { engineInput, suitePack, urnOf } from "../../testing/policy/engine";
import { GOOD, T } from "../../testing/policy/fixtures";
import { checkResource, checkStack, TestResource, UNKNOWN, Verdict } from "../../testing/policy/harness";
import { dependsOn } from "../support/policyBuilders";

const PROVIDER = { region: "ap-northeast-2", defaultTags: { tags: { Team: "guide" } } };

const group = GOOD.securityGroup;
const list = GOOD.managedPrefixList;
const template = GOOD.launchTemplate;
const ip = { type: T.eip, name: "nat-ip", props: { domain: "vpc" } };
const secondIp = { type: T.eip, name: "lb-ip", props: { domain: "vpc" } };

/** Stacks whose resources name each other as at preview: unknown ids, property dependencies. */
const STACKS: Record<string, TestResource[]> = {
    ...Object.fromEntries(Object.entries(GOOD).map(([key, r]) => [key, [r]])),
    "a group, its rules and a prefix list": [
        group,
        list,
        {
            ...GOOD.managedPrefixListEntry,
            props: { ...GOOD.managedPrefixListEntry.props, prefixListId: UNKNOWN },
            propertyDependencies: dependsOn({ prefixListId: [list] }),
        },
        {
            ...GOOD.securityGroupRule,
            props: { ...GOOD.securityGroupRule.props, securityGroupId: UNKNOWN, prefixListIds: [UNKNOWN] },
            propertyDependencies: dependsOn({ securityGroupId: [group], prefixListIds: [list] }),
        },
        {
            ...GOOD.vpcIngressRule,
            props: { ...GOOD.vpcIngressRule.props, securityGroupId: UNKNOWN },
            propertyDependencies: dependsOn({ securityGroupId: [group] }),
        },
    ],
    "a template and what launches from it": [
        template,
        GOOD.launchConfiguration,
        GOOD.defaultCreditSpecification,
        {
            ...GOOD.instance,
            props: { launchTemplate: { id: UNKNOWN }, ebsBlockDevices: [{ deviceName: "/dev/sdf", volumeSize: 5 }] },
            propertyDependencies: dependsOn({ launchTemplate: [template] }),
        },
        {
            ...GOOD.autoscalingGroup,
            props: {
                minSize: 1,
                maxSize: 2,
                launchConfiguration: "web-lc",
                mixedInstancesPolicy: {
                    launchTemplate: {
                        launchTemplateSpecification: { launchTemplateId: UNKNOWN },
                        overrides: [{ instanceType: "t2.micro", weightedCapacity: "1" }],
                    },
                },
            },
            propertyDependencies: dependsOn({ mixedInstancesPolicy: [template] }),
        },
        GOOD.spotFleetRequest,
        GOOD.fleet,
    ],
    "addresses and what uses them": [
        GOOD.instance,
        ip,
        secondIp,
        GOOD.subnet,
        {
            ...GOOD.eipAssociation,
            props: { allocationId: UNKNOWN, instanceId: UNKNOWN },
            propertyDependencies: dependsOn({ allocationId: [ip], instanceId: [GOOD.instance] }),
        },
        {
            ...GOOD.natGateway,
            props: { allocationId: UNKNOWN, subnetId: UNKNOWN, secondaryAllocationIds: [UNKNOWN] },
            propertyDependencies: dependsOn({ allocationId: [ip], subnetId: [GOOD.subnet] }),
        },
        {
            ...GOOD.loadBalancer,
            props: { subnetMappings: [{ subnetId: UNKNOWN, allocationId: UNKNOWN }] },
            // One unknown allocation id, two Elastic IPs it may be: neither is proven in use.
            propertyDependencies: dependsOn({ subnetMappings: [ip, secondIp, GOOD.subnet] }),
        },
    ],
};

function clone(value: unknown): any {
    if (Array.isArray(value)) {
        return value.map(clone);
    }
    if (typeof value === "object" && value !== null) {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clone(v)]));
    }
    return value;
}

interface Spot {
    readonly keys: (string | number)[];
    readonly value: unknown;
    readonly inList: boolean;
}

function spotsOf(value: unknown, keys: (string | number)[] = []): Spot[] {
    if (typeof value !== "object" || value === null) {
        return [];
    }
    return Object.entries(value).flatMap(([k, child]) => {
        const key = Array.isArray(value) ? Number(k) : k;
        return [
            { keys: [...keys, key], value: child, inList: Array.isArray(value) },
            ...spotsOf(child, [...keys, key]),
        ];
    });
}

function setAt(value: unknown, keys: (string | number)[], replacement: unknown): any {
    const copy = clone(value);
    let at = copy;
    for (const key of keys.slice(0, -1)) {
        at = at[key];
    }
    at[keys[keys.length - 1]] = replacement;
    return copy;
}

const JSON_TYPES: [string, unknown][] = [
    ["string", "x"],
    ["numeric string past a number's range", "1e999"],
    ["number", 7],
    ["boolean", true],
    ["null", null],
    // Its keys shadow Object.prototype's methods, as JSON may: String() and `${}` throw on it.
    ["object", { toString: "x", valueOf: 1 }],
    ["array", ["x"]],
];

function jsonType(value: unknown): string {
    return value === null ? "null" : Array.isArray(value) ? "array" : typeof value;
}

/** The values one spot takes in turn: unknown, a hole in a list, and every other JSON type. */
function replacements(spot: Spot): [string, unknown][] {
    const own = spot.value === UNKNOWN ? "unknown" : jsonType(spot.value);
    return [
        ...(spot.value === UNKNOWN ? [] : ([["unknown", UNKNOWN]] as [string, unknown][])),
        ...(spot.inList && spot.value !== null ? ([["a hole", null]] as [string, unknown][]) : []),
        ...JSON_TYPES.filter(([type]) => type !== own && !(spot.inList && type === "null")),
    ];
}

interface Variant {
    readonly label: string;
    readonly stack: TestResource[];
    readonly at: number;
}

const variants: Variant[] = Object.entries(STACKS).flatMap(([name, stack]) =>
    stack.flatMap((resource, at) => {
        const withProvider = { ...resource, provider: PROVIDER };
        const base = stack.map((r, i) => (i === at ? withProvider : r));
        const of = (label: string, changed: TestResource): Variant => ({
            label: `${name}: ${resource.name} ${label}`,
            stack: base.map((r, i) => (i === at ? changed : r)),
            at,
        });
        return [
            ...spotsOf(resource.props).flatMap((spot) =>
                replacements(spot).map(([kind, value]) =>
                    of(`${spot.keys.join(".")} as ${kind}`, {
                        ...withProvider,
                        props: setAt(resource.props, spot.keys, value),
                    }),
                ),
            ),
            ...spotsOf(PROVIDER).flatMap((spot) =>
                replacements(spot).map(([kind, value]) =>
                    of(`provider.${spot.keys.join(".")} as ${kind}`, {
                        ...withProvider,
                        provider: setAt(PROVIDER, spot.keys, value),
                    }),
                ),
            ),
            of("with its props replaced by a string", { ...withProvider, props: "x" as never }),
        ];
    }),
);

const NOTE =
    /^(\S+ |[A-Z][\w ]+ "[^"]+" \S+ )is not known yet, so .+ cannot be checked until `pulumi up`( \(and \d+ more like it\))?$|cannot be checked/;

function assertReadable(verdict: Verdict, label: string): void {
    for (const note of verdict.couldNotCheck) {
        assert.match(note, NOTE, label);
        assert.doesNotMatch(note, /undefined|\[object Object\]/, label);
    }
    for (const message of verdict.violations) {
        assert.doesNotMatch(message, /undefined|\[object Object\]|NaN|Infinity/, label);
    }
}

/** The engine sends props as an object (a protobuf Struct): a variant whose props are not one cannot be sent. */
function sendable(variant: Variant): boolean {
    return variant.stack.every((r) => typeof r.props === "object" && r.props !== null);
}

describe("nothing a program sends crashes a policy", function () {
    this.timeout(300000);

    it(`tries ${variants.length} variants of ${Object.keys(STACKS).length} stacks`, () => {
        assert.ok(variants.length > 2000, String(variants.length));
    });

    for (const policy of policies) {
        it(`${policy.name}: every variant, in process`, async () => {
            let notes = 0;
            for (const { label, stack, at } of variants) {
                const fail = (e: Error) => {
                    throw new Error(`${label}: ${e.stack}`);
                };
                if ("validateResource" in policy && policy.validateResource) {
                    const verdict = await checkResource(policy as ResourceValidationPolicy, stack[at]).catch(fail);
                    assertReadable(verdict, label);
                    notes += verdict.couldNotCheck.length;
                }
                if ("validateStack" in policy) {
                    // The cost is judged against credits on the credit plans only; the rest run on the legacy plan.
                    const config = policy.name === "stack-cost-within-credits" ? { plan: "free-plan" } : {};
                    const verdict = await checkStack(policy as StackValidationPolicy, stack, config).catch(fail);
                    assertReadable(verdict, label);
                    notes += verdict.couldNotCheck.length;
                }
            }
            // Each policy notices some unknown that matters to it.
            assert.ok(notes > 0, `${policy.name} never said what it could not check`);
        });
    }

    describe("through the Analyzer protocol", () => {
        const pack = suitePack();

        it("Analyze answers every variant without an RPC error", async () => {
            for (const { label, stack, at } of variants.filter(sendable)) {
                await pack()
                    .analyze(engineInput(stack[at]))
                    .catch((e) => assert.fail(`${label}: ${e.message}`));
            }
        });

        it("AnalyzeStack answers every variant's stack without an RPC error", async () => {
            // Many variants per call, each stack renamed so that URNs stay unique.
            const batch = 50;
            const sent = variants.filter(sendable);
            for (let start = 0; start < sent.length; start += batch) {
                const resources = sent.slice(start, start + batch).flatMap(({ stack }, v) => {
                    const rename = (urn: string) => `${urn}-v${start + v}`;
                    return stack.map((r) =>
                        engineInput({
                            ...r,
                            urn: rename(urnOf(r)),
                            propertyDependencies: Object.fromEntries(
                                Object.entries(r.propertyDependencies ?? {}).map(([k, urns]) => [k, urns.map(rename)]),
                            ),
                        }),
                    );
                });
                await pack()
                    .analyzeStack(resources)
                    .catch((e) =>
                        assert.fail(`variants ${start}-${start + batch - 1} (${sent[start].label} ...): ${e.message}`),
                    );
            }
        });
    });
});
