import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { Judged, resourcesOfTypes } from "../lib/judge";
import { isUnknown } from "../lib/known";
import { describe, EIP, EIP_ASSOCIATION } from "../lib/resources";

function isSet(value: unknown): boolean {
    return isUnknown(value) || (value !== undefined && value !== null && value !== "");
}

/** Whether an association points at this Elastic IP: by the dependency on it, or by its id. */
function associates(association: Judged, eip: Judged): boolean {
    const deps: PolicyResource[] = association.source?.propertyDependencies?.allocationId ?? [];
    if (deps.some((d) => d.urn === eip.urn) || association.source?.dependencies.some((d) => d.urn === eip.urn)) {
        return true;
    }
    const { allocationId, publicIp } = association.props;
    return (
        (typeof allocationId === "string" && allocationId === eip.props.id) ||
        (typeof publicIp === "string" && publicIp === eip.props.publicIp)
    );
}

export const noIdleElasticIp: StackValidationPolicy = {
    name: "no-idle-elastic-ip",
    description: "Warns about Elastic IPs attached to nothing, which AWS bills every hour.",
    enforcementLevel: "advisory",
    validateStack: (args, report) => {
        const [eips, associations] = [EIP, EIP_ASSOCIATION].map((t) => resourcesOfTypes(args.resources, [t]));
        for (const eip of eips) {
            const attached =
                isSet(eip.props.instance) ||
                isSet(eip.props.networkInterface) ||
                associations.some((association) => associates(association, eip));
            if (!attached) {
                report(
                    `${describe(eip)} is attached to no instance or network interface, and AWS bills an idle Elastic IP every hour; set its instance, add an EipAssociation, or remove it.`,
                    eip.urn,
                );
            }
        }
    },
};
