import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { auditLog } from "@/db/schema";
import { defineRoute, definePublicRoute, download } from "@/lib/actions/define-route";
import { BusyError, ConflictError, DatabaseFaultError, ForbiddenError, httpStatus, NotFoundError, ValidationError } from "@/lib/errors";
import { actAs, createOnePerRole, ensureTestSchool } from "../factories";

describe("httpStatus", () => {
  it.each([
    [new ForbiddenError(), 403],
    [new NotFoundError("That strand"), 404],
    [new ValidationError("Enter a date."), 400],
    [new ConflictError(), 409],
    [new BusyError(), 503],
    [Object.assign(new Error("database is locked"), { code: "SQLITE_BUSY" }), 503],
    [new DatabaseFaultError("full"), 503],
    [Object.assign(new Error("disk full"), { code: "SQLITE_FULL" }), 503],
    [new Error("a real failure"), null],
    ["not even an error", null],
  ])("%s → %s", (error, status) => {
    expect(httpStatus(error)).toBe(status);
  });
});

describe("defineRoute", () => {
  let people: ReturnType<typeof createOnePerRole>;
  beforeAll(() => {
    ensureTestSchool();
    people = createOnePerRole();
  });

  const throwing = (error: unknown) =>
    defineRoute({
      verb: "plan.read",
      signIn: "Sign in to download the plan.",
      handler: () => {
        throw error;
      },
    });
  const req = () => new Request("http://localhost/example");

  it("answers a signed-out caller 401 with what to do, and never runs the handler", async () => {
    let ran = false;
    const route = defineRoute({ verb: "plan.read", signIn: "Sign in to download the plan.", handler: () => ((ran = true), new Response("ok")) });
    actAs(null);
    const res = await route(req());
    expect(res.status).toBe(401);
    expect(await res.text()).toBe("Sign in to download the plan.");
    expect(ran).toBe(false);
  });

  it("asks the policy for the verb: a refused role gets 403 with the route's sentence", async () => {
    const route = defineRoute({ verb: "observation.read", owns: true, signIn: "Sign in.", refused: "You do not have permission to see this.", handler: () => new Response("ok") });
    actAs(people.governor);
    const refused = await route(req());
    expect(refused.status).toBe(403);
    expect(await refused.text()).toBe("You do not have permission to see this.");
    actAs(people.staff);
    expect((await route(req())).status).toBe(200);
  });

  it("passes the route's params and the actor to the handler", async () => {
    const route = defineRoute<{ id: string }>({ verb: "plan.read", signIn: "Sign in.", handler: ({ params, actor }) => new Response(`${params.id} by ${actor.name}`) });
    actAs(people.slt);
    const res = await route(req(), { params: Promise.resolve({ id: "abc" }) });
    expect(await res.text()).toBe(`abc by ${people.slt.name}`);
  });

  it("maps a known error to its status and message; a refusal never says more", async () => {
    actAs(people.headteacher);
    const missing = await throwing(new NotFoundError("That academic year"))(req());
    expect([missing.status, await missing.text()]).toEqual([404, "That academic year was not found."]);
    const forbidden = await throwing(new ForbiddenError("That strand belongs to someone else."))(req());
    expect([forbidden.status, await forbidden.text()]).toEqual([403, "You do not have permission to do that."]);
    const busy = await throwing(new BusyError())(req());
    expect([busy.status, await busy.text()]).toEqual([503, new BusyError().message]);
  });

  it("answers an unknown failure 500 with a reference, not its message", async () => {
    actAs(people.headteacher);
    const original = console.error;
    console.error = () => undefined;
    try {
      const res = await throwing(new Error("secret internals"))(req());
      expect(res.status).toBe(500);
      const text = await res.text();
      expect(text).toMatch(/quote reference [0-9a-f]{8}/);
      expect(text).not.toContain("secret internals");
    } finally {
      console.error = original;
    }
  });

  it("a public route maps errors the same way", async () => {
    actAs(null);
    const route = definePublicRoute({
      handler: () => {
        throw new NotFoundError("That feed");
      },
    });
    const res = await route(req());
    expect([res.status, await res.text()]).toEqual([404, "That feed was not found."]);
  });

  it("download() sends an uncached attachment and writes the download to the audit log", async () => {
    const res = download({
      body: "a,b\n",
      filename: "example.csv",
      contentType: "text/csv; charset=utf-8",
      audit: { actor: { id: people.slt.id, name: people.slt.name }, area: "monitoring", entityType: "example-csv", entityId: "x", summary: "downloaded example.csv" },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Disposition")).toBe('attachment; filename="example.csv"');
    expect(res.headers.get("Cache-Control")).toBe("private, no-store");
    expect(await res.text()).toBe("a,b\n");
    const rows = db.select().from(auditLog).where(eq(auditLog.entityType, "example-csv")).all();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ verb: "download", area: "monitoring", entityId: "x", userId: people.slt.id });
  });
});
