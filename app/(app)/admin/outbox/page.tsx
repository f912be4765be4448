import { PageHeader } from "@/components/layout/page-header";
import { formatDateTime } from "@/lib/format";
import { Tag } from "@/components/ui/tag";
import { requirePermission } from "@/lib/auth/session";
import { listOutbox } from "@/lib/data/notifications";
import { mailSettings } from "@/lib/notify/mailer";
import { RunNowButton } from "./run-now";

export const metadata = { title: "Outbox" };

const STATE = {
  pending: { tone: "amber", label: "Waiting" },
  sent: { tone: "green", label: "Sent" },
  outbox: { tone: "blue", label: "In the outbox" },
  failed: { tone: "red", label: "Failed" },
} as const;

/** Every email the app has sent, or (with no SMTP server set) would have sent, with its state. */
export default async function OutboxPage() {
  await requirePermission("outbox.read");
  const rows = listOutbox();
  const smtp = mailSettings().smtpUrl !== null;
  return (
    <>
      <PageHeader
        title="Outbox"
        caption="Administration"
        description={
          smtp
            ? "Emails sent through your mail server, newest first. A failed send is retried with a growing wait."
            : "No mail server is set (SMTP_URL), so emails are kept here instead of being sent: this is what would have gone."
        }
      />
      <RunNowButton />
      <div className="table-wrap">
        <table className="table">
          <caption>{rows.length === 1 ? "1 email" : `${rows.length} emails`}</caption>
          <thead>
            <tr>
              <th scope="col">Created</th>
              <th scope="col">To</th>
              <th scope="col">Subject and message</th>
              <th scope="col">State</th>
              <th scope="col">Attempts</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((m) => (
              <tr key={m.id}>
                <td>{formatDateTime(m.createdAt)}</td>
                <td>{m.to}</td>
                <td>
                  <details>
                    <summary>{m.subject}</summary>
                    <pre style={{ whiteSpace: "pre-wrap", fontFamily: "inherit" }}>{m.text}</pre>
                  </details>
                </td>
                <td>
                  <Tag tone={STATE[m.state].tone}>{STATE[m.state].label}</Tag>
                  {m.lastError ? <div className="muted">Last error: {m.lastError}</div> : null}
                  {m.state === "pending" && m.attempts > 0 ? <div className="muted">Next try {formatDateTime(m.nextAttemptAt)}</div> : null}
                </td>
                <td>{m.attempts}</td>
              </tr>
            ))}
            {rows.length === 0 ? (
              <tr>
                <td colSpan={5} className="muted">
                  No emails yet.
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
    </>
  );
}
