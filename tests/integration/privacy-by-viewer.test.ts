import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { classes, classTeachers, monitoringFoci, observations, visits } from "@/db/schema";
import { CLI_ACTOR } from "@/lib/data/audit";
import { listObservationsAwaitingResponse } from "@/lib/data/monitoring";
import { getPupilRecord, importPupils, listPupils } from "@/lib/data/pupils";
import { listPersistentlyAbsentPupils } from "@/lib/data/attendance";
import { getCurrentYear, listTerms, type TermWithYear } from "@/lib/data/school";
import { createStrand, getPlanDocument, getStrandDetail, listEvidenceCandidates, listStrandMonitoring, saveReview } from "@/lib/data/sip";
import { ForbiddenError } from "@/lib/errors";
import type { PolicyUser } from "@/lib/policy";
import { createOnePerRole, createTestUser, ensureTestSchool } from "../factories";

/*
 * The data layer decides what each viewer may see (SPEC §1): these call the lib/data functions that can
 * return named or pupil-level records directly, as each role, so no page has to remember the filter.
 */

let u: ReturnType<typeof createOnePerRole>;
let observed: ReturnType<typeof createTestUser>;
let oakTeacher: ReturnType<typeof createTestUser>;
let yearId: string;
let autumn: TermWithYear;
let strandId: string;
let observationId: string;
let governorVisitId: string;
let adviserVisitId: string;
let oakPupilId: string;
let ashPupilId: string;

const HEADER = "upn,first_name,last_name,year_group,class,gender,disadvantaged,fsm,sen,eal,looked_after";
const upn = (i: number) => `Q${String(300000000000 + i).slice(-11)}${i % 10}`;

beforeAll(() => {
  ensureTestSchool();
  u = createOnePerRole();
  observed = createTestUser({ role: "staff", name: "Olwen Observed" });
  oakTeacher = createTestUser({ role: "staff", name: "Oak Teacher" });
  yearId = getCurrentYear().id;
  autumn = listTerms({ academicYearId: yearId })[0]!;
  const actor = { id: u.headteacher.id, name: u.headteacher.name };
  strandId = createStrand({
    academicYearId: yearId,
    values: { title: "Reading", rationale: "Because.", leadId: u.slt.id, linkGovernorId: u.governor.id, areaKeys: [], developmentPointIds: [] },
    actor,
  }).id;
  observationId = db.insert(observations).values({ termId: autumn.id, date: autumn.startDate, teacherId: observed.id, yearGroup: "Y4", subject: "reading" }).returning().get().id;
  governorVisitId = db
    .insert(visits)
    .values({ kind: "governor", termId: autumn.id, date: autumn.startDate, visitorId: u.governor.id, visitType: "Link governor visit", purpose: "Reading" })
    .returning()
    .get().id;
  adviserVisitId = db
    .insert(visits)
    .values({ kind: "adviser", termId: autumn.id, date: autumn.startDate, visitorId: u.adviser.id, visitType: "Adviser visit", purpose: "Reading" })
    .returning()
    .get().id;
  for (const [recordType, recordId] of [
    ["observation", observationId],
    ["visit", governorVisitId],
    ["visit", adviserVisitId],
  ] as const) {
    db.insert(monitoringFoci).values({ recordType, recordId, strandId }).run();
  }
  saveReview({
    strandId,
    termId: autumn.id,
    id: null,
    version: null,
    values: { rag: "amber", progress: "Started", impact: "Some", nextSteps: "More", reviewerId: u.slt.id, reviewedOn: autumn.endDate },
    evidenceKeys: listEvidenceCandidates({ strandId, termId: autumn.id, viewer: u.headteacher }).map((c) => c.key),
    evidenceUrls: [{ label: "Reading policy", url: "https://example.org/policy" }],
    actor,
    today: autumn.endDate,
  });

  const lines = [HEADER];
  for (let i = 1; i <= 4; i++) lines.push(`${upn(i)},Kid${i},Surname${i},4,${i <= 2 ? "Oak" : "Ash"},F,N,N,N,N,N`);
  importPupils({ csv: lines.join("\n"), academicYear: getCurrentYear().name, actor: CLI_ACTOR });
  const oak = db
    .select()
    .from(classes)
    .all()
    .find((c) => c.name === "Oak" && c.academicYearId === yearId)!;
  db.insert(classTeachers).values({ classId: oak.id, userId: oakTeacher.id }).run();
  const all = listPupils({ academicYearId: yearId, limit: 100, viewer: u.headteacher }).rows;
  oakPupilId = all.find((p) => p.upn === upn(1))!.id;
  ashPupilId = all.find((p) => p.upn === upn(3))!.id;
});

const evidenceTypes = (viewer: PolicyUser) =>
  getStrandDetail({ id: strandId, viewer })
    .reviews[0]!.evidence.map((e) => e.targetType)
    .sort();

