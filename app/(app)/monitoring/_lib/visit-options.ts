import type { SessionUser } from "@/lib/auth/session";
import { can } from "@/lib/policy";
import type { VisitFormOptions } from "@/app/(app)/monitoring/_components/visit-form";
import { buildFormOptions } from "./options";
import { listStrandsForYear } from "@/lib/data/monitoring";

/**
 * What the visit form offers this user: governors and advisers record their own visits (kind and
 * visitor fixed); the head chooses the kind and the visitor.
 */
export function buildVisitOptions(user: SessionUser): VisitFormOptions {
  const o = buildFormOptions();
  const self = user.role === "governor" || user.role === "adviser" ? { id: user.id, name: user.name, kind: user.role } : null;
  return {
    self,
    visitors:
      can(user, "governorVisit.write") || can(user, "adviserVisit.write")
        ? o.people.filter((p) => p.role === "governor" || p.role === "adviser").map((p) => ({ id: p.id, name: p.name, role: p.role as "governor" | "adviser" }))
        : [],
    years: o.years,
    strands: o.years.flatMap((y) => listStrandsForYear({ academicYearId: y.id }).map((s) => ({ id: s.id, title: s.title, academicYearId: y.id, linkGovernorId: s.linkGovernorId }))),
    areas: o.areas,
  };
}

/** May this user record a visit of some kind (their own, or any for the head)? */
export function canRecordVisit(user: SessionUser): boolean {
  return can(user, "governorVisit.write", true) || can(user, "adviserVisit.write", true);
}
