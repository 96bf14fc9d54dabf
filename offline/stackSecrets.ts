/**
 * The stack's secrets, opened as the Pulumi CLI's passphrase secrets provider opens them: a
 * stack file's `encryptionsalt` ("v1:<salt>:v1:<nonce>:<sealed 'pulumi'>") and the passphrase
 * from `PULUMI_CONFIG_PASSPHRASE` (or the file `PULUMI_CONFIG_PASSPHRASE_FILE` names) make the
 * key (PBKDF2-SHA256, 1,000,000 rounds, 32 bytes); each `secure: v1:<nonce>:<sealed>` value is
 * AES-256-GCM under it. A stack kept by another secrets provider (a cloud KMS, Pulumi Cloud), or
 * run with no passphrase, has no opener here: its secure values stay masked.
 */
import * as crypto from "node:crypto";
import * as fs from "node:fs";

/** Opens one `secure:` value of a config key; throws with the CLI's message when it cannot. */
export type SecretOpener = (ciphertext: string, key: string) => string;

/** The CLI's words for a passphrase that does not open the stack's secrets. */
export const INCORRECT_PASSPHRASE = "getting stack configuration: get stack secrets manager: incorrect passphrase";

const KEY_ROUNDS = 1_000_000;
const KEY_BYTES = 32;
const TAG_BYTES = 16;

/** The passphrase the CLI would use, from the environment; undefined when none is set. */
function passphraseOf(env: Readonly<Record<string, string | undefined>>): string | undefined {
    if (env.PULUMI_CONFIG_PASSPHRASE !== undefined) {
        return env.PULUMI_CONFIG_PASSPHRASE;
    }
    const file = env.PULUMI_CONFIG_PASSPHRASE_FILE;
    if (file === undefined) {
        return undefined;
    }
    try {
        return fs.readFileSync(file, "utf8").trim();
    } catch (err) {
        throw new Error(`unable to read PULUMI_CONFIG_PASSPHRASE_FILE: ${(err as Error).message}`);
    }
}

/** "v1:<nonce>:<sealed>" opened with `key`; throws "bad value" or the cipher's error. */
function open(key: Buffer, value: string): string {
    const parts = value.split(":");
    if (parts.length !== 3) {
        throw new Error("bad value");
    }
    if (parts[0] !== "v1") {
        throw new Error("unknown value version");
    }
    const nonce = Buffer.from(parts[1], "base64");
    const sealed = Buffer.from(parts[2], "base64");
    if (nonce.length !== 12 || sealed.length < TAG_BYTES) {
        throw new Error("bad value: nonce size is incorrect");
    }
    const decipher = crypto.createDecipheriv("aes-256-gcm", key, nonce);
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()]).toString(
        "utf8",
    );
}

function keyOf(passphrase: string, salt: Buffer): Buffer {
    return crypto.pbkdf2Sync(passphrase, salt, KEY_ROUNDS, KEY_BYTES, "sha256");
}

/**
 * The opener for a stack file's secure values, or undefined when they cannot be opened here (no
 * passphrase set, or a secrets provider other than the passphrase). Throws, with the CLI's
 * message, for a passphrase that does not open the stack's `encryptionsalt`.
 */
export function stackSecretOpener(
    stackDoc: Readonly<Record<string, unknown>>,
    env: Readonly<Record<string, string | undefined>>,
): SecretOpener | undefined {
    const provider = stackDoc.secretsprovider;
    const salt = stackDoc.encryptionsalt;
    if ((provider !== undefined && provider !== "passphrase") || typeof salt !== "string") {
        return undefined;
    }
    const passphrase = passphraseOf(env);
    if (passphrase === undefined) {
        return undefined;
    }
    const parts = salt.split(":");
    if (parts.length < 3 || parts[0] !== "v1") {
        throw new Error(
            `encryptionsalt ${JSON.stringify(salt)} is malformed (expected "v1:<salt>:v1:<nonce>:<value>")`,
        );
    }
    const key = keyOf(passphrase, Buffer.from(parts[1], "base64"));
    let check: string | undefined;
    try {
        check = open(key, parts.slice(2).join(":"));
    } catch {
        check = undefined;
    }
    if (check !== "pulumi") {
        throw new Error(INCORRECT_PASSPHRASE);
    }
    return (ciphertext, configKey) => {
        try {
            return open(key, ciphertext);
        } catch (err) {
            throw new Error(`failed to decrypt configuration key '${configKey}': ${(err as Error).message}`);
        }
    };
}

/** Why a stack's secure values stay masked here, and what would open them, as one clause. */
export function whyMasked(stackDoc: Readonly<Record<string, unknown>>): string {
    const provider = stackDoc.secretsprovider;
    if (provider !== undefined && provider !== "passphrase") {
        return `the stack's secrets provider (${String(provider)}) is not opened offline, where \`pulumi preview\` decrypts them with it`;
    }
    if (typeof stackDoc.encryptionsalt === "string") {
        return "set PULUMI_CONFIG_PASSPHRASE (or PULUMI_CONFIG_PASSPHRASE_FILE) to the stack's passphrase to decrypt them as `pulumi preview` does";
    }
    return "the stack keeps no encryptionsalt, so Pulumi Cloud's secrets manager holds their key, which is not opened offline";
}
