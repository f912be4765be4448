import Link from "next/link";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { NAV } from "@/components/layout/nav";
import { SideNav } from "@/components/layout/side-nav";
import { DraftOffers } from "@/components/ui/draft-offers";
import { ROLE_LABEL } from "@/lib/format";
import { countUnread } from "@/lib/data/notifications";
import { requireUser } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/format";
import { findSchool } from "@/lib/data/school";
import { can } from "@/lib/policy";
import { SignOutButton } from "./sign-out-button";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const school = findSchool();
  if (!school) redirect("/setup");
  // requireUser sends a user with account set-up to finish to the set-up page; every page does the same.
  const user = await requireUser();
  const unread = countUnread({ userId: user.id });
  const items = NAV.filter((i) => can(user, i.verb)).map(({ href, label, group }) => ({ href, label, group }));
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="masthead">
        <div className="masthead-inner">
          <Link href="/" className="brand">
            Waymark <small>{school.name}</small>
          </Link>
          <div className="who">
            <span>
              {user.name} <span className="visually-hidden">signed in as</span>({ROLE_LABEL[user.role]})
            </span>
            <Link href="/notifications">
              Notifications
              {unread ? (
                <>
                  {" "}
                  <span className="badge">
                    {unread}
                    <span className="visually-hidden"> unread</span>
                  </span>
                </>
              ) : null}
            </Link>
            <Link href="/account">Your account</Link>
            <SignOutButton />
          </div>
        </div>
      </header>
      <div className="layout">
        <SideNav items={items} />
        <main id="main" tabIndex={-1}>
          <DraftOffers />
          {user.totpGraceEndsAt ? (
            <p className="warning">
              Your school requires two-step verification for your role: <Link href="/account#two-step">set it up</Link> by {formatDateTime(user.totpGraceEndsAt)}. After that you will be asked to set
              it up before you can use Waymark.
            </p>
          ) : null}
          {children}
        </main>
      </div>
    </>
  );
}
