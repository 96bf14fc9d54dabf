// ESLint: typescript-eslint's recommended rules with type information, plus Pulumi's rule
// against Outputs in template literals (they print "Calling [toString] on an [Output<T>]").
import pulumi from "@pulumi/eslint-plugin";
import tseslint from "typescript-eslint";

export default tseslint.config(
    { ignores: ["**/node_modules/**", "dist/**", "policy/bin/**", "freetier/bin/**", "**/*.js", "**/*.mjs"] },
    ...tseslint.configs.recommended,
    {
        files: ["**/*.ts"],
        languageOptions: {
            parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
        },
        plugins: { "@pulumi": pulumi },
        rules: {
            "@pulumi/no-output-in-template-literal": "error",
            "@pulumi/no-output-instance-in-template-literal": "error",
            "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
        },
    },
    {
        // Tests, their shared doubles, benchmarks and the offline engine handle untyped protobuf and mock payloads.
        files: ["test/**/*.ts", "testing/**/*.ts", "offline/**/*.ts", "scripts/**/*.ts"],
        rules: {
            "@typescript-eslint/no-explicit-any": "off",
            "@typescript-eslint/no-require-imports": "off",
        },
    },
);
