"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { markAllNotificationsReadAction, openNotificationAction } from "./actions";

type Item = { id: string; title: string; body: string; createdLabel: string; read: boolean };

/** The user's notifications: opening one marks it read and goes to its page. */
export function NotificationList({ items }: { items: Item[] }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const unread = items.filter((i) => !i.read).length;
  return (
    <>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      {unread ? (
        <p>
          <button
            type="button"
            className="button button-secondary"
            disabled={pending}
            onClick={() =>
              start(async () => {
                const r = await markAllNotificationsReadAction({});
                if (r.ok) router.refresh();
                else setError(r.formError ?? "Something went wrong");
              })
            }
          >
            Mark all as read
          </button>
        </p>
      ) : null}
      <ul className="notification-list" style={{ listStyle: "none", padding: 0 }}>
        {items.map((n) => (
          <li key={n.id} className="card" style={{ marginBottom: "0.75rem", borderLeft: n.read ? undefined : "6px solid var(--brand)" }}>
            <button
              type="button"
              className="link-button"
              disabled={pending}
              onClick={() =>
                start(async () => {
                  const r = await openNotificationAction({ id: n.id });
                  if (r.ok) router.push(r.data.link);
                  else setError(r.formError ?? "Something went wrong");
                })
              }
            >
              {n.read ? "" : <span className="visually-hidden">Unread: </span>}
              {n.title}
            </button>
            {n.body ? (
              <p className="prose" style={{ margin: "0.35rem 0 0" }}>
                {n.body}
              </p>
            ) : null}
            <p className="muted" style={{ margin: "0.35rem 0 0", fontSize: "0.9rem" }}>
              {n.createdLabel}
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}
