// The port is a string where a number goes: TypeScript refuses it, so `pulumi preview` stops
// before anything is registered (unless type-checking is switched off).
import * as pulumi from "@pulumi/pulumi";

const port: number = "8080";

export const url = pulumi.interpolate`http://localhost:${port}`;
