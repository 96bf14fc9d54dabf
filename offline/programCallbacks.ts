/**
 * The engine's side of the Callbacks service a program serves: the SDK starts that service in the
 * program's process when the program declares a transform (the `transforms` resource option,
 * `pulumi.runtime.registerResourceTransform`, `registerInvokeTransform`) and hands the engine a
 * callback (its address and a token). As the Pulumi engine does, this engine calls each transform
 * back before it registers a resource or answers a lookup, and goes on with what it returns.
 *
 * Only the wire format crosses: the program's SDK, whatever its version, reads the request with
 * its own protobuf copy. Each call has a deadline, since the program might never answer.
 */
import * as grpc from "@grpc/grpc-js";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as callbackRpc from "@pulumi/pulumi/proto/callback_grpc_pb";
import * as callbackPb from "@pulumi/pulumi/proto/callback_pb";
import * as resourcePb from "@pulumi/pulumi/proto/resource_pb";
import { unaryCall } from "./unaryCall";

/** A transform the program declared: where its callback service listens, and the function's token. */
export interface ProgramCallback {
    readonly target: string;
    readonly token: string;
}

export function callbackOf(message: callbackPb.Callback): ProgramCallback {
    return { target: message.getTarget(), token: message.getToken() };
}

/** A transform that failed or did not answer in time; the message says which and why. */
export class TransformError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "TransformError";
    }
}

/** Calls the program's transforms over its Callbacks service, one client per address. */
export class ProgramCallbacks {
    private readonly clients = new Map<string, grpc.Client>();

    /** @param timeoutMs how long one transform may take to answer. */
    constructor(private readonly timeoutMs: number) {}

    private async call(callback: ProgramCallback, request: Uint8Array, what: string): Promise<Uint8Array> {
        let client = this.clients.get(callback.target);
        if (!client) {
            client = new callbackRpc.CallbacksClient(callback.target, grpc.credentials.createInsecure());
            this.clients.set(callback.target, client);
        }
        const message = new callbackPb.CallbackInvokeRequest().setToken(callback.token).setRequest(request);
        try {
            const response = await unaryCall(client, (client as callbackRpc.CallbacksClient).invoke, message, {
                deadline: Date.now() + this.timeoutMs,
            });
            return response.getResponse_asU8();
        } catch (err) {
            const e = err as grpc.ServiceError;
            throw new TransformError(
                e.code === grpc.status.DEADLINE_EXCEEDED
                    ? `${what} did not answer within ${this.timeoutMs / 1000} s`
                    : `${what} failed: ${e.details || e.message}`,
            );
        }
    }

    /** Runs one resource transform; what it leaves out stays as it was. */
    async transformResource(
        callback: ProgramCallback,
        request: resourcePb.TransformRequest,
    ): Promise<{ properties?: Struct; options?: resourcePb.TransformResourceOptions }> {
        const what = `the transform of ${request.getType()} "${request.getName()}"`;
        const bytes = await this.call(callback, request.serializeBinary(), what);
        const response = resourcePb.TransformResponse.deserializeBinary(bytes);
        return { properties: response.getProperties(), options: response.getOptions() };
    }

    /** Runs one invoke transform; what it leaves out stays as it was. */
    async transformInvoke(
        callback: ProgramCallback,
        request: resourcePb.TransformInvokeRequest,
    ): Promise<{ args?: Struct; options?: resourcePb.TransformInvokeOptions }> {
        const what = `the invoke transform of ${request.getToken()}`;
        const bytes = await this.call(callback, request.serializeBinary(), what);
        const response = resourcePb.TransformInvokeResponse.deserializeBinary(bytes);
        return { args: response.getArgs(), options: response.getOptions() };
    }

    close(): void {
        for (const client of this.clients.values()) {
            client.close();
        }
        this.clients.clear();
    }
}
