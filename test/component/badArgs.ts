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

const NOT_A_CIDR = 'is not an IPv4 or IPv6 CIDR block such as "203.0.113.7/32" or "2001:db8::1/128"';
const NO_CIDR_LIST = 'sshAllowedCidrs must be a list of CIDR blocks such as ["203.0.113.7/32"] (or [] for no SSH), got';
const NOT_A_PORT = "is not a TCP port; use a whole number from 1 to 65535";
const NOT_ON_FREE_PLAN =
    'does not launch on the free plan: EC2 refuses types that are not free-tier eligible; use one of t3.micro, t3.small, t4g.micro, t4g.small, c7i-flex.large, m7i-flex.large, or set plan "paid-plan" if your account is on the paid plan';
const ROOT_SIZE =
    "is outside what FreeTierServer builds; use a whole number of GB from 8 (the AMI's size) to 30 (the guide's disk)";
const NOT_AN_EMAIL = 'is not an e-mail address such as "you@example.com" (one address, no spaces)';
const NOT_A_LIMIT = "is not a monthly limit in US dollars; use whole cents from 0.01 (a zero-spend budget) to 1000000";
const AN_OUTPUT =
    "is an Output (of another resource, or a secret), but FreeTierServer checks it before creating anything; pass a plain value, such as a literal or stack config";

/** One SSH block that is the whole IPv4 or IPv6 internet, however it is written. */
const world = (why: string, cidr: string, internet: string): BadCase => ({
    why,
    args: { sshAllowedCidrs: [cidr] },
    message: one(`sshAllowedCidrs "${cidr}" opens ${internet}`),
});

/**
 * A list arg whose only item is refused (beside `others`): the message names it by its index and
 * shows it as JSON, a string quoted and a number bare.
 */
const badItem = (why: string, arg: string, item: unknown, problem: string, others: object = {}): BadCase => ({
    why,
    args: { ...others, [arg]: [item] },
    message: one(`${arg}[0] ${JSON.stringify(item)} ${problem}`),
});

/** One arg's bad value beside the guide's SSH block (and `others`), shown in the message as JSON. */
const badValue = (why: string, arg: string, value: unknown, problem: string, others: object = {}): BadCase => ({
    why,
    args: { ...SSH, ...others, [arg]: value },
    message: one(`${arg} ${JSON.stringify(value)} ${problem}`),
});

