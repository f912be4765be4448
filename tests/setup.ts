import { beforeAll, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session-rules";
import { pinTestClock } from "./clock-pin";

// The clock is pinned (WAYMARK_NOW, default the demo's day) so no test depends on the real date.
pinTestClock();

// Every test file runs in its own process with its own in-memory database built from the real migrations.
process.env.DATABASE_PATH = ":memory:";

/** The signed-in user for server actions under test; set with `actAs` from tests/factories. */
export const testSession: { user: SessionUser | null } = { user: null };
(globalThis as { __waymarkTestSession?: typeof testSession }).__waymarkTestSession = testSession;

vi.mock("@/lib/auth/session", async () => {
  const { can } = await import("@/lib/policy");
  const { ACCOUNT_SETUP_PENDING, accountSetupPending, routeRefusal } = await import("@/lib/auth/session-rules");
  const session = () => (globalThis as unknown as { __waymarkTestSession: { user: SessionUser | null } }).__waymarkTestSession;
  const requireUser = async ({ duringAccountSetup = false }: { duringAccountSetup?: boolean } = {}) => {
    const u = session().user;
    if (!u) throw Object.assign(new Error("NEXT_REDIRECT"), { digest: "NEXT_REDIRECT;replace;/sign-in;307;" });
    if (!duringAccountSetup && accountSetupPending(u)) throw Object.assign(new Error("NEXT_REDIRECT"), { digest: "NEXT_REDIRECT;replace;/account/setup;307;" });
    return u;
  };
  return {
    ACCOUNT_SETUP_PENDING,
    accountSetupPending,
    getCurrentUser: async () => session().user,
    routeUser: async (signInMessage: string) => routeRefusal(session().user, signInMessage) ?? session().user!,
    requireUser,
    requirePermission: async (verb: Parameters<typeof can>[1], owns?: boolean) => {
      const u = await requireUser();
      if (!can(u, verb, owns)) throw Object.assign(new Error("NEXT_HTTP_ERROR_FALLBACK;403"), { digest: "NEXT_HTTP_ERROR_FALLBACK;403" });
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
