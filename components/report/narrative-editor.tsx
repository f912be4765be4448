"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { fieldId } from "@/components/ui/error-summary";
import { formatClock } from "@/components/ui/format";
import { saveReportNarrativeAction } from "@/app/(app)/reports/[termKey]/actions";
import { narrativeSchema } from "@/lib/validation/report";

const AUTOSAVE_MS = 1500;

/**
 * One section's narrative with autosave: a pause in typing of about 1.5 s saves it with the version it
 * was loaded at. If someone else saved first the server refuses (ConflictError) and the text stays
 * here, so nothing typed is lost; the writer copies it and reloads.
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
  const [body, setBody] = useState(initialBody);
  const [savedBody, setSavedBody] = useState(initialBody);
  const [status, setStatus] = useState<"idle" | "saving" | "saved" | "error">("idle");
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const version = useRef(initialVersion);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const inFlight = useRef(false);
  const latest = useRef(body);
  const blocked = useRef(false);
  latest.current = body;
  const id = fieldId(`narrative-${sectionKey}`);

  const save = useCallback(async () => {
    if (inFlight.current || blocked.current) return;
    const text = latest.current;
    const input = { termKey, sectionKey, body: text, version: version.current };
    const parsed = narrativeSchema.safeParse(input);
    if (!parsed.success) {
      setFieldError(parsed.error.issues[0]?.message ?? "Check the text");
      setStatus("error");
      return;
    }
    inFlight.current = true;
    setStatus("saving");
    const result = await saveReportNarrativeAction(input);
    inFlight.current = false;
    if (result.ok) {
      version.current = result.data.version;
      setSavedBody(text);
      setSavedAt(new Date());
      setError(null);
      setFieldError(null);
      setStatus("saved");
      // More typing arrived while saving: save that too.
      if (latest.current !== text) timer.current = setTimeout(() => void save(), AUTOSAVE_MS);
    } else {
      const fe = result.fieldErrors?.body?.[0] ?? null;
      setFieldError(fe);
      setError(fe ? null : (result.formError ?? "The text could not be saved."));
      // A conflict will not clear by retrying: stop autosaving until the page is reloaded.
      if (!fe) blocked.current = true;
      setStatus("error");
    }
  }, [termKey, sectionKey]);

  useEffect(() => {
    if (body === savedBody) return;
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void save(), AUTOSAVE_MS);
    return () => {
      if (timer.current) clearTimeout(timer.current);
    };
  }, [body, savedBody, save]);

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
            onClick={() => setBody((b) => (b.trim() ? `${b.trimEnd()}\n\n${suggestion}` : suggestion))}
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
      <textarea id={id} rows={6} value={body} onChange={(e) => setBody(e.target.value)} aria-describedby={describedBy} aria-invalid={fieldError ? true : undefined} />
      <div className="row" style={{ alignItems: "center" }}>
        <button type="button" className="button button-secondary" disabled={status === "saving" || body === savedBody} onClick={() => void save()}>
          Save now
        </button>
        <span id={`${id}-status`} className="saved-note" aria-live="polite">
          {status === "saving" ? "Saving…" : status === "saved" && savedAt ? `Saved at ${formatClock(savedAt)}` : body !== savedBody ? "Not saved yet" : ""}
        </span>
      </div>
    </div>
  );
}
