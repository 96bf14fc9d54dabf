/**
 * Resources that already exist (imported, or made by an earlier `pulumi up`) are read as AWS
 * reports them. AnalyzeStack carries their state: a same step keeps the old outputs
 * (pulumi/pulumi pkg/resource/deploy/step.go, `SameStep.Apply`: `s.new.Outputs = s.old.Outputs`),
 * an update the provider's planned state, an import what the provider read. Analyze still gets
 * the program's inputs. Each case names where AWS or the provider says so.
 */
import { packTables } from "../../testing/policy/engine";
import { cited, EBS_STATE, withAttachedData } from "../support/policyBuilders";

describe("resources that already exist, read as AWS reports them", function () {
    this.timeout(60000);
    const table = packTables();

    describe("an existing instance's ebsBlockDevices include the volumes attached to it", () => {
        table(
            cited([
                {
                    why: "a 20 GB volume attached by a VolumeAttachment counts once with the instance's 8 GB root: 28 GB passes",
                    source: EBS_STATE,
                    stack: withAttachedData(20),
                    policies: ["free-tier-storage-total", "free-tier-storage"],
                    expected: [],
                },
            ]),
        );
    });
});
