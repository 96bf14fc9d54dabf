/**
 * The one place the pack reaches past the public API of the policy framework, @pulumi/policy
 * 1.21.0 (its index.d.ts: the policy types, `PolicyPack`, `unknownCheckingProxy`,
 * `UnknownValueError`). Each internal below is named once, with the file of the framework that
 * defines it; test/adapters/pulumiPolicy.spec.ts pins the shape of each against the installed
 * framework, so a version that changes one fails there, by name, before any policy misreads.
 *
 * - `__getSpecialProxyTarget` (proxy.js `getSpecialProxyTarget`): the key under which the
 *   framework's unknown-checking proxy hands out its plain target. Reading the target is ten
 *   times faster than reading each field through the proxy, which copies a path array and makes
 *   a new proxy at every step.
 * - `deserializeProperties` (deserialize.js): how the framework turns a request's Struct into the
 *   props its policies read, so inputs kept from Analyze read exactly as a policy reads them.
 * - the object form of a report (server.js `makeReportViolationFun`: a report given an object
 *   takes its `message`, `urn`, `description` and `enforcementLevel`, the level overriding the
 *   policy's): the only way to report one finding at another level than its policy's, which
 *   acknowledgements need (an acknowledged finding is reported advisory; acknowledge.ts).
 * - the Analyzer service its server registers (server.js `serve`: `server.addService(
 *   analyzerrpc.AnalyzerService, { analyze, ... })`, on its own copy of @grpc/grpc-js): the only
 *   way to see every Analyze request, whichever policies are enabled.
 */
import * as path from "node:path";
import type { EnforcementLevel, ReportViolation } from "@pulumi/policy";

/** A protobuf Struct as the framework receives it. */
export interface WireStruct {
    toJavaScript(): unknown;
}

/** The framework's Analyze handler, as its gRPC server calls it. */
export type AnalyzeHandler = (
    call: { request: { getUrn(): string; getType(): string; getProperties(): WireStruct } },
    callback: unknown,
) => unknown;

/** proxy.js `getSpecialProxyTarget`. */
export const PROXY_TARGET_KEY = "__getSpecialProxyTarget";

/**
 * The plain object behind one of the framework's proxies; undefined for anything else (plain
 * data has no such key, and a framework whose proxy has none answers undefined too).
 */
export function proxyTarget(value: object): object | undefined {
    let target: unknown;
    try {
        target = (value as Record<string, unknown>)[PROXY_TARGET_KEY];
    } catch {
        return undefined;
    }
    return typeof target === "object" && target !== null ? target : undefined;
}

const frameworkDir = () => path.dirname(require.resolve("@pulumi/policy"));

/** A module as the framework itself loads it: resolved from the framework's folder. */
function frameworkModule(id: string): Record<string, unknown> {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(require.resolve(id, { paths: [frameworkDir()] }));
}

/** deserialize.js `deserializeProperties(struct, keepSecrets)`. */
export function frameworkDeserializer(): (struct: WireStruct, keepSecrets: boolean) => unknown {
    const deserialize = frameworkModule(path.join(frameworkDir(), "deserialize")).deserializeProperties;
    if (typeof deserialize !== "function") {
        throw new Error("@pulumi/policy/deserialize has no deserializeProperties function");
    }
    return deserialize as (struct: WireStruct, keepSecrets: boolean) => unknown;
}

/**
 * Wraps the Analyze handler the framework registers with its gRPC server, once: call before
 * `new PolicyPack(...)`. The wrapping applies to the framework's Analyzer service only and is
 * removed once that service is registered.
 */
export function wrapAnalyze(wrap: (analyze: AnalyzeHandler) => AnalyzeHandler): void {
    const grpc = frameworkModule("@grpc/grpc-js") as {
        Server: { prototype: { addService(service: unknown, implementation: unknown): void } };
    };
    const { AnalyzerService } = frameworkModule("@pulumi/pulumi/proto/analyzer_grpc_pb");
    const prototype = grpc.Server.prototype;
    const addService = prototype.addService;
    prototype.addService = function (service: unknown, implementation: unknown) {
        const handlers = implementation as Record<string, AnalyzeHandler> | undefined;
        if (service === AnalyzerService && typeof handlers?.analyze === "function") {
            prototype.addService = addService;
            implementation = { ...handlers, analyze: wrap(handlers.analyze) };
        }
        return addService.call(this, service, implementation);
    };
}

/** A report in the framework's object form (see the module comment). */
export interface ReportArgs {
    readonly message: string;
    readonly urn?: string;
    readonly description?: string;
    readonly enforcementLevel?: EnforcementLevel;
}

/** The SDK's report as the framework implements it: a message, or the object form. */
export type FrameworkReport = (message: string | ReportArgs, urn?: string) => void;

/** The framework's report function, typed for the object form its public type leaves out. */
export function frameworkReport(report: ReportViolation): FrameworkReport {
    return report as unknown as FrameworkReport;
}
