import { yearGroupLabel } from "@/lib/analytics/schemes";
import type { ClassWithTeachers } from "@/lib/data/school";

/** The classes the user teaches this year (their "own classes" for pupil data and progress meetings). */
export function ClassesSection({ mine }: { mine: ClassWithTeachers[] }) {
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
