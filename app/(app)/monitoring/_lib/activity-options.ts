import type { ActivityFormOptions } from "@/app/(app)/monitoring/_components/activity-form";
import { buildFormOptions } from "./options";

/** People, years, strands and areas the activity form offers. */
export function buildActivityOptions(): ActivityFormOptions {
  const o = buildFormOptions();
  return {
    leads: o.observers,
    participants: o.people.filter((p) => p.role !== "adviser").map(({ id, name, role }) => ({ id, name, role })),
    years: o.years,
    strands: o.strands,
    areas: o.areas,
  };
}
