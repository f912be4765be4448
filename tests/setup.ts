import { beforeAll, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";

// Every test file runs in its own process with its own in-memory database built from the real migrations.
process.env.DATABASE_PATH = ":memory:";

/** The signed-in user for server actions under test; set with `actAs` from tests/factories. */
export const testSession: { user: SessionUser | null } = { user: null };
(globalThis as { __waymarkTestSession?: typeof testSession }).__waymarkTestSession = testSession;

vi.mock("@/lib/auth/session", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/auth/session")>();
  const session = () => (globalThis as unknown as { __waymarkTestSession: { user: SessionUser | null } }).__waymarkTestSession;
  return {
    ...original,
    getCurrentUser: async () => session().user,
    requireUser: async () => {
      const u = session().user;
      if (!u) throw new Error("NEXT_REDIRECT:/sign-in");
      return u;
    },
  };
});

vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

beforeAll(async () => {
  const { getConnection } = await import("@/db/client");
  const { migrateDatabase } = await import("@/db/migrate");
  migrateDatabase(getConnection().db);
});
