import type { SessionUser } from "@/lib/auth/session";
import { yearGroupLabel } from "@/lib/analytics/schemes";
import { findCurrentYear, listClasses } from "@/lib/data/school";

/** The classes the user teaches this year (their "own classes" for pupil data and progress meetings). */
export function ClassesSection({ user }: { user: SessionUser }) {
  const year = findCurrentYear();
  if (!year) return null;
  const mine = listClasses({ academicYearId: year.id }).filter((c) => c.teacherIds.includes(user.id));
  if (mine.length === 0) return null;
  return (
    <section aria-labelledby="me-classes">
      <h2 id="me-classes">My classes</h2>
      <ul>
        {mine.map((c) => (
          <li key={c.id}>
            {c.name}
            {c.yearGroup ? ` (${yearGroupLabel(c.yearGroup)})` : ""}
          </li>
        ))}
      </ul>
    </section>
  );
}
