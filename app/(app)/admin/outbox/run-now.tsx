"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { runNotificationsNowAction } from "./actions";

export function RunNowButton() {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  return (
    <div className="button-group no-print" style={{ marginBottom: "1.5rem" }}>
      <button
        type="button"
        className="button button-secondary"
        disabled={pending}
        onClick={() =>
          start(async () => {
            const r = await runNotificationsNowAction({});
            if (!r.ok) setMessage(r.formError ?? "Something went wrong");
            else if (r.data.skipped) setMessage("Notifications are being sent by another process; try again in a minute.");
            else
              setMessage(
                `${r.data.created} new notifications; ${r.data.sent} emails sent${r.data.retrying ? `, ${r.data.retrying} to retry` : ""}${r.data.failed ? `, ${r.data.failed} failed` : ""}.`,
              );
            router.refresh();
          })
        }
      >
        {pending ? "Sending…" : "Send due notifications now"}
      </button>
      <span role="status" className="saved-note">
        {message}
      </span>
    </div>
  );
}
