import Link from "next/link";
import { LinkVisitTable } from "@/components/governance/link-visit-table";
import type { SessionUser } from "@/lib/auth/session";
import { listLinkVisitStatus } from "@/lib/data/link-visits";
import { can } from "@/lib/policy";

/** A link governor's visits for their strands: made, due and overdue. The head sees every strand's. */
export function LinkVisitsSection({ user }: { user: SessionUser }) {
  if (!can(user, "governorVisit.read")) return null;
  const head = user.role === "headteacher";
  if (user.role !== "governor" && !head) return null;
  const rows = listLinkVisitStatus({ governorId: head ? undefined : user.id });
  const shown = head ? rows.filter((r) => r.state === "overdue" || r.state === "due") : rows;
  if (!shown.length && head) return null;
  if (!rows.length) return null;
  return (
    <section aria-labelledby="me-link-visits" style={{ marginTop: "1.5rem" }}>
      <h2 id="me-link-visits">{head ? "Link governor visits due or overdue" : "Your link visits"}</h2>
      <LinkVisitTable rows={shown} caption={head ? "Strands whose link governor has a visit due" : "Strands you are link governor for"} showGovernor={head} />
      <p>
        <Link href="/governance/link-visits">All link governor visits</Link>
      </p>
    </section>
  );
}
