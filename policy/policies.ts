/**
 * Every policy of free-tier-guard, in one explicit list. index.ts serves them; tests and
 * benchmarks import this list without starting a server. Around each: its rule metadata
 * (lib/metadata.ts) and acknowledgements in its config (lib/acknowledge.ts).
 */
import type { Policies } from "@pulumi/policy";
import { acknowledging } from "./lib/acknowledge";
import { withMetadata } from "./lib/metadata";
import { freeTierCpuCredits } from "./policies/freeTierCpuCredits";
import { freeTierInstanceHours } from "./policies/freeTierInstanceHours";
import { freeTierInstanceType } from "./policies/freeTierInstanceType";
import { freeTierPublicIpv4 } from "./policies/freeTierPublicIpv4";
import { freeTierStorage } from "./policies/freeTierStorage";
import { freeTierStorageTotal } from "./policies/freeTierStorageTotal";
import { nameTagRequired } from "./policies/nameTagRequired";
import { noDetailedMonitoring } from "./policies/noDetailedMonitoring";
import { noIdleElasticIp } from "./policies/noIdleElasticIp";
import { noPublicSsh } from "./policies/noPublicSsh";
import { requireImdsv2 } from "./policies/requireImdsv2";
import { stackCostWithinCredits } from "./policies/stackCostWithinCredits";

export const POLICY_PACK_NAME = "free-tier-guard";

export const policies: Policies = acknowledging(
    withMetadata([
        freeTierInstanceType,
        freeTierStorage,
        noPublicSsh,
        nameTagRequired,
        freeTierInstanceHours,
        freeTierStorageTotal,
        freeTierCpuCredits,
        noDetailedMonitoring,
        noIdleElasticIp,
        requireImdsv2,
        freeTierPublicIpv4,
        stackCostWithinCredits,
    ]),
);
