/**
 * What the freetier package exports, as a source-based Pulumi plugin would: the component, its
 * args and their enums. `npm run plugin:schema` infers schema.json from here with the Pulumi
 * SDK's own analyser, exactly as `run-plugin` would at every start if this were the entry point;
 * the plugin's entry point is main.ts instead, which serves that schema without analysing.
 */
export { FreeTierServer } from "../components/freeTierServer";
export { AmazonLinux, FreeTierServerArgs, RootVolumeType } from "../components/args";
