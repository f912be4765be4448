import "server-only";
import { createHash } from "node:crypto";
import { and, asc, desc, eq, inArray, max, sql } from "drizzle-orm";
import { db as defaultDb, type DbOrTx } from "@/db/client";
import {
  academicYears,
  plans,
  pupils,
  sefAreas,
  sefDevelopmentPoints,
  sefs,
  sefVersions,
  strandSefLinks,
  strands,
  users,
} from "@/db/schema";
import { applicableAreas, scaleFor, type Framework, type FrameworkArea, type GradeScale } from "@/db/frameworks";
import { summariseContext } from "@/lib/analytics/sef-context";
import { SNAPSHOT_FORMAT, sefSnapshotSchema, type GradeTone, type SchoolContext, type SefSnapshot } from "@/lib/analytics/sef-snapshot";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { can, type PolicyUser } from "@/lib/policy";
import type { SefTextField } from "@/lib/validation/sef";
import { assertUpdated, bumpVersion, writeAudit, type Actor } from "./audit";
import { addEvidenceLink, listEvidenceLinksForOwners, removeEvidenceLink, removeEvidenceLinksOfOwners, type EvidenceLinkView, type EvidenceTarget } from "./evidence";
import { getAcademicYear, getFramework, getSchool, type AcademicYear } from "./school";
import { nowIso } from "@/lib/clock";
import { writeTransaction } from "./transaction";

export type Sef = typeof sefs.$inferSelect;
export type SefAreaRow = typeof sefAreas.$inferSelect;
export type DevelopmentPoint = typeof sefDevelopmentPoints.$inferSelect;

type StrandRef = { id: string; title: string };
type DevelopmentPointView = DevelopmentPoint & { strands: StrandRef[] };

type SefAreaView = {
  id: string;
  areaKey: string;
  name: string;
  prompts: string[];
  scale: GradeScale;
  grade: string | null;
  gradeLabel: string | null;
  gradeTone: GradeTone | null;
  gradeRank: number | null;
  strengths: string;
  version: number;
  updatedAt: string;
  updatedByName: string | null;
  developmentPoints: DevelopmentPointView[];
  evidence: EvidenceLinkView[];
};

export type SefDraft = {
  sef: Sef;
  year: AcademicYear;
  framework: Framework;
  areas: SefAreaView[];
  /** Areas of the SEF's framework that apply to the school but have no row yet (e.g. early years added later). */
  missingAreas: FrameworkArea[];
};

const now = nowIso;

// ---- Reading -----------------------------------------------------------------------------------

export function findSef({ academicYearId }: { academicYearId: string }, db: DbOrTx = defaultDb): Sef | null {
  return db.select().from(sefs).where(eq(sefs.academicYearId, academicYearId)).get() ?? null;
}

function getSef({ id }: { id: string }, db: DbOrTx = defaultDb): Sef {
  const row = db.select().from(sefs).where(eq(sefs.id, id)).get();
  if (!row) throw new NotFoundError("That self-evaluation");
  return row;
}

/** Every academic year, newest first, with whether it has a SEF and how many publications. */
export function listSefYears(db: DbOrTx = defaultDb) {
  const years = db.select().from(academicYears).orderBy(desc(academicYears.name)).all();
  const sefRows = db.select().from(sefs).all();
  const counts = db
    .select({ sefId: sefVersions.sefId, n: sql<number>`count(*)`, last: max(sefVersions.publishedAt) })
    .from(sefVersions)
    .groupBy(sefVersions.sefId)
    .all();
  return years.map((year) => {
    const sef = sefRows.find((s) => s.academicYearId === year.id) ?? null;
    const c = sef ? counts.find((x) => x.sefId === sef.id) : undefined;
    return { year, sef, versionCount: c?.n ?? 0, lastPublishedAt: c?.last ?? null };
  });
}

function gradeInfo(scale: GradeScale, grade: string | null) {
  const g = grade ? scale.grades.find((x) => x.id === grade) : undefined;
  return { gradeLabel: g?.label ?? null, gradeTone: g?.tone ?? null, gradeRank: g?.rank ?? null };
}

