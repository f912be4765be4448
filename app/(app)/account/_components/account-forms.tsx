"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { beginTotpSetupAction, changePasswordAction, confirmTotpAction, disableTotpAction, newRecoveryCodesAction, signOutEverywhereAction } from "@/app/(app)/account/actions";
import { ErrorSummary } from "@/components/ui/error-summary";
import { TextField } from "@/components/ui/fields";
import { useServerForm } from "@/components/ui/use-server-form";

export function ChangePasswordForm() {
  const { form, submit, pending, formError, errors, errorFor } = useServerForm({
    action: changePasswordAction,
    defaultValues: { currentPassword: "", newPassword: "", confirmPassword: "" },
  });
  return (
    <form className="form" onSubmit={submit} noValidate aria-label="Change your password">
      <ErrorSummary errors={errors} formError={formError} />
      <TextField label="Current password" type="password" autoComplete="current-password" registration={form.register("currentPassword")} error={errorFor("currentPassword")} />
      <TextField
        label="New password"
        hint="12 characters or more, not a common password, and not containing your name, email address or the school's name. A few unrelated words together are easy to remember and hard to guess."
        type="password"
        autoComplete="new-password"
        registration={form.register("newPassword")}
        error={errorFor("newPassword")}
      />
      <TextField label="Confirm new password" type="password" autoComplete="new-password" registration={form.register("confirmPassword")} error={errorFor("confirmPassword")} />
      <button className="button" type="submit" disabled={pending}>
        {pending ? "Saving…" : "Change password"}
      </button>
      <p className="muted" style={{ marginTop: "1rem" }}>
        You will be asked to sign in again with your new password.
      </p>
    </form>
  );
}

export function TotpSetup({ onDone }: { onDone?: () => void }) {
  const router = useRouter();
  const [setup, setSetup] = useState<{ secret: string; qr: string } | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [startError, setStartError] = useState<string | null>(null);
  const [starting, start] = useTransition();
  const { form, submit, pending, formError, errors, errorFor } = useServerForm({
    action: confirmTotpAction,
    defaultValues: { code: "" },
    onSuccess: (data) => setCodes(data.codes),
  });
  if (codes)
    return (
      <div>
        <RecoveryCodes codes={codes} />
        <button
          type="button"
          className="button"
          onClick={() => {
            onDone?.();
            router.refresh();
          }}
        >
          I have kept my recovery codes
        </button>
      </div>
    );
  if (!setup)
    return (
      <div>
        <ErrorSummary errors={[]} formError={startError} />
        <button
          type="button"
          className="button"
          disabled={starting}
          onClick={() =>
            start(async () => {
              const r = await beginTotpSetupAction({});
              if (r.ok) setSetup(r.data);
              else setStartError(r.formError ?? "Could not start set-up.");
            })
          }
        >
          Set up an authenticator app
        </button>
      </div>
    );
  return (
    <form className="form" onSubmit={submit} noValidate aria-label="Confirm your authenticator app">
      <ErrorSummary errors={errors} formError={formError} />
      <ol>
        <li>Open an authenticator app on your phone (for example Microsoft Authenticator or Google Authenticator).</li>
        <li>
          Scan this QR code, or enter the key <code>{setup.secret.match(/.{1,4}/g)?.join(" ")}</code> by hand.
          <div style={{ margin: "0.75rem 0" }}>
            <img src={setup.qr} alt="QR code to add Waymark to your authenticator app" width={200} height={200} />
          </div>
        </li>
        <li>Enter the 6-digit code the app shows.</li>
      </ol>
      <TextField label="Code from your app" inputMode="numeric" autoComplete="one-time-code" registration={form.register("code")} error={errorFor("code")} />
      <button className="button" type="submit" disabled={pending}>
        Turn on two-step verification
      </button>
    </form>
  );
}

export function DisableTotpForm() {
  const router = useRouter();
  const { form, submit, pending, formError, errors, errorFor } = useServerForm({
    action: disableTotpAction,
    defaultValues: { password: "" },
    onSuccess: () => router.refresh(),
  });
  return (
    <form className="form" onSubmit={submit} noValidate aria-label="Turn off two-step verification">
      <ErrorSummary errors={errors} formError={formError} />
      <TextField label="Your password" type="password" autoComplete="current-password" registration={form.register("password")} error={errorFor("password")} />
      <button className="button button-warning" type="submit" disabled={pending}>
        Turn off two-step verification
      </button>
    </form>
  );
}

/** Recovery codes, shown once after they are made. */
function RecoveryCodes({ codes }: { codes: string[] }) {
  return (
    <div className="success-banner" role="status">
      <p>
        <strong>Two-step verification is on.</strong> These are your recovery codes. Each one signs you in once if you lose your phone. Print them or write them down and keep them somewhere safe: they
        will not be shown again.
      </p>
      <ul className="recovery-codes" aria-label="Recovery codes">
        {codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function NewRecoveryCodesForm({ unused }: { unused: number }) {
  const [codes, setCodes] = useState<string[] | null>(null);
  const { form, submit, pending, formError, errors, errorFor } = useServerForm({
    action: newRecoveryCodesAction,
    defaultValues: { password: "" },
    onSuccess: (data) => setCodes(data.codes),
  });
  if (codes) return <RecoveryCodes codes={codes} />;
  return (
    <form className="form" onSubmit={submit} noValidate aria-label="Make new recovery codes">
      <p>
        You have {unused} unused recovery {unused === 1 ? "code" : "codes"}. New codes replace all the old ones.
      </p>
      <ErrorSummary errors={errors} formError={formError} />
      <TextField label="Your password" type="password" autoComplete="current-password" registration={form.register("password")} error={errorFor("password")} />
      <button className="button button-secondary" type="submit" disabled={pending}>
        Make new recovery codes
      </button>
    </form>
  );
}

export function SignOutEverywhereButton() {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div>
      {error ? (
        <div className="warning" role="alert">
          {error}
        </div>
      ) : null}
      <button
        type="button"
        className="button button-warning"
        disabled={pending}
        onClick={() =>
          start(async () => {
            const r = await signOutEverywhereAction({});
            if (!r.ok) setError(r.formError ?? "Could not sign you out everywhere.");
          })
        }
      >
        Sign out everywhere
      </button>
    </div>
  );
}
