import { redirect } from "next/navigation";
import { isFreshInstall } from "@/lib/data/school";
import { academicYearFor } from "@/lib/validation/admin";
import { SetupForm, LoadDemoButton } from "./setup-form";

export const metadata = { title: "Set up Waymark" };

export default function SetupPage() {
  if (!isFreshInstall()) redirect("/sign-in");
  return (
    <main id="main" className="auth-wrap" style={{ maxWidth: "40rem" }}>
      <span className="caption">Waymark · first run</span>
      <h1>Set up Waymark for your school</h1>
      <p>Create your school and your headteacher account. You can add staff, governors and your adviser afterwards.</p>
      <SetupForm defaultYear={academicYearFor()} />
      <h2>Or explore the demo school</h2>
      <p>Load Oakfield Primary School, a one-form-entry primary with two years of plans, monitoring, pupil data and reports. The demo logins are listed in README.md.</p>
      <LoadDemoButton />
    </main>
  );
}
