import type { Option } from "@/components/ui/fields";
import { formatTerm } from "@/lib/format";
import { YEAR_GROUPS, type YearGroup } from "@/db/schema/enums";
import { analysisSubjects, getScheme, subjectLabel, yearGroupLabel } from "@/lib/analytics/schemes";
import { getSchool, listClasses, listTerms } from "@/lib/data/school";
import { listSefLinkOptions } from "@/lib/data/sip";
import { GOVERNOR_ROLES, LEAD_ROLES, listUsers, STAFF_ROLES } from "@/lib/data/users";
import type { CriterionFormOptions } from "@/app/(app)/plan/_components/criterion-form";
import type { StrandFormOptions } from "@/app/(app)/plan/_components/strand-form";

/** Choices for the plan's forms, loaded on the server (pages pass them to the client forms). */

const personOption = (u: { id: string; name: string; jobTitle: string | null }): Option => ({ value: u.id, label: u.jobTitle ? `${u.name} (${u.jobTitle})` : u.name });

export function staffOptions(): Option[] {
  return listUsers({ roles: STAFF_ROLES }).map(personOption);
}

export function leadOptions(): Option[] {
  return listUsers({ roles: LEAD_ROLES }).map(personOption);
}

export function strandFormOptions({ academicYearId, yearName }: { academicYearId: string; yearName: string }): StrandFormOptions {
  const { areas, developmentPoints } = listSefLinkOptions({ academicYearId });
  return { areas, developmentPoints, leads: leadOptions(), governors: listUsers({ roles: GOVERNOR_ROLES }).map(personOption), yearName };
}

/** Year groups the school teaches that year (from its classes, else from its phase), subjects of its scheme, the year's terms. */
export function criterionFormOptions({ academicYearId }: { academicYearId: string }): CriterionFormOptions {
  const school = getSchool();
  const fromClasses = new Set(
    listClasses({ academicYearId })
      .map((c) => c.yearGroup)
      .filter((y): y is YearGroup => !!y),
  );
  const byPhase: YearGroup[] =
    school.phase === "primary"
      ? ["R", "Y1", "Y2", "Y3", "Y4", "Y5", "Y6"]
      : school.phase === "secondary"
        ? ["Y7", "Y8", "Y9", "Y10", "Y11", ...(school.hasSixthForm ? (["Y12", "Y13"] as const) : [])]
        : [...YEAR_GROUPS];
  const yearGroups = fromClasses.size ? YEAR_GROUPS.filter((y) => fromClasses.has(y)) : byPhase;
  const scheme = getScheme(school.assessmentScheme);
  const subjects = analysisSubjects(scheme);
  return {
    yearGroups: yearGroups.map((y) => ({ value: y, label: yearGroupLabel(y) })),
    subjects: subjects.map((s) => ({ value: s, label: subjectLabel(s) })),
    terms: listTerms({ academicYearId }).map((t) => ({ value: t.id, label: formatTerm(t) })),
  };
}
