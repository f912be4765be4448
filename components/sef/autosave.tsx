"use client";
import { useCallback, useEffect, useRef, useState, type ReactNode } from "react";
import { fieldId } from "@/components/ui/error-summary";
import { formatClock } from "@/components/ui/format";
import type { ActionResult } from "@/lib/actions/define-action";

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

/**
 * A long narrative field that saves itself: 1.5 s after typing stops, and when focus leaves it. Shows
 * "Saved at 14:05". On any error the text stays exactly as typed; after a conflict (someone else saved
 * first) it stops autosaving and shows the conflict message, so nothing is overwritten and nothing is lost.
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
  const [status, setStatus] = useState<Status>({ kind: "idle" });
  const saved = useRef(initialValue);
  const latest = useRef(initialValue);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const blocked = useRef(false);

  const save = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const text = latest.current;
    if (blocked.current || text === saved.current) return;
    setStatus({ kind: "saving" });
    const result = await onSave(text);
    if (result.ok) {
      saved.current = text;
      setStatus(latest.current === text ? { kind: "saved", at: new Date() } : { kind: "dirty" });
      onSaved?.();
    } else {
      const fieldMessage = Object.values(result.fieldErrors ?? {})[0]?.[0];
      const message = fieldMessage ?? result.formError ?? "Your changes could not be saved.";
      const conflict = /changed by someone else/.test(message);
      // A conflict cannot be resolved by saving again: stop, keep the text, and say what to do.
      if (conflict) blocked.current = true;
      setStatus({ kind: "error", message, conflict });
    }
  }, [onSave, onSaved]);

  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => {
      if (latest.current !== saved.current) e.preventDefault();
    };
    window.addEventListener("beforeunload", warn);
    return () => {
      window.removeEventListener("beforeunload", warn);
      if (timer.current) clearTimeout(timer.current);
    };
  }, []);

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
          if (blocked.current) return;
          setStatus({ kind: "dirty" });
          if (timer.current) clearTimeout(timer.current);
          timer.current = setTimeout(() => void save(), DELAY_MS);
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
