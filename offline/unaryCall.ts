/** One unary call of a generated gRPC client, as a promise: what every engine-side client here makes. */
import * as grpc from "@grpc/grpc-js";

/** A unary method of a generated gRPC client, in its callback form with metadata and options. */
export type UnaryMethod<Req, Res> = (
    req: Req,
    metadata: grpc.Metadata,
    options: Partial<grpc.CallOptions>,
    cb: (err: grpc.ServiceError | null, res: Res) => void,
) => unknown;

/**
 * Calls `method` of `client`; resolves with the response, or rejects with the gRPC error
 * (DEADLINE_EXCEEDED when `options.deadline` passes first).
 */
export function unaryCall<Req, Res>(
    client: grpc.Client,
    method: UnaryMethod<Req, Res>,
    request: Req,
    options: Partial<grpc.CallOptions> = {},
): Promise<Res> {
    return new Promise((resolve, reject) =>
        method.call(client, request, new grpc.Metadata(), options, (err, res) => (err ? reject(err) : resolve(res))),
    );
}
