import type { SessionUser } from "@/lib/auth/session";
import type { RecordType } from "@/db/schema/enums";
import { RECORD_TYPES } from "@/db/schema/enums";
import type { SefSnapshot } from "@/lib/analytics/sef-snapshot";
import { evidenceReadVerb } from "@/lib/data/evidence";
import { findAcademicYearByName, findCurrentYear, type AcademicYear } from "@/lib/data/school";
import { buildSefSnapshot, findLatestSefVersion, findSef, findSefVersion, type Sef, type SefVersionSummary } from "@/lib/data/sef";
import { can } from "@/lib/policy";

/** The year a SEF page is about: `?year=2025-26`, or the current year. */
export function resolveYear(name: string | string[] | undefined): AcademicYear | null {
  if (typeof name === "string" && name) return findAcademicYearByName({ name });
  return findCurrentYear();
}

export function first(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

/** A version reference from the URL: "draft", a publication number, or nothing (= the latest). */
export function parseVersionRef(v: string | undefined): "draft" | number | null | "invalid" {
  if (v === undefined || v === "") return null;
  if (v === "draft") return "draft";
  return /^\d{1,6}$/.test(v) && Number(v) > 0 ? Number(v) : "invalid";
}

/** The record types whose evidence links this reader may follow (the rest show as labels). */
export function followableTypes(user: SessionUser): RecordType[] {
  return RECORD_TYPES.filter((t) => {
    const verb = evidenceReadVerb(t);
    // Staff may open their own observations, but a SEF link is to someone's: treat "own" as no.
    return verb ? can(user, verb, false) : false;
  });
}

export type SefView = { ok: true; year: AcademicYear; sef: Sef; snapshot: SefSnapshot; isDraft: boolean; version: SefVersionSummary | null; label: string } | { ok: false; status: 403 | 404 };

/**
 * The snapshot a reader asked for: the draft (head and senior leaders only), a numbered publication,
 * or by default the latest publication (falling back to the draft for those who may read it). Used by
 * the print page and the Word export so both obey the same rule.
 */
export function loadSefView(user: SessionUser, params: { year?: string; version?: string }): SefView {
  if (!can(user, "sef.published.read")) return { ok: false, status: 403 };
  const ref = parseVersionRef(params.version);
  if (ref === "invalid") return { ok: false, status: 404 };
  if (ref === "draft" && !can(user, "sef.draft.read")) return { ok: false, status: 403 };
  const year = resolveYear(params.year);
  if (!year) return { ok: false, status: 404 };
  const sef = findSef({ academicYearId: year.id });
  if (!sef) return { ok: false, status: 404 };
  if (typeof ref === "number") {
    const v = findSefVersion({ sefId: sef.id, number: ref });
    if (!v) return { ok: false, status: 404 };
    return { ok: true, year, sef, snapshot: v.snapshot, isDraft: false, version: v, label: `Version ${v.number}` };
  }
  if (ref === null) {
    const latest = findLatestSefVersion({ sefId: sef.id });
    if (latest) return { ok: true, year, sef, snapshot: latest.snapshot, isDraft: false, version: latest, label: `Version ${latest.number}` };
    if (!can(user, "sef.draft.read")) return { ok: false, status: 404 };
  }
  const snapshot = buildSefSnapshot({ academicYearId: year.id })!;
  return { ok: true, year, sef, snapshot, isDraft: true, version: null, label: "Draft" };
}
