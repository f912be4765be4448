/** Chooses the academic year of a SEF page: a plain GET form, so it works without JavaScript. */
export function YearSelect({ action, years, current, extra }: { action: string; years: { name: string; label: string }[]; current: string; extra?: Record<string, string> }) {
  if (years.length < 2) return null;
  return (
    <form method="get" action={action} className="row no-print sef-year-select">
      {Object.entries(extra ?? {}).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <label htmlFor="sef-year" className="label">
        Academic year
      </label>
      <select id="sef-year" name="year" defaultValue={current}>
        {years.map((y) => (
          <option key={y.name} value={y.name}>
            {y.label}
          </option>
        ))}
      </select>
      <button type="submit" className="button button-secondary">
        Show
      </button>
    </form>
  );
}
