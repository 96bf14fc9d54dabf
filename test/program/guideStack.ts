/**
 * The guide's dev stack, as the repository's Pulumi.dev.yaml holds it and as the Pulumi CLI
 * hands it to the program. The program's tests run on this copy, so that editing
 * Pulumi.dev.yaml cannot change what they check; test/template/template.spec.ts checks
 * Pulumi.dev.yaml against it.
 */
import * as path from "node:path";
import * as yaml from "js-yaml";
import type { StackConfig } from "../../offline/projectFiles";

export const GUIDE_PROJECT = "free-tier-server";

export const GUIDE_CONFIG: Readonly<Record<string, string>> = {
    "aws:region": "ap-northeast-2",
    "free-tier-server:serverName": "free-tier-server",
    "free-tier-server:plan": "free-plan",
    "free-tier-server:instanceType": "t3.micro",
    "free-tier-server:os": "amazon-linux-2023",
    "free-tier-server:rootVolumeSizeGb": "30",
    "free-tier-server:appPorts": "[8080]",
    "free-tier-server:sshAllowedCidrs": '["203.0.113.10/32"]',
};

/** The guide's dev stack with some keys changed; `undefined` removes a key. */
export function guideStack(overrides: Record<string, string | undefined> = {}): StackConfig {
    const config: Record<string, string> = { ...GUIDE_CONFIG };
    for (const [key, value] of Object.entries(overrides)) {
        if (value === undefined) {
            delete config[key];
        } else {
            config[key] = value;
        }
    }
    return {
        project: GUIDE_PROJECT,
        rootDir: path.resolve(__dirname, "../.."),
        main: "index.ts",
        runtime: { typescript: true },
        stack: "dev",
        config,
        secretKeys: [],
        maskedKeys: [],
    };
}

/** The guide's dev stack as a Pulumi.<stack>.yaml holds it: lists as lists, the rest as written. */
export function guideStackYaml(): string {
    const config = Object.fromEntries(
        Object.entries(GUIDE_CONFIG).map(([key, value]) => [key, /^[[{]/.test(value) ? JSON.parse(value) : value]),
    );
    return yaml.dump({ config });
}
