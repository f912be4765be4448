"use client";
import { lazy, Suspense, useEffect, useRef, useState, useTransition } from "react";
import { applyPupilsImportAction, previewPupilsImportAction, type ImportResponse } from "@/app/(app)/pupils/import/actions";
import { ErrorSummary, fieldId } from "@/components/ui/error-summary";
import { SelectField, TextField } from "@/components/ui/fields";
import { useServerForm } from "@/components/ui/use-server-form";
import type { ImportKindChoice } from "@/app/(app)/pupils/_lib/import-kinds";
import type { ImportMappingKind } from "@/db/schema/enums";
import type { ImportMapping } from "@/lib/import/mapping";
import { MAX_IMPORT_BYTES } from "@/lib/import/limits";
import type { ImportInput } from "@/lib/validation/pupils";

export type Summary = Extract<ImportResponse, { ok: true }>["summary"];
export type SavedMappingInfo = { name: string; kind: ImportMappingKind; mapping: ImportMapping };

const n = (x: number) => x.toLocaleString("en-GB");

// The steps after a file is checked (matching its columns, the preview, the result) load once the form
// is on screen, so the page's first load carries only the form.
const loadSteps = () => import("./import-steps");
const MappingStep = lazy(() => loadSteps().then((m) => ({ default: m.MappingStep })));
const Preview = lazy(() => loadSteps().then((m) => ({ default: m.Preview })));
const Done = lazy(() => loadSteps().then((m) => ({ default: m.Done })));

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
export function ImportForm({ defaultYear, kinds, savedMappings }: { defaultYear: string; kinds: ImportKindChoice[]; savedMappings: SavedMappingInfo[] }) {
  const [preview, setPreview] = useState<ImportResponse | null>(null);
  const [done, setDone] = useState<Summary | null>(null);
  const [applyError, setApplyError] = useState<string | null>(null);
  const [fileName, setFileName] = useState<string | null>(null);
  const [mapping, setMapping] = useState<ImportMapping | null>(null);
  const [saved, setSaved] = useState<SavedMappingInfo[]>(savedMappings);
  const [applying, startApply] = useTransition();
  const resultRef = useRef<HTMLDivElement>(null);
  // Fetch the later steps' code as soon as the form is on screen.
  useEffect(() => {
    void loadSteps();
  }, []);

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
          {kinds.map((k) => (
            <div className="checkbox" key={k.value}>
              <input type="radio" id={`kind-${k.value}`} value={k.value} {...form.register("kind", { onChange: resetAll })} />
              <label htmlFor={`kind-${k.value}`}>
                {k.label}
                <span className="hint" style={{ display: "block" }}>
                  {k.hint}
                </span>
              </label>
            </div>
          ))}
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
          <Suspense fallback={<Progress label="Loading the column matching…" />}>
            <MappingStep
              key={JSON.stringify(refused.mapping.header)}
              help={refused.mapping}
              kind={refused.mappingKind}
              start={mapping ?? saved.find((m) => m.name === mappingName && kindsFor(kind).includes(m.kind))?.mapping ?? null}
              disabled={pending || applying}
              onRecheck={recheck}
              onSaved={(m) => setSaved((list) => [...list.filter((x) => !(x.name === m.name && x.kind === m.kind)), m].sort((a, b) => a.name.localeCompare(b.name)))}
            />
          </Suspense>
        ) : null}
        {preview && preview.ok && !applying ? (
          <Suspense fallback={<Progress label="Loading the preview…" />}>
            <Preview summary={preview.summary} onConfirm={apply} />
          </Suspense>
        ) : null}
        {preview && preview.ok && !applying && preview.summary.mapping ? (
          <details className="stack">
            <summary>Match the columns differently</summary>
            <Suspense fallback={null}>
              <MappingStep
                key={JSON.stringify(preview.summary.mapping.header)}
                help={preview.summary.mapping}
                kind="marksheet"
                start={mapping ?? saved.find((m) => m.name === mappingName && kindsFor(kind).includes(m.kind))?.mapping ?? null}
                disabled={pending || applying}
                onRecheck={recheck}
                onSaved={(m) => setSaved((list) => [...list.filter((x) => !(x.name === m.name && x.kind === m.kind)), m].sort((a, b) => a.name.localeCompare(b.name)))}
              />
            </Suspense>
          </details>
        ) : null}
        {done ? (
          <Suspense fallback={null}>
            <Done summary={done} />
          </Suspense>
        ) : null}
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
