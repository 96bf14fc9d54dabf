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
        "nat-us-east-1-basavytix": {
            url: "https://basavytix.com/blog/aws-nat-gateway-pricing",
            title: "Basavytix, 'AWS NAT Gateway pricing': USD 0.045 per NAT gateway hour (and 0.045 per GB processed), the us-east-1 rates",
            read: "2026-12-01",
        },
    },
    regions: {
        "ap-northeast-2": {
            "ipv4:public": {
                usd: 0.005,
                per: "hour",
                source: "ipv4-charge-2024",
            },
        },
        "us-east-1": {
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
                source: "nat-us-east-1-basavytix",
            },
        },
    },
};
