/** Every resource policy passes every happy-path fixture of testing/policy/fixtures.ts. */
import * as assert from "node:assert/strict";
import { freeTierCpuCredits } from "../../policy/policies/freeTierCpuCredits";
import { freeTierInstanceType } from "../../policy/policies/freeTierInstanceType";
import { freeTierStorage } from "../../policy/policies/freeTierStorage";
import { nameTagRequired } from "../../policy/policies/nameTagRequired";
import { noDetailedMonitoring } from "../../policy/policies/noDetailedMonitoring";
import { requireImdsv2 } from "../../policy/policies/requireImdsv2";
import { GOOD } from "../../testing/policy/fixtures";
import { checkResource } from "../../testing/policy/harness";
import { CLEAN } from "../support/policyBuilders";

describe("every resource policy passes every happy-path fixture", () => {
    for (const policy of [
        freeTierInstanceType,
        freeTierStorage,
        nameTagRequired,
        freeTierCpuCredits,
        noDetailedMonitoring,
        requireImdsv2,
    ]) {
        for (const key of Object.keys(GOOD)) {
            it(`${policy.name} on ${key}`, async () => {
                assert.deepEqual(await checkResource(policy, GOOD[key]), CLEAN);
            });
        }
    }
});
