"use client";
import Link from "next/link";
import { useRef, useState, useTransition } from "react";
import { applyPupilsImportAction, previewPupilsImportAction, saveImportMappingAction, type ImportResponse } from "@/app/(app)/pupils/import/actions";
import { ErrorSummary, fieldId } from "@/components/ui/error-summary";
import { SelectField, TextField } from "@/components/ui/fields";
import { useServerForm } from "@/components/ui/use-server-form";
import type { ImportMappingKind } from "@/db/schema/enums";
import type { ImportMapping, MappingHelp } from "@/lib/import/mapping";
import { MAX_IMPORT_BYTES } from "@/lib/import/limits";
import type { ImportInput } from "@/lib/validation/pupils";
import { TableWrap } from "@/components/ui/table-wrap";

type Summary = Extract<ImportResponse, { ok: true }>["summary"];
type SchemeInfo = { name: string; subjects: string[]; results: string[]; hasTargets: boolean };
export type SavedMappingInfo = { name: string; kind: ImportMappingKind; mapping: ImportMapping };

const n = (x: number) => x.toLocaleString("en-GB");

/** The file's bytes as base64, in chunks (a large file would overflow String.fromCharCode's arguments). */
function toBase64(buf: ArrayBuffer): string {
  const bytes = new Uint8Array(buf);
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

const MAPPING_KIND_LABEL: Record<ImportMappingKind, string> = { pupils: "pupils", assessments: "results", marksheet: "marksheet" };

/**
 * Choose the file type and file, check it (the server reads the file as it comes: its encoding,
 * delimiter or workbook sheet; validates it and says what would change, or lists the bad lines and,
 * for columns or values it does not know, offers the mapping step), then confirm to import it. The
 * file is sent as its bytes; what was chosen stays on an error.
 */
export function ImportForm({ defaultYear, scheme, savedMappings }: { defaultYear: string; scheme: SchemeInfo; savedMappings: SavedMappingInfo[] }) {
  const [preview, setPreview] = useState<ImportResponse | null>(null);
  const [done, setDone] = useState<Summary | null>(null);
  const [applyError, setApplyError] = useState<string | null>(null);
  const [fileName, setFileName] = useState<string | null>(null);
  const [mapping, setMapping] = useState<ImportMapping | null>(null);
  const [saved, setSaved] = useState<SavedMappingInfo[]>(savedMappings);
  const [applying, startApply] = useTransition();
  const resultRef = useRef<HTMLDivElement>(null);

  const { form, submit, pending, formError, errors, errorFor } = useServerForm({
    action: previewPupilsImportAction,
    defaultValues: { kind: "assessments", academicYear: defaultYear, term: "", csv: "", data: "", fileName: "", sheet: "", mappingName: "" } satisfies ImportInput,
    // A chosen file is not typed text: it is never kept in the browser, nor asked about on leaving.
    draftKey: false,
    onSuccess: (data) => {
      setPreview(data);
      // A bad file focuses the error summary instead (it lists the bad lines).
      if (data.ok) setTimeout(() => resultRef.current?.focus(), 0);
    },
  });
  const kind = form.watch("kind");
  const mappingName = form.watch("mappingName");
  const fileError = errorFor("csv") ?? errorFor("data");

  const reset = () => {
    setPreview(null);
    setDone(null);
    setApplyError(null);
  };
  const resetAll = () => {
    reset();
    setMapping(null);
    form.setValue("mapping", undefined);
  };

  const onFile = async (file: File | undefined) => {
    resetAll();
    if (!file) {
      setFileName(null);
      form.setValue("data", "");
      form.setValue("fileName", "");
      return;
    }
    setFileName(file.name);
    // Too large: send just past the limit, so the schema says so.
    const data = file.size > MAX_IMPORT_BYTES ? "A".repeat(Math.ceil(MAX_IMPORT_BYTES / 3) * 4 + 4) : toBase64(await file.arrayBuffer());
    form.setValue("data", data, { shouldValidate: false });
    form.setValue("csv", "");
    form.setValue("fileName", file.name);
    form.clearErrors(["csv", "data"]);
  };

  const kindsFor = (k: string): ImportMappingKind[] => (k === "pupils" ? ["pupils"] : k === "assessments" ? ["assessments", "marksheet"] : []);
  const mappingsHere = saved.filter((m) => kindsFor(kind).includes(m.kind));

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

  const recheck = (m: ImportMapping) => {
    setMapping(m);
    form.setValue("mapping", m);
    submit();
  };

  const refused = preview && !preview.ok ? preview : null;
  const summaryErrors = [
    ...errors.map((e) => (e.field === "data" ? { ...e, field: "csv" } : e)),
    ...(refused ? refused.errors.map((e) => ({ field: "csv", message: e.line === null ? e.message : `Line ${e.line}: ${e.message}` })) : []),
  ];
  const isWorkbook = !!fileName && /\.xlsx$/i.test(fileName);

  return (
    <div className="stack">
      <ErrorSummary errors={summaryErrors} formError={applyError ?? formError} />
      <form className="form" onSubmit={submit} noValidate>
        <fieldset>
          <legend className="label">What does the file contain?</legend>
          <div className="checkbox">
            <input type="radio" id="kind-assessments" value="assessments" {...form.register("kind", { onChange: resetAll })} />
            <label htmlFor="kind-assessments">
              Assessment results
              <span className="hint" style={{ display: "block" }}>
                A marksheet with a column per subject (UPN, Surname, Forename, {scheme.subjects.map((s) => s[0]!.toUpperCase() + s.slice(1)).join(", ")}), or assessments.csv (upn, academic_year, term,
                subject, result
                {scheme.hasTargets ? ", optionally target" : ""}). Results: {scheme.results.join(", ")}.
              </span>
            </label>
          </div>
          <div className="checkbox">
            <input type="radio" id="kind-pupils" value="pupils" {...form.register("kind", { onChange: resetAll })} />
            <label htmlFor="kind-pupils">
              Pupils
              <span className="hint" style={{ display: "block" }}>
                Your MIS&apos;s pupil export as it comes (for example UPN, Legal Surname, Legal Forename, Year, Reg Group, Gender, FSM Eligible, SEN Status, EAL), or pupils.csv.
              </span>
            </label>
          </div>
          <div className="checkbox">
            <input type="radio" id="kind-ctf" value="ctf" {...form.register("kind", { onChange: resetAll })} />
            <label htmlFor="kind-ctf">
              Common Transfer File (CTF)
              <span className="hint" style={{ display: "block" }}>
                The DfE&apos;s XML transfer file from any MIS: pupils, their FSM, SEN, EAL and looked-after status, and the results it carries for the year.
              </span>
            </label>
          </div>
          <div className="checkbox">
            <input type="radio" id="kind-attendance" value="attendance" {...form.register("kind", { onChange: resetAll })} />
            <label htmlFor="kind-attendance">
              Attendance (attendance.csv)
              <span className="hint" style={{ display: "block" }}>
                One row per pupil and term: upn, academic_year, term, possible_sessions, attended_sessions, authorised_absence, unauthorised_absence. MIS headings such as Possible Sessions and
                Attendance % are recognised.
              </span>
            </label>
          </div>
          <div className="checkbox">
            <input type="radio" id="kind-suspensions" value="suspensions" {...form.register("kind", { onChange: resetAll })} />
            <label htmlFor="kind-suspensions">
              Suspensions and exclusions (suspensions.csv)
              <span className="hint" style={{ display: "block" }}>
                Columns upn, start_date (2026-01-14 or 14/01/2026), days, type (suspension or permanent_exclusion).
              </span>
            </label>
          </div>
        </fieldset>
        {kind === "attendance" || kind === "suspensions" ? null : (
          <TextField
            label={kind === "assessments" ? "Academic year (for a marksheet)" : "Academic year"}
            hint={
              kind === "assessments"
                ? "The year a marksheet's results are for, for example 2026-27. Not needed for assessments.csv, which names its year on each line."
                : "The year these pupils are on roll, for example 2026-27. It is added, with the usual term dates, if it does not exist."
            }
            registration={form.register("academicYear", { onChange: reset })}
            error={errorFor("academicYear")}
          />
        )}
        {kind === "assessments" ? (
          <SelectField
            label="Term (for a marksheet)"
            hint="The term a marksheet's results are for."
            placeholder="Choose the term"
            options={[
              { value: "autumn", label: "Autumn" },
              { value: "spring", label: "Spring" },
              { value: "summer", label: "Summer" },
            ]}
            registration={form.register("term", { onChange: reset })}
            error={errorFor("term")}
          />
        ) : null}
        {mappingsHere.length ? (
          <SelectField
            label="Saved mapping"
            hint="A mapping saved from an earlier import of a file like this one: which column is which, and how its values translate."
            placeholder="None: recognise the usual MIS headers"
            options={mappingsHere.map((m) => ({ value: m.name, label: `${m.name} (${MAPPING_KIND_LABEL[m.kind]})` }))}
            registration={form.register("mappingName", {
              onChange: () => {
                resetAll();
              },
            })}
          />
        ) : null}
        <div className={`field${fileError ? " field--error" : ""}`}>
          <label htmlFor={fieldId("csv")}>File</label>
          <div className="hint" id={`${fieldId("csv")}-hint`}>
            CSV or text in any encoding Excel or an MIS writes (UTF-8, UTF-16 &quot;Unicode text&quot;, Windows-1252), comma-, semicolon- or tab-separated; an Excel workbook (.xlsx); or a CTF (.xml).
            Up to 8 MB.
          </div>
          {fileError ? (
            <p className="field-error" id={`${fieldId("csv")}-error`}>
              <span className="visually-hidden">Error:</span> {fileError}
            </p>
          ) : null}
          <input
            id={fieldId("csv")}
            type="file"
            accept=".csv,.txt,.tsv,.xlsx,.xml,text/csv,text/plain,text/xml,application/xml,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-describedby={`${fieldId("csv")}-hint${fileError ? ` ${fieldId("csv")}-error` : ""}`}
            aria-invalid={fileError ? true : undefined}
            onChange={(e) => void onFile(e.target.files?.[0])}
          />
        </div>
        {isWorkbook ? (
          <TextField label="Sheet" hint="The workbook's sheet to read. Leave blank for the first sheet." registration={form.register("sheet", { onChange: reset })} error={errorFor("sheet")} />
        ) : null}
        <div className="button-group">
          <button className="button button-secondary" type="submit" disabled={pending || applying}>
            {pending ? "Checking the file…" : "Check the file"}
          </button>
        </div>
      </form>

      <div ref={resultRef} tabIndex={-1} aria-live="polite">
        {pending ? <Progress label={`Checking ${fileName ?? "the file"}…`} /> : null}
        {applying ? <Progress label={`Importing ${fileName ?? "the file"}…`} /> : null}
        {refused ? (
          <div className="warning">
            <h2>Nothing was imported</h2>
            <p>
              {refused.errorCount === 1 ? (refused.errors[0]?.line === null ? "The file has a problem" : "1 line has a problem") : `${n(refused.errorCount)} lines have problems`}.
              {refused.mapping ? " Match the columns or translate the values below, or fix the file," : " Fix the file"} and check it again.
              {refused.errorCount > refused.errors.length ? ` The first ${n(refused.errors.length)} are listed above; ${n(refused.errorCount - refused.errors.length)} more are not shown.` : ""}
            </p>
            {refused.source ? <p>Read as {refused.source}.</p> : null}
          </div>
        ) : null}
        {refused?.mapping && refused.mappingKind ? (
          <MappingStep
            key={JSON.stringify(refused.mapping.header)}
            help={refused.mapping}
            kind={refused.mappingKind}
            start={mapping ?? saved.find((m) => m.name === mappingName && kindsFor(kind).includes(m.kind))?.mapping ?? null}
            disabled={pending || applying}
            onRecheck={recheck}
            onSaved={(m) => setSaved((list) => [...list.filter((x) => !(x.name === m.name && x.kind === m.kind)), m].sort((a, b) => a.name.localeCompare(b.name)))}
          />
        ) : null}
        {preview && preview.ok && !applying ? <Preview summary={preview.summary} onConfirm={apply} /> : null}
        {preview && preview.ok && !applying && preview.summary.mapping ? (
          <details className="stack">
            <summary>Match the columns differently</summary>
            <MappingStep
              key={JSON.stringify(preview.summary.mapping.header)}
              help={preview.summary.mapping}
              kind="marksheet"
              start={mapping ?? saved.find((m) => m.name === mappingName && kindsFor(kind).includes(m.kind))?.mapping ?? null}
              disabled={pending || applying}
              onRecheck={recheck}
              onSaved={(m) => setSaved((list) => [...list.filter((x) => !(x.name === m.name && x.kind === m.kind)), m].sort((a, b) => a.name.localeCompare(b.name)))}
            />
          </details>
        ) : null}
        {done ? <Done summary={done} /> : null}
      </div>
    </div>
  );
}

/**
 * The mapping step: which of the file's columns is each field, and what each value the import did not
 * recognise means. Check again with it, and save it under a name for next time.
 */
function MappingStep({
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

function Progress({ label }: { label: string }) {
  return (
    <div className="notice" role="status">
      <p>{label}</p>
      <progress aria-label={label} />
    </div>
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

function Preview({ summary, onConfirm }: { summary: Summary; onConfirm: () => void }) {
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

function Done({ summary }: { summary: Summary }) {
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
