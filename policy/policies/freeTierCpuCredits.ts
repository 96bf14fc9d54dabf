import type { ResourceValidationPolicy } from "@pulumi/policy";
import { defaultsToUnlimitedCredits } from "../../lib/freeTier";
import { judgeTypes } from "../lib/judge";
import { couldNotCheck, isUnknown } from "../lib/known";
import { describe, INSTANCE, LAUNCH_TEMPLATE, SPOT_INSTANCE_REQUEST } from "../lib/resources";

export const freeTierCpuCredits: ResourceValidationPolicy = {
    name: "free-tier-cpu-credits",
    description:
        'Forbids burstable instances in "unlimited" CPU credit mode, which bills surplus credits; T3, T3a and T4g are unlimited unless set to "standard".',
    enforcementLevel: "mandatory",
    validateResource: judgeTypes([INSTANCE, SPOT_INSTANCE_REQUEST, LAUNCH_TEMPLATE], (resource, report) => {
        const { instanceType, creditSpecification } = resource.props;
        const credits = isUnknown(creditSpecification) ? creditSpecification : creditSpecification?.cpuCredits;
        if (credits === "unlimited") {
            report(
                `${describe(resource)} sets creditSpecification.cpuCredits "unlimited", which bills surplus CPU credits; set it to "standard".`,
            );
            return;
        }
        if (credits === "standard") {
            return;
        }
        if (isUnknown(credits)) {
            couldNotCheck(credits, "its CPU credit mode");
        }
        if (isUnknown(instanceType)) {
            couldNotCheck(instanceType, "whether its instance type defaults to unlimited CPU credits");
        }
        if (typeof instanceType === "string" && defaultsToUnlimitedCredits(instanceType)) {
            report(
                `${describe(resource)} is a ${instanceType}, which launches with "unlimited" CPU credits and bills surplus credits; set creditSpecification.cpuCredits to "standard".`,
            );
        }
    }),
};
