"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { ErrorSummary } from "@/components/ui/error-summary";
import type { ActionResult } from "@/lib/actions/define-action";

/**
 * A destructive button that asks before it acts: the first press shows what will happen and a
 * confirming button (no browser dialog, so it works with a keyboard and a screen reader alike).
 */
export function ConfirmButton<I>({
  label,
  question,
  confirmLabel,
  action,
  input,
  redirectTo,
}: {
  label: string;
  question: string;
  confirmLabel: string;
  action: (input: I) => Promise<ActionResult<unknown>>;
  input: I;
  redirectTo: string;
}) {
  const router = useRouter();
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  if (!asking) {
    return (
      <button type="button" className="button button-warning" onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <div className="warning" role="group" aria-label={label}>
      <ErrorSummary errors={[]} formError={error} />
      <p>{question}</p>
      <div className="button-group">
        <button
          type="button"
          className="button button-warning"
          disabled={pending}
          autoFocus
          onClick={() =>
            start(async () => {
              const r = await action(input);
              if (r.ok) {
                router.push(redirectTo);
                router.refresh();
              } else setError(r.formError ?? "That could not be done.");
            })
          }
        >
          {pending ? "Working…" : confirmLabel}
        </button>
        <button type="button" className="button button-secondary" onClick={() => setAsking(false)}>
          Cancel
        </button>
      </div>
    </div>
  );
}
