import fs from "node:fs";
import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

// The import boundaries in eslint.config.mjs, checked against a deliberately wrong import for each
// rule (and a right one beside it), so a change to the config that stops enforcing one fails here.
// The example files do not exist, so the type-aware rules (which need each file in the TypeScript
// project) are turned off here; the import rules need no types.
const eslint = new ESLint({
  cwd: path.resolve(import.meta.dirname, "../.."),
  overrideConfig: {
    languageOptions: { parserOptions: { projectService: false } },
    rules: { "@typescript-eslint/no-floating-promises": "off", "@typescript-eslint/no-misused-promises": "off" },
  },
});
const RULE = "@typescript-eslint/no-restricted-imports";

async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport const used = [x];\n`, { filePath });
  expect(result, filePath).toBeDefined();
  // A file ESLint could not parse would have no rule messages at all: fail on it rather than pass.
  expect(
    result!.messages.filter((m) => m.fatal),
    filePath,
  ).toEqual([]);
  return result!.messages.filter((m) => m.ruleId === RULE).map((m) => m.message);
}

const wrong: { rule: string; file: string; code: string; says: RegExp }[] = [
  { rule: "drizzle outside lib/data", file: "lib/analytics/example.ts", code: `import { eq as x } from "drizzle-orm";`, says: /Only lib\/data queries the database/ },
  { rule: "drizzle in a page", file: "app/(app)/plan/example/page.tsx", code: `import { sql as x } from "drizzle-orm";`, says: /Only lib\/data queries the database/ },
  { rule: "the database handle in a page", file: "app/(app)/plan/page-example.tsx", code: `import { db as x } from "@/db/client";`, says: /Only lib\/data holds the database handle/ },
  { rule: "the handle by a relative path", file: "lib/notify/example.ts", code: `import { db as x } from "../../db/client";`, says: /Only lib\/data holds the database handle/ },
  { rule: "a table outside lib/data", file: "lib/validation/example.ts", code: `import { sefs as x } from "@/db/schema";`, says: /Tables belong to lib\/data/ },
  { rule: "a table file outside lib/data", file: "components/ppm/example.tsx", code: `import { progressMeetings as x } from "@/db/schema/ppm";`, says: /Tables belong to lib\/data/ },
  { rule: "seeding from an action", file: "app/(public)/setup/example.ts", code: `import { seedDemo as x } from "@/db/seed/demo";`, says: /Seeding, migrating and checking/ },
  { rule: "lib importing components", file: "lib/report/example.ts", code: `import { Tag as x } from "@/components/ui/tag";`, says: /lib\/ never imports components\// },
  { rule: "lib/data importing components", file: "lib/data/example.ts", code: `import { Tag as x } from "@/components/ui/tag";`, says: /lib\/ never imports components\// },
  { rule: "a type from components in lib", file: "lib/labels/example.ts", code: `import type { Tone as x } from "@/components/ui/tag";`, says: /lib\/ never imports components\// },
  { rule: "a component loading data", file: "components/plan/example.tsx", code: `import { listUsers as x } from "@/lib/data/users";`, says: /components\/ receive plain props/ },
  {
    rule: "a component calling a route's action",
    file: "components/plan/example.tsx",
    code: `import { createStrandAction as x } from "@/app/(app)/plan/actions";`,
    says: /components\/ hold shared pieces only/,
  },
  {
    rule: "a component importing a route's piece",
    file: "components/example.tsx",
    code: `import type { StrandFormOptions as x } from "@/app/(app)/plan/_components/strand-form";`,
    says: /components\/ hold shared pieces only/,
  },
];

const right: { rule: string; file: string; code: string }[] = [
  { rule: "drizzle in lib/data", file: "lib/data/example.ts", code: `import { eq as x } from "drizzle-orm";` },
  { rule: "tables in lib/data", file: "lib/data/example.ts", code: `import { sefs as x } from "@/db/schema";` },
  { rule: "enums anywhere", file: "components/plan/example.tsx", code: `import { RAGS as x } from "@/db/schema/enums";` },
  { rule: "a handle's type", file: "lib/notify/example.ts", code: `import type { DbOrTx as x } from "@/db/client";` },
  { rule: "a table row's type", file: "lib/analytics/example.ts", code: `import type { Role as x } from "@/db/schema";` },
  { rule: "the handle re-exported by lib/data", file: "lib/notify/example.ts", code: `import { db as x } from "@/lib/data/connection";` },
  { rule: "a page loading data", file: "app/(app)/plan/example/page.tsx", code: `import { listUsers as x } from "@/lib/data/users";` },
  { rule: "a route's component calling its actions", file: "app/(app)/plan/_components/example.tsx", code: `import { createStrandAction as x } from "@/app/(app)/plan/actions";` },
  { rule: "a component typed by what lib/data returns", file: "components/pupils/example.tsx", code: `import type { PupilListRow as x } from "@/lib/data/pupils";` },
  { rule: "a component formatting", file: "components/ui/example.tsx", code: `import { formatDate as x } from "@/lib/format";` },
  { rule: "lib formatting", file: "lib/report/example.ts", code: `import { formatDate as x } from "@/lib/format";` },
  { rule: "the CLI opening a database", file: "lib/cli/example.ts", code: `import { openDatabase as x } from "@/db/client";` },
  { rule: "a script querying", file: "scripts/example.ts", code: `import { eq as x } from "drizzle-orm";` },
  { rule: "a test querying", file: "tests/integration/example.test.ts", code: `import { eq as x } from "drizzle-orm";` },
];

describe("import boundaries", () => {
  it.each(wrong)("refuses $rule ($file)", async ({ file, code, says }) => {
    const errors = await boundaryErrors(file, code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(says);
  });

  it.each(right)("allows $rule ($file)", async ({ file, code }) => {
    expect(await boundaryErrors(file, code)).toEqual([]);
  });
});

// Modules that read the database or build documents are marked `import "server-only"`, so a client
// component that reaches one fails the build. lib/report's pure modules (labels, term keys, types,
// charts' SVG, comparisons, suggestions) stay importable from the browser.
const root = path.resolve(import.meta.dirname, "../..");
const SERVER_ONLY_DIRS = ["lib/data"];
const SERVER_ONLY_FILES = [
  "lib/actions/define-route.ts",
  "lib/auth/session.ts",
  "lib/notify/events.ts",
  "lib/notify/run.ts",
  "lib/report/access.ts",
  "lib/report/assemble.ts",
  "lib/report/docx.ts",
  "lib/report/meeting-docx.ts",
  "lib/report/page-guard.ts",
  "lib/report/sections/attainment.ts",
  "lib/report/sections/attendance.ts",
  "lib/report/sections/monitoring.ts",
  "lib/report/sections/progress-meetings.ts",
  "lib/report/sections/context.ts",
  "lib/report/sections/governance.ts",
  "lib/report/sections/plan.ts",
  "lib/report/sections/self-evaluation.ts",
  "lib/report/sections/summary.ts",
];

describe("server-only marks", () => {
  const files = [
    ...SERVER_ONLY_DIRS.flatMap((dir) =>
      fs
        .readdirSync(path.join(root, dir), { recursive: true, encoding: "utf8" })
        .filter((f) => /\.tsx?$/.test(f))
        .map((f) => `${dir}/${f}`),
    ),
    ...SERVER_ONLY_FILES,
  ];

  it("covers the data layer", () => {
    expect(files).toContain("lib/data/school.ts");
    expect(files.length).toBeGreaterThan(20);
  });

  it.each(files)("%s imports server-only", (file) => {
    expect(fs.readFileSync(path.join(root, file), "utf8")).toMatch(/^import "server-only";$/m);
  });
});
