"use client";
import Link from "next/link";
import { useRef, useState, useTransition } from "react";
import { applyPupilsImportAction, previewPupilsImportAction, type ImportResponse } from "@/app/(app)/pupils/import/actions";
import { ErrorSummary, fieldId } from "@/components/ui/error-summary";
import { TextField } from "@/components/ui/fields";
import { useServerForm } from "@/components/ui/use-server-form";
import { importSchema, MAX_IMPORT_CHARS, type ImportInput } from "@/lib/validation/pupils";

type Summary = Extract<ImportResponse, { ok: true }>["summary"];
type SchemeInfo = { name: string; subjects: string[]; results: string[]; hasTargets: boolean };

const n = (x: number) => x.toLocaleString("en-GB");
/** Rows in a CSV's text (lines that are not blank, less the header): for progress messages only. */
function countRows(text: string) {
  let rows = 0;
  for (const line of text.split(/\r\n|\n|\r/)) if (line.trim() !== "") rows++;
  return Math.max(0, rows - 1);
}

/**
 * Choose the file type and file, check it (the server parses and validates it and says what would
 * change, or lists every bad line), then confirm to import it. The file is read here as text and sent
 * to the server action; what was chosen stays on an error.
 */
export function ImportForm({ defaultYear, scheme }: { defaultYear: string; scheme: SchemeInfo }) {
  const [preview, setPreview] = useState<ImportResponse | null>(null);
  const [done, setDone] = useState<Summary | null>(null);
  const [applyError, setApplyError] = useState<string | null>(null);
  const [rows, setRows] = useState(0);
  const [fileName, setFileName] = useState<string | null>(null);
  const [applying, startApply] = useTransition();
  const resultRef = useRef<HTMLDivElement>(null);

  const { form, submit, pending, formError, errors, errorFor } = useServerForm({
    schema: importSchema,
    action: previewPupilsImportAction,
    defaultValues: { kind: "assessments", academicYear: defaultYear, csv: "" } satisfies ImportInput,
    onSuccess: (data) => {
      setPreview(data);
      // A bad file focuses the error summary instead (it lists every bad line).
      if (data.ok) setTimeout(() => resultRef.current?.focus(), 0);
    },
  });
  const kind = form.watch("kind");
  const csvError = errorFor("csv");

  const reset = () => {
    setPreview(null);
    setDone(null);
    setApplyError(null);
  };

  const onFile = async (file: File | undefined) => {
    reset();
    if (!file) {
      setFileName(null);
      form.setValue("csv", "");
      return;
    }
    setFileName(file.name);
    const text = file.size > MAX_IMPORT_CHARS * 2 ? "x".repeat(MAX_IMPORT_CHARS + 1) : await file.text();
    setRows(countRows(text));
    form.setValue("csv", text, { shouldValidate: false });
    form.clearErrors("csv");
  };

  const apply = () =>
    startApply(async () => {
      setApplyError(null);
      const r = await applyPupilsImportAction(form.getValues());
      if (!r.ok) setApplyError(r.formError ?? "The file could not be imported.");
      else if (!r.data.ok) setPreview(r.data);
      else {
        setDone(r.data.summary);
        setPreview(null);
        setTimeout(() => resultRef.current?.focus(), 0);
      }
    });

  const summaryErrors = [...errors, ...(preview && !preview.ok ? preview.errors.map((e) => ({ field: "csv", message: e.line === null ? e.message : `Line ${e.line}: ${e.message}` })) : [])];

  return (
    <div className="stack">
      <ErrorSummary errors={summaryErrors} formError={applyError ?? formError} />
      <form className="form" onSubmit={submit} noValidate>
        <fieldset>
          <legend className="label">What does the file contain?</legend>
          <div className="checkbox">
            <input type="radio" id="kind-assessments" value="assessments" {...form.register("kind", { onChange: reset })} />
            <label htmlFor="kind-assessments">
              Assessment results (assessments.csv)
              <span className="hint" style={{ display: "block" }}>
                Columns upn, academic_year, term, subject, result{scheme.hasTargets ? " (and optionally target)" : ""}. Subjects: {scheme.subjects.join(", ")}. Results: {scheme.results.join(", ")}.
              </span>
            </label>
          </div>
          <div className="checkbox">
            <input type="radio" id="kind-pupils" value="pupils" {...form.register("kind", { onChange: reset })} />
            <label htmlFor="kind-pupils">
              Pupils (pupils.csv)
              <span className="hint" style={{ display: "block" }}>
                Columns upn, first_name, last_name, year_group, class, gender, disadvantaged, fsm, sen, eal, looked_after.
              </span>
            </label>
          </div>
          <div className="checkbox">
            <input type="radio" id="kind-attendance" value="attendance" {...form.register("kind", { onChange: reset })} />
            <label htmlFor="kind-attendance">
              Attendance (attendance.csv)
              <span className="hint" style={{ display: "block" }}>
                One row per pupil and term: upn, academic_year, term, possible_sessions, attended_sessions, authorised_absence, unauthorised_absence. MIS headings such as Possible Sessions and Attendance % are recognised.
              </span>
            </label>
          </div>
          <div className="checkbox">
            <input type="radio" id="kind-suspensions" value="suspensions" {...form.register("kind", { onChange: reset })} />
            <label htmlFor="kind-suspensions">
              Suspensions and exclusions (suspensions.csv)
              <span className="hint" style={{ display: "block" }}>
                Columns upn, start_date (2026-01-14 or 14/01/2026), days, type (suspension or permanent_exclusion).
              </span>
            </label>
          </div>
        </fieldset>
        {kind === "pupils" ? (
          <TextField label="Academic year" hint="The year these pupils are on roll, for example 2026-27. It is added, with the usual term dates, if it does not exist." registration={form.register("academicYear", { onChange: reset })} error={errorFor("academicYear")} />
        ) : null}
        <div className={`field${csvError ? " field--error" : ""}`}>
          <label htmlFor={fieldId("csv")}>CSV file</label>
          <div className="hint" id={`${fieldId("csv")}-hint`}>
            UTF-8, with a header row. Up to 8 MB.
          </div>
          {csvError ? (
            <p className="field-error" id={`${fieldId("csv")}-error`}>
              <span className="visually-hidden">Error:</span> {csvError}
            </p>
          ) : null}
          <input
            id={fieldId("csv")}
            type="file"
            accept=".csv,text/csv"
            aria-describedby={`${fieldId("csv")}-hint${csvError ? ` ${fieldId("csv")}-error` : ""}`}
            aria-invalid={csvError ? true : undefined}
            onChange={(e) => void onFile(e.target.files?.[0])}
          />
        </div>
        <div className="button-group">
          <button className="button button-secondary" type="submit" disabled={pending || applying}>
            {pending ? `Checking ${n(rows)} rows…` : "Check the file"}
          </button>
        </div>
      </form>

      <div ref={resultRef} tabIndex={-1} aria-live="polite">
        {pending ? <Progress label={`Checking ${n(rows)} rows of ${fileName ?? "the file"}…`} /> : null}
        {applying ? <Progress label={`Importing ${n(rows)} rows…`} /> : null}
        {preview && !preview.ok ? (
          <div className="warning">
            <h2>Nothing was imported</h2>
            <p>
              {preview.errorCount === 1 ? "1 line has a problem" : `${n(preview.errorCount)} lines have problems`}. Fix {preview.errorCount === 1 ? "it" : "them"} in the file and check it again.
              {preview.errorCount > preview.errors.length ? ` The first ${n(preview.errors.length)} are listed above; the command-line import lists them all.` : ""}
            </p>
          </div>
        ) : null}
        {preview && preview.ok && !applying ? <Preview summary={preview.summary} onConfirm={apply} /> : null}
        {done ? <Done summary={done} /> : null}
      </div>
    </div>
  );
}

