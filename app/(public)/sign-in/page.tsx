import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/session";
import { findSchool } from "@/lib/data/school";
import { SignInForm } from "./sign-in-form";

export const metadata = { title: "Sign in" };

const NOTICES: Record<string, string> = {
  done: "Your school has been set up. Sign in with the account you just created.",
  demo: "The demo school has been loaded. Sign in with one of the demo logins listed in README.md.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const sp = await searchParams;
  const notice = sp.changed
    ? "Your password has been changed. Sign in with your new password."
    : sp.everywhere
      ? "You have been signed out everywhere: every session of your account has ended."
      : NOTICES[sp.setup ?? ""];
  const school = findSchool();
  if (!school) redirect("/setup");
  if (await getCurrentUser()) redirect("/");
  return (
    <main id="main" className="auth-wrap">
      <span className="caption">Waymark · {school.name}</span>
      <h1>Sign in</h1>
      {notice ? (
        <div className="success-banner" role="status">
          {notice}
        </div>
      ) : null}
      <SignInForm />
    </main>
  );
}
