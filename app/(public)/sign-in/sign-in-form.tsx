"use client";
import { useState } from "react";
import { ErrorSummary } from "@/components/ui/error-summary";
import { TextField } from "@/components/ui/fields";
import { useServerForm } from "@/components/ui/use-server-form";
import { signInAction } from "./actions";

export function SignInForm() {
  const [askCode, setAskCode] = useState(false);
  const { form, submit, pending, formError, errors, errorFor } = useServerForm({
    // Nothing here is worth keeping as a draft (an email address), nor worth asking before leaving.
    draftKey: false,
    action: async (values: Parameters<typeof signInAction>[0]) => {
      const result = await signInAction(values);
      if (!result.ok && result.fieldErrors?.code) setAskCode(true);
      return result;
    },
    defaultValues: { email: "", password: "", code: "" },
  });
  return (
    <form className="form" onSubmit={submit} noValidate>
      <ErrorSummary errors={errors} formError={formError} />
      <TextField label="Email address" type="email" autoComplete="username" registration={form.register("email")} error={errorFor("email")} />
      <TextField label="Password" type="password" autoComplete="current-password" registration={form.register("password")} error={errorFor("password")} />
      {askCode ? (
        <TextField
          label="Code from your authenticator app"
          hint="The 6-digit code shown in the app you set up for Waymark. Lost your phone? Enter one of your recovery codes instead."
          autoComplete="one-time-code"
          registration={form.register("code")}
          error={errorFor("code")}
        />
      ) : null}
      <button className="button" type="submit" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
      <p className="muted" style={{ marginTop: "1.5rem" }}>
        Forgotten your password? Ask your headteacher to reset it.
      </p>
    </form>
  );
}
