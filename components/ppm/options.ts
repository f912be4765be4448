import type { PpmPerson } from "@/lib/data/ppm";

/** Staff as select options, with their job title so two people of the same name can be told apart. */
export function personOptions(people: PpmPerson[]) {
  return people.map((p) => ({ value: p.id, label: p.jobTitle ? `${p.name} (${p.jobTitle})` : p.name }));
}
