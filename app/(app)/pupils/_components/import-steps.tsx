"use client";
import Link from "next/link";
import { useState, useTransition } from "react";
import { saveImportMappingAction } from "@/app/(app)/pupils/import/actions";
import { TableWrap } from "@/components/ui/table-wrap";
import type { ImportMappingKind } from "@/db/schema/enums";
import type { ImportMapping, MappingHelp } from "@/lib/import/mapping";
import type { SavedMappingInfo, Summary } from "./import-form";

// The import's later steps, loaded once the form is on screen (they show only after a file is checked).

const n = (x: number) => x.toLocaleString("en-GB");

/**
 * The mapping step: which of the file's columns is each field, and what each value the import did not
 * recognise means. Check again with it, and save it under a name for next time.
 */
export function MappingStep({
  help,
  kind,
  start,
  disabled,
  onRecheck,
  onSaved,
}: {
  help: MappingHelp;
  kind: ImportMappingKind;
  start: ImportMapping | null;
  disabled: boolean;
  onRecheck: (m: ImportMapping) => void;
  onSaved: (m: SavedMappingInfo) => void;
}) {
  const [columns, setColumns] = useState<Record<string, string>>(() => ({
    ...Object.fromEntries(help.fields.map((f) => [f.key, f.column ?? ""])),
    ...(start?.columns ?? {}),
  }));
  const [values, setValues] = useState<Record<string, Record<string, string>>>(() => structuredClone(start?.values ?? {}));
  const [name, setName] = useState("");
  const [saveError, setSaveError] = useState<string | null>(null);
  const [savedName, setSavedName] = useState<string | null>(null);
  const [saving, startSave] = useTransition();

  const current = (): ImportMapping => ({
    columns: Object.fromEntries(Object.entries(columns).filter(([, v]) => v !== "")),
    values: Object.fromEntries(
      Object.entries(values)
        .map(([k, m]) => [k, Object.fromEntries(Object.entries(m).filter(([, v]) => v !== ""))])
        .filter(([, m]) => Object.keys(m as object).length > 0),
    ),
  });
  const unknown = Object.entries(help.unknownValues);

  const save = () =>
    startSave(async () => {
      setSaveError(null);
      setSavedName(null);
      const mapping = current();
      const r = await saveImportMappingAction({ kind, name, mapping });
      if (!r.ok) setSaveError(r.fieldErrors?.name?.[0] ?? r.formError ?? "The mapping could not be saved.");
      else {
        setSavedName(r.data.name);
        onSaved({ name: r.data.name, kind, mapping });
      }
    });

  return (
    <section className="card" aria-labelledby="mapping-h">
      <h2 id="mapping-h">Match the file to Waymark</h2>
      <p>Say which column of the file holds each item{unknown.length ? ", and what the values Waymark did not recognise mean" : ""}. Then check the file again.</p>
      <fieldset>
        <legend className="label">Columns</legend>
        {help.fields.map((f) => (
          <div className="field" key={f.key}>
            <label htmlFor={`map-col-${f.key}`}>
              {f.label[0]!.toUpperCase() + f.label.slice(1)}
              {f.required ? "" : " (optional)"}
            </label>
            <select id={`map-col-${f.key}`} value={columns[f.key] ?? ""} onChange={(e) => setColumns((c) => ({ ...c, [f.key]: e.target.value }))}>
              <option value="">Not in this file</option>
              {help.header.map((h, i) => (
                <option key={`${h}-${i}`} value={h}>
                  {h || `(column ${i + 1}, no header)`}
                </option>
              ))}
            </select>
          </div>
        ))}
      </fieldset>
      {unknown.map(([key, raws]) => {
        const field = help.fields.find((f) => f.key === key)!;
        return (
          <fieldset key={key}>
            <legend className="label">Values in the {field.label} column</legend>
            {raws.map((raw, i) => (
              <div className="field" key={raw}>
                <label htmlFor={`map-val-${key}-${i}`}>&ldquo;{raw}&rdquo; means</label>
                <select id={`map-val-${key}-${i}`} value={values[key]?.[raw] ?? ""} onChange={(e) => setValues((v) => ({ ...v, [key]: { ...(v[key] ?? {}), [raw]: e.target.value } }))}>
                  <option value="">Not recognised (a problem)</option>
                  {field.choices.map((c) => (
                    <option key={c} value={c}>
                      {c}
                    </option>
                  ))}
                </select>
              </div>
            ))}
          </fieldset>
        );
      })}
      <div className="button-group">
        <button className="button" type="button" disabled={disabled} onClick={() => onRecheck(current())}>
          Check again with this mapping
        </button>
      </div>
      <div className={`field${saveError ? " field--error" : ""}`}>
        <label htmlFor="map-save-name">Save this mapping as</label>
        <div className="hint" id="map-save-name-hint">
          A name, for example &ldquo;SIMS pupil export&rdquo;. It is offered the next time you import a file of this kind, and the command line takes it with --mapping. A name already used is
          replaced.
        </div>
        {saveError ? (
          <p className="field-error" id="map-save-name-error">
            <span className="visually-hidden">Error:</span> {saveError}
          </p>
        ) : null}
        <input
          id="map-save-name"
          type="text"
          value={name}
          onChange={(e) => setName(e.target.value)}
          aria-describedby={`map-save-name-hint${saveError ? " map-save-name-error" : ""}`}
          aria-invalid={saveError ? true : undefined}
        />
      </div>
      <div className="button-group">
        <button className="button button-secondary" type="button" disabled={saving} onClick={save}>
          Save mapping
        </button>
        {savedName ? <p role="status">Saved the mapping &ldquo;{savedName}&rdquo;.</p> : null}
      </div>
    </section>
  );
}

