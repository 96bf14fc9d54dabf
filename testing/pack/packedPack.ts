/**
 * free-tier-guard as `pulumi policy publish` ships it and as the Pulumi CLI installs it for a
 * policy group: `npm pack` in policy/ (the CLI reads the tarball's name from npm's stdout),
 * the tarball unpacked in an empty folder outside the repository, its production
 * dependencies installed there with npm. Shared by the packed-pack test and `npm run bench`.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export const POLICY_DIR = path.resolve(__dirname, "../../policy");

export interface PackedPack {
    /** The temporary folder that holds the tarball and the unpacked pack. */
    readonly root: string;
    /** The unpacked pack, installed: where the engine starts it. */
    readonly dir: string;
    /** What `npm pack --loglevel=error` printed on stdout (the CLI reads it as the tarball's name). */
    readonly packStdout: string;
    readonly tarball: string;
    /** The tarball's size in bytes. */
    readonly tarballBytes: number;
    /** Every file of the package, relative to the package root, as unpacked. */
    readonly files: string[];
    /** The unpacked files' sizes added up, in bytes. */
    readonly unpackedBytes: number;
    /** Milliseconds spent in `npm install --omit=dev`. */
    readonly installMs: number;
    /** Removes the temporary folder. */
    remove(): void;
}

/** npm as the test runner got it (`npm test` sets npm_execpath), else the one on PATH. */
export function npm(args: string[], cwd: string): string {
    const cli = process.env.npm_execpath;
    const [command, argv] = cli && /npm-cli\.js$/.test(cli) ? [process.execPath, [cli, ...args]] : ["npm", args];
    // Nothing may point npm or node back at the repository: no NODE_PATH, and none of the
    // settings an enclosing `npm test` passes down (npm_config_local_prefix is the repository),
    // except where npm's cache and the user's npm config files are.
    const keep = new Set(["npm_config_cache", "npm_config_userconfig", "npm_config_globalconfig"]);
    const env = Object.fromEntries(
        Object.entries(process.env).filter(([k]) => k !== "NODE_PATH" && (!/^npm_/i.test(k) || keep.has(k))),
    );
    return execFileSync(command, argv, { cwd, env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

/** Every regular file under `dir`, relative to it, with "/" between folders. */
export function filesUnder(dir: string, base = dir): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
            return filesUnder(full, base);
        }
        return entry.isFile() ? [path.relative(base, full).split(path.sep).join("/")] : [];
    });
}

/** The files under `dir` added up, in bytes. */
export function bytesUnder(dir: string): number {
    return filesUnder(dir).reduce((sum, f) => sum + fs.statSync(path.join(dir, f)).size, 0);
}

/** Packs policy/ as `pulumi policy publish` does, unpacks it in a temporary folder and installs it. */
export function packAndInstall(): PackedPack {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "free-tier-guard-packed-"));
    const remove = () => fs.rmSync(root, { recursive: true, force: true });
    try {
        const packStdout = npm(["pack", "--loglevel=error", "--pack-destination", root], POLICY_DIR);
        const tarball = path.join(root, packStdout.trim());
        execFileSync("tar", ["-xzf", tarball, "-C", root]);
        const dir = path.join(root, "package");
        const files = filesUnder(dir).sort();
        const unpackedBytes = bytesUnder(dir);
        const started = process.hrtime.bigint();
        // After the repository's `npm ci`, every tarball is in npm's cache.
        npm(["install", "--omit=dev", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"], dir);
        const installMs = Number(process.hrtime.bigint() - started) / 1e6;
        return {
            root,
            dir,
            packStdout,
            tarball,
            tarballBytes: fs.statSync(tarball).size,
            files,
            unpackedBytes,
            installMs,
            remove,
        };
    } catch (err) {
        remove();
        throw err;
    }
}
