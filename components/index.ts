export { Access, AmazonLinux, FreeTierServerArgs, Plan, RootVolumeType } from "./args";
export {
    FREE_TIER_SERVER_TYPE,
    FreeTierServer,
    instanceConnectPrefixListName,
    SSM_CORE_POLICY_ARN,
} from "./freeTierServer";
export { DEFAULT_SERVER_NAME, ServerConfig, serverConfigFrom, StackConfigError } from "./stackConfig";
export { DEFAULTS, FreeTierServerArgsError } from "./validate";
export * as freeTier from "../lib/freeTier";