const NOUNS: Record<Summary["kind"], [one: string, many: string]> = {
  pupils: ["pupil", "pupils"],
  ctf: ["pupil", "pupils"],
  assessments: ["result", "results"],
  attendance: ["attendance record", "attendance records"],
  suspensions: ["suspension or exclusion", "suspensions and exclusions"],
};

/** What the file's rows are, singular for one. */
function noun(s: Summary): string {
  return NOUNS[s.kind][s.rows === 1 ? 0 : 1];
}

function counts(s: Summary) {
  return `${n(s.inserts)} new, ${n(s.updates)} updated, ${n(s.unchanged)} unchanged`;
}

export function Preview({ summary, onConfirm }: { summary: Summary; onConfirm: () => void }) {
  const what = noun(summary);
  return (
    <section className="card" aria-labelledby="preview-h">
      <h2 id="preview-h">Check what will change</h2>
      {summary.source ? <p>Read as {summary.source}.</p> : null}
      <p>
        The file has {n(summary.rows)} {what} and no problems: {counts(summary)}.
      </p>
      {summary.notes.length ? (
        <ul>
          {summary.notes.map((note) => (
            <li key={note}>{note}.</li>
          ))}
        </ul>
      ) : null}
      <TableWrap>
        <table className="table">
          <caption>{summary.changed ? "The first rows that change" : "The first rows"}</caption>
          <thead>
            <tr>
              <th scope="col">{summary.kind === "ctf" ? "Pupil" : "Line"}</th>
              <th scope="col" style={{ minWidth: "16rem" }}>
                Change
              </th>
              {summary.columns.map((c) => (
                <th scope="col" key={c}>
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {summary.sample.map((r, i) => (
              <tr key={`${r.line}-${i}`}>
                <th scope="row">{r.line}</th>
                <td>{r.status === "new" ? "New" : r.status === "updated" ? `Updated: ${r.changes}` : "Unchanged"}</td>
                {r.cells.map((c, j) => (
                  <td key={j}>{c}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      {summary.changed ? (
        <div className="button-group">
          <button className="button" type="button" onClick={onConfirm}>
            Import {n(summary.rows)} {what}
          </button>
        </div>
      ) : (
        <p className="inset">Everything in this file is already up to date, so there is nothing to import.</p>
      )}
    </section>
  );
}

export function Done({ summary }: { summary: Summary }) {
  return (
    <div className="success-banner" role="status">
      <h2>Imported</h2>
      <p>
        {n(summary.rows)} {noun(summary)}
        {(summary.kind === "pupils" || summary.kind === "ctf") && summary.academicYear ? ` for ${summary.academicYear}` : ""}: {counts(summary)}.
      </p>
      <p>
        {summary.kind === "pupils" || summary.kind === "ctf" ? (
          <Link href={`/pupils${summary.academicYear ? `?year=${summary.academicYear}` : ""}`}>See the pupils</Link>
        ) : summary.kind === "assessments" ? (
          <Link href="/pupils/analysis">See the attainment analysis</Link>
        ) : (
          <Link href="/pupils/attendance">See the attendance analysis</Link>
        )}
      </p>
    </div>
  );
}
