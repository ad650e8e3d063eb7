import eslintjs from "@eslint/js";
import powerApps from "@microsoft/eslint-plugin-power-apps";
import react from "eslint-plugin-react";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default [
  {
    ignores: ["**/generated/", "node_modules/", "out/", "Solutions/bin/", "Solutions/obj/", "coverage/"],
  },
  eslintjs.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["ApprovalPanel/**/*.{ts,tsx}"],
    plugins: {
      "@microsoft/power-apps": powerApps,
      react,
      "react-hooks": reactHooks,
    },
    languageOptions: {
      globals: { ...globals.browser, ComponentFramework: "readonly" },
    },
    settings: { react: { version: "16.14" } },
    rules: {
      // What the Power Apps checker runs on a solution.
      ...powerApps.configs.paCheckerHosted.rules,
      ...react.configs.recommended.rules,
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "error",
      "react/prop-types": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
    },
  },
  {
    // Layers: the pure logic (domain, solution reader, zip reader) imports no outer layer and no UI library, so it
    // stays testable without React or a host (docs/architecture.md).
    files: ["ApprovalPanel/domain/**/*.ts", "ApprovalPanel/solution/**/*.ts", "ApprovalPanel/artifact/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/components/**", "**/hooks/**", "**/app/**", "**/data/**", "**/host/**", "**/index"],
              message: "The pure layers import no outer layer.",
            },
            { group: ["react", "react-dom", "@fluentui/*"], message: "The pure layers import no UI library." },
          ],
        },
      ],
    },
  },
  {
    // Components take plain props and callbacks: Dataverse stays behind app/ (its use cases and ports).
    files: ["ApprovalPanel/components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["**/data/**"], message: "Components import no data module: go through app/." }] }],
    },
  },
  {
    // The use cases are plain TypeScript: no React, no components, no hooks.
    files: ["ApprovalPanel/app/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["**/components/**", "**/hooks/**", "**/index"], message: "app/ imports no UI layer." },
            { group: ["react", "react-dom", "@fluentui/*"], message: "app/ imports no UI library." },
          ],
        },
      ],
    },
  },
  {
    // Promises the panel forgets to await or handle lose a failure silently (a decision, a reload): type-aware checks.
    files: ["ApprovalPanel/**/*.{ts,tsx}"],
    languageOptions: {
      parserOptions: {
        // The lint test's probes (never on disk) are read in the default project; no real file is named like them.
        projectService: { allowDefaultProject: ["ApprovalPanel/*/lintProbe*.ts", "ApprovalPanel/*/*/lintProbe*.ts"] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
      "@typescript-eslint/await-thenable": "error",
      // A file past 300 lines usually holds two concerns (docs/contributing.md).
      "max-lines": ["warn", { max: 300 }],
    },
  },
  {
    files: ["__tests__/**/*.{ts,tsx}"],
    languageOptions: { globals: { ...globals.node, ...globals.jest, ...globals.browser, ComponentFramework: "readonly" } },
    rules: { "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }] },
  },
  {
    files: ["**/*.{js,mjs,cjs}"],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    // The fake host is CommonJS so that both jest (ts-jest, CommonJS) and the playground (node ESM) load it.
    files: ["fakehost/**/*.cjs"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
];
