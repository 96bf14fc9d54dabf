/**
 * A passphrase stack's secrets written as `pulumi stack init --secrets-provider passphrase`
 * writes them, for stacks a test makes: written here, apart from `offline/stackSecrets.ts`, so
 * that what opens them is checked against a separate writer. The format, from pulumi/pulumi
 * pkg/secrets/passphrase/manager.go and sdk/go/common/resource/config/crypt.go: the key is
 * PBKDF2-SHA256 of the passphrase over an 8-byte salt, 1,000,000 rounds, 32 bytes; a sealed
 * value is "v1:<12-byte nonce>:<AES-256-GCM ciphertext and tag>", base64; the stack's
 * `encryptionsalt` is "v1:<salt>:" and the word "pulumi" sealed under the key.
 */
import * as crypto from "node:crypto";

/** A new passphrase stack's `encryptionsalt`, and a sealer for its `secure:` values. */
export function newPassphraseSecrets(passphrase: string): {
    readonly encryptionsalt: string;
    readonly seal: (plaintext: string) => string;
} {
    const salt = crypto.randomBytes(8);
    const key = crypto.pbkdf2Sync(passphrase, salt, 1_000_000, 32, "sha256");
    const seal = (plaintext: string): string => {
        const nonce = crypto.randomBytes(12);
        const cipher = crypto.createCipheriv("aes-256-gcm", key, nonce);
        const sealed = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]);
        return `v1:${nonce.toString("base64")}:${sealed.toString("base64")}`;
    };
    return { encryptionsalt: `v1:${salt.toString("base64")}:${seal("pulumi")}`, seal };
}
