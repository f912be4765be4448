import type { ObservationFormOptions } from "@/app/(app)/monitoring/_components/observation-form";
import { listFocusAreas, listPeopleOptions, listStrandsForYear } from "@/lib/data/monitoring";
import { getSchool, listAcademicYears, listClasses } from "@/lib/data/school";
import { STAFF_ROLES } from "@/lib/data/users";
import { YEAR_GROUPS } from "@/db/schema/enums";

/** What the monitoring forms offer: people, classes and strands of every year, and the framework's areas. */
export function buildFormOptions(): ObservationFormOptions & { people: ReturnType<typeof listPeopleOptions> } {
  const people = listPeopleOptions();
  const staff = people.filter((p) => STAFF_ROLES.includes(p.role));
  const years = listAcademicYears();
  return {
    people,
    teachers: [...staff.filter((p) => p.isTeaching), ...staff.filter((p) => !p.isTeaching)].map(({ id, name, jobTitle }) => ({ id, name, jobTitle })),
    // Leaders and teachers (subject leads) observe; support and office staff do not.
    observers: staff.filter((p) => p.role !== "staff" || p.isTeaching).map(({ id, name }) => ({ id, name })),
    classes: years.flatMap((y) => listClasses({ academicYearId: y.id }).map((c) => ({ id: c.id, name: c.name, yearGroup: c.yearGroup, academicYearId: y.id }))),
    years: years.map(({ id, name, startDate, endDate }) => ({ id, name, startDate, endDate })),
    strands: years.flatMap((y) => listStrandsForYear({ academicYearId: y.id }).map((s) => ({ id: s.id, title: s.title, academicYearId: y.id }))),
    areas: listFocusAreas(),
    yearGroups: YEAR_GROUPS,
    gradingEnabled: getSchool().lessonGradingEnabled,
  };
}