/** The strands that answer each development point: the golden thread from SEF to plan. */
function strandsForPoints(pointIds: string[], db: DbOrTx): Map<string, StrandRef[]> {
  const out = new Map<string, StrandRef[]>();
  if (pointIds.length === 0) return out;
  const rows = db
    .select({ pointId: strandSefLinks.developmentPointId, id: strands.id, title: strands.title })
    .from(strandSefLinks)
    .innerJoin(strands, eq(strandSefLinks.strandId, strands.id))
    .where(inArray(strandSefLinks.developmentPointId, pointIds))
    .orderBy(asc(strands.position), asc(strands.title))
    .all();
  for (const r of rows) {
    if (!r.pointId) continue;
    const list = out.get(r.pointId) ?? [];
    if (!list.some((s) => s.id === r.id)) list.push({ id: r.id, title: r.title });
    out.set(r.pointId, list);
  }
  return out;
}

/**
 * The live draft of a year's SEF: each applicable area of the SEF's framework with its grade,
 * strengths, development points (and the strands answering them) and evidence. Null if the year has
 * no SEF yet.
 */
export function getSefDraft({ academicYearId }: { academicYearId: string }, db: DbOrTx = defaultDb): SefDraft | null {
  const sef = findSef({ academicYearId }, db);
  if (!sef) return null;
  const year = getAcademicYear({ id: academicYearId }, db);
  const framework = getFramework({ id: sef.frameworkId }, db);
  const school = getSchool(db);
  const applicable = applicableAreas(framework, school);
  const rows = db
    .select({ area: sefAreas, updatedByName: users.name })
    .from(sefAreas)
    .leftJoin(users, eq(sefAreas.updatedById, users.id))
    .where(eq(sefAreas.sefId, sef.id))
    .all();
  const areaIds = rows.map((r) => r.area.id);
  const points = areaIds.length
    ? db.select().from(sefDevelopmentPoints).where(inArray(sefDevelopmentPoints.sefAreaId, areaIds)).orderBy(asc(sefDevelopmentPoints.position)).all()
    : [];
  const strandMap = strandsForPoints(
    points.map((p) => p.id),
    db,
  );
  const evidence = listEvidenceLinksForOwners({ ownerType: "sef_area", ownerIds: areaIds }, db);
  const areas: SefAreaView[] = [];
  const missingAreas: FrameworkArea[] = [];
  // Framework order, not insertion order; rows for areas that no longer apply are left out.
  for (const def of applicable) {
    const r = rows.find((x) => x.area.areaKey === def.id);
    if (!r) {
      missingAreas.push(def);
      continue;
    }
    const scale = scaleFor(framework, def);
    areas.push({
      id: r.area.id,
      areaKey: def.id,
      name: def.name,
      prompts: def.prompts,
      scale,
      grade: r.area.grade,
      ...gradeInfo(scale, r.area.grade),
      strengths: r.area.strengths,
      version: r.area.version,
      updatedAt: r.area.updatedAt,
      updatedByName: r.updatedByName,
      developmentPoints: points.filter((p) => p.sefAreaId === r.area.id).map((p) => ({ ...p, strands: strandMap.get(p.id) ?? [] })),
      evidence: evidence.filter((e) => e.ownerId === r.area.id),
    });
  }
  return { sef, year, framework, areas, missingAreas };
}

/**
 * The school-context numbers for a year, computed from the pupils table: never typed, so they always
 * agree with the pupil data. Null when no pupils are recorded for the year.
 */
export function computeSchoolContext({ academicYearId }: { academicYearId: string }, db: DbOrTx = defaultDb): SchoolContext {
  const rows = db
    .select({ disadvantaged: pupils.disadvantaged, sen: pupils.sen, eal: pupils.eal, gender: pupils.gender })
    .from(pupils)
    .where(eq(pupils.academicYearId, academicYearId))
    .all();
  return summariseContext(rows);
}

/** A draft as the frozen snapshot a publication stores. */
export function snapshotOfDraft(draft: SefDraft, context: SchoolContext): SefSnapshot {
  return {
    format: SNAPSHOT_FORMAT,
    academicYear: draft.year.name,
    framework: { id: draft.framework.id, name: draft.framework.name },
    overallSummary: draft.sef.overallSummary,
    contextNotes: draft.sef.contextNotes,
    context,
    areas: draft.areas.map((a) => ({
      key: a.areaKey,
      name: a.name,
      scaleType: a.scale.type,
      grade: a.grade,
      gradeLabel: a.gradeLabel,
      gradeTone: a.gradeTone,
      gradeRank: a.gradeRank,
      strengths: a.strengths,
      developmentPoints: a.developmentPoints.map((p) => ({ id: p.id, text: p.text, strands: p.strands })),
      evidence: a.evidence.map((e) => ({ targetType: e.targetType, targetId: e.targetId, label: e.label, href: e.href })),
    })),
  };
}

