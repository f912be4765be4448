"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/define-action";
import styles from "./plan.module.css";

/**
 * A button that asks before it acts (delete, carry forward). On success it goes to `redirectTo`
 * (with the new record's id substituted for ":id") or refreshes the page.
 */
export function ConfirmButton<I, O>({
  action,
  input,
  label,
  question,
  confirmLabel,
  redirectTo,
  warning = false,
}: {
  action: (input: I) => Promise<ActionResult<O>>;
  input: I;
  label: string;
  question: string;
  confirmLabel: string;
  redirectTo?: string;
  warning?: boolean;
}) {
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const router = useRouter();
  if (!asking) {
    return (
      <button type="button" className={`button ${warning ? "button-warning" : "button-secondary"}`} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <div className={styles.confirm} role="group" aria-label={label}>
      <span>{question}</span>
      <button
        type="button"
        className={`button ${warning ? "button-warning" : ""}`}
        disabled={pending}
        autoFocus
        onClick={() =>
          start(async () => {
            const r = await action(input);
            if (r.ok) {
              setAsking(false);
              if (redirectTo) router.push(redirectTo.replace(":id", (r.data as { id?: string } | null)?.id ?? ""));
              else router.refresh();
            } else setError(r.formError ?? "That did not work.");
          })
        }
      >
        {pending ? "Working…" : confirmLabel}
      </button>
      <button
        type="button"
        className="button button-secondary"
        onClick={() => {
          setAsking(false);
          setError(null);
        }}
      >
        Cancel
      </button>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
