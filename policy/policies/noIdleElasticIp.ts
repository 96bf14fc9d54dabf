import type { StackValidationPolicy } from "@pulumi/policy";
import { addressJoin } from "../lib/addresses";
import { monthlyPrice } from "../lib/cost";
import { Notes } from "../lib/known";
import { describe, EIP } from "../lib/resources";
import { stackModel } from "../lib/stack";

export const noIdleElasticIp: StackValidationPolicy = {
    name: "no-idle-elastic-ip",
    description: "Warns about Elastic IPs attached to nothing, which AWS bills every hour.",
    enforcementLevel: "advisory",
    validateStack: (args, report) => {
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
            const eni = onDetachedInterface.get(eip.urn);
            if (eni) {
                report(
                    `${describe(eip)} is on ${describe(eni)}, which is attached to no instance, and AWS bills an idle Elastic IP every hour${cost ? ` (${cost})` : ""}; attach the interface to an instance (an instance's networkInterfaces, or an aws.ec2.NetworkInterfaceAttachment), or remove the Elastic IP.`,
                    eip.urn,
                );
                continue;
            }
            report(
                `${describe(eip)} is attached to no instance, network interface, NAT gateway or load balancer, and AWS bills an idle Elastic IP every hour${cost ? ` (${cost})` : ""}; set its instance, add an EipAssociation, or remove it.`,
                eip.urn,
            );
        }
        notes.raise();
    },
};