/** The current draft of a year's SEF as a snapshot (for viewing, comparing and exporting the draft). */
export function buildSefSnapshot({ academicYearId }: { academicYearId: string }, db: DbOrTx = defaultDb): SefSnapshot | null {
  const draft = getSefDraft({ academicYearId }, db);
  if (!draft) return null;
  return snapshotOfDraft(draft, computeSchoolContext({ academicYearId }, db));
}

/**
 * A fingerprint of a snapshot. The publish form carries the stamp of the draft the head read; if the
 * draft has changed since, publishing is refused rather than publishing something unseen.
 */
export function snapshotStamp(snapshot: SefSnapshot): string {
  return createHash("sha256").update(JSON.stringify(snapshot)).digest("hex").slice(0, 32);
}

export type SefVersionSummary = { id: string; number: number; publishedAt: string; publishedByName: string; note: string | null };

/** Publications of a SEF, newest first (without their snapshots). */
export function listSefVersions({ sefId }: { sefId: string }, db: DbOrTx = defaultDb): SefVersionSummary[] {
  return db
    .select({ id: sefVersions.id, number: sefVersions.number, publishedAt: sefVersions.publishedAt, publishedByName: users.name, note: sefVersions.note })
    .from(sefVersions)
    .innerJoin(users, eq(sefVersions.publishedById, users.id))
    .where(eq(sefVersions.sefId, sefId))
    .orderBy(desc(sefVersions.number))
    .all();
}

export type SefVersion = SefVersionSummary & { snapshot: SefSnapshot };

function parseVersion(row: SefVersionSummary & { snapshot: unknown }): SefVersion {
  const parsed = sefSnapshotSchema.safeParse(row.snapshot);
  if (!parsed.success) throw new Error(`SEF version ${row.number} has an unreadable snapshot: ${parsed.error.message}`);
  return { ...row, snapshot: parsed.data };
}

const versionColumns = {
  id: sefVersions.id,
  number: sefVersions.number,
  publishedAt: sefVersions.publishedAt,
  publishedByName: users.name,
  note: sefVersions.note,
  snapshot: sefVersions.snapshot,
};

export function findSefVersion({ sefId, number }: { sefId: string; number: number }, db: DbOrTx = defaultDb): SefVersion | null {
  const row = db
    .select(versionColumns)
    .from(sefVersions)
    .innerJoin(users, eq(sefVersions.publishedById, users.id))
    .where(and(eq(sefVersions.sefId, sefId), eq(sefVersions.number, number)))
    .get();
  return row ? parseVersion(row) : null;
}

/** The latest publication: what staff, governors and advisers read. */
export function findLatestSefVersion({ sefId }: { sefId: string }, db: DbOrTx = defaultDb): SefVersion | null {
  const row = db
    .select(versionColumns)
    .from(sefVersions)
    .innerJoin(users, eq(sefVersions.publishedById, users.id))
    .where(eq(sefVersions.sefId, sefId))
    .orderBy(desc(sefVersions.number))
    .limit(1)
    .get();
  return row ? parseVersion(row) : null;
}

/** An area row with its SEF (for authorising and auditing changes to it). */
function getSefArea({ id }: { id: string }, db: DbOrTx = defaultDb): { area: SefAreaRow; sef: Sef; name: string; scale: GradeScale } {
  const row = db.select({ area: sefAreas, sef: sefs }).from(sefAreas).innerJoin(sefs, eq(sefAreas.sefId, sefs.id)).where(eq(sefAreas.id, id)).get();
  if (!row) throw new NotFoundError("That area of the self-evaluation");
  const framework = getFramework({ id: row.sef.frameworkId }, db);
  const def = framework.areas.find((a) => a.id === row.area.areaKey);
  if (!def) throw new NotFoundError(`Area ${row.area.areaKey} of ${framework.name}`);
  return { ...row, name: def.name, scale: scaleFor(framework, def) };
}

