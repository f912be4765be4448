"use client";
import { useEffect, useRef } from "react";

export type SummaryError = { field?: string; message: string };

/** The id a field's input carries, from its dotted name ("criteria.0.target" → "f-criteria-0-target"). */
export function fieldId(name: string) {
  return `f-${name.replace(/[^a-zA-Z0-9_-]/g, "-")}`;
}

/**
 * GOV.UK's error summary: titled "There is a problem", focused when it appears, linking to each field.
 * While it shows, the page title starts with "Error: ".
 */
export function ErrorSummary({ errors, formError }: { errors: SummaryError[]; formError?: string | null }) {
  const ref = useRef<HTMLDivElement>(null);
  const show = errors.length > 0 || !!formError;
  const keys = [formError ?? "", ...errors.map((e) => `${e.field}:${e.message}`)];
  const signature = keys.join("|");
  // Focus moves to the summary only when a new error appears: fixing a field as you type (which
  // revalidates it) shrinks the list and must leave focus, and the typing, where they are.
  const shown = useRef<string[]>([]);
  useEffect(() => {
    const current = signature.split("|");
    const added = current.some((k) => k !== "" && !shown.current.includes(k));
    shown.current = current;
    if (show && added) ref.current?.focus();
  }, [show, signature]);
  useEffect(() => {
    if (!show) return;
    const original = document.title.replace(/^Error: /, "");
    document.title = `Error: ${original}`;
    return () => {
      document.title = original;
    };
  }, [show, signature]);
  if (!show) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref} aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">There is a problem</h2>
      <ul>
        {formError && !errors.some((e) => e.message === formError) ? <li>{formError}</li> : null}
        {errors.map((e, i) => (
          <li key={`${e.field}-${i}`}>
            {e.field ? (
              <a
                href={`#${fieldId(e.field)}`}
                onClick={(ev) => {
                  const el = document.getElementById(fieldId(e.field!));
                  if (el) {
                    ev.preventDefault();
                    el.focus();
                    el.scrollIntoView({ block: "center" });
                  }
                }}
              >
                {e.message}
              </a>
            ) : (
              e.message
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
