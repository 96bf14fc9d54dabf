/**
 * CIDR parsing and coverage, shared by the component's validation and the policy pack.
 * Parsing is ipaddr.js's (every IPv4/IPv6 spelling); coverage is interval arithmetic on the
 * parsed ranges.
 */
import * as ipaddr from "ipaddr.js";

export type IpFamily = "ipv4" | "ipv6";

export interface ParsedCidr {
    /** What was given, untouched. */
    readonly text: string;
    readonly family: IpFamily;
    readonly prefixLength: number;
    /** First and last address of the block, as integers. */
    readonly first: bigint;
    readonly last: bigint;
    /** The block's canonical spelling: network address (host bits cleared) and prefix. */
    readonly canonical: string;
    /** True when the address has bits set past the prefix ("10.0.0.1/8"). */
    readonly hostBitsSet: boolean;
}

const FAMILY_BITS: Readonly<Record<IpFamily, number>> = { ipv4: 32, ipv6: 128 };

/** A human name for a family's whole address space, for messages. */
export const WHOLE_SPACE: Readonly<Record<IpFamily, string>> = {
    ipv4: "the whole IPv4 internet",
    ipv6: "the whole IPv6 internet",
};

function toBigInt(bytes: number[]): bigint {
    let value = 0n;
    for (const byte of bytes) {
        value = (value << 8n) | BigInt(byte);
    }
    return value;
}

function fromBigInt(value: bigint, family: IpFamily): string {
    const bytes: number[] = [];
    for (let i = 0; i < FAMILY_BITS[family] / 8; i++) {
        bytes.unshift(Number(value & 0xffn));
        value >>= 8n;
    }
    return ipaddr.fromByteArray(bytes).toString();
}

/**
 * Parses a CIDR block in any spelling ipaddr.js accepts ("::0/0", "0000:...:0000/0",
 * "1.0.0.0/0"). Returns undefined for anything that is not a CIDR block (a bare address, a
 * zone id, a prefix past the family's width).
 */
export function parseCidr(text: string): ParsedCidr | undefined {
    if (typeof text !== "string") {
        return undefined;
    }
    let address: ipaddr.IPv4 | ipaddr.IPv6;
    let prefixLength: number;
    try {
        [address, prefixLength] = ipaddr.parseCIDR(text.trim());
    } catch {
        return undefined;
    }
    if (address.kind() === "ipv6" && (address as ipaddr.IPv6).zoneId !== undefined) {
        return undefined;
    }
    const family = address.kind() as IpFamily;
    const bits = BigInt(FAMILY_BITS[family]);
    const hostBits = bits - BigInt(prefixLength);
    const value = toBigInt(address.toByteArray());
    const hostMask = (1n << hostBits) - 1n;
    const first = value & ~hostMask;
    const last = first | hostMask;
    return {
        text,
        family,
        prefixLength,
        first,
        last,
        canonical: `${fromBigInt(first, family)}/${prefixLength}`,
        hostBitsSet: value !== first,
    };
}

const OCTET = "(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
const DOTTED_QUAD = `${OCTET}(?:\\.${OCTET}){3}`;
const PREFIX = "/(?:0|[1-9][0-9]{0,2})";
const STANDARD_IPV4 = new RegExp(`^${DOTTED_QUAD}${PREFIX}$`);
const STANDARD_IPV6 = new RegExp(`^[0-9A-Fa-f:]*(?::${DOTTED_QUAD})?${PREFIX}$`);

/**
 * Whether a CIDR block that {@link parseCidr} reads is written as AWS reads CIDR blocks: IPv4
 * as four decimal numbers without leading zeros, not one of the shortened, octal or hex forms
 * ipaddr.js also reads ("10.1/32", "010.0.0.1/32", "0xa000001/32"), and a decimal prefix
 * without leading zeros. Whitespace around the block is allowed.
 */
export function isStandardSpelling(text: string): boolean {
    const trimmed = text.trim();
    return (trimmed.includes(":") ? STANDARD_IPV6 : STANDARD_IPV4).test(trimmed);
}

/**
 * Which whole address spaces the union of these blocks covers. `["0.0.0.0/1",
 * "128.0.0.0/1"]` covers IPv4; any "/0" covers its family. Blocks of other families and
 * strings that are not CIDR blocks add nothing.
 */
export function worldCoveredBy(blocks: readonly ParsedCidr[]): IpFamily[] {
    const covered: IpFamily[] = [];
    for (const family of ["ipv4", "ipv6"] as const) {
        const ranges = blocks
            .filter((b) => b.family === family)
            .sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
        const end = (1n << BigInt(FAMILY_BITS[family])) - 1n;
        // Walk the sorted ranges; `next` is the first address not yet covered.
        let next = 0n;
        for (const range of ranges) {
            if (range.first > next) {
                break;
            }
            if (range.last >= next) {
                next = range.last + 1n;
            }
        }
        if (next > end) {
            covered.push(family);
        }
    }
    return covered;
}
