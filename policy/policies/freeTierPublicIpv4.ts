import {
    FREE_ALWAYS_ON_PUBLIC_IPV4,
    FREE_PUBLIC_IPV4_HOURS_PER_MONTH,
    HOURS_IN_LONGEST_MONTH,
} from "../../lib/freeTier";
import { monthlyPrice, monthlyUsdOf } from "../lib/cost";
import { Notes, unknownNote } from "../lib/known";
import { publicAddresses, WHAT } from "../lib/publicAddresses";
import { describe } from "../lib/resources";
import { LimitConfig, stackLimitPolicy } from "../lib/stackLimit";

export type PublicIpv4Config = LimitConfig<"maxAddresses">;

export const TOO_MANY_ADDRESSES = "free-tier-public-ipv4/too-many-addresses";

export const freeTierPublicIpv4 = stackLimitPolicy({
    name: "free-tier-public-ipv4",
    description:
        "Warns when the stack keeps more public IPv4 addresses than it needs (one), each billed per hour, counting instances' auto-assigned addresses, Elastic IPs and NAT gateways.",
    enforcementLevel: "advisory",
    limit: {
        key: "maxAddresses",
        default: FREE_ALWAYS_ON_PUBLIC_IPV4,
        description: `How many always-on public IPv4 addresses the stack may keep: every one is billed per hour (on the legacy plan the ${FREE_PUBLIC_IPV4_HOURS_PER_MONTH} free hours a month covered one all month, ${HOURS_IN_LONGEST_MONTH} hours); the guide's server needs one.`,
    },
    legacyOnly: false,
    codes: {
        [TOO_MANY_ADDRESSES]:
            "The stack keeps more public IPv4 addresses than maxAddresses (auto-assigned, Elastic IPs, NAT gateways).",
    },
    judge: ({ plan, maxAddresses }, model, found) => {
        const notes = new Notes();
        const { holders, unknown, possible, undecided } = publicAddresses(model, notes);
        const total = holders.reduce((sum, h) => sum + h.count, 0);
        if (total > maxAddresses) {
            const least = unknown || undecided ? "at least " : "";
            const listed = holders
                .filter((h) => h.count > 0)
                .map((h) => `${describe(h.owner)}${h.detail ? ` (${h.detail})` : ""}`);
            const hours = total * HOURS_IN_LONGEST_MONTH;
            const cost = monthlyPrice(holders[0].owner, "ipv4:public", total);
            const costs = cost ? ` (${cost})` : "";
            const over =
                plan === "legacy"
                    ? `up to ${hours} address-hours a month${costs}, over the ${FREE_PUBLIC_IPV4_HOURS_PER_MONTH} free hours, which cover ${maxAddresses === 1 ? "one address" : `${maxAddresses} addresses`} all month`
                    : `each billed per hour${costs}, drawn from your credits, over the ${maxAddresses === 1 ? "one address" : `${maxAddresses} addresses`} allowed (maxAddresses)`;
            const monthlyUsd = monthlyUsdOf(holders[0].owner, "ipv4:public", total);
            found({
                code: TOO_MANY_ADDRESSES,
                path: "",
                values: [total],
                what: `The stack keeps ${least}${total} public IPv4 addresses (${listed.join(", ")}): ${over}`,
                fix: `keep at most ${maxAddresses} (an Elastic IP associated with an instance replaces its auto-assigned address; associatePublicIpAddress false gives none)`,
                ...(monthlyUsd !== undefined ? { monthlyUsd } : {}),
            });
            return;
        }
        if (unknown && total + possible > maxAddresses) {
            notes.add(unknownNote(unknown.value, WHAT, describe(unknown.who)));
        }
        notes.raise();
    },
});
