import { redirect } from "next/navigation";
import { ChangePasswordForm, TotpSetup } from "@/app/(app)/account/_components/account-forms";
import { accountSetupPending, requireUser } from "@/lib/auth/session";
import { SignOutButton } from "@/app/(app)/sign-out-button";

export const metadata = { title: "Finish setting up your account" };

/** Where a user lands until they have replaced a one-time password and set up a required second factor. */
export default async function AccountSetupPage() {
  const user = await requireUser({ duringAccountSetup: true });
  if (!accountSetupPending(user)) redirect("/");
  return (
    <main id="main" className="auth-wrap" style={{ maxWidth: "40rem" }}>
      <span className="caption">Waymark · {user.name}</span>
      <h1>Finish setting up your account</h1>
      {user.mustChangePassword ? (
        <>
          <h2>Choose your own password</h2>
          <p>You signed in with a one-time password. Choose a password only you know.</p>
          <ChangePasswordForm />
        </>
      ) : (
        <>
          <h2>Set up two-step verification</h2>
          <p>Your school requires a code from an authenticator app for your role, because it gives you access to personal data.</p>
          <TotpSetup />
        </>
      )}
      <div style={{ marginTop: "2rem" }}>
        <SignOutButton />
      </div>
    </main>
  );
}
