"use client";
import { useCallback, useEffect, useRef, useState, type ReactNode } from "react";
import { fieldId } from "@/components/ui/error-summary";
import { formatClock } from "@/lib/format-clock";
import type { ActionResult } from "@/lib/actions/define-action";
import { nowMs } from "@/lib/clock";
import { markUnsaved, offerDraft, readDraft, removeDraft, withdrawDraft, writeDraft } from "@/components/ui/drafts";

type Versioned = { version: number };

/**
 * Runs saves of one versioned record one after another, each with the version the previous save
 * returned. Several fields of one record (an area's grade and strengths) share one saver, so a save of
 * one never makes the next save of the other look stale.
 */
export function useSerialSaver(initialVersion: number) {
  const version = useRef(initialVersion);
  const chain = useRef<Promise<unknown>>(Promise.resolve());
  return useCallback(<T extends Versioned>(save: (version: number) => Promise<ActionResult<T>>): Promise<ActionResult<T>> => {
    const run = chain.current.then(async () => {
      const result = await save(version.current);
      if (result.ok) version.current = result.data.version;
      return result;
    });
    chain.current = run.catch(() => undefined);
    return run;
  }, []);
}

type Status = { kind: "idle" } | { kind: "dirty" } | { kind: "saving" } | { kind: "saved"; at: Date } | { kind: "error"; message: string; conflict: boolean };

const DELAY_MS = 1500;
/** After a failure that may pass (busy, network, server restarting): 2 s, 4 s, 8 s … at most 30 s. */
const retryDelay = (n: number) => Math.min(30_000, 2000 * 2 ** (n - 1));

/**
 * A long narrative field that saves itself: 1.5 s after typing stops, and when focus leaves it. Shows
 * "Saved at 14:05". On any error the text stays exactly as typed; after a conflict (someone else saved
 * first) it stops autosaving and shows the conflict message, so nothing is overwritten and nothing is lost.
 * Any other failure (busy, network, a server error) is retried with a growing pause. Unsaved text is
 * kept in this browser and offered back on the next visit; leaving the page with it asks first.
 */
export function AutosaveTextArea({
  name,
  label,
  hint,
  initialValue,
  rows = 8,
  onSave,
  onSaved,
}: {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  initialValue: string;
  rows?: number;
  onSave: (value: string) => Promise<ActionResult<Versioned>>;
  onSaved?: () => void;
}) {
  const id = fieldId(name);
  const [value, setValue] = useState(initialValue);
  /** The text the page was loaded with: a draft is offered once, against this. */
  const [loadedValue] = useState(initialValue);
  const [status, setStatus] = useState<Status>({ kind: "idle" });
  const saved = useRef(initialValue);
  const latest = useRef(initialValue);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const blocked = useRef(false);
  const inFlight = useRef(false);
  const failures = useRef(0);
  const draftKey = `autosave:${typeof window === "undefined" ? "" : window.location.pathname}:${name}`;

  /** The save a timer runs: always the latest one (set below). */
  const saveLater = useRef<() => Promise<void>>(() => Promise.resolve());
  const save = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const text = latest.current;
    if (blocked.current || inFlight.current || text === saved.current) return;
    inFlight.current = true;
    setStatus({ kind: "saving" });
    let result: ActionResult<Versioned> | null;
    try {
      result = await onSave(text);
    } catch {
      result = null; // no answer: the network, or the server is down or failed
    } finally {
      inFlight.current = false;
    }
    if (result?.ok) {
      failures.current = 0;
      saved.current = text;
      if (latest.current === text) {
        removeDraft(draftKey);
        markUnsaved(draftKey, false);
      }
      setStatus(latest.current === text ? { kind: "saved", at: new Date() } : { kind: "dirty" });
      if (latest.current !== text) timer.current = setTimeout(() => void saveLater.current(), DELAY_MS);
      onSaved?.();
      return;
    }
    const fieldMessage = Object.values(result?.fieldErrors ?? {})[0]?.[0];
    const message = fieldMessage ?? result?.formError ?? "Not saved yet: the server could not be reached. Your text is still here and kept in this browser.";
    const conflict = /changed by someone else/.test(message);
    if (conflict) {
      // A conflict cannot be resolved by saving again: stop, keep the text, and say what to do.
      blocked.current = true;
      setStatus({ kind: "error", message, conflict });
    } else if (fieldMessage) {
      setStatus({ kind: "error", message, conflict });
    } else {
      failures.current++;
      const wait = retryDelay(failures.current);
      setStatus({ kind: "error", message: `${message} Trying again in ${Math.round(wait / 1000)} seconds.`, conflict });
      timer.current = setTimeout(() => void saveLater.current(), wait);
    }
  }, [onSave, onSaved, draftKey]);
  useEffect(() => {
    saveLater.current = save;
  }, [save]);

  useEffect(() => {
    const found = readDraft(draftKey);
    const text = typeof found?.values.text === "string" ? found.values.text : null;
    if (found && text !== null && text !== loadedValue) {
      offerDraft({
        key: draftKey,
        savedAt: found.savedAt,
        restore: () => {
          setValue(text);
          latest.current = text;
          withdrawDraft(draftKey);
          setStatus({ kind: "dirty" });
          timer.current = setTimeout(() => void saveLater.current(), DELAY_MS);
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
      if (timer.current) clearTimeout(timer.current);
    };
    // Offered once, for the text the page was loaded with.
  }, [draftKey, loadedValue]);

  const error = status.kind === "error" ? status.message : undefined;
  const describedBy = [hint ? `${id}-hint` : null, `${id}-status`, error ? `${id}-error` : null].filter(Boolean).join(" ");
  return (
    <div className={`field${error ? " field--error" : ""}`}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <div className="hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      {error ? (
        <p className="field-error" id={`${id}-error`} role="alert">
          <span className="visually-hidden">Error:</span> {error}
        </p>
      ) : null}
      <textarea
        id={id}
        name={name}
        rows={rows}
        value={value}
        aria-describedby={describedBy}
        aria-invalid={error ? true : undefined}
        onChange={(e) => {
          setValue(e.target.value);
          latest.current = e.target.value;
          const dirty = e.target.value !== saved.current;
          markUnsaved(draftKey, dirty);
          if (dirty) writeDraft(draftKey, { text: e.target.value }, nowMs());
          if (blocked.current) return;
          setStatus({ kind: "dirty" });
          if (timer.current) clearTimeout(timer.current);
          timer.current = setTimeout(() => void saveLater.current(), DELAY_MS);
        }}
        onBlur={() => void save()}
      />
      <p className="saved-note" id={`${id}-status`} aria-live="polite">
        {status.kind === "saving"
          ? "Saving…"
          : status.kind === "saved"
            ? `Saved at ${formatClock(status.at)}`
            : status.kind === "dirty"
              ? "Unsaved changes: saving when you pause"
              : status.kind === "error" && status.conflict
                ? "Not saved. Your text is still here."
                : status.kind === "error"
                  ? "Not saved"
                  : "Changes save automatically"}
      </p>
    </div>
  );
}
