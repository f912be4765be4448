"use client";
import { useState, useTransition } from "react";
import { restartSefUnderFrameworkAction } from "@/app/(app)/sef/actions";

/** The confirmation before restarting this year's SEF under the school's new framework (RestartSefButton). */
export function RestartConfirm({ sefId, version, frameworkName, onClose }: { sefId: string; version: number; frameworkName: string; onClose: () => void }) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
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
              else onClose();
            })
          }
        >
          {pending ? "Starting…" : `Yes, start again under ${frameworkName}`}
        </button>
        <button type="button" className="button button-secondary" onClick={onClose}>
          Cancel
        </button>
      </div>
    </div>
  );
}
