// A project of someone else's: installs free-tier-server from its repository
// (`npm install github:<owner>/free-tier-server`, or `file:` as here) and imports it by name.
import * as pulumi from "@pulumi/pulumi";
import { FreeTierServer, FreeTierServerArgs } from "free-tier-server";

const config = new pulumi.Config();
const args: FreeTierServerArgs = {
    sshAllowedCidrs: [config.require("adminCidr")],
    appPorts: [80, 443],
    instanceType: "t3.micro",
    elasticIp: true,
    tags: { Project: "blog", Environment: pulumi.getStack() },
};
const blog = new FreeTierServer("blog", args);

export const url = blog.appUrls.apply((urls) => urls[0]);
export const ssh = blog.sshCommand;
