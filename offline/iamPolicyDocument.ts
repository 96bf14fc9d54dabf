/**
 * `aws.iam.getPolicyDocument`, computed here because it is a pure function of its arguments:
 * the AWS provider builds the JSON document without calling AWS. The output follows the
 * provider's rules (its `aws_iam_policy_document` data source), so a program that hands the
 * `json` to a role or a policy sees what `pulumi up` would send:
 *
 * - a statement's keys in the order Sid, Effect, Action, NotAction, Resource, NotResource,
 *   Principal, NotPrincipal, Condition, empty ones left out; `effect` defaults to "Allow";
 * - actions, resources and principal identifiers are sets: one value is written as a string,
 *   several as a list sorted in descending order;
 * - principals and conditions are maps keyed by type (test, then variable), keys sorted;
 *   one principal `{ type: "*", identifiers: ["*"] }` is written `"*"`;
 * - condition values keep their order, one value written as a string;
 * - `&{...}` in resources, principals and condition values becomes `${...}` (an IAM policy
 *   variable), which version 2008-10-17 does not allow;
 * - sourcePolicyDocuments first, then the statements, then overridePolicyDocuments, each
 *   statement with a Sid replacing the earlier one with that Sid;
 * - `json` is indented by two spaces and `minifiedJson` is compact, both with `<`, `>` and `&`
 *   escaped as Go's encoder does; `id` is the CRC-32 of `json`, in decimal.
 */
import * as zlib from "node:zlib";

type Strings = string | string[];

interface Statement {
    Sid?: string;
    Effect?: string;
    Action?: unknown;
    NotAction?: unknown;
    Resource?: unknown;
    NotResource?: unknown;
    Principal?: unknown;
    NotPrincipal?: unknown;
    Condition?: unknown;
}

interface PolicyDocument {
    Version?: string;
    Id?: string;
    Statement?: Statement[];
}

const VERSIONS = ["2008-10-17", "2012-10-17"];

/** A set of strings as the provider writes it: one as a string, several sorted descending. */
function stringSet(values: unknown, field: string): Strings | undefined {
    if (values === undefined || values === null) {
        return undefined;
    }
    if (!Array.isArray(values) || values.some((v) => typeof v !== "string")) {
        throw new Error(`${field} must be a list of strings, got ${JSON.stringify(values)}`);
    }
    const unique = [...new Set(values as string[])];
    if (unique.length === 0) {
        return undefined;
    }
    return unique.length === 1 ? unique[0] : unique.sort().reverse();
}

/** `&{var}` to `${var}`, which IAM reads as a policy variable (not in version 2008-10-17). */
function policyVariables<T extends Strings | undefined>(value: T, version: string, field: string): T {
    const one = (s: string) => {
        if (version === "2008-10-17" && s.includes("&{")) {
            throw new Error(
                `${field}: found &{ sequence in (${s}), which is not supported in document version 2008-10-17`,
            );
        }
        return s.split("&{").join("${");
    };
    if (value === undefined) {
        return value;
    }
    return (typeof value === "string" ? one(value) : value.map(one)) as T;
}

