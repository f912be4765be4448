import { formatTerm } from "@/components/ui/format";
import type { TermWithYear } from "@/lib/data/school";
import styles from "./monitoring.module.css";

/** Chooses the term a page shows: a plain GET form, so it works without JavaScript. */
export function TermPicker({ terms, current, extra }: { terms: TermWithYear[]; current: TermWithYear; extra?: Record<string, string> }) {
  return (
    <form method="get" className={`${styles.termPicker} no-print`}>
      <div>
        <label htmlFor="term-picker">Term</label>
        <select id="term-picker" name="term" defaultValue={current.key}>
          {[...terms].reverse().map((t) => (
            <option key={t.id} value={t.key}>
              {formatTerm(t)}
            </option>
          ))}
        </select>
      </div>
      {Object.entries(extra ?? {}).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <button type="submit" className="button button-secondary">
        Show
      </button>
    </form>
  );
}
