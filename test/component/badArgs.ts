/**
 * Bad args of FreeTierServer and the message each gets: the same from a TypeScript program
 * (validation.spec.ts) and, for every case an engine can send, from the freetier plugin's
 * Construct (test/plugin/protocol.spec.ts).
 */
import * as pulumi from "@pulumi/pulumi";

export const SSH = { sshAllowedCidrs: ["203.0.113.10/32"] };
export const header = (name = "web") => `FreeTierServer "${name}" has invalid args:\n`;
export const one = (problem: string) => `${header()}  - ${problem}`;
const WORLD_V4 = 'SSH (port 22) to the whole IPv4 internet; allow only your own address, such as "203.0.113.7/32"';
/** A made-up private key: never to be repeated in a message. */
const PRIVATE_KEY =
    "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAAnotarealkey\n-----END OPENSSH PRIVATE KEY-----\n";
const NOT_AWS_SPELLING =
    'is not written as AWS reads a CIDR block: an IPv4 address as four whole numbers from 0 to 255 without leading zeros (or an IPv6 address), "/" and a prefix length, such as "203.0.113.7/32"';
/** An OpenSSH public key of the kind EC2 imports. */
const MY_PUBLIC_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExampleKeyOnly me@laptop";
const WORLD_V6 = 'SSH (port 22) to the whole IPv6 internet; allow only your own address, such as "203.0.113.7/32"';

export interface BadCase {
    readonly why: string;
    readonly args: unknown;
    readonly message: string;
    readonly name?: string;
    /** False for args no engine can send (no args object, Outputs a TypeScript program made). */
    readonly wire?: false;
}

