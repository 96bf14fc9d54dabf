// The console guide's server: read the stack's config, build one FreeTierServer, export
// what you need to reach it. The component and its checks live in the free-tier-server package.
import * as pulumi from "@pulumi/pulumi";
import { FreeTierServer, serverConfigFrom } from "free-tier-server";

const { name, args } = serverConfigFrom(new pulumi.Config());
const server = new FreeTierServer(name, args);

export = {
    instanceId: server.instance.id,
    publicIp: server.publicIp,
    publicDns: server.publicDns,
    // How to get a shell, for every access mode (ssh, instance-connect, ssm).
    connectCommand: server.connectCommand,
    appUrls: server.appUrls,
    // Only with access "ssh": the key pair and its ssh command.
    ...(server.sshCommand ? { sshCommand: server.sshCommand } : {}),
    ...(server.keyPair ? { keyPairName: server.keyPair.keyName } : {}),
    // Only for a generated key, and only as a secret:
    //   pulumi stack output privateKeyPem --show-secrets > free-tier-server.pem
    ...(server.privateKeyPem ? { privateKeyPem: server.privateKeyPem } : {}),
};
