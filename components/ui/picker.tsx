import { formatTerm } from "@/lib/format";
import type { TermWithYear } from "@/lib/data/school";

export type PickerOption = { value: string; label: string };

/**
 * Chooses what a page shows (a term, an academic year): a plain GET form, so it works without
 * JavaScript and keeps the URL shareable.
 */
export function Picker({
  id,
  name,
  label,
  options,
  current,
  action,
  button = "Show",
}: {
  id: string;
  name: string;
  label: string;
  options: PickerOption[];
  current: string;
  /** Where the form goes; by default the page it is on. */
  action?: string;
  button?: string;
}) {
  return (
    <form method="get" action={action} className="row picker no-print">
      <label htmlFor={id} className="label">
        {label}
      </label>
      <select id={id} name={name} defaultValue={current}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <button type="submit" className="button button-secondary">
        {button}
      </button>
    </form>
  );
}

/** The term picker of the monitoring and progress-meeting pages: every term, newest first, by key. */
export function TermPicker({ terms, current, action }: { terms: TermWithYear[]; current: TermWithYear; action?: string }) {
  return <Picker id="term-picker" name="term" label="Term" options={[...terms].reverse().map((t) => ({ value: t.key, label: formatTerm(t) }))} current={current.key} action={action} />;
}
