import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/session";
import { findSchool } from "@/lib/data/school";
import { SignInForm } from "./sign-in-form";

export const metadata = { title: "Sign in" };

export default async function SignInPage() {
  const school = findSchool();
  if (!school) redirect("/setup");
  if (await getCurrentUser()) redirect("/");
  return (
    <main id="main" className="auth-wrap">
      <span className="caption">Waymark · {school.name}</span>
      <h1>Sign in</h1>
      <SignInForm />
    </main>
  );
}
