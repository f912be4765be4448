import js from "@eslint/js";
import tseslint from "typescript-eslint";
import drizzle from "eslint-plugin-drizzle";
import reactHooks from "eslint-plugin-react-hooks";

export default tseslint.config(
  { ignores: [".next/**", "node_modules/**", "data/**", "db/migrations/**", "test-results/**", "next-env.d.ts"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.js", "**/*.cjs"],
    languageOptions: { sourceType: "commonjs", globals: { process: "readonly", module: "writable", require: "readonly", __dirname: "readonly" } },
  },
  // React's rules of hooks and the React Compiler's checks (purity, refs, state set in effects…).
  reactHooks.configs.flat["recommended-latest"],
  {
    // Type-aware rules: a promise is awaited or handled, and never passed where a plain callback is expected.
    files: ["**/*.ts", "**/*.tsx"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
    },
  },
  {
    plugins: { drizzle },
    rules: {
      "drizzle/enforce-delete-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
      "drizzle/enforce-update-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Every multi-statement write takes the write lock at BEGIN and retries when the database is busy:
    // lib/data/transaction.ts's writeTransaction is the one place that opens a transaction.
    files: ["lib/**/*.ts", "lib/**/*.tsx", "app/**/*.ts", "app/**/*.tsx", "db/**/*.ts", "scripts/**/*.ts"],
    ignores: ["lib/data/transaction.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "CallExpression[callee.type='MemberExpression'][callee.property.name='transaction']",
          message: "Write through writeTransaction(db, fn) from lib/data/transaction: it takes the write lock at BEGIN and retries when the database is busy.",
        },
      ],
    },
  },
);