export const BAD_ARGS: BadCase[] = [
    {
        why: "SSH from 0.0.0.0/0",
        args: { sshAllowedCidrs: ["0.0.0.0/0"] },
        message: one(`sshAllowedCidrs "0.0.0.0/0" opens ${WORLD_V4}`),
    },
    {
        why: "SSH from ::/0",
        args: { sshAllowedCidrs: ["::/0"] },
        message: one(`sshAllowedCidrs "::/0" opens ${WORLD_V6}`),
    },
    {
        why: "SSH from a /0 written with another address",
        args: { sshAllowedCidrs: ["1.0.0.0/0"] },
        message: one(`sshAllowedCidrs "1.0.0.0/0" opens ${WORLD_V4}`),
    },
    {
        why: "SSH from ::/0 spelled 0::/0",
        args: { sshAllowedCidrs: ["0::/0"] },
        message: one(`sshAllowedCidrs "0::/0" opens ${WORLD_V6}`),
    },
    {
        why: "SSH from ::/0 spelled out in full",
        args: { sshAllowedCidrs: ["0000:0000:0000:0000:0000:0000:0000:0000/0"] },
        message: one(`sshAllowedCidrs "0000:0000:0000:0000:0000:0000:0000:0000/0" opens ${WORLD_V6}`),
    },
    {
        why: "two halves that together are the IPv4 world",
        args: { sshAllowedCidrs: ["0.0.0.0/1", "128.0.0.0/1"] },
        message: one(`sshAllowedCidrs ["0.0.0.0/1","128.0.0.0/1"] together open ${WORLD_V4}`),
    },
    {
        why: "IPv6 halves that together are the IPv6 world, beside a safe IPv4 block",
        args: { sshAllowedCidrs: ["203.0.113.10/32", "::/1", "8000::/1"] },
        message: one(`sshAllowedCidrs ["::/1","8000::/1"] together open ${WORLD_V6}`),
    },
    {
        why: "a CIDR that does not parse",
        args: { sshAllowedCidrs: ["203.0.113.300/32"] },
        message: one(
            'sshAllowedCidrs[0] "203.0.113.300/32" is not an IPv4 or IPv6 CIDR block such as "203.0.113.7/32" or "2001:db8::1/128"',
        ),
    },
    {
        why: "a prefix too long for IPv4",
        args: { sshAllowedCidrs: ["203.0.113.10/33"] },
        message: one(
            'sshAllowedCidrs[0] "203.0.113.10/33" is not an IPv4 or IPv6 CIDR block such as "203.0.113.7/32" or "2001:db8::1/128"',
        ),
    },
    {
        why: "a bare address without a prefix",
        args: { sshAllowedCidrs: ["203.0.113.10"] },
        message: one(
            'sshAllowedCidrs[0] "203.0.113.10" is an address, not a CIDR block; write "203.0.113.10/32" for that one address',
        ),
    },
    {
        why: "host bits past the prefix",
        args: { sshAllowedCidrs: ["203.0.113.10/24"] },
        message: one(
            'sshAllowedCidrs[0] "203.0.113.10/24" has bits set past its /24 prefix, which AWS refuses; did you mean "203.0.113.0/24"?',
        ),
    },
    {
        why: "the same block twice",
        args: { sshAllowedCidrs: ["203.0.113.10/32", "203.0.113.10/32"] },
        message: one('sshAllowedCidrs[1] "203.0.113.10/32" repeats sshAllowedCidrs[0]'),
    },
    {
        why: "sshAllowedCidrs missing",
        args: {},
        message: one(
            'sshAllowedCidrs must be a list of CIDR blocks such as ["203.0.113.7/32"] (or [] for no SSH), got nothing',
        ),
    },
    {
        why: "sshAllowedCidrs as one string",
        args: { sshAllowedCidrs: "203.0.113.10/32" },
        message: one(
            'sshAllowedCidrs must be a list of CIDR blocks such as ["203.0.113.7/32"] (or [] for no SSH), got "203.0.113.10/32"',
        ),
    },
    {
        why: "a number among the CIDRs",
        args: { sshAllowedCidrs: [32] },
        message: one(
            'sshAllowedCidrs[0] 32 is not an IPv4 or IPv6 CIDR block such as "203.0.113.7/32" or "2001:db8::1/128"',
        ),
    },
    {
        why: "app port 22",
        args: { ...SSH, appPorts: [8080, 22] },
        message: one("appPorts[1] 22 would open SSH to the whole internet; SSH is reached only from sshAllowedCidrs"),
    },
    {
        why: "app port 0",
        args: { ...SSH, appPorts: [0] },
        message: one("appPorts[0] 0 is not a TCP port; use a whole number from 1 to 65535"),
    },
    {
        why: "app port 65536",
        args: { ...SSH, appPorts: [65536] },
        message: one("appPorts[0] 65536 is not a TCP port; use a whole number from 1 to 65535"),
    },
    {
        why: "a fractional app port",
        args: { ...SSH, appPorts: [80.5] },
        message: one("appPorts[0] 80.5 is not a TCP port; use a whole number from 1 to 65535"),
    },
    {
        why: "an app port as a string",
        args: { ...SSH, appPorts: ["8080"] },
        message: one('appPorts[0] "8080" is not a TCP port; use a whole number from 1 to 65535'),
    },
    {
        why: "a duplicated app port",
        args: { ...SSH, appPorts: [8080, 443, 8080] },
        message: one("appPorts[2] 8080 repeats appPorts[0]"),
    },
    {
        why: "an instance type the free plan does not launch (the default plan)",
        args: { ...SSH, instanceType: "t3.large" },
        message: one(
            'instanceType "t3.large" does not launch on the free plan: EC2 refuses types that are not free-tier eligible; use one of t3.micro, t3.small, t4g.micro, t4g.small, c7i-flex.large, m7i-flex.large, or set plan "paid-plan" if your account is on the paid plan',
        ),
    },
    {
        why: "the guide's t2.micro on the free plan, where it no longer launches",
        args: { ...SSH, plan: "free-plan", instanceType: "t2.micro" },
        message: one(
            'instanceType "t2.micro" does not launch on the free plan: EC2 refuses types that are not free-tier eligible; use one of t3.micro, t3.small, t4g.micro, t4g.small, c7i-flex.large, m7i-flex.large, or set plan "paid-plan" if your account is on the paid plan',
        ),
    },
    {
        why: "an instance type outside the legacy plan's free tier",
        args: { ...SSH, plan: "legacy", instanceType: "t3.large" },
        message: one(
            'instanceType "t3.large" is not in the legacy plan\'s free tier (which ended for every account on 2026-07-15); use t2.micro or t3.micro, or set the plan your account is on ("free-plan" or "paid-plan")',
        ),
    },
    {
        why: "a plan that is not one",
        args: { ...SSH, plan: "free" },
        message: one('plan "free" is not a plan; use "free-plan", "paid-plan", "legacy"'),
    },
    {
        why: "an instance type AWS would not recognise, even on the paid plan",
        args: { ...SSH, plan: "paid-plan", instanceType: "large" },
        message: one(
            'instanceType "large" is not written as AWS names instance types (a family and a size, such as "t3.micro")',
        ),
    },
    {
        why: "an unknown os",
        args: { ...SSH, os: "ubuntu" },
        message: one('os "ubuntu" is not supported; use "amazon-linux-2023" or "amazon-linux-2"'),
    },
    {
        why: "40 GB of root volume",
        args: { ...SSH, rootVolumeSizeGb: 40 },
        message: one(
            "rootVolumeSizeGb 40 is outside what FreeTierServer builds; use a whole number of GB from 8 (the AMI's size) to 30 (the guide's disk)",
        ),
    },
    {
        why: "a root volume under the AMI's size",
        args: { ...SSH, rootVolumeSizeGb: 4 },
        message: one(
            "rootVolumeSizeGb 4 is outside what FreeTierServer builds; use a whole number of GB from 8 (the AMI's size) to 30 (the guide's disk)",
        ),
    },
    {
        why: "a fractional root volume",
        args: { ...SSH, rootVolumeSizeGb: 20.5 },
        message: one(
            "rootVolumeSizeGb 20.5 is outside what FreeTierServer builds; use a whole number of GB from 8 (the AMI's size) to 30 (the guide's disk)",
        ),
    },
    {
        why: "a root volume type that is never free",
        args: { ...SSH, rootVolumeType: "io2" },
        message: one('rootVolumeType "io2" is not a free-tier volume type; use "gp3" or "gp2"'),
    },
    {
        why: "elasticIp as a string",
        args: { ...SSH, elasticIp: "yes" },
        message: one('elasticIp "yes" is not true or false'),
    },
    {
        why: "an empty Name tag",
        args: { ...SSH, tags: { Name: "  " } },
        message: one('tags.Name "  " is empty; leave it out to use the component\'s name'),
    },
    {
        why: "a tag that is not a string",
        args: { ...SSH, tags: { Cost: 5 } },
        message: one("tags.Cost 5 is not a string"),
    },
    {
        why: "a misspelt arg (sshAllowedCidr), naming the arg it means",
        args: { sshAllowedCidr: ["203.0.113.10/32"] },
        message:
            header() +
            [
                "  - sshAllowedCidr is not an arg of FreeTierServer; did you mean sshAllowedCidrs?",
                '  - sshAllowedCidrs must be a list of CIDR blocks such as ["203.0.113.7/32"] (or [] for no SSH), got nothing',
            ].join("\n"),
    },
    {
        why: "a misspelt optional arg (appPort), which would otherwise leave the default port open",
        args: { ...SSH, appPort: [3000] },
        message: one("appPort is not an arg of FreeTierServer; did you mean appPorts?"),
    },
    {
        why: "an arg named as Python spells it (root_volume_size_gb)",
        args: { ...SSH, root_volume_size_gb: 20 },
        message: one("root_volume_size_gb is not an arg of FreeTierServer; did you mean rootVolumeSizeGb?"),
    },
    {
        why: "a part of an arg's name (volumeSize)",
        args: { ...SSH, volumeSize: 20 },
        message: one("volumeSize is not an arg of FreeTierServer; did you mean rootVolumeSizeGb?"),
    },
    {
        why: "an arg it does not have, listing the ones it has",
        args: { ...SSH, region: "us-east-1" },
        message: one(
            "region is not an arg of FreeTierServer; its args are sshAllowedCidrs, access, appPorts, plan, instanceType, os, ami, rootVolumeSizeGb, rootVolumeType, publicKey, vpcId, subnetId, userData, elasticIp, budgetEmail, budgetUsd, tags",
        ),
    },
    {
        why: 'sshAllowedCidrs with access "ssm", naming both',
        args: { ...SSH, access: "ssm" },
        message: one(
            'sshAllowedCidrs is set with access "ssm", which opens no SSH port at all; leave sshAllowedCidrs out, or use access "ssh"',
        ),
    },
    {
        why: 'a public key with access "ssm", naming both, without repeating the key',
        args: { access: "ssm", publicKey: MY_PUBLIC_KEY },
        message: one(
            'publicKey is set with access "ssm", which connects through Session Manager with no SSH key and creates no key pair; leave publicKey out, or use access "ssh"',
        ),
    },
    {
        why: 'a public key with access "instance-connect", naming both',
        args: { access: "instance-connect", publicKey: MY_PUBLIC_KEY },
        message: one(
            'publicKey is set with access "instance-connect", which pushes a one-time key for each connection and creates no key pair; leave publicKey out, or use access "ssh"',
        ),
    },
    {
        why: 'sshAllowedCidrs and a public key with access "instance-connect", each named with it',
        args: { ...SSH, access: "instance-connect", publicKey: MY_PUBLIC_KEY },
        message:
            header() +
            [
                `  - sshAllowedCidrs is set with access "instance-connect", which opens SSH only to AWS's EC2 Instance Connect range for the Region; leave sshAllowedCidrs out, or use access "ssh"`,
                '  - publicKey is set with access "instance-connect", which pushes a one-time key for each connection and creates no key pair; leave publicKey out, or use access "ssh"',
            ].join("\n"),
    },
    {
        why: "an access mode that is not one, naming the one meant",
        args: { ...SSH, access: "SSM" },
        message: one('access "SSM" is not a way in; use "ssh", "instance-connect", "ssm"; did you mean "ssm"?'),
    },
    {
        why: 'no sshAllowedCidrs with access "ssh" (the default)',
        args: { access: "ssh" },
        message: one(
            'sshAllowedCidrs must be a list of CIDR blocks such as ["203.0.113.7/32"] (or [] for no SSH), got nothing',
        ),
    },
    {
        why: "a budgetEmail that is not an e-mail address",
        args: { ...SSH, budgetEmail: "me at example.com" },
        message: one(
            'budgetEmail "me at example.com" is not an e-mail address such as "you@example.com" (one address, no spaces)',
        ),
    },
    {
        why: "two addresses in one budgetEmail",
        args: { ...SSH, budgetEmail: "me@example.com,you@example.com" },
        message: one(
            'budgetEmail "me@example.com,you@example.com" is not an e-mail address such as "you@example.com" (one address, no spaces)',
        ),
    },
    {
        why: "a budgetUsd of zero, negative, or in fractions of a cent",
        args: { ...SSH, budgetEmail: "me@example.com", budgetUsd: 0.005 },
        message: one(
            "budgetUsd 0.005 is not a monthly limit in US dollars; use whole cents from 0.01 (a zero-spend budget) to 1000000",
        ),
    },
    {
        why: "a budgetUsd as a string",
        args: { ...SSH, budgetEmail: "me@example.com", budgetUsd: "5" },
        message: one(
            'budgetUsd "5" is not a monthly limit in US dollars; use whole cents from 0.01 (a zero-spend budget) to 1000000',
        ),
    },
    {
        why: "a budgetUsd without budgetEmail, naming both",
        args: { ...SSH, budgetUsd: 5 },
        message: one("budgetUsd 5 is set without budgetEmail, the address the budget alerts; set budgetEmail too"),
    },
    {
        why: "a shortened IPv4 address (10.1/32), which AWS does not read",
        args: { sshAllowedCidrs: ["10.1/32"] },
        message: one(`sshAllowedCidrs[0] "10.1/32" ${NOT_AWS_SPELLING}`),
    },
    {
        why: "an IPv4 address with a leading zero (010.0.0.1/32), octal to some readers and decimal to others",
        args: { sshAllowedCidrs: ["010.0.0.1/32"] },
        message: one(`sshAllowedCidrs[0] "010.0.0.1/32" ${NOT_AWS_SPELLING}`),
    },
    {
        why: "an IPv4 address as one hex number",
        args: { sshAllowedCidrs: ["0xcb00710a/32"] },
        message: one(`sshAllowedCidrs[0] "0xcb00710a/32" ${NOT_AWS_SPELLING}`),
    },
    {
        why: "a prefix length with a leading zero (/032)",
        args: { sshAllowedCidrs: ["203.0.113.10/032", "2001:db8::1/0128"] },
        message:
            header() +
            [
                `  - sshAllowedCidrs[0] "203.0.113.10/032" ${NOT_AWS_SPELLING}`,
                `  - sshAllowedCidrs[1] "2001:db8::1/0128" ${NOT_AWS_SPELLING}`,
            ].join("\n"),
    },
    {
        why: "a leading-zero /0 (0.0.0.0/00) as SSH open to the world",
        args: { sshAllowedCidrs: ["0.0.0.0/00"] },
        message: one(`sshAllowedCidrs "0.0.0.0/00" opens ${WORLD_V4}`),
    },
    {
        why: "an Output among sshAllowedCidrs, which cannot be checked before anything is created",
        wire: false,
        args: { sshAllowedCidrs: ["203.0.113.10/32", pulumi.output("198.51.100.7/32")] },
        message: one(
            "sshAllowedCidrs[1] is an Output (of another resource, or a secret), but FreeTierServer checks it before creating anything; pass a plain value, such as a literal or stack config",
        ),
    },
    {
        why: "sshAllowedCidrs as an Output, and a secret tag value",
        wire: false,
        args: { sshAllowedCidrs: pulumi.output(["203.0.113.10/32"]), tags: { Owner: pulumi.secret("me") } },
        message:
            header() +
            [
                "  - sshAllowedCidrs is an Output (of another resource, or a secret), but FreeTierServer checks it before creating anything; pass a plain value, such as a literal or stack config",
                "  - tags.Owner is an Output (of another resource, or a secret), but FreeTierServer checks it before creating anything; pass a plain value, such as a literal or stack config",
            ].join("\n"),
    },
    {
        why: "an instance type, os and volume type in other case or with spaces, naming the value meant",
        args: { ...SSH, instanceType: " T3.micro", os: "Amazon-Linux-2023", rootVolumeType: "GP3 " },
        message:
            header() +
            [
                '  - instanceType " T3.micro" is not written as AWS names instance types (a family and a size, such as "t3.micro"); did you mean "t3.micro"?',
                '  - os "Amazon-Linux-2023" is not supported; use "amazon-linux-2023" or "amazon-linux-2"; did you mean "amazon-linux-2023"?',
                '  - rootVolumeType "GP3 " is not a free-tier volume type; use "gp3" or "gp2"; did you mean "gp3"?',
            ].join("\n"),
    },
    {
        why: "an empty ami, which would reach EC2 as no AMI",
        args: { ...SSH, ami: "" },
        message: one('ami "" is empty; leave it out to use the latest AMI of os'),
    },
    {
        why: "an AMI name for ami",
        args: { ...SSH, ami: "al2023-ami-2023.6.20250115.0-kernel-6.1-x86_64" },
        message: one(
            'ami "al2023-ami-2023.6.20250115.0-kernel-6.1-x86_64" is not an AMI id such as "ami-0123456789abcdef0"',
        ),
    },
    {
        why: "a subnet id for vpcId and a VPC id for subnetId",
        args: { ...SSH, vpcId: "subnet-0123456789abcdef0", subnetId: "vpc-0123456789abcdef0" },
        message:
            header() +
            [
                '  - vpcId "subnet-0123456789abcdef0" is not a VPC id such as "vpc-0123456789abcdef0"',
                '  - subnetId "vpc-0123456789abcdef0" is not a subnet id such as "subnet-0123456789abcdef0"',
            ].join("\n"),
    },
    {
        why: "a private key for publicKey, without repeating it",
        args: { ...SSH, publicKey: PRIVATE_KEY },
        message: one(
            'publicKey is a private key; pass its public key (the .pub file, "ssh-ed25519 AAAA... you@host") and keep the private key to yourself',
        ),
    },
    {
        why: "an ECDSA public key, which EC2 does not import",
        args: { ...SSH, publicKey: "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTY= me@laptop" },
        message: one(
            'publicKey "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTIt..." is not an OpenSSH ssh-rsa or ssh-ed25519 public key, the kinds EC2 imports, such as "ssh-ed25519 AAAA... you@host"',
        ),
    },
    {
        why: "an empty publicKey",
        args: { ...SSH, publicKey: " " },
        message: one('publicKey " " is empty; leave it out to generate a key pair'),
    },
    {
        why: "userData over EC2's 16 KB",
        args: { ...SSH, userData: `#!/bin/sh\n${"#".repeat(16 * 1024)}` },
        message: one("userData is 16394 bytes; EC2 takes at most 16384 (16 KB)"),
    },
    {
        why: "a userData that is not a string",
        args: { ...SSH, userData: ["#!/bin/sh"] },
        message: one('userData ["#!/bin/sh"] is not a string'),
    },
    {
        why: "tags AWS refuses (an aws: key, an empty key, a value over 256 characters), in key order",
        args: { ...SSH, tags: { "aws:createdBy": "me", "": "x", Notes: "n".repeat(257) } },
        message:
            header() +
            [
                '  - tags has an empty key ""; AWS refuses it',
                "  - tags.Notes is 257 characters long; AWS takes at most 256",
                '  - tags.aws:createdBy begins with "aws:", which AWS keeps for its own tags',
            ].join("\n"),
    },
    {
        why: "a resource name longer than a Name tag can be",
        name: "w".repeat(257),
        args: SSH,
        message: `${header("w".repeat(257))}  - the resource name is 257 characters long; it becomes the Name tag, and AWS takes at most 256`,
    },
    {
        why: "a resource as a tag value, named, not walked into",
        wire: false,
        args: { ...SSH, tags: { Owner: new pulumi.DependencyResource("urn:pulumi:dev::p::aws:ec2/eip:Eip::office") } },
        message: one("tags.Owner is a resource, where FreeTierServer takes a plain value"),
    },
    {
        why: "no args at all",
        wire: false,
        args: undefined,
        message: one('args are required: at least sshAllowedCidrs, such as { sshAllowedCidrs: ["203.0.113.7/32"] }'),
    },
    {
        why: "an empty name",
        wire: false,
        name: "",
        args: SSH,
        message: `${header("")}  - the resource name "" is empty; it becomes the Name tag`,
    },
    {
        why: "several problems at once, each listed",
        args: { sshAllowedCidrs: ["0.0.0.0/0"], instanceType: "m5.large", rootVolumeSizeGb: 100 },
        message:
            header() +
            [
                `  - sshAllowedCidrs "0.0.0.0/0" opens ${WORLD_V4}`,
                '  - instanceType "m5.large" does not launch on the free plan: EC2 refuses types that are not free-tier eligible; use one of t3.micro, t3.small, t4g.micro, t4g.small, c7i-flex.large, m7i-flex.large, or set plan "paid-plan" if your account is on the paid plan',
                "  - rootVolumeSizeGb 100 is outside what FreeTierServer builds; use a whole number of GB from 8 (the AMI's size) to 30 (the guide's disk)",
            ].join("\n"),
    },
];