function sortedKeys<V>(map: Map<string, V>): Record<string, V> {
    return Object.fromEntries([...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function principals(list: unknown, version: string, field: string): unknown {
    if (!Array.isArray(list) || list.length === 0) {
        return undefined;
    }
    const entries = list.map((p, i) => {
        const type = p?.type;
        if (typeof type !== "string") {
            throw new Error(`${field}[${i}].type must be a string, got ${JSON.stringify(type)}`);
        }
        const ids = policyVariables(stringSet(p.identifiers, `${field}[${i}].identifiers`), version, field);
        return { type, ids: ids ?? [] };
    });
    if (entries.length === 1 && entries[0].type === "*" && [entries[0].ids].flat().join() === "*") {
        return "*";
    }
    const byType = new Map<string, Strings>();
    for (const { type, ids } of entries) {
        const before = byType.get(type);
        byType.set(type, before === undefined ? ids : [before, ids].flat());
    }
    return sortedKeys(byType);
}

function conditions(list: unknown, version: string, field: string): unknown {
    if (!Array.isArray(list) || list.length === 0) {
        return undefined;
    }
    const byTest = new Map<string, Map<string, string[]>>();
    list.forEach((c, i) => {
        const { test, variable, values } = c ?? {};
        if (typeof test !== "string" || typeof variable !== "string" || !Array.isArray(values)) {
            throw new Error(`${field}[${i}] needs test, variable and values, got ${JSON.stringify(c)}`);
        }
        const variables = byTest.get(test) ?? new Map<string, string[]>();
        byTest.set(test, variables);
        const written = policyVariables(values.map(String), version, field);
        variables.set(variable, [...(variables.get(variable) ?? []), ...written]);
    });
    const out = new Map<string, Record<string, Strings>>();
    for (const [test, variables] of byTest) {
        const flat = new Map([...variables].map(([k, v]) => [k, v.length === 1 ? v[0] : v] as [string, Strings]));
        out.set(test, sortedKeys(flat));
    }
    return sortedKeys(out);
}

function statementOf(s: Record<string, any>, version: string, sids: Set<string>, index: number): Statement {
    const at = `statements[${index}]`;
    const effect = s.effect ?? "Allow";
    if (effect !== "Allow" && effect !== "Deny") {
        throw new Error(`${at}.effect must be "Allow" or "Deny", got ${JSON.stringify(effect)}`);
    }
    if (s.sid !== undefined && s.sid !== "") {
        if (sids.has(s.sid)) {
            throw new Error(`duplicate Sid (${s.sid}). Remove the Sid or ensure the Sid is unique.`);
        }
        sids.add(s.sid);
    }
    return {
        Sid: s.sid || undefined,
        Effect: effect,
        Action: stringSet(s.actions, `${at}.actions`),
        NotAction: stringSet(s.notActions, `${at}.notActions`),
        Resource: policyVariables(stringSet(s.resources, `${at}.resources`), version, `${at}.resources`),
        NotResource: policyVariables(stringSet(s.notResources, `${at}.notResources`), version, `${at}.notResources`),
        Principal: principals(s.principals, version, `${at}.principals`),
        NotPrincipal: principals(s.notPrincipals, version, `${at}.notPrincipals`),
        Condition: conditions(s.conditions, version, `${at}.conditions`),
    };
}

/** Adds `next` to `into`: a later Id and a higher Version win; a statement replaces the one with its Sid. */
function merge(into: PolicyDocument, next: PolicyDocument): void {
    if (next.Id) {
        into.Id = next.Id;
    }
    if (next.Version && (!into.Version || next.Version > into.Version)) {
        into.Version = next.Version;
    }
    for (const statement of next.Statement ?? []) {
        const same = statement.Sid ? (into.Statement ?? []).findIndex((s) => s.Sid === statement.Sid) : -1;
        if (same >= 0) {
            into.Statement![same] = statement;
        } else {
            into.Statement = [...(into.Statement ?? []), statement];
        }
    }
}

/** A principal or condition map read from JSON, written back as the provider writes it. */
function rewritten(value: unknown, principal: boolean): unknown {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
        return principal ? "*" : value;
    }
    const entries = Object.entries(value).map(([key, v]): [string, unknown] => {
        if (principal) {
            return [key, Array.isArray(v) ? [...v].sort().reverse() : v];
        }
        const variables = Object.entries(v as Record<string, unknown>).map(([variable, values]): [string, unknown] => {
            const list = [values].flat().map(String);
            return [variable, list.length === 1 ? list[0] : list];
        });
        return [key, sortedKeys(new Map(variables))];
    });
    return sortedKeys(new Map(entries));
}

function parsed(json: unknown, what: string): PolicyDocument {
    let doc: any;
    try {
        doc = JSON.parse(String(json));
    } catch (err) {
        throw new Error(`${what} is not valid JSON: ${(err as Error).message}`);
    }
    const statements: Statement[] | undefined =
        doc?.Statement === undefined
            ? undefined
            : [doc.Statement].flat().map((s: Statement) => ({
                  ...s,
                  Principal: s.Principal === undefined ? undefined : rewritten(s.Principal, true),
                  NotPrincipal: s.NotPrincipal === undefined ? undefined : rewritten(s.NotPrincipal, true),
                  Condition: s.Condition === undefined ? undefined : rewritten(s.Condition, false),
              }));
    return { Version: doc?.Version, Id: doc?.Id, Statement: statements };
}

/** A statement or document with its keys in the provider's order and empty ones left out. */
function ordered(doc: PolicyDocument): PolicyDocument {
    const clean = <T extends object>(o: T) =>
        Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== "")) as T;
    const statements = doc.Statement?.map((s) =>
        clean({
            Sid: s.Sid,
            Effect: s.Effect,
            Action: s.Action,
            NotAction: s.NotAction,
            Resource: s.Resource,
            NotResource: s.NotResource,
            Principal: s.Principal,
            NotPrincipal: s.NotPrincipal,
            Condition: s.Condition,
        }),
    );
    return clean({ Version: doc.Version, Id: doc.Id, Statement: statements?.length ? statements : undefined });
}

/** JSON as Go's encoder writes it: `<`, `>`, `&`, U+2028 and U+2029 escaped. */
function goJson(value: unknown, indent?: number): string {
    return JSON.stringify(value, null, indent).replace(
        /[<>&\u2028\u2029]/g,
        (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
    );
}

/** The outputs of `aws:iam/getPolicyDocument:getPolicyDocument` for these arguments. */
export function iamPolicyDocument(args: Record<string, any>): Record<string, unknown> {
    const version = args.version ?? "2012-10-17";
    if (!VERSIONS.includes(version)) {
        throw new Error(`version must be one of ${VERSIONS.join(", ")}, got ${JSON.stringify(version)}`);
    }
    const merged: PolicyDocument = {};
    (args.sourcePolicyDocuments ?? []).forEach((json: unknown, i: number) => {
        if (json !== null && json !== undefined) {
            merge(merged, parsed(json, `sourcePolicyDocuments[${i}]`));
        }
    });
    const sids = new Set<string>();
    const own: PolicyDocument = {
        Version: version,
        Id: args.policyId || undefined,
        Statement: Array.isArray(args.statements)
            ? args.statements.map((s: Record<string, any>, i: number) => statementOf(s ?? {}, version, sids, i))
            : undefined,
    };
    merge(merged, own);
    (args.overridePolicyDocuments ?? []).forEach((json: unknown, i: number) => {
        if (json !== null && json !== undefined) {
            merge(merged, parsed(json, `overridePolicyDocuments[${i}]`));
        }
    });
    const doc = ordered(merged);
    const json = goJson(doc, 2);
    return {
        ...args,
        json,
        minifiedJson: goJson(doc),
        id: String(zlib.crc32(json)),
    };
}
