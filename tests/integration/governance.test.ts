import { beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { answerChallengeAction, createChallengeAction, setChallengeStatusAction } from "@/app/(app)/governance/actions";
import { db } from "@/db/client";
import { auditLog, challenges, plans, strands } from "@/db/schema";
import { listChallenges, listChallengesForTerm, countChallenges } from "@/lib/data/governance";
import { actAs, createOnePerRole, createTestUser, ensureTestSchool } from "../factories";
import { expectRefused, refusedBy } from "./helpers";
import { expectFailed, expectOk } from "../assert";

let people: ReturnType<typeof createOnePerRole>;
let strandId: string;
let term: ReturnType<typeof ensureTestSchool>["term"];

beforeAll(() => {
  ({ term } = ensureTestSchool());
  people = createOnePerRole();
  const [plan] = db.insert(plans).values({ academicYearId: term.academicYearId, title: "Plan" }).returning().all();
  const [s] = db.insert(strands).values({ planId: plan!.id, title: "Writing across the school", leadId: people.slt.id }).returning().all();
  strandId = s!.id;
});

const question = () => ({
  question: "How do you know the writing interventions are working?",
  source: "meeting" as const,
  raisedOn: "2025-10-14",
  strandId,
  areaKey: "",
  reportId: "",
  reportSection: "" as const,
  visitId: "",
  ownerId: "",
});

describe("raising a challenge question", () => {
  it("a governor raises a question; the strand's lead owns it and it is audited", async () => {
    actAs(people.governor);
    const r = await createChallengeAction(question());
    expectOk(r);
    const row = db.select().from(challenges).where(eq(challenges.id, r.data.id)).get()!;
    expect(row).toMatchObject({ raisedById: people.governor.id, ownerId: people.slt.id, status: "open", termId: term.id });
    expect(db.select().from(auditLog).where(eq(auditLog.entityId, r.data.id)).all()).toHaveLength(1);
  });

  it("reports field errors: empty question, no link, bad date", async () => {
    actAs(people.governor);
    const r = await createChallengeAction({ ...question(), question: " ", strandId: "", raisedOn: "2025-13-45" });
    expectFailed(r);
    expect(Object.keys(r.fieldErrors ?? {})).toEqual(expect.arrayContaining(["question", "strandId", "raisedOn"]));
  });

  it("refuses a question on a report that is not published", async () => {
    actAs(people.governor);
    const r = await createChallengeAction({ ...question(), source: "report", reportId: "no-such-report", reportSection: "attainment" });
    expect(r).toMatchObject({ ok: false, fieldErrors: { reportId: expect.any(Array) } });
  });

  it("an owner must be a leader", async () => {
    actAs(people.headteacher);
    const r = await createChallengeAction({ ...question(), ownerId: people.staff.id });
    expect(r).toMatchObject({ ok: false, fieldErrors: { ownerId: expect.any(Array) } });
  });

  it("is refused to staff, SLT, advisers and signed-out callers", async () => {
    await expectRefused(createChallengeAction, question(), refusedBy("challenge.create", people));
  });
});

describe("answering and moving a question on", () => {
  async function raise() {
    actAs(people.governor);
    const r = await createChallengeAction(question());
    if (!r.ok) throw new Error("could not raise");
    return db.select().from(challenges).where(eq(challenges.id, r.data.id)).get()!;
  }

  it("a senior leader answers; the question becomes answered with who and when", async () => {
    const c = await raise();
    actAs(people.slt);
    const r = await answerChallengeAction({ id: c.id, version: c.version, answer: "Book looks in three classes show longer pieces.", status: "answered", ownerId: "" });
    expect(r).toMatchObject({ ok: true, data: { status: "answered" } });
    const row = db.select().from(challenges).where(eq(challenges.id, c.id)).get()!;
    expect(row).toMatchObject({ answeredById: people.slt.id, status: "answered", version: c.version + 1 });
    expect(row.answeredAt).toBeTruthy();
  });

  it("a stale version is refused with a conflict and nothing is overwritten", async () => {
    const c = await raise();
    actAs(people.headteacher);
    const first = await answerChallengeAction({ id: c.id, version: c.version, answer: "First answer", status: "answered", ownerId: "" });
    expect(first.ok).toBe(true);
    const second = await answerChallengeAction({ id: c.id, version: c.version, answer: "Second answer", status: "closed", ownerId: "" });
    expect(second).toMatchObject({ ok: false, formError: expect.stringContaining("changed by someone else") });
    expect(db.select().from(challenges).where(eq(challenges.id, c.id)).get()!.answer).toBe("First answer");
  });

  it("reports a field error for an empty answer", async () => {
    const c = await raise();
    actAs(people.headteacher);
    const r = await answerChallengeAction({ id: c.id, version: c.version, answer: "", status: "answered", ownerId: "" });
    expect(r).toMatchObject({ ok: false, fieldErrors: { answer: expect.any(Array) } });
  });

  it("answering is refused to staff, governors, advisers and signed-out callers", async () => {
    const c = await raise();
    await expectRefused(answerChallengeAction, { id: c.id, version: c.version, answer: "An answer", status: "answered", ownerId: "" }, refusedBy("challenge.answer", people));
  });

  it("the governor who asked may ask for follow-up or close it; another governor may not", async () => {
    const c = await raise();
    actAs(people.headteacher);
    await answerChallengeAction({ id: c.id, version: c.version, answer: "An answer", status: "answered", ownerId: "" });
    actAs(people.governor);
    const r = await setChallengeStatusAction({ id: c.id, version: c.version + 1, status: "follow_up" });
    expect(r).toMatchObject({ ok: true, data: { status: "follow_up" } });
    // The asker may not mark their own question answered: that is the leaders' word.
    const other = createTestUser({ role: "governor" });
    await expectRefused(setChallengeStatusAction, { id: c.id, version: c.version + 2, status: "closed" }, [other, people.staff, people.adviser, null]);
    actAs(people.governor);
    expect(await setChallengeStatusAction({ id: c.id, version: c.version + 2, status: "answered" })).toMatchObject({ ok: false });
  });

  it("status changes report a conflict on a stale version and a field error on a bad status", async () => {
    const c = await raise();
    actAs(people.slt);
    expect(await setChallengeStatusAction({ id: c.id, version: c.version + 5, status: "closed" })).toMatchObject({ ok: false, formError: expect.stringContaining("changed by someone else") });
    expect(await setChallengeStatusAction({ id: c.id, version: c.version, status: "nonsense" as never })).toMatchObject({ ok: false, fieldErrors: { status: expect.any(Array) } });
    expect(await setChallengeStatusAction({ id: c.id, version: c.version, status: "answered" })).toMatchObject({ ok: false, fieldErrors: { status: expect.any(Array) } });
  });
});

describe("listing", () => {
  it("counts by status and lists a term's questions for its report", () => {
    const counts = countChallenges({ termId: term.id });
    expect(counts.total).toBe(listChallenges({ termId: term.id }).length);
    expect(counts.total).toBeGreaterThan(0);
    const forReport = listChallengesForTerm({ termId: term.id });
    expect(forReport.every((c) => c.termId === term.id || c.status === "open" || c.status === "follow_up" || c.answeredAt)).toBe(true);
    expect(forReport.length).toBe(counts.total);
  });
});
