import { addressJoin } from "../lib/addresses";
import { monthlyPrice, monthlyUsdOf } from "../lib/cost";
import { about, findingPolicy } from "../lib/finding";
import { Notes } from "../lib/known";
import { describe, EIP } from "../lib/resources";
import { stackModel } from "../lib/stack";

export const IDLE = "no-idle-elastic-ip/idle";
export const ON_DETACHED_INTERFACE = "no-idle-elastic-ip/on-detached-interface";

export const noIdleElasticIp = findingPolicy({
    name: "no-idle-elastic-ip",
    description: "Warns about Elastic IPs attached to nothing, which AWS bills every hour.",
    enforcementLevel: "advisory",
    codes: {
        [IDLE]: "An Elastic IP attached to no instance, network interface, NAT gateway or load balancer.",
        [ON_DETACHED_INTERFACE]: "An Elastic IP on a network interface that is attached to no instance.",
    },
    judgeStack: (args, found) => {
        const model = stackModel(args.resources);
        const { uses, onDetachedInterface } = addressJoin(model);
        const notes = new Notes();
        for (const eip of model.ofType(EIP)) {
            const used = uses.get(eip.urn) ?? [];
            if (used.some((u) => u.certain)) {
                continue;
            }
            if (used.length > 0) {
                notes.add(
                    `${describe(used[0].by)} names more than one Elastic IP of the stack, ${describe(eip)} among them, so whether ${describe(eip)} is in use cannot be checked`,
                );
                continue;
            }
            const cost = monthlyPrice(eip, "ipv4:public");
            const monthlyUsd = monthlyUsdOf(eip, "ipv4:public");
            const eni = onDetachedInterface.get(eip.urn);
            found({
                code: eni ? ON_DETACHED_INTERFACE : IDLE,
                ...about(eip),
                path: "",
                values: [],
                ...(eni
                    ? {
                          what: `${describe(eip)} is on ${describe(eni)}, which is attached to no instance, and AWS bills an idle Elastic IP every hour${cost ? ` (${cost})` : ""}`,
                          fix: "attach the interface to an instance (an instance's networkInterfaces, or an aws.ec2.NetworkInterfaceAttachment), or remove the Elastic IP",
                      }
                    : {
                          what: `${describe(eip)} is attached to no instance, network interface, NAT gateway or load balancer, and AWS bills an idle Elastic IP every hour${cost ? ` (${cost})` : ""}`,
                          fix: "set its instance, add an EipAssociation, or remove it",
                      }),
                ...(monthlyUsd !== undefined ? { monthlyUsd } : {}),
            });
        }
        notes.raise();
    },
});
