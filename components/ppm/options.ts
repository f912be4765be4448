import type { PpmPerson } from "@/lib/data/ppm";

/** Staff as select options, with their job title so two people of the same name can be told apart. */
export function personOptions(people: PpmPerson[]) {
  return people.map((p) => ({ value: p.id, label: p.jobTitle ? `${p.name} (${p.jobTitle})` : p.name }));
}

export function addDays(iso: string, days: number) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
