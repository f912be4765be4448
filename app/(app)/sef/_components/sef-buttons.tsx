"use client";
import { lazy, Suspense, useState, useTransition } from "react";
import { startSefAction } from "@/app/(app)/sef/actions";

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

// The confirmation is loaded when it is asked for: a restart is rare.
const RestartConfirm = lazy(() => import("./sef-restart").then((m) => ({ default: m.RestartConfirm })));

/**
 * Restarts this year's SEF under the school's new framework, after a confirmation that says what goes
 * (the draft's grades, strengths, areas for development and evidence) and what stays (published versions).
 */
export function RestartSefButton({ sefId, version, frameworkName }: { sefId: string; version: number; frameworkName: string }) {
  const [confirming, setConfirming] = useState(false);
  if (!confirming) {
    return (
      <button type="button" className="button" onClick={() => setConfirming(true)}>
        Start this year&rsquo;s SEF under {frameworkName}
      </button>
    );
  }
  return (
    <Suspense fallback={<p className="muted">Opening…</p>}>
      <RestartConfirm sefId={sefId} version={version} frameworkName={frameworkName} onClose={() => setConfirming(false)} />
    </Suspense>
  );
}
