"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { fieldId } from "@/components/ui/error-summary";
import { formatClock } from "@/lib/format-clock";
import { saveReportNarrativeAction } from "@/app/(app)/reports/[termKey]/actions";
import type { ActionResult } from "@/lib/actions/define-action";
import { nowMs } from "@/lib/clock";
import { markUnsaved, offerDraft, readDraft, removeDraft, withdrawDraft, writeDraft } from "@/components/ui/drafts";

const AUTOSAVE_MS = 1500;
/** After a failure that may pass (busy, network, server restarting): 2 s, 4 s, 8 s … at most 30 s. */
const retryDelay = (n: number) => Math.min(30_000, 2000 * 2 ** (n - 1));
const CONFLICT = /changed by someone else/;

/**
 * One section's narrative with autosave: a pause in typing of about 1.5 s saves it with the version it
 * was loaded at. If someone else saved first the server refuses (ConflictError) and the text stays
 * here, so nothing typed is lost; the writer copies it and reloads. Only that conflict stops the
 * autosave: a busy database, a network failure or a server error is retried with a growing pause,
 * and "Saving…" always ends. Unsaved text is kept in this browser and leaving the page asks first.
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
  const failures = useRef(0);
  useEffect(() => {
    latest.current = body;
  }, [body]);
  const id = fieldId(`narrative-${sectionKey}`);
  const draftKey = `narrative:${termKey}:${sectionKey}`;

  /** The save a timer runs: always the latest one (set below). */
  const saveLater = useRef<() => Promise<void>>(() => Promise.resolve());
  const save = useCallback(async () => {
    if (inFlight.current || blocked.current) return;
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const text = latest.current;
    const input = { termKey, sectionKey, body: text, version: version.current };
    inFlight.current = true;
    setStatus("saving");
    let result: ActionResult<{ version: number }> | null;
    try {
      result = await saveReportNarrativeAction(input);
    } catch {
      result = null; // no answer: the network, or the server is down or failed
    } finally {
      inFlight.current = false;
    }
    if (result?.ok) {
      failures.current = 0;
      version.current = result.data.version;
      setSavedBody(text);
      setSavedAt(new Date());
      setError(null);
      setFieldError(null);
      setStatus("saved");
      if (latest.current === text) {
        removeDraft(draftKey);
        markUnsaved(draftKey, false);
      }
      // More typing arrived while saving: save that too.
      if (latest.current !== text) timer.current = setTimeout(() => void saveLater.current(), AUTOSAVE_MS);
      return;
    }
    const fe = result?.fieldErrors?.body?.[0] ?? null;
    const message = result ? (result.formError ?? "The text could not be saved.") : "Not saved yet: the server could not be reached. Your text is still here and kept in this browser.";
    setFieldError(fe);
    setStatus("error");
    if (fe) {
      setError(null);
    } else if (CONFLICT.test(message)) {
      // A conflict will not clear by retrying: stop autosaving until the page is reloaded.
      blocked.current = true;
      setError(message);
    } else {
      failures.current++;
      const wait = retryDelay(failures.current);
      setError(`${message} Trying again in ${Math.round(wait / 1000)} seconds.`);
      timer.current = setTimeout(() => void saveLater.current(), wait);
    }
  }, [termKey, sectionKey, draftKey]);
  useEffect(() => {
    saveLater.current = save;
  }, [save]);

  // A draft left by an earlier visit whose text never reached the server: offer it back.
  useEffect(() => {
    const found = readDraft(draftKey);
    const text = typeof found?.values.body === "string" ? found.values.body : null;
    if (found && text !== null && text !== initialBody) {
      offerDraft({
        key: draftKey,
        savedAt: found.savedAt,
        restore: () => {
          setBody(text);
          withdrawDraft(draftKey);
        },
        discard: () => {
          removeDraft(draftKey);
          withdrawDraft(draftKey);
        },
      });
    }
    return () => {
      withdrawDraft(draftKey);
      markUnsaved(draftKey, false);
    };
  }, [draftKey, initialBody]);

  // Keep unsaved text in this browser, and ask before the page is left with it.
  useEffect(() => {
    const dirty = body !== savedBody;
    markUnsaved(draftKey, dirty);
    if (dirty) writeDraft(draftKey, { body }, nowMs());
  }, [body, savedBody, draftKey]);

  useEffect(() => {
    if (body === savedBody) return;
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void saveLater.current(), AUTOSAVE_MS);
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
          {status === "saving" ? "Saving…" : body !== savedBody ? "Not saved yet" : status === "saved" && savedAt ? `Saved at ${formatClock(savedAt)}` : ""}
        </span>
      </div>
    </div>
  );
}