function Progress({ label }: { label: string }) {
  return (
    <div className="notice" role="status">
      <p>{label}</p>
      <progress aria-label={label} />
    </div>
  );
}

const NOUN: Record<Summary["kind"], string> = { pupils: "pupils", assessments: "results", attendance: "attendance records", suspensions: "suspensions and exclusions" };

function counts(s: Summary) {
  return `${n(s.inserts)} new, ${n(s.updates)} updated, ${n(s.unchanged)} unchanged`;
}

function Preview({ summary, onConfirm }: { summary: Summary; onConfirm: () => void }) {
  const what = NOUN[summary.kind];
  return (
    <section className="card" aria-labelledby="preview-h">
      <h2 id="preview-h">Check what will change</h2>
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
      {/* Wide files scroll sideways: the region takes keyboard focus so it can be scrolled without a mouse. */}
      <div className="table-wrap" tabIndex={0} role="region" aria-label={summary.changed ? "The first rows that change" : "The first rows"}>
        <table className="table">
          <caption>{summary.changed ? "The first rows that change" : "The first rows"}</caption>
          <thead>
            <tr>
              <th scope="col">Line</th>
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
            {summary.sample.map((r) => (
              <tr key={r.line}>
                <th scope="row">{r.line}</th>
                <td>{r.status === "new" ? "New" : r.status === "updated" ? `Updated: ${r.changes}` : "Unchanged"}</td>
                {r.cells.map((c, i) => (
                  <td key={i}>{c}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
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

function Done({ summary }: { summary: Summary }) {
  return (
    <div className="success-banner" role="status">
      <h2>Imported</h2>
      <p>
        {n(summary.rows)} {NOUN[summary.kind]}
        {summary.kind === "pupils" && summary.academicYear ? ` for ${summary.academicYear}` : ""}: {counts(summary)}.
      </p>
      <p>
        {summary.kind === "pupils" ? (
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
