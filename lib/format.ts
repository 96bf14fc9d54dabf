/** Shows a value in a message the way the user wrote it: strings quoted, the rest as JSON. */
export function show(value: unknown): string {
    if (value === undefined) {
        return "nothing";
    }
    if (typeof value === "number" || typeof value === "boolean" || value === null) {
        return String(value);
    }
    try {
        return JSON.stringify(value) ?? String(value);
    } catch {
        return String(value);
    }
}
