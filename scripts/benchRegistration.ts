/**
 * One registration measurement for `npm run bench`, in a fresh process: N FreeTierServers
 * under the mock engine. Prints {"servers", "resources", "ms", "heapMb"} as JSON.
 */
import { MockEngine } from "../testing/mockEngine";

async function main(): Promise<void> {
    const n = Number(process.argv[2] ?? 1);
    const { FreeTierServer } = await import("../components");
    const engine = new MockEngine();
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const start = process.hrtime.bigint();
    for (let i = 0; i < n; i++) {
        new FreeTierServer(`server-${i}`, { sshAllowedCidrs: ["203.0.113.10/32"] });
    }
    await engine.settled();
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
    console.log(JSON.stringify({ servers: n, resources: engine.resources.length, ms, heapMb }));
    process.exit(0);
}

main().catch((err) => {
    console.error(err);
    process.exit(1);
});
