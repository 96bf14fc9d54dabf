/**
 * Where in the user's program a resource was made: the line a verdict points at.
 *
 * Every registration carries the SDK's `sourcePosition` (the caller of `new ...`) and the call
 * stack. A resource the program makes itself points at its own `new`; a component's child
 * points at the line that made the component (`new FreeTierServer(...)` in index.ts), not at a
 * line inside the component's code or in node_modules: a child whose own position is outside
 * the program, or whose call stack passes through the line that made its parent, is located
 * where its parent is, up to the outermost component so made.
 */
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { RegisteredResource, SourcePosition } from "./engineServer";

/** A place in the program, its file relative to the project folder (with `/`). */
export interface Location {
    readonly file: string;
    readonly line: number;
    readonly column: number;
}

/** `index.ts:7:16`. */
export function locationText(l: Location): string {
    return `${l.file}:${l.line}:${l.column}`;
}

function fileOf(uri: string): string | undefined {
    try {
        return uri.startsWith("file:") ? fileURLToPath(uri) : path.isAbsolute(uri) ? uri : undefined;
    } catch {
        return undefined;
    }
}

/** The position as a location in the project, or undefined when it is outside it or in node_modules. */
export function inProgram(position: SourcePosition | undefined, projectDir: string): Location | undefined {
    const file = position && fileOf(position.uri);
    if (!file || !position.line) {
        return undefined;
    }
    const relative = path.relative(projectDir, file);
    const parts = relative.split(path.sep);
    if (relative === "" || parts[0] === ".." || path.isAbsolute(relative) || parts.includes("node_modules")) {
        return undefined;
    }
    return { file: parts.join("/"), line: position.line, column: position.column };
}

const same = (a: SourcePosition, b: SourcePosition) => a.uri === b.uri && a.line === b.line && a.column === b.column;

/** Each resource's location in the program, by URN; resources with none are left out. */
export function locateResources(resources: readonly RegisteredResource[], projectDir: string): Map<string, Location> {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const found = new Map<string, Location | undefined>();
    const locate = (r: RegisteredResource, seen: Set<string>): Location | undefined => {
        if (found.has(r.urn)) {
            return found.get(r.urn);
        }
        seen.add(r.urn);
        const own = inProgram(r.sourcePosition, projectDir);
        const parent = byUrn.get(r.parent);
        // The stack is no component: what it parents is the program's own.
        const component =
            parent && !parent.custom && parent.parent !== "" && !seen.has(parent.urn) ? parent : undefined;
        let location = own;
        if (component) {
            const madeInside =
                !own ||
                (component.sourcePosition !== undefined &&
                    (r.stackTrace ?? []).some((frame) => same(frame, component.sourcePosition!)));
            if (madeInside) {
                location = locate(component, seen) ?? own;
            }
        }
        found.set(r.urn, location);
        return location;
    };
    const out = new Map<string, Location>();
    for (const r of resources) {
        const l = locate(r, new Set());
        if (l) {
            out.set(r.urn, l);
        }
    }
    return out;
}
