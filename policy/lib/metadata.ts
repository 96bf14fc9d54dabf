/**
 * Each policy's rule metadata, in one table applied around the policies (policies.ts): the
 * fields @pulumi/policy 1.21.0 sends in GetAnalyzerInfo besides name, description and level
 * (policy.d.ts `Policy`: severity, url, remediationSteps, framework, tags), which Pulumi Cloud
 * shows with each finding and the CLI prints as `[severity: ...]` on each violation
 * (pulumi/pulumi pkg/backend/display/diff.go, renderDiffPolicyViolationEvent).
 */
import type { Policies, Policy, PolicyComplianceFramework, Severity } from "@pulumi/policy";

export interface RuleMetadata {
    readonly severity: Severity;
    readonly remediationSteps: string;
    readonly tags: readonly string[];
    readonly framework?: PolicyComplianceFramework;
}

/**
 * Where a policy is explained: a path relative to the repository's root (the pack has no
 * published site), the heading of docs/policies.md that carries the policy's name.
 */
export function policyDocs(policy: string): string {
    return policy === "stack-cost-within-credits"
        ? "docs/plans-and-cost.md#stack-cost-within-credits"
        : `docs/policies.md#${policy}`;
}

/**
 * CIS AWS Foundations Benchmark v2.0.0: 5.2 (no security group allows ingress from 0.0.0.0/0 to
 * remote server administration ports) and 5.3 (the same from ::/0).
 */
const CIS_REMOTE_ADMIN: PolicyComplianceFramework = {
    name: "CIS AWS Foundations Benchmark",
    version: "2.0.0",
    reference: "5.2, 5.3",
    specification:
        "Ensure no security groups allow ingress from 0.0.0.0/0 or ::/0 to remote server administration ports",
};

export const METADATA: Readonly<Record<string, RuleMetadata>> = {
    "free-tier-instance-type": {
        severity: "high",
        tags: ["cost", "free-tier", "ec2"],
        remediationSteps:
            "Set instanceType (or the launch template's) to a type the message names as free on your plan; if your account is on another plan, set the policy's plan to it.",
    },
    "free-tier-storage": {
        severity: "medium",
        tags: ["cost", "free-tier", "ebs"],
        remediationSteps:
            "Keep the instance's, volume's or launch template's EBS at most maxGb in total, of a free volume type (gp2, gp3, standard), with deleteOnTermination left true.",
    },
    "no-public-ssh": {
        severity: "critical",
        tags: ["security", "network", "ssh"],
        framework: CIS_REMOTE_ADMIN,
        remediationSteps:
            "Allow the port only from your own address (a /32 such as 203.0.113.7/32), or drop the rule and connect with EC2 Instance Connect or Session Manager.",
    },
    "name-tag-required": {
        severity: "low",
        tags: ["tagging", "ec2"],
        remediationSteps:
            'Set a non-empty tags.Name on the instance (or the provider\'s defaultTags), or a tagSpecifications entry with resourceType "instance" on its launch template.',
    },
    "free-tier-instance-hours": {
        severity: "high",
        tags: ["cost", "free-tier", "ec2"],
        remediationSteps:
            'Run at most maxInstances always-on instances (one on the legacy plan\'s 750 hours), or stop the others with an InstanceState of "stopped".',
    },
    "free-tier-storage-total": {
        severity: "medium",
        tags: ["cost", "free-tier", "ebs"],
        remediationSteps:
            "Shrink or remove volumes until the stack's EBS, all instances and volumes together, is at most maxGb.",
    },
    "free-tier-cpu-credits": {
        severity: "medium",
        tags: ["cost", "ec2"],
        remediationSteps: 'Set creditSpecification.cpuCredits to "standard" on the instance or its launch template.',
    },
    "no-detailed-monitoring": {
        severity: "low",
        tags: ["cost", "cloudwatch"],
        remediationSteps: "Leave monitoring unset or false; the free 5-minute metrics remain.",
    },
    "no-idle-elastic-ip": {
        severity: "low",
        tags: ["cost", "ec2"],
        remediationSteps: "Attach the Elastic IP to an instance or network interface of the stack, or remove it.",
    },
    "require-imdsv2": {
        severity: "high",
        tags: ["security", "ec2"],
        remediationSteps: 'Set metadataOptions.httpTokens to "required" on the instance or its launch template.',
    },
    "free-tier-public-ipv4": {
        severity: "low",
        tags: ["cost", "network"],
        remediationSteps:
            "Keep one public IPv4 address (set associatePublicIpAddress false on the others, release spare Elastic IPs), or raise maxAddresses to what you accept to pay for.",
    },
    "stack-cost-within-credits": {
        severity: "high",
        tags: ["cost", "credits"],
        remediationSteps:
            "Make the stack cheaper (the message names what costs most), or set creditsUsd, months or maxMonthlyUsd to what your account has and accepts.",
    },
};

/** Every policy with its metadata set; a policy the table lacks is an error, not a silent gap. */
export function withMetadata(policies: Policies): Policies {
    return policies.map((policy) => {
        const meta = METADATA[policy.name];
        if (!meta) {
            throw new Error(`policy ${policy.name} has no rule metadata in policy/lib/metadata.ts`);
        }
        const set: Partial<Policy> = {
            severity: meta.severity,
            url: policyDocs(policy.name),
            remediationSteps: meta.remediationSteps,
            tags: [...meta.tags],
            ...(meta.framework ? { framework: meta.framework } : {}),
        };
        return { ...policy, ...set };
    });
}
