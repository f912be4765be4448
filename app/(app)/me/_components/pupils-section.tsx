import Link from "next/link";
import { yearGroupLabel } from "@/components/pupils/labels";
import type { AcademicYear, ClassWithTeachers } from "@/lib/data/school";

/**
 * Links to the pupils of the classes the user teaches this year: staff's way in to their pupils
 * (SPEC §1: staff see only their own classes' pupils), since the main navigation lists pupils for leaders.
 */
export function PupilsSection({ year, mine }: { year: AcademicYear; mine: ClassWithTeachers[] }) {
  if (mine.length === 0) return null;
  return (
    <section aria-labelledby="me-pupils">
      <h2 id="me-pupils">My class&apos;s pupils</h2>
      <ul>
        {mine.map((c) => (
          <li key={c.id}>
            <Link href={`/pupils?year=${year.name}&class=${c.id}`}>
              Pupils in {c.name}
              {c.yearGroup ? ` (${yearGroupLabel(c.yearGroup)})` : ""}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