function getDevelopmentPoint({ id }: { id: string }, db: DbOrTx = defaultDb): DevelopmentPoint {
  const row = db.select().from(sefDevelopmentPoints).where(eq(sefDevelopmentPoints.id, id)).get();
  if (!row) throw new NotFoundError("That area for development");
  return row;
}

// ---- Writing -----------------------------------------------------------------------------------

function insertAreaRows(sefId: string, areas: FrameworkArea[], tx: DbOrTx) {
  for (const a of areas) tx.insert(sefAreas).values({ sefId, areaKey: a.id }).run();
}

/**
 * Starts a year's SEF under the school's framework, with one row per applicable area. Idempotent: on
 * a SEF that exists it only adds rows for areas that have come to apply (the school opened a nursery).
 */
export function startSef({ academicYearId, actor }: { academicYearId: string; actor: Actor }, db: DbOrTx = defaultDb): Sef {
  return writeTransaction(db, (tx) => {
    const year = getAcademicYear({ id: academicYearId }, tx);
    const school = getSchool(tx);
    const existing = findSef({ academicYearId }, tx);
    if (existing) {
      const framework = getFramework({ id: existing.frameworkId }, tx);
      const have = new Set(tx.select({ k: sefAreas.areaKey }).from(sefAreas).where(eq(sefAreas.sefId, existing.id)).all().map((r) => r.k));
      const missing = applicableAreas(framework, school).filter((a) => !have.has(a.id));
      if (missing.length) {
        insertAreaRows(existing.id, missing, tx);
        writeAudit(
          { actor, area: "sef", verb: "update", entityType: "sef", entityId: existing.id, summary: `Added ${missing.map((a) => a.name).join(", ")} to the ${year.name} self-evaluation`, after: { areaKeys: missing.map((a) => a.id) } },
          tx,
        );
      }
      return existing;
    }
    const framework = getFramework({ id: school.frameworkId }, tx);
    const sef = tx.insert(sefs).values({ academicYearId, frameworkId: framework.id, updatedById: actor.id }).returning().get();
    insertAreaRows(sef.id, applicableAreas(framework, school), tx);
    writeAudit({ actor, area: "sef", verb: "create", entityType: "sef", entityId: sef.id, summary: `Started the ${year.name} self-evaluation under ${framework.name}`, after: sef }, tx);
    return sef;
  });
}

/**
 * Re-creates a year's SEF areas under the school's current framework (after the school switched
 * framework). Grades, strengths, development points and evidence of the old areas go; the summary,
 * context notes and every published version stay, so the old judgements remain readable and comparable.
 */
export function restartSefUnderFramework({ sefId, version, actor }: { sefId: string; version: number; actor: Actor }, db: DbOrTx = defaultDb): Sef {
  return writeTransaction(db, (tx) => {
    const before = getSef({ id: sefId }, tx);
    const school = getSchool(tx);
    if (before.frameworkId === school.frameworkId) {
      throw new ValidationError("This self-evaluation already uses the school's framework.");
    }
    const framework = getFramework({ id: school.frameworkId }, tx);
    const result = tx
      .update(sefs)
      .set({ frameworkId: framework.id, version: bumpVersion, updatedAt: now(), updatedById: actor.id })
      .where(and(eq(sefs.id, sefId), eq(sefs.version, version)))
      .run();
    assertUpdated(result, "The self-evaluation");
    const oldAreas = tx.select({ id: sefAreas.id }).from(sefAreas).where(eq(sefAreas.sefId, sefId)).all().map((r) => r.id);
    removeEvidenceLinksOfOwners({ ownerType: "sef_area", ownerIds: oldAreas }, tx);
    // Development points go with their areas (cascade); strand links keep the strand and lose the point.
    tx.delete(sefAreas).where(eq(sefAreas.sefId, sefId)).run();
    insertAreaRows(sefId, applicableAreas(framework, school), tx);
    const after = getSef({ id: sefId }, tx);
    writeAudit(
      { actor, area: "sef", verb: "update", entityType: "sef", entityId: sefId, summary: `Restarted the self-evaluation under ${framework.name}`, before: { frameworkId: before.frameworkId }, after: { frameworkId: after.frameworkId } },
      tx,
    );
    return after;
  });
}

