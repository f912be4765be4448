import { PageHeader } from "@/components/layout/page-header";
import { ChangePasswordForm, DisableTotpForm, TotpSetup } from "@/components/account-forms";
import { ROLE_LABEL } from "@/components/ui/format";
import { requireUser } from "@/lib/auth/session";
import { findSchool } from "@/lib/data/school";

export const metadata = { title: "Your account" };

export default async function AccountPage() {
  const user = await requireUser();
  const required = (findSchool()?.totpRequiredRoles ?? []).includes(user.role);
  return (
    <>
      <PageHeader title="Your account" description={`${user.name} · ${user.email} · ${ROLE_LABEL[user.role]}`} />
      <h2>Password</h2>
      <ChangePasswordForm />
      <h2>Two-step verification</h2>
      {user.totpEnabled ? (
        <>
          <p>
            <strong>On.</strong> You enter a code from your authenticator app when you sign in.
          </p>
          {required ? <p className="muted">Your school requires it for your role, so it cannot be turned off. If you lose your phone, ask your headteacher to reset it.</p> : <DisableTotpForm />}
        </>
      ) : (
        <>
          <p>Protect your account with a code from an app on your phone as well as your password.</p>
          <TotpSetup />
        </>
      )}
    </>
  );
}
