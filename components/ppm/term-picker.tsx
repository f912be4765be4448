import { formatTerm } from "@/components/ui/format";
import type { TermWithYear } from "@/lib/data/school";

/** Chooses the term a page shows: a plain GET form, so it works without JavaScript and keeps the URL shareable. */
export function TermPicker({ terms, current, action }: { terms: TermWithYear[]; current: string; action: string }) {
  return (
    <form method="get" action={action} className="row no-print" style={{ marginBottom: "1.5rem" }}>
      <label htmlFor="term-picker" className="label" style={{ margin: 0 }}>
        Term
      </label>
      <select id="term-picker" name="term" defaultValue={current} style={{ width: "auto" }}>
        {[...terms].reverse().map((t) => (
          <option key={t.id} value={t.key}>
            {formatTerm(t)}
          </option>
        ))}
      </select>
      <button type="submit" className="button button-secondary">
        Show
      </button>
    </form>
  );
}