export const BAD_ARGS: BadCase[] = [
    world("SSH from 0.0.0.0/0", "0.0.0.0/0", WORLD_V4),
    world("SSH from ::/0", "::/0", WORLD_V6),
    world("SSH from a /0 written with another address", "1.0.0.0/0", WORLD_V4),
    world("SSH from ::/0 spelled 0::/0", "0::/0", WORLD_V6),
    world("SSH from ::/0 spelled out in full", "0000:0000:0000:0000:0000:0000:0000:0000/0", WORLD_V6),
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
    badItem("a CIDR that does not parse", "sshAllowedCidrs", "203.0.113.300/32", NOT_A_CIDR),
    badItem("a prefix too long for IPv4", "sshAllowedCidrs", "203.0.113.10/33", NOT_A_CIDR),
    badItem(
        "a bare address without a prefix",
        "sshAllowedCidrs",
        "203.0.113.10",
        'is an address, not a CIDR block; write "203.0.113.10/32" for that one address',
    ),
    badItem(
        "host bits past the prefix",
        "sshAllowedCidrs",
        "203.0.113.10/24",
        'has bits set past its /24 prefix, which AWS refuses; did you mean "203.0.113.0/24"?',
    ),
    {
        why: "the same block twice",
        args: { sshAllowedCidrs: ["203.0.113.10/32", "203.0.113.10/32"] },
        message: one('sshAllowedCidrs[1] "203.0.113.10/32" repeats sshAllowedCidrs[0]'),
    },
    { why: "sshAllowedCidrs missing", args: {}, message: one(`${NO_CIDR_LIST} nothing`) },
    {
        why: "sshAllowedCidrs as one string",
        args: { sshAllowedCidrs: "203.0.113.10/32" },
        message: one(`${NO_CIDR_LIST} "203.0.113.10/32"`),
    },
    badItem("a number among the CIDRs", "sshAllowedCidrs", 32, NOT_A_CIDR),
    {
        why: "app port 22",
        args: { ...SSH, appPorts: [8080, 22] },
        message: one("appPorts[1] 22 would open SSH to the whole internet; SSH is reached only from sshAllowedCidrs"),
    },
    badItem("app port 0", "appPorts", 0, NOT_A_PORT, SSH),
    badItem("app port 65536", "appPorts", 65536, NOT_A_PORT, SSH),
    badItem("a fractional app port", "appPorts", 80.5, NOT_A_PORT, SSH),
    badItem("an app port as a string", "appPorts", "8080", NOT_A_PORT, SSH),
    {
        why: "a duplicated app port",
        args: { ...SSH, appPorts: [8080, 443, 8080] },
        message: one("appPorts[2] 8080 repeats appPorts[0]"),
    },
    badValue(
        "an instance type the free plan does not launch (the default plan)",
        "instanceType",
        "t3.large",
        NOT_ON_FREE_PLAN,
    ),
    badValue(
        "the guide's t2.micro on the free plan, where it no longer launches",
        "instanceType",
        "t2.micro",
        NOT_ON_FREE_PLAN,
        { plan: "free-plan" },
    ),
    badValue(
        "an instance type outside the legacy plan's free tier",
        "instanceType",
        "t3.large",
        'is not in the legacy plan\'s free tier (which ended for every account on 2026-07-15); use t2.micro or t3.micro, or set the plan your account is on ("free-plan" or "paid-plan")',
        { plan: "legacy" },
    ),
    badValue("a plan that is not one", "plan", "free", 'is not a plan; use "free-plan", "paid-plan", "legacy"'),
    badValue(
        "an instance type AWS would not recognise, even on the paid plan",
        "instanceType",
        "large",
        'is not written as AWS names instance types (a family and a size, such as "t3.micro")',
        { plan: "paid-plan" },
    ),
    badValue("an unknown os", "os", "ubuntu", 'is not supported; use "amazon-linux-2023" or "amazon-linux-2"'),
    badValue("40 GB of root volume", "rootVolumeSizeGb", 40, ROOT_SIZE),
    badValue("a root volume under the AMI's size", "rootVolumeSizeGb", 4, ROOT_SIZE),
    badValue("a fractional root volume", "rootVolumeSizeGb", 20.5, ROOT_SIZE),
    badValue(
        "a root volume type that is never free",
        "rootVolumeType",
        "io2",
        'is not a free-tier volume type; use "gp3" or "gp2"',
    ),
    badValue("elasticIp as a string", "elasticIp", "yes", "is not true or false"),
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
                `  - ${NO_CIDR_LIST} nothing`,
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
    badValue(
        "an access mode that is not one, naming the one meant",
        "access",
        "SSM",
        'is not a way in; use "ssh", "instance-connect", "ssm"; did you mean "ssm"?',
    ),
    {
        why: 'no sshAllowedCidrs with access "ssh" (the default)',
        args: { access: "ssh" },
        message: one(`${NO_CIDR_LIST} nothing`),
    },
    badValue("a budgetEmail that is not an e-mail address", "budgetEmail", "me at example.com", NOT_AN_EMAIL),
    badValue("two addresses in one budgetEmail", "budgetEmail", "me@example.com,you@example.com", NOT_AN_EMAIL),
    badValue("a budgetUsd of zero, negative, or in fractions of a cent", "budgetUsd", 0.005, NOT_A_LIMIT, {
        budgetEmail: "me@example.com",
    }),
    badValue("a budgetUsd as a string", "budgetUsd", "5", NOT_A_LIMIT, { budgetEmail: "me@example.com" }),
    badValue(
        "a budgetUsd without budgetEmail, naming both",
        "budgetUsd",
        5,
        "is set without budgetEmail, the address the budget alerts; set budgetEmail too",
    ),
    badItem(
        "a shortened IPv4 address (10.1/32), which AWS does not read",
        "sshAllowedCidrs",
        "10.1/32",
        NOT_AWS_SPELLING,
    ),
    badItem(
        "an IPv4 address with a leading zero (010.0.0.1/32), octal to some readers and decimal to others",
        "sshAllowedCidrs",
        "010.0.0.1/32",
        NOT_AWS_SPELLING,
    ),
    badItem("an IPv4 address as one hex number", "sshAllowedCidrs", "0xcb00710a/32", NOT_AWS_SPELLING),
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
    world("a leading-zero /0 (0.0.0.0/00) as SSH open to the world", "0.0.0.0/00", WORLD_V4),
    {
        why: "an Output among sshAllowedCidrs, which cannot be checked before anything is created",
        wire: false,
        args: { sshAllowedCidrs: ["203.0.113.10/32", pulumi.output("198.51.100.7/32")] },
        message: one(`sshAllowedCidrs[1] ${AN_OUTPUT}`),
    },
    {
        why: "sshAllowedCidrs as an Output, and a secret tag value",
        wire: false,
        args: { sshAllowedCidrs: pulumi.output(["203.0.113.10/32"]), tags: { Owner: pulumi.secret("me") } },
        message: header() + [`  - sshAllowedCidrs ${AN_OUTPUT}`, `  - tags.Owner ${AN_OUTPUT}`].join("\n"),
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
    badValue(
        "an empty ami, which would reach EC2 as no AMI",
        "ami",
        "",
        "is empty; leave it out to use the latest AMI of os",
    ),
    badValue(
        "an AMI name for ami",
        "ami",
        "al2023-ami-2023.6.20250115.0-kernel-6.1-x86_64",
        'is not an AMI id such as "ami-0123456789abcdef0"',
    ),
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
    badValue("an empty publicKey", "publicKey", " ", "is empty; leave it out to generate a key pair"),
    {
        why: "userData over EC2's 16 KB",
        args: { ...SSH, userData: `#!/bin/sh\n${"#".repeat(16 * 1024)}` },
        message: one("userData is 16394 bytes; EC2 takes at most 16384 (16 KB)"),
    },
    badValue("a userData that is not a string", "userData", ["#!/bin/sh"], "is not a string"),
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
                `  - instanceType "m5.large" ${NOT_ON_FREE_PLAN}`,
                `  - rootVolumeSizeGb 100 ${ROOT_SIZE}`,
            ].join("\n"),
    },
];