const TEXT_FIELD_LABEL: Record<SefTextField, string> = { overallSummary: "overall summary", contextNotes: "context notes" };

/** Saves the overall summary or the context notes (autosaved as the head types). */
export function updateSefText(
  { sefId, version, field, value, actor }: { sefId: string; version: number; field: SefTextField; value: string; actor: Actor },
  db: DbOrTx = defaultDb,
): { version: number; updatedAt: string } {
  return writeTransaction(db, (tx) => {
    const before = getSef({ id: sefId }, tx);
    const result = tx
      .update(sefs)
      .set({ [field]: value, version: bumpVersion, updatedAt: now(), updatedById: actor.id })
      .where(and(eq(sefs.id, sefId), eq(sefs.version, version)))
      .run();
    assertUpdated(result, `The ${TEXT_FIELD_LABEL[field]}`);
    const after = getSef({ id: sefId }, tx);
    writeAudit(
      { actor, area: "sef", verb: "update", entityType: "sef", entityId: sefId, summary: `Edited the self-evaluation's ${TEXT_FIELD_LABEL[field]}`, before: { [field]: before[field] }, after: { [field]: after[field] } },
      tx,
    );
    return { version: after.version, updatedAt: after.updatedAt };
  });
}

/**
 * Changes an area's grade and/or strengths. A grade must be one of the area's scale (a safeguarding
 * area takes met / not met, the others the five-point scale); null clears it.
 */
export function updateSefArea(
  { areaId, version, changes, actor }: { areaId: string; version: number; changes: { grade?: string | null; strengths?: string }; actor: Actor },
  db: DbOrTx = defaultDb,
): { version: number; updatedAt: string; gradeLabel: string | null } {
  return writeTransaction(db, (tx) => {
    const { area: before, name, scale } = getSefArea({ id: areaId }, tx);
    if (changes.grade !== undefined && changes.grade !== null && !scale.grades.some((g) => g.id === changes.grade)) {
      throw new ValidationError(`Choose one of the grades for ${name}.`, { grade: [`Choose one of the grades for ${name}`] });
    }
    const result = tx
      .update(sefAreas)
      .set({ ...changes, version: bumpVersion, updatedAt: now(), updatedById: actor.id })
      .where(and(eq(sefAreas.id, areaId), eq(sefAreas.version, version)))
      .run();
    assertUpdated(result, name);
    const after = tx.select().from(sefAreas).where(eq(sefAreas.id, areaId)).get()!;
    const what = [changes.grade !== undefined ? "grade" : null, changes.strengths !== undefined ? "strengths" : null].filter(Boolean).join(" and ");
    writeAudit(
      {
        actor,
        area: "sef",
        verb: "update",
        entityType: "sef_area",
        entityId: areaId,
        summary: `Edited the ${what} of ${name}`,
        before: { grade: before.grade, strengths: before.strengths },
        after: { grade: after.grade, strengths: after.strengths },
      },
      tx,
    );
    return { version: after.version, updatedAt: after.updatedAt, gradeLabel: gradeInfo(scale, after.grade).gradeLabel };
  });
}

export function addDevelopmentPoint({ areaId, text, actor }: { areaId: string; text: string; actor: Actor }, db: DbOrTx = defaultDb): DevelopmentPoint {
  return writeTransaction(db, (tx) => {
    const { name } = getSefArea({ id: areaId }, tx);
    const last = tx.select({ p: max(sefDevelopmentPoints.position) }).from(sefDevelopmentPoints).where(eq(sefDevelopmentPoints.sefAreaId, areaId)).get();
    const row = tx
      .insert(sefDevelopmentPoints)
      .values({ sefAreaId: areaId, text, position: (last?.p ?? -1) + 1 })
      .returning()
      .get();
    writeAudit({ actor, area: "sef", verb: "create", entityType: "sef_development_point", entityId: row.id, summary: `Added an area for development to ${name}`, after: row }, tx);
    touchArea(areaId, actor, tx);
    return row;
  });
}

