import "server-only";

import { findPreviousPublishedReport, findReport, type Report } from "@/lib/data/report";
import { findTermByKey, type TermWithYear } from "@/lib/data/school";
import { can, type PolicyUser } from "@/lib/policy";
import { assembleReport } from "./assemble";
import { slugToTermKey } from "./term-key";
import type { ReportData } from "./types";

export type ReportAccess = { ok: true; term: TermWithYear; report: Report | null; data: ReportData; published: boolean } | { ok: false; status: 401 | 403 | 404 };

/**
 * Who may see a term's report, decided before anything is assembled: a published report for every role
 * that may read published reports (from its frozen snapshot only); a draft for leaders alone, assembled
 * live. Pages, the print view, the Word export and the comparison all ask here.
 */
export function reportForViewer(user: PolicyUser | null, slug: string): ReportAccess {
  if (!user) return { ok: false, status: 401 };
  if (!can(user, "report.published.read")) return { ok: false, status: 403 };
  const key = slugToTermKey(slug);
  const term = key ? findTermByKey({ key }) : null;
  if (!term) return { ok: false, status: 404 };
  const report = findReport({ termId: term.id });
  if (report?.status === "published" && report.snapshot) return { ok: true, term, report, data: report.snapshot as ReportData, published: true };
  if (!can(user, "report.draft.read")) return { ok: false, status: 404 };
  return { ok: true, term, report, data: assembleReport({ termId: term.id, known: { term, report } }), published: false };
}

/** The previous published report's snapshot, for "what changed since the last report". */
export function previousPublished(termId: string): { termKey: string; data: ReportData } | null {
  const prev = findPreviousPublishedReport({ termId });
  return prev?.snapshot ? { termKey: prev.termKey, data: prev.snapshot as ReportData } : null;
}
