"use client";
import type { ReactNode } from "react";
import { fieldId } from "@/components/ui/error-summary";
import { formatClock } from "@/lib/format-clock";
import type { ActionResult } from "@/lib/actions/define-action";
import { useAutosave } from "@/components/ui/use-autosave";

/**
 * A long narrative field that saves itself (components/ui/use-autosave): 1.5 s after typing stops, and
 * when focus leaves it. Shows "Saved at 14:05". On any error the text stays exactly as typed; after a
 * conflict (someone else saved first) it stops autosaving and shows the conflict message, so nothing is
 * overwritten and nothing is lost. Any other failure (busy, network, a server error) is retried with a
 * growing pause. Unsaved text is kept in this browser and offered back on the next visit; leaving the
 * page with it asks first.
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
  onSave: (value: string) => Promise<ActionResult<{ version: number }>>;
  onSaved?: () => void;
}) {
  const id = fieldId(name);
  const draftKey = `autosave:${typeof window === "undefined" ? "" : window.location.pathname}:${name}`;
  const { value, change, saveNow, status } = useAutosave({ draftKey, initialValue, save: onSave, onSaved });

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
        onChange={(e) => change(e.target.value)}
        onBlur={() => void saveNow()}
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
