"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { ErrorSummary } from "@/components/ui/error-summary";
import { Checkbox, TextField, type Option } from "@/components/ui/fields";
import { useServerForm } from "@/components/ui/use-server-form";
import { addAcademicYearAction, setClassTeachersAction, setCurrentYearAction, updateTermDatesAction } from "../actions";

export function TermDatesForm({ term }: { term: { id: string; version: number; startDate: string; endDate: string; label: string } }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const { form, submit, pending, formError, errors, errorFor } = useServerForm({
    action: updateTermDatesAction,
    defaultValues: { id: term.id, version: term.version, startDate: term.startDate, endDate: term.endDate },
    onSuccess: () => {
      setOpen(false);
      router.refresh();
    },
  });
  if (!open)
    return (
      <button type="button" className="link-button" onClick={() => setOpen(true)}>
        Change dates<span className="visually-hidden"> of {term.label}</span>
      </button>
    );
  return (
    <form onSubmit={submit} noValidate aria-label={`Dates of ${term.label}`}>
      <ErrorSummary errors={errors} formError={formError} />
      <div className="row" style={{ alignItems: "flex-end" }}>
        <TextField label="Start date" type="date" registration={form.register("startDate")} error={errorFor("startDate")} />
        <TextField label="End date" type="date" registration={form.register("endDate")} error={errorFor("endDate")} />
      </div>
      <div className="button-group" style={{ marginTop: 0 }}>
        <button className="button" type="submit" disabled={pending}>
          Save dates
        </button>
        <button className="link-button" type="button" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

export function AddYearForm({ suggested }: { suggested: string }) {
  const router = useRouter();
  const { form, submit, pending, formError, errors, errorFor } = useServerForm({
    action: addAcademicYearAction,
    defaultValues: { name: suggested, makeCurrent: false },
    onSuccess: () => router.refresh(),
  });
  return (
    <form className="form" onSubmit={submit} noValidate>
      <ErrorSummary errors={errors} formError={formError} />
      <TextField label="Academic year" hint="For example, 2027-28. Terms get the usual dates, which you can change." registration={form.register("name")} error={errorFor("name")} />
      <Checkbox label="Make this the current year" registration={form.register("makeCurrent")} />
      <button className="button" type="submit" disabled={pending}>
        Add year
      </button>
    </form>
  );
}

export function MakeCurrentButton({ id, name }: { id: string; name: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <button
        type="button"
        className="button button-secondary"
        disabled={pending}
        onClick={() =>
          start(async () => {
            const r = await setCurrentYearAction({ id });
            if (!r.ok) setError(r.formError ?? "Could not change the current year.");
            else router.refresh();
          })
        }
      >
        Make {name} current
      </button>
    </div>
  );
}

export function ClassTeachersForm({ classId, className, teacherIds, options }: { classId: string; className: string; teacherIds: string[]; options: Option[] }) {
  const router = useRouter();
  const { form, submit, pending, formError, errors } = useServerForm({
    action: setClassTeachersAction,
    defaultValues: { classId, teacherIds },
    onSuccess: () => router.refresh(),
  });
  return (
    <form onSubmit={submit} noValidate className="row">
      <ErrorSummary errors={errors} formError={formError} />
      <label className="visually-hidden" htmlFor={`teachers-${classId}`}>
        Teachers of {className}
      </label>
      <select id={`teachers-${classId}`} multiple size={3} {...form.register("teacherIds")} style={{ maxWidth: "18rem" }}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <button className="button button-secondary" type="submit" disabled={pending}>
        Save<span className="visually-hidden"> teachers of {className}</span>
      </button>
    </form>
  );
}