export function updateDevelopmentPoint(
  { id, version, text, actor }: { id: string; version: number; text: string; actor: Actor },
  db: DbOrTx = defaultDb,
): DevelopmentPoint {
  return writeTransaction(db, (tx) => {
    const before = getDevelopmentPoint({ id }, tx);
    const { name } = getSefArea({ id: before.sefAreaId }, tx);
    const result = tx
      .update(sefDevelopmentPoints)
      .set({ text, version: bumpVersion })
      .where(and(eq(sefDevelopmentPoints.id, id), eq(sefDevelopmentPoints.version, version)))
      .run();
    assertUpdated(result, "This area for development");
    const after = getDevelopmentPoint({ id }, tx);
    writeAudit({ actor, area: "sef", verb: "update", entityType: "sef_development_point", entityId: id, summary: `Edited an area for development of ${name}`, before, after }, tx);
    touchArea(before.sefAreaId, actor, tx);
    return after;
  });
}

/** Removes a development point. A strand made from it stays in the plan; its link loses the point. */
export function removeDevelopmentPoint({ id, version, actor }: { id: string; version: number; actor: Actor }, db: DbOrTx = defaultDb) {
  writeTransaction(db, (tx) => {
    const before = getDevelopmentPoint({ id }, tx);
    if (before.version !== version) throw new ConflictError("This area for development");
    const { name } = getSefArea({ id: before.sefAreaId }, tx);
    const result = tx
      .delete(sefDevelopmentPoints)
      .where(and(eq(sefDevelopmentPoints.id, id), eq(sefDevelopmentPoints.version, version)))
      .run();
    assertUpdated(result, "This area for development");
    writeAudit({ actor, area: "sef", verb: "delete", entityType: "sef_development_point", entityId: id, summary: `Removed an area for development from ${name}`, before }, tx);
    touchArea(before.sefAreaId, actor, tx);
  });
}

/**
 * Records who last changed an area and when, without bumping its version: a change to one of its
 * development points must not make an open strengths editor conflict.
 */
function touchArea(areaId: string, actor: Actor, tx: DbOrTx) {
  tx.update(sefAreas).set({ updatedAt: now(), updatedById: actor.id }).where(eq(sefAreas.id, areaId)).run();
}

/** A strand title from a development point: its first sentence or so, never more than 120 characters. */
function strandTitleFrom(text: string): string {
  const t = text.trim().replace(/\s+/g, " ");
  if (t.length <= 120) return t.replace(/[.;:]$/, "");
  const cut = t.slice(0, 119);
  return `${cut.slice(0, cut.lastIndexOf(" ") > 60 ? cut.lastIndexOf(" ") : 119)}…`;
}

/**
 * Turns an area for development into a strand of the same year's improvement plan in one step: makes
 * the year's plan if there is none, adds the strand (titled from the point, with a rationale citing the
 * SEF area, led by whoever made it) at the end of the plan, and records the golden-thread link from
 * the strand to the area and the point. Written here against the plan's tables so the SEF does not
 * depend on the plan's own code. A point already answered by a strand is refused.
 */
export function createStrandFromDevelopmentPoint(
  { developmentPointId, version, actor }: { developmentPointId: string; version: number; actor: Actor },
  db: DbOrTx = defaultDb,
): { strandId: string; planId: string; title: string } {
  return writeTransaction(db, (tx) => {
    const point = getDevelopmentPoint({ id: developmentPointId }, tx);
    if (point.version !== version) throw new ConflictError("This area for development");
    const { area, sef, name } = getSefArea({ id: point.sefAreaId }, tx);
    const year = getAcademicYear({ id: sef.academicYearId }, tx);
    const existing = strandsForPoints([point.id], tx).get(point.id) ?? [];
    if (existing.length) {
      throw new ValidationError(`This area for development is already answered by the strand "${existing[0]!.title}".`);
    }
    let plan = tx.select().from(plans).where(eq(plans.academicYearId, sef.academicYearId)).get();
    if (!plan) {
      plan = tx.insert(plans).values({ academicYearId: sef.academicYearId, title: `School improvement plan ${year.name}` }).returning().get();
      writeAudit({ actor, area: "sip", verb: "create", entityType: "plan", entityId: plan.id, summary: `Started the ${year.name} improvement plan`, after: plan }, tx);
    }
    const last = tx.select({ p: max(strands.position) }).from(strands).where(eq(strands.planId, plan.id)).get();
    const title = strandTitleFrom(point.text);
    const rationale = `From the ${year.name} self-evaluation, ${name}: the area for development "${point.text.trim()}".`;
    const strand = tx
      .insert(strands)
      .values({ planId: plan.id, position: (last?.p ?? -1) + 1, title, rationale, leadId: actor.id })
      .returning()
      .get();
    tx.insert(strandSefLinks).values({ strandId: strand.id, areaKey: area.areaKey, developmentPointId: point.id }).run();
    writeAudit(
      {
        actor,
        area: "sip",
        verb: "create",
        entityType: "strand",
        entityId: strand.id,
        summary: `Added the strand "${title}" from an area for development of ${name}`,
        after: { ...strand, sefLink: { areaKey: area.areaKey, developmentPointId: point.id } },
      },
      tx,
    );
    return { strandId: strand.id, planId: plan.id, title };
  });
}

