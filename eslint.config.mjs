import js from "@eslint/js";
import tseslint from "typescript-eslint";
import drizzle from "eslint-plugin-drizzle";
import reactHooks from "eslint-plugin-react-hooks";

// Import boundaries (lib/README.md, components/README.md, app/README.md). Each entry is a
// @typescript-eslint/no-restricted-imports pattern; `allowTypeImports` lets `import type` through,
// since types vanish at build and carry no query or server code.
const DATABASE = [
  {
    group: ["drizzle-orm", "drizzle-orm/*"],
    message: "Only lib/data queries the database: add or reuse a function in lib/data/<area>.ts.",
  },
  {
    group: ["@/db/client", "**/db/client"],
    allowTypeImports: true,
    message: "Only lib/data holds the database handle: call a lib/data function (lib/data/connection.ts re-exports the handle's path and default).",
  },
  {
    regex: "^(@/|(\\.\\./)+)db/schema(/(?!enums$).+)?$",
    allowTypeImports: true,
    message: "Tables belong to lib/data; outside it import the enums from @/db/schema/enums (or types only).",
  },
  {
    group: ["@/db/seed", "@/db/seed/*", "@/db/migrate", "@/db/check", "**/db/seed/*", "**/db/migrate", "**/db/check"],
    message: "Seeding, migrating and checking the database belong to lib/data (or the CLI and scripts).",
  },
];
const COMPONENTS = [
  {
    group: ["@/components", "@/components/*", "**/components/*"],
    message: "lib/ never imports components/: move the helper into lib (formatting is lib/format, labels lib/labels).",
  },
];
const COMPONENT_LAYERS = [
  {
    group: ["@/lib/data", "@/lib/data/*", "**/lib/data/*"],
    allowTypeImports: true,
    message: "components/ receive plain props: load the data in the page, or move a route's own piece to app/(app)/<area>/_components.",
  },
  {
    group: ["@/app", "@/app/*", "**/app/*"],
    message: "components/ hold shared pieces only: a component that calls a route's actions lives beside it in app/(app)/<area>/_components.",
  },
];
const restrict = (...groups) => ["error", { patterns: groups.flat() }];

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
  // The CLI (lib/cli) is an entry point like scripts/: it opens, migrates and seeds databases.
  {
    files: ["lib/**/*.{ts,tsx}"],
    ignores: ["lib/data/**", "lib/cli/**"],
    rules: { "@typescript-eslint/no-restricted-imports": restrict(DATABASE, COMPONENTS) },
  },
  {
    files: ["lib/data/**/*.{ts,tsx}", "lib/cli/**/*.{ts,tsx}"],
    rules: { "@typescript-eslint/no-restricted-imports": restrict(COMPONENTS) },
  },
  {
    files: ["app/**/*.{ts,tsx}"],
    rules: { "@typescript-eslint/no-restricted-imports": restrict(DATABASE) },
  },
  {
    files: ["components/**/*.{ts,tsx}"],
    rules: { "@typescript-eslint/no-restricted-imports": restrict(DATABASE, COMPONENT_LAYERS) },
  },
);
