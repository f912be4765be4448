"use client";
import { useFieldArray } from "@/components/ui/form-array";
import { ErrorSummary } from "@/components/ui/error-summary";
import { Checkbox, SelectField, TextField } from "@/components/ui/fields";
import { formatClock } from "@/lib/format-clock";
import { useServerForm } from "@/components/ui/use-server-form";
import type { ReportSection } from "@/db/schema/enums";
import { MARK_LABEL, type FormatSection } from "@/lib/report/format";
import { saveReportFormatAction } from "./actions";

const MARK_OPTIONS = (Object.keys(MARK_LABEL) as (keyof typeof MARK_LABEL)[]).map((m) => ({ value: m, label: MARK_LABEL[m] }));

/**
 * The board's format: each section in order with "include", how it is put to the board, and buttons to
 * move it up or down; then the target length. Saved with the version it was loaded at.
 */
export function FormatForm({ sections, targetPages, version, labels }: { sections: FormatSection[]; targetPages: number; version: number; labels: Record<ReportSection, string> }) {
  const { form, submit, pending, formError, errors, errorFor, savedAt } = useServerForm({
    action: saveReportFormatAction,
    defaultValues: { version, targetPages, sections },
    onSuccess: (data) => form.setValue("version", data.version),
  });
  const { fields, move } = useFieldArray({ control: form.control, name: "sections" });
  return (
    <form className="form" onSubmit={submit} noValidate>
      <ErrorSummary errors={errors} formError={formError} />
      <fieldset className="format-sections" aria-describedby="format-sections-hint">
        <legend>
          <h2>Sections, in the order governors read them</h2>
        </legend>
        <p className="hint" id="format-sections-hint">
          Untick a section to leave it out. The summary is the report&apos;s first page; each other section is marked for decision, discussion or information.
        </p>
        {errorFor("sections") ? (
          <p className="field-error" id="f-sections">
            {errorFor("sections")}
          </p>
        ) : null}
        <ol className="format-list">
          {fields.map((f, i) => {
            const label = labels[f.key];
            return (
              <li key={f.id} className="format-row" data-section={f.key}>
                <span className="format-position" aria-hidden="true">
                  {i + 1}
                </span>
                <div className="format-fields">
                  <Checkbox label={<>Include “{label}”</>} registration={form.register(`sections.${i}.include`)} />
                  {f.key === "summary" ? (
                    <p className="hint">The opening page: the points for the board to decide or discuss.</p>
                  ) : (
                    <SelectField label={<>How “{label}” is put to the board</>} options={MARK_OPTIONS} registration={form.register(`sections.${i}.mark`)} error={errorFor(`sections.${i}.mark`)} />
                  )}
                </div>
                <div className="format-move">
                  <button type="button" className="button button-secondary" disabled={i === 0} onClick={() => move(i, i - 1)} aria-label={`Move up: ${label}`}>
                    Move up
                  </button>
                  <button type="button" className="button button-secondary" disabled={i === fields.length - 1} onClick={() => move(i, i + 1)} aria-label={`Move down: ${label}`}>
                    Move down
                  </button>
                </div>
              </li>
            );
          })}
        </ol>
      </fieldset>
      <TextField
        label="Target length (A4 pages)"
        hint="The most the board wants to read. The report's cover says so; leave out or reorder sections to keep within it."
        type="number"
        inputMode="numeric"
        registration={form.register("targetPages", { valueAsNumber: true })}
        error={errorFor("targetPages")}
      />
      <button className="button" type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save the format"}
      </button>
      <p role="status" className="muted">
        {savedAt ? `Saved at ${formatClock(savedAt)}. Drafts now follow this format; published reports keep the format they were published with.` : ""}
      </p>
    </form>
  );
}
