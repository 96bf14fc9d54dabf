// The console guide's server: read the stack's config, build one FreeTierServer, export
// what you need to reach it. Everything testable lives in components/.
import * as pulumi from "@pulumi/pulumi";
import { FreeTierServer, serverConfigFrom } from "./components";

const { name, args } = serverConfigFrom(new pulumi.Config());
const server = new FreeTierServer(name, args);

export const instanceId = server.instance.id;
export const publicIp = server.publicIp;
export const publicDns = server.publicDns;
export const sshCommand = server.sshCommand;
export const appUrls = server.appUrls;
export const keyPairName = server.keyPair.keyName;
/** Secret: `pulumi stack output privateKeyPem --show-secrets > free-tier-server.pem`. */
export const privateKeyPem = server.privateKeyPem;
