import Link from "next/link";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { NAV } from "@/components/layout/nav";
import { SideNav } from "@/components/layout/side-nav";
import { DraftOffers } from "@/components/ui/draft-offers";
import { ROLE_LABEL } from "@/components/ui/format";
import { accountSetupPending, requireUser } from "@/lib/auth/session";
import { countUnread } from "@/lib/data/notifications";
import { findSchool } from "@/lib/data/school";
import { can } from "@/lib/policy";
import { SignOutButton } from "./sign-out-button";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const school = findSchool();
  if (!school) redirect("/setup");
  const user = await requireUser();
  if (accountSetupPending(user)) redirect("/account/setup");
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
              Notifications{unread ? <> <span className="badge">{unread}<span className="visually-hidden"> unread</span></span></> : null}
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
          {children}
        </main>
      </div>
    </>
  );
}
