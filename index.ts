// The console guide's server: read the stack's config, build one FreeTierServer, export
// what you need to reach it. Everything testable lives in components/.
import * as pulumi from "@pulumi/pulumi";
import { FreeTierServer, serverConfigFrom } from "./components";

const { name, args } = serverConfigFrom(new pulumi.Config());
const server = new FreeTierServer(name, args);

export = {
    instanceId: server.instance.id,
    publicIp: server.publicIp,
    publicDns: server.publicDns,
    sshCommand: server.sshCommand,
    appUrls: server.appUrls,
    keyPairName: server.keyPair.keyName,
    // Only for a generated key, and only as a secret:
    //   pulumi stack output privateKeyPem --show-secrets > free-tier-server.pem
    ...(server.privateKeyPem ? { privateKeyPem: server.privateKeyPem } : {}),
};
