import "server-only";
import { asc, eq, inArray } from "drizzle-orm";
import { db as defaultDb, type DbOrTx } from "@/db/client";
import { applicableAreas } from "@/db/frameworks";
import { sefAreas, sefDevelopmentPoints, sefs, strandSefLinks } from "@/db/schema";
import { ValidationError } from "@/lib/errors";
import { getFramework, getSchool } from "../school";

// ---- SEF links ------------------------------------------------------------------------------------

export type SefAreaOption = { key: string; name: string };
export type DevelopmentPointOption = { id: string; areaKey: string; text: string };

/**
 * What a strand can answer: the framework's areas that apply to the school, and the areas for
 * development written in that year's SEF (read straight from the SEF tables).
 */
export function listSefLinkOptions({ academicYearId }: { academicYearId: string }, db: DbOrTx = defaultDb): { areas: SefAreaOption[]; developmentPoints: DevelopmentPointOption[] } {
  const school = getSchool(db);
  const areas = applicableAreas(getFramework({}, db), school).map((a) => ({ key: a.id, name: a.name }));
  const developmentPoints = db
    .select({ id: sefDevelopmentPoints.id, areaKey: sefAreas.areaKey, text: sefDevelopmentPoints.text, position: sefDevelopmentPoints.position })
    .from(sefDevelopmentPoints)
    .innerJoin(sefAreas, eq(sefDevelopmentPoints.sefAreaId, sefAreas.id))
    .innerJoin(sefs, eq(sefAreas.sefId, sefs.id))
    .where(eq(sefs.academicYearId, academicYearId))
    .orderBy(asc(sefDevelopmentPoints.position))
    .all();
  const order = new Map(areas.map((a, i) => [a.key, i]));
  return {
    areas,
    developmentPoints: developmentPoints
      .filter((p) => order.has(p.areaKey))
      .sort((a, b) => order.get(a.areaKey)! - order.get(b.areaKey)! || a.position - b.position)
      .map(({ id, areaKey, text }) => ({ id, areaKey, text })),
  };
}

/** Area keys and development points → link rows: one per point, and one per area chosen without a point. */
export function resolveSefLinks({ academicYearId, areaKeys, developmentPointIds }: { academicYearId: string; areaKeys: string[]; developmentPointIds: string[] }, db: DbOrTx) {
  const options = listSefLinkOptions({ academicYearId }, db);
  const known = new Set(options.areas.map((a) => a.key));
  const badArea = areaKeys.find((k) => !known.has(k));
  if (badArea) throw new ValidationError("Select SEF areas from the list.", { areaKeys: ["Select SEF areas from the list"] });
  const points = developmentPointIds.map((id) => options.developmentPoints.find((p) => p.id === id));
  if (points.some((p) => !p)) throw new ValidationError("Select areas for development from the list.", { developmentPointIds: ["Select areas for development from this year's SEF"] });
  const rows: { areaKey: string; developmentPointId: string | null }[] = [];
  for (const area of options.areas) {
    const mine = points.filter((p) => p!.areaKey === area.key);
    if (mine.length) for (const p of mine) rows.push({ areaKey: area.key, developmentPointId: p!.id });
    else if (areaKeys.includes(area.key)) rows.push({ areaKey: area.key, developmentPointId: null });
  }
  return rows;
}

export function writeSefLinks(strandId: string, rows: { areaKey: string; developmentPointId: string | null }[], tx: DbOrTx) {
  tx.delete(strandSefLinks).where(eq(strandSefLinks.strandId, strandId)).run();
  for (const r of rows) tx.insert(strandSefLinks).values({ strandId, ...r }).run();
}

export type SefLinkView = { areaKey: string; areaName: string; developmentPointId: string | null; developmentPointText: string | null };

export function listSefLinks({ strandIds }: { strandIds: string[] }, db: DbOrTx): Map<string, SefLinkView[]> {
  const rows = db
    .select({ strandId: strandSefLinks.strandId, areaKey: strandSefLinks.areaKey, developmentPointId: strandSefLinks.developmentPointId, text: sefDevelopmentPoints.text })
    .from(strandSefLinks)
    .leftJoin(sefDevelopmentPoints, eq(strandSefLinks.developmentPointId, sefDevelopmentPoints.id))
    .where(inArray(strandSefLinks.strandId, strandIds))
    .all();
  let names = new Map<string, string>();
  try {
    names = new Map(getFramework({}, db).areas.map((a) => [a.id, a.name]));
  } catch {
    // No school yet: area keys are shown as they are.
  }
  const out = new Map<string, SefLinkView[]>();
  for (const r of rows) {
    const list = out.get(r.strandId) ?? [];
    list.push({ areaKey: r.areaKey, areaName: names.get(r.areaKey) ?? r.areaKey, developmentPointId: r.developmentPointId, developmentPointText: r.text ?? null });
    out.set(r.strandId, list);
  }
  return out;
}