describe("a strand's review evidence", () => {
  it("lists cited visits to leaders, governors and advisers, but not to staff (labels included)", () => {
    for (const viewer of [u.headteacher, u.slt, u.governor, u.adviser]) expect(evidenceTypes(viewer), viewer.role).toEqual(["document", "observation", "visit", "visit"]);
    expect(evidenceTypes(u.staff)).toEqual(["document", "observation"]);
    const asStaff = JSON.stringify(getStrandDetail({ id: strandId, viewer: u.staff }).reviews);
    expect(asStaff).not.toContain("visit");
  });

  it("marks the cited observation as the viewer's own only for the observed teacher", () => {
    const subjectFlag = (viewer: PolicyUser) => getStrandDetail({ id: strandId, viewer }).reviews[0]!.evidence.find((e) => e.targetType === "observation")!.viewerIsSubject;
    expect(subjectFlag(observed)).toBe(true);
    expect(subjectFlag(u.staff)).toBe(false);
    expect(subjectFlag(u.headteacher)).toBe(false);
  });

  it("leaves visits out of the printable plan and Word export data for staff", () => {
    const types = (viewer: typeof u.staff) => getPlanDocument({ academicYearId: yearId, viewer }).strands.flatMap((s) => s.reviews.flatMap((r) => r.evidence.map((e) => e.targetType)));
    expect(types(u.staff)).not.toContain("visit");
    expect(types(u.governor).filter((t) => t === "visit")).toHaveLength(2);
  });
});

describe("the monitoring that tested a strand", () => {
  it("leaves visits out for staff, and describes observations identifiably only to leaders", () => {
    const kinds = (viewer: typeof u.staff) =>
      listStrandMonitoring({ strandId, termId: autumn.id, viewer })
        .map((m) => m.recordType)
        .sort();
    expect(kinds(u.staff)).toEqual(["observation"]);
    expect(kinds(u.governor)).toEqual(["observation", "visit", "visit"]);
    const label = (viewer: typeof u.staff) => listStrandMonitoring({ strandId, termId: autumn.id, viewer }).find((m) => m.recordType === "observation")!.label;
    // Leaders may read the observation itself, so they get its subject and year group in full.
    expect(label(u.headteacher)).toBe("Reading, Year 4");
    for (const viewer of [u.headteacher, u.staff, u.governor, u.adviser]) {
      expect(JSON.stringify(listStrandMonitoring({ strandId, termId: autumn.id, viewer }))).not.toContain(observed.name);
    }
  });

  it("offers as review evidence only what the viewer may list", () => {
    expect(listEvidenceCandidates({ strandId, termId: autumn.id, viewer: u.staff }).map((c) => c.targetType)).not.toContain("visit");
    expect(listEvidenceCandidates({ strandId, termId: autumn.id, viewer: u.slt }).filter((c) => c.targetType === "visit")).toHaveLength(2);
  });
});

describe("pupils by name", () => {
  it("lists every pupil to leaders, a teacher's own classes to staff, and refuses governors and advisers", () => {
    const upns = (viewer: typeof u.staff) =>
      listPupils({ academicYearId: yearId, limit: 100, viewer })
        .rows.map((p) => p.upn)
        .sort();
    expect(upns(u.headteacher)).toEqual([upn(1), upn(2), upn(3), upn(4)]);
    expect(upns(u.slt)).toHaveLength(4);
    expect(upns(oakTeacher)).toEqual([upn(1), upn(2)]);
    expect(upns(u.staff)).toEqual([]);
    for (const viewer of [u.governor, u.adviser]) expect(() => listPupils({ academicYearId: yearId, viewer }), viewer.role).toThrow(ForbiddenError);
  });

  it("gives a pupil's record to leaders and their teacher, refusing anyone else alike whether or not the pupil exists", () => {
    expect(getPupilRecord({ id: oakPupilId, viewer: u.headteacher })!.pupil.upn).toBe(upn(1));
    expect(getPupilRecord({ id: oakPupilId, viewer: oakTeacher })!.pupil.upn).toBe(upn(1));
    expect(() => getPupilRecord({ id: ashPupilId, viewer: oakTeacher })).toThrow(ForbiddenError);
    expect(() => getPupilRecord({ id: "no-such-pupil", viewer: oakTeacher })).toThrow(ForbiddenError);
    expect(getPupilRecord({ id: "no-such-pupil", viewer: u.headteacher })).toBeNull();
    for (const viewer of [u.governor, u.adviser]) expect(() => getPupilRecord({ id: oakPupilId, viewer }), viewer.role).toThrow(ForbiddenError);
  });

  it("names persistently absent pupils to leaders and teachers only, within a teacher's own classes", () => {
    expect(listPersistentlyAbsentPupils({ termId: autumn.id, viewer: u.headteacher })).toMatchObject({ scope: "all" });
    expect(listPersistentlyAbsentPupils({ termId: autumn.id, viewer: oakTeacher })).toMatchObject({ scope: "own" });
    expect(listPersistentlyAbsentPupils({ termId: autumn.id, viewer: u.staff })).toEqual({ pupils: [], total: 0, scope: "own" });
    expect(listPersistentlyAbsentPupils({ termId: autumn.id, viewer: u.governor })).toBeNull();
    expect(listPersistentlyAbsentPupils({ termId: autumn.id, viewer: u.adviser })).toBeNull();
  });
});

describe("observations awaiting a response", () => {
  it("are only ever the viewer's own", () => {
    expect(listObservationsAwaitingResponse({ viewer: observed }).map((o) => o.id)).toEqual([observationId]);
    for (const viewer of [u.headteacher, u.staff, u.governor]) expect(listObservationsAwaitingResponse({ viewer }), viewer.role).toEqual([]);
  });
});
