"use client";
import { useCallback } from "react";
import { fieldId } from "@/components/ui/error-summary";
import { formatClock } from "@/lib/format-clock";
import { saveReportNarrativeAction } from "@/app/(app)/reports/[termKey]/actions";
import { useAutosave, useSerialSaver } from "@/components/ui/use-autosave";

/**
 * One section's narrative with autosave (components/ui/use-autosave): a pause in typing of about 1.5 s
 * saves it with the version it was loaded at. If someone else saved first the server refuses
 * (ConflictError) and the text stays here, so nothing typed is lost; the writer copies it and reloads.
 * Only that conflict stops the autosave: a busy database, a network failure or a server error is
 * retried with a growing pause, and "Saving…" always ends. Unsaved text is kept in this browser and
 * leaving the page asks first.
 */
export function NarrativeEditor({
  termKey,
  sectionKey,
  label,
  initialBody,
  initialVersion,
  suggestion,
}: {
  termKey: string;
  sectionKey: string;
  label: string;
  initialBody: string;
  initialVersion: number;
  suggestion?: string;
}) {
  const serial = useSerialSaver(initialVersion);
  const save = useCallback((body: string) => serial((version) => saveReportNarrativeAction({ termKey, sectionKey, body, version })), [serial, termKey, sectionKey]);
  const { value: body, change, saveNow, status, dirty } = useAutosave({ draftKey: `narrative:${termKey}:${sectionKey}`, initialValue: initialBody, save });
  const id = fieldId(`narrative-${sectionKey}`);
  const fieldError = status.kind === "error" && status.field ? status.message : null;
  const error = status.kind === "error" && !status.field ? status.message : null;

  const describedBy = [`${id}-status`, fieldError ? `${id}-error` : null].filter(Boolean).join(" ");
  return (
    <div className={`field narrative-editor${fieldError ? " field--error" : ""}`}>
      <label htmlFor={id}>{label}</label>
      {suggestion ? (
        <details className="suggestion">
          <summary>Suggested narrative from this section&apos;s data</summary>
          <p className="inset" style={{ whiteSpace: "pre-wrap" }}>
            {suggestion}
          </p>
          <button
            type="button"
            className="button button-secondary"
            onClick={() => change(body.trim() ? `${body.trimEnd()}\n\n${suggestion}` : suggestion)}
            aria-label={`Use the suggestion for ${label}`}
          >
            Use the suggestion
          </button>
        </details>
      ) : null}
      {error ? (
        <div className="error-summary" role="alert">
          <h2 className="visually-hidden">There is a problem</h2>
          <p>{error}</p>
        </div>
      ) : null}
      {fieldError ? (
        <p className="field-error" id={`${id}-error`}>
          <span className="visually-hidden">Error:</span> {fieldError}
        </p>
      ) : null}
      <textarea id={id} rows={6} value={body} onChange={(e) => change(e.target.value)} aria-describedby={describedBy} aria-invalid={fieldError ? true : undefined} />
      <div className="row" style={{ alignItems: "center" }}>
        <button type="button" className="button button-secondary" disabled={status.kind === "saving" || !dirty} onClick={() => void saveNow()}>
          Save now
        </button>
        <span id={`${id}-status`} className="saved-note" aria-live="polite">
          {status.kind === "saving" ? "Saving…" : dirty ? "Not saved yet" : status.kind === "saved" ? `Saved at ${formatClock(status.at)}` : ""}
        </span>
      </div>
    </div>
  );
}
