"use client";
import { useState, useTransition } from "react";
import { ErrorSummary } from "@/components/ui/error-summary";
import { SelectField, TextField } from "@/components/ui/fields";
import { useServerForm } from "@/components/ui/use-server-form";
import { loadDemoAction, setupSchoolAction } from "./actions";

const PHASE_OPTIONS = [
  { value: "primary", label: "Primary" },
  { value: "secondary", label: "Secondary" },
  { value: "all-through", label: "All-through" },
  { value: "special", label: "Special" },
];

export function SetupForm({ defaultYear }: { defaultYear: string }) {
  const { form, submit, pending, formError, errors, errorFor } = useServerForm({
    action: setupSchoolAction,
    defaultValues: { schoolName: "", phase: "primary", academicYear: defaultYear, headName: "", headEmail: "", password: "", confirmPassword: "" },
  });
  return (
    <form className="form" onSubmit={submit} noValidate>
      <ErrorSummary errors={errors} formError={formError} />
      <h2>Your school</h2>
      <TextField label="School name" registration={form.register("schoolName")} error={errorFor("schoolName")} />
      <SelectField label="Phase" options={PHASE_OPTIONS} registration={form.register("phase")} error={errorFor("phase")} />
      <TextField
        label="Current academic year"
        hint="For example, 2026-27. Terms get the usual dates, which you can change later."
        registration={form.register("academicYear")}
        error={errorFor("academicYear")}
      />
      <h2>Your headteacher account</h2>
      <TextField label="Full name" autoComplete="name" registration={form.register("headName")} error={errorFor("headName")} />
      <TextField label="Email address" type="email" autoComplete="username" registration={form.register("headEmail")} error={errorFor("headEmail")} />
      <TextField
        label="Password"
        hint="12 characters or more, not a common password, and not containing your name, email address or the school's name. A few unrelated words together are easy to remember and hard to guess."
        type="password"
        autoComplete="new-password"
        registration={form.register("password")}
        error={errorFor("password")}
      />
      <TextField label="Confirm password" type="password" autoComplete="new-password" registration={form.register("confirmPassword")} error={errorFor("confirmPassword")} />
      <button className="button" type="submit" disabled={pending}>
        {pending ? "Creating…" : "Create school"}
      </button>
    </form>
  );
}

export function LoadDemoButton() {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div>
      <ErrorSummary errors={[]} formError={error} />
      <button
        type="button"
        className="button button-secondary"
        disabled={pending}
        onClick={() =>
          start(async () => {
            const r = await loadDemoAction({});
            if (r && !r.ok) setError(r.formError ?? "The demo school could not be loaded.");
          })
        }
      >
        {pending ? "Loading the demo school…" : "Load the demo school"}
      </button>
    </div>
  );
}
