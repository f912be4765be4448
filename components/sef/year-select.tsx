import { Picker } from "@/components/ui/picker";

/** Chooses the academic year of a SEF page; nothing when there is only one year. */
export function YearSelect({ action, years, current }: { action: string; years: { name: string; label: string }[]; current: string }) {
  if (years.length < 2) return null;
  return <Picker id="sef-year" name="year" label="Academic year" options={years.map((y) => ({ value: y.name, label: y.label }))} current={current} action={action} />;
}
