// free-tier-guard: keeps any Pulumi AWS program in the EC2 free tier, with SSH closed to the
// world. The Pulumi engine starts this file (compiled to bin/) for every preview and update.
import { PolicyPack } from "@pulumi/policy";
import { keepAnalyzeInputs } from "./lib/handOff";
import { POLICY_PACK_NAME, policies } from "./policies";

// Every Analyze request's inputs are kept for AnalyzeStack, whichever policies are enabled.
keepAnalyzeInputs();

new PolicyPack(POLICY_PACK_NAME, {
    description: "Keeps any Pulumi AWS program in the EC2 free tier, with SSH closed to the world.",
    policies,
});
