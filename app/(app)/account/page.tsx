import { PageHeader } from "@/components/layout/page-header";
import { ChangePasswordForm, DisableTotpForm, NewRecoveryCodesForm, SignOutEverywhereButton, TotpSetup } from "@/app/(app)/account/_components/account-forms";
import { countUnusedRecoveryCodes, listUserSessions } from "@/lib/data/sessions";
import { formatDateTime } from "@/lib/format";
import { ROLE_LABEL } from "@/lib/format";
import { requireUser } from "@/lib/auth/session";
import { findSchool } from "@/lib/data/school";

export const metadata = { title: "Your account" };

export default async function AccountPage() {
  const user = await requireUser();
  const required = (findSchool()?.totpRequiredRoles ?? []).includes(user.role);
  const sessions = listUserSessions({ userId: user.id });
  return (
    <>
      <PageHeader title="Your account" description={`${user.name} · ${user.email} · ${ROLE_LABEL[user.role]}`} />
      <h2>Password</h2>
      <ChangePasswordForm />
      <h2 id="two-step">Two-step verification</h2>
      {user.totpEnabled ? (
        <>
          <p>
            <strong>On.</strong> You enter a code from your authenticator app when you sign in.
          </p>
          {required ? (
            <p className="muted">Your school requires it for your role, so it cannot be turned off. If you lose your phone, use a recovery code, or ask your headteacher to reset it.</p>
          ) : (
            <DisableTotpForm />
          )}
          <h3>Recovery codes</h3>
          <NewRecoveryCodesForm unused={countUnusedRecoveryCodes({ userId: user.id })} />
        </>
      ) : (
        <>
          <p>Protect your account with a code from an app on your phone as well as your password.</p>
          {user.totpGraceEndsAt ? <p>Your school requires it for your role: set it up by {formatDateTime(user.totpGraceEndsAt)}.</p> : null}
          <TotpSetup />
        </>
      )}
      <h2>Where you are signed in</h2>
      <ul>
        {sessions.map((s) => (
          <li key={s.id}>
            Since {formatDateTime(s.createdAt)}, last active {formatDateTime(s.lastSeenAt)}
            {s.userAgent ? ` · ${describeBrowser(s.userAgent)}` : ""}
            {s.id === user.sessionId ? " (this browser)" : ""}
          </li>
        ))}
      </ul>
      <p>Signing out everywhere ends every session, this one included. Do it if you lost a device or signed in on a shared computer.</p>
      <SignOutEverywhereButton />
    </>
  );
}

/** "Chrome on Linux" from a user-agent string, roughly: enough to recognise a device. */
function describeBrowser(ua: string): string {
  const browser = /Edg\//.test(ua) ? "Edge" : /Firefox\//.test(ua) ? "Firefox" : /Chrome\//.test(ua) ? "Chrome" : /Safari\//.test(ua) ? "Safari" : "a browser";
  const os = /Windows/.test(ua) ? "Windows" : /iPhone|iPad/.test(ua) ? "iOS" : /Mac OS/.test(ua) ? "macOS" : /Android/.test(ua) ? "Android" : /Linux/.test(ua) ? "Linux" : "";
  return os ? `${browser} on ${os}` : browser;
}