/** Cites evidence for an area (a record of the year, or a document link). */
export function addSefEvidence({ areaId, target, actor }: { areaId: string; target: EvidenceTarget; actor: Actor }, db: DbOrTx = defaultDb): EvidenceLinkView {
  return writeTransaction(db, (tx) => {
    const { name } = getSefArea({ id: areaId }, tx);
    const link = addEvidenceLink({ ownerType: "sef_area", ownerId: areaId, target, actor, ownerLabel: name }, tx);
    touchArea(areaId, actor, tx);
    return link;
  });
}

export function removeSefEvidence({ linkId, actor }: { linkId: string; actor: Actor }, db: DbOrTx = defaultDb) {
  return writeTransaction(db, (tx) => {
    const link = removeEvidenceLink({ id: linkId, actor }, tx);
    if (link.ownerType !== "sef_area") throw new NotFoundError("That evidence link");
    touchArea(link.ownerId, actor, tx);
    return link;
  });
}

/**
 * Publishes the draft as a new numbered version holding a frozen snapshot (areas with grade labels,
 * strengths, development points, evidence labels, summary and the computed context). `draftStamp` is
 * the stamp of the draft the head read; if it has changed since, nothing is published.
 */
export function publishSef(
  { sefId, draftStamp, note, actor, publishedAt = now() }: { sefId: string; draftStamp: string; note?: string | null; actor: Actor & { id: string }; publishedAt?: string },
  db: DbOrTx = defaultDb,
): SefVersionSummary {
  return writeTransaction(db, (tx) => {
    const sef = getSef({ id: sefId }, tx);
    const snapshot = buildSefSnapshot({ academicYearId: sef.academicYearId }, tx)!;
    if (snapshotStamp(snapshot) !== draftStamp) throw new ConflictError("The self-evaluation draft");
    const latest = findLatestSefVersion({ sefId }, tx);
    if (latest && snapshotStamp(latest.snapshot) === draftStamp) {
      throw new ValidationError(`Nothing has changed since version ${latest.number} was published.`);
    }
    const number = (latest?.number ?? 0) + 1;
    const row = tx
      .insert(sefVersions)
      .values({ sefId, number, publishedAt, publishedById: actor.id, note: note?.trim() || null, snapshot })
      .returning()
      .get();
    writeAudit(
      { actor, area: "sef", verb: "publish", entityType: "sef_version", entityId: row.id, summary: `Published version ${number} of the ${snapshot.academicYear} self-evaluation`, after: { number, note: row.note } },
      tx,
    );
    return { id: row.id, number, publishedAt, publishedByName: actor.name, note: row.note };
  });
}

export type SefReading = {
  sef: Sef | null;
  year: AcademicYear;
  /** The latest publication: what everyone who may read the SEF sees. */
  latest: SefVersion | null;
  /** The live draft: only for those the policy lets read drafts, otherwise always null. */
  draft: SefDraft | null;
};

/**
 * A year's SEF as one reader may see it. The draft is loaded only for roles that may read drafts
 * (head and senior leaders); everyone else gets the latest published version and nothing more, so a
 * page built on this cannot leak draft content to governors, advisers or staff.
 */
export function getSefForReader({ academicYearId, user }: { academicYearId: string; user: PolicyUser }, db: DbOrTx = defaultDb): SefReading {
  const year = getAcademicYear({ id: academicYearId }, db);
  const sef = findSef({ academicYearId }, db);
  const latest = sef ? findLatestSefVersion({ sefId: sef.id }, db) : null;
  const draft = sef && can(user, "sef.draft.read") ? getSefDraft({ academicYearId }, db) : null;
  return { sef, year, latest, draft };
}
