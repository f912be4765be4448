"use client";
import { useState, useTransition } from "react";
import { restartSefUnderFrameworkAction, startSefAction } from "@/app/(app)/sef/actions";

/** Starts the year's SEF (or adds areas that have come to apply). */
export function StartSefButton({ academicYearId, label }: { academicYearId: string; label: string }) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <button
        type="button"
        className="button"
        disabled={pending}
        onClick={() =>
          start(async () => {
            const r = await startSefAction({ academicYearId });
            if (!r.ok) setError(r.formError ?? "The self-evaluation could not be started.");
          })
        }
      >
        {pending ? "Starting…" : label}
      </button>
    </div>
  );
}

/**
 * Restarts this year's SEF under the school's new framework, after a confirmation that says what goes
 * (the draft's grades, strengths, areas for development and evidence) and what stays (published versions).
 */
export function RestartSefButton({ sefId, version, frameworkName }: { sefId: string; version: number; frameworkName: string }) {
  const [confirming, setConfirming] = useState(false);
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  if (!confirming) {
    return (
      <button type="button" className="button" onClick={() => setConfirming(true)}>
        Start this year&rsquo;s SEF under {frameworkName}
      </button>
    );
  }
  return (
    <div className="stack" role="group" aria-label="Confirm restarting the self-evaluation">
      <p>
        <strong>This replaces the draft&rsquo;s evaluation areas.</strong> Grades, strengths, areas for development and evidence of the current draft are removed; the overall summary, context notes
        and every published version are kept.
      </p>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="button-group">
        <button
          type="button"
          className="button button-warning"
          disabled={pending}
          onClick={() =>
            start(async () => {
              const r = await restartSefUnderFrameworkAction({ sefId, version });
              if (!r.ok) setError(r.formError ?? "The self-evaluation could not be restarted.");
              else setConfirming(false);
            })
          }
        >
          {pending ? "Starting…" : `Yes, start again under ${frameworkName}`}
        </button>
        <button type="button" className="button button-secondary" onClick={() => setConfirming(false)}>
          Cancel
        </button>
      </div>
    </div>
  );
}
