"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { ErrorSummary } from "@/components/ui/error-summary";
import { useServerForm } from "@/components/ui/use-server-form";
import type { PreferencesInput } from "@/lib/validation/notifications";
import { resetCalendarTokenAction, revokeCalendarTokenAction, savePreferencesAction } from "./actions";

export function PreferencesForm({ defaults, labels }: { defaults: PreferencesInput; labels: Record<string, string> }) {
  const { form, submit, pending, formError, errors, savedAt } = useServerForm({ action: savePreferencesAction, defaultValues: defaults });
  return (
    <form onSubmit={submit} noValidate>
      <ErrorSummary errors={errors} formError={formError} />
      <div className="table-wrap">
        <table className="table">
          <caption>What you are told, and how</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">In Waymark</th>
              <th scope="col">By email</th>
            </tr>
          </thead>
          <tbody>
            {defaults.preferences.map((p, i) => (
              <tr key={p.kind}>
                <th scope="row" id={`pref-${p.kind}`} style={{ fontWeight: 400 }}>
                  {labels[p.kind]}
                </th>
                <td>
                  <input type="checkbox" aria-label={`${labels[p.kind]}: in Waymark`} {...form.register(`preferences.${i}.inApp`)} />
                </td>
                <td>
                  <input type="checkbox" aria-label={`${labels[p.kind]}: by email`} {...form.register(`preferences.${i}.email`)} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="button-group">
        <button className="button" type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save your choices"}
        </button>
        {savedAt ? (
          <span className="saved-note" role="status">
            Saved
          </span>
        ) : null}
      </div>
    </form>
  );
}

/** The private calendar address: made or replaced on request, shown once, revocable. */
export function CalendarFeed({ hasToken, origin }: { hasToken: boolean; origin: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <div>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      {url ? (
        <div className="notice">
          <p>
            <label htmlFor="calendar-url">
              <strong>Your calendar address.</strong> Copy it now: for your security it is not shown again. Subscribe to it in Outlook (Add calendar, From internet) or Google Calendar (Other
              calendars, From URL).
            </label>
          </p>
          <input id="calendar-url" readOnly value={url} style={{ width: "100%" }} onFocus={(e) => e.currentTarget.select()} />
        </div>
      ) : null}
      <p className="muted">{hasToken ? "You have a calendar address. Making a new one stops the old one working." : "You have no calendar address yet."}</p>
      <div className="button-group">
        <button
          type="button"
          className="button button-secondary"
          disabled={pending}
          onClick={() =>
            start(async () => {
              const r = await resetCalendarTokenAction({});
              if (r.ok) {
                setUrl(`${origin}/api/calendar/${r.data.token}`);
                router.refresh();
              } else setError(r.formError ?? "Something went wrong");
            })
          }
        >
          {hasToken ? "Make a new calendar address" : "Make my calendar address"}
        </button>
        {hasToken ? (
          <button
            type="button"
            className="button button-warning"
            disabled={pending}
            onClick={() =>
              start(async () => {
                const r = await revokeCalendarTokenAction({});
                if (r.ok) {
                  setUrl(null);
                  router.refresh();
                } else setError(r.formError ?? "Something went wrong");
              })
            }
          >
            Turn off my calendar address
          </button>
        ) : null}
      </div>
    </div>
  );
}
