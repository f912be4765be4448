"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { z } from "zod";
import { ErrorSummary } from "@/components/ui/error-summary";
import { Checkbox, SelectField, TextField } from "@/components/ui/fields";
import { useServerForm, type FieldRegistrar } from "@/components/ui/use-server-form";
import { ROLE_LABEL } from "@/lib/format";
import { ROLES } from "@/db/schema/enums";
import type { updateUserSchema, userSchema } from "@/lib/validation/admin";
import { createUserAction, resetUserPasswordAction, resetUserTotpAction, endUserSessionsAction, updateUserAction } from "../actions";

const ROLE_OPTIONS = ROLES.map((r) => ({ value: r, label: ROLE_LABEL[r]! }));

function OneTimePassword({ name, password }: { name: string; password: string }) {
  return (
    <div className="success-banner" role="status">
      <p>
        <strong>One-time password for {name}:</strong> <code style={{ fontSize: "1.2rem" }}>{password}</code>
      </p>
      <p style={{ marginBottom: 0 }}>Give it to them in person or by phone. It is shown only once; they choose their own password when they first sign in.</p>
    </div>
  );
}

export function NewUserForm() {
  const [created, setCreated] = useState<{ id: string; name: string; oneTimePassword: string } | null>(null);
  const { form, submit, pending, formError, errors, errorFor } = useServerForm({
    action: createUserAction,
    defaultValues: { name: "", email: "", role: "staff", jobTitle: "", isTeaching: false },
    onSuccess: (data) => {
      setCreated(data);
      form.reset();
    },
  });
  return (
    <>
      {created ? (
        <>
          <OneTimePassword name={created.name} password={created.oneTimePassword} />
          <p>
            <Link href={`/admin/users/${created.id}`}>View {created.name}</Link> or add another user below.
          </p>
        </>
      ) : null}
      <form className="form" onSubmit={submit} noValidate>
        <ErrorSummary errors={errors} formError={formError} />
        <UserFields register={form.register} errorFor={errorFor} />
        <button className="button" type="submit" disabled={pending}>
          {pending ? "Adding…" : "Add user"}
        </button>
      </form>
    </>
  );
}

/** A user's fields, which the create and edit forms share, as the schema reads them. */
function UserFields({ register, errorFor }: { register: FieldRegistrar<z.input<typeof userSchema>>; errorFor: (n: string) => string | undefined }) {
  return (
    <>
      <TextField label="Full name" registration={register("name")} error={errorFor("name")} />
      <TextField label="Email address" type="email" hint="They sign in with this" registration={register("email")} error={errorFor("email")} />
      <SelectField label="Role" hint="Decides what they can see and do" options={ROLE_OPTIONS} registration={register("role")} error={errorFor("role")} />
      <TextField label="Job title (optional)" hint="For example, Year 4 teacher, or Chair of governors" registration={register("jobTitle")} error={errorFor("jobTitle")} />
      <Checkbox label="Teaches lessons" hint="Teaching staff are expected to be observed each term" registration={register("isTeaching")} />
    </>
  );
}

export function EditUserForm({ user, isSelf }: { user: z.input<typeof updateUserSchema>; isSelf: boolean }) {
  const router = useRouter();
  const { form, submit, pending, formError, errors, errorFor, savedAt } = useServerForm({
    action: updateUserAction,
    defaultValues: user,
    onSuccess: (saved) => {
      form.setValue("version", saved.version);
      router.refresh();
    },
  });
  return (
    <form className="form" onSubmit={submit} noValidate>
      <ErrorSummary errors={errors} formError={formError} />
      {savedAt && !formError ? (
        <div className="success-banner" role="status">
          Saved. A change of role or a disabled account ends that person&apos;s sessions at once.
        </div>
      ) : null}
      <UserFields register={form.register} errorFor={errorFor} />
      {!isSelf ? <Checkbox label="Disable this account" hint="They can no longer sign in, and any open session ends. Their records stay." registration={form.register("disabled")} /> : null}
      <button className="button" type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save changes"}
      </button>
    </form>
  );
}

export function ResetButtons({ id, name, totpEnabled }: { id: string; name: string; totpEnabled: boolean }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [password, setPassword] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <div>
      {password ? <OneTimePassword name={name} password={password} /> : null}
      {message ? (
        <div className="success-banner" role="status">
          {message}
        </div>
      ) : null}
      {error ? (
        <div className="warning" role="alert">
          {error}
        </div>
      ) : null}
      <div className="button-group">
        <button
          type="button"
          className="button button-warning"
          disabled={pending}
          onClick={() =>
            start(async () => {
              const r = await resetUserPasswordAction({ id });
              if (r.ok) setPassword(r.data.oneTimePassword);
              else setError(r.formError ?? "Could not reset the password.");
            })
          }
        >
          Reset password
        </button>
        {totpEnabled ? (
          <button
            type="button"
            className="button button-secondary"
            disabled={pending}
            onClick={() =>
              start(async () => {
                const r = await resetUserTotpAction({ id });
                if (r.ok) {
                  setMessage(`Two-step verification turned off for ${name}. They can set it up again from their account page.`);
                  router.refresh();
                } else setError(r.formError ?? "Could not turn off two-step verification.");
              })
            }
          >
            Turn off two-step verification
          </button>
        ) : null}
        <button
          type="button"
          className="button button-secondary"
          disabled={pending}
          onClick={() =>
            start(async () => {
              const r = await endUserSessionsAction({ id });
              if (r.ok) {
                setMessage(`Signed ${name} out everywhere (${r.data.ended} ${r.data.ended === 1 ? "session" : "sessions"} ended).`);
                router.refresh();
              } else setError(r.formError ?? "Could not end their sessions.");
            })
          }
        >
          Sign out everywhere
        </button>
      </div>
    </div>
  );
}
