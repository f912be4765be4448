"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { createPlannedMonitoringAction, deletePlannedMonitoringAction, markPlannedMonitoringAction } from "@/app/(app)/monitoring/calendar/actions";
import { ErrorSummary } from "@/components/ui/error-summary";
import { SelectField, TextField } from "@/components/ui/fields";
import { useServerForm } from "@/components/ui/use-server-form";
import { PLANNED_TYPES } from "@/db/schema/enums";
import { PLANNED_LABEL } from "@/lib/labels/monitoring";
import styles from "@/components/monitoring/monitoring.module.css";

/** Mark a calendar entry done (naming the record that carried it out) or not done, or remove it. */
export function PlannedControls({ id, version, title, done, linkable }: { id: string; version: number; title: string; done: boolean; linkable: { id: string; label: string }[] }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [recordId, setRecordId] = useState("");
  const run = (fn: () => Promise<{ ok: boolean; formError?: string; fieldErrors?: Record<string, string[]> }>) =>
    start(async () => {
      setError(null);
      const r = await fn();
      if (!r.ok) setError(Object.values(r.fieldErrors ?? {})[0]?.[0] ?? r.formError ?? "That did not work.");
      else router.refresh();
    });
  const selectId = `link-${id}`;
  return (
    <div className={styles.inlineForm}>
      {done ? (
        <button
          type="button"
          className={`button button-secondary ${styles.small}`}
          disabled={pending}
          onClick={() => run(() => markPlannedMonitoringAction({ id, version, done: false, recordId: "" }))}
        >
          Mark not done<span className="visually-hidden">: {title}</span>
        </button>
      ) : (
        <>
          {linkable.length ? (
            <>
              <label className="visually-hidden" htmlFor={selectId}>
                Record that carried out {title}
              </label>
              <select id={selectId} value={recordId} onChange={(e) => setRecordId(e.target.value)}>
                <option value="">No record linked</option>
                {linkable.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.label}
                  </option>
                ))}
              </select>
            </>
          ) : null}
          <button type="button" className={`button ${styles.small}`} disabled={pending} onClick={() => run(() => markPlannedMonitoringAction({ id, version, done: true, recordId }))}>
            Mark done<span className="visually-hidden">: {title}</span>
          </button>
        </>
      )}
      <button
        type="button"
        className={`link-button`}
        disabled={pending}
        onClick={() => {
          if (window.confirm(`Remove “${title}” from the calendar?`)) run(() => deletePlannedMonitoringAction({ id, version }));
        }}
      >
        Remove<span className="visually-hidden"> {title}</span>
      </button>
      {error ? (
        <p className="field-error" role="alert" style={{ margin: 0 }}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** Adds an entry to a term's monitoring calendar. */
export function AddPlannedForm({ termId, people, strands }: { termId: string; people: { id: string; name: string }[]; strands: { id: string; title: string }[] }) {
  const router = useRouter();
  const { form, submit, pending, formError, errors, errorFor } = useServerForm({
    action: createPlannedMonitoringAction,
    defaultValues: { termId, type: "learning_walk", title: "", plannedDate: "", leadId: "", strandId: "" },
    onSuccess: () => {
      form.reset({ termId, type: "learning_walk", title: "", plannedDate: "", leadId: "", strandId: "" });
      router.refresh();
    },
  });
  return (
    <form className="form" onSubmit={submit} noValidate>
      <ErrorSummary errors={errors} formError={formError} />
      <SelectField label="Kind of monitoring" options={PLANNED_TYPES.map((t) => ({ value: t, label: PLANNED_LABEL[t] ?? t }))} registration={form.register("type")} error={errorFor("type")} />
      <TextField label="What is planned" hint="For example, Book look: writing in KS2." registration={form.register("title")} error={errorFor("title")} />
      <TextField label="Planned date (optional)" type="date" registration={form.register("plannedDate")} error={errorFor("plannedDate")} />
      <SelectField
        label="Led by (optional)"
        placeholder="Not decided"
        options={people.map((p) => ({ value: p.id, label: p.name }))}
        registration={form.register("leadId")}
        error={errorFor("leadId")}
      />
      {strands.length ? (
        <SelectField
          label="Strand it tests (optional)"
          placeholder="None"
          options={strands.map((s) => ({ value: s.id, label: s.title }))}
          registration={form.register("strandId")}
          error={errorFor("strandId")}
        />
      ) : null}
      <button className="button" type="submit" disabled={pending}>
        {pending ? "Adding…" : "Add to the calendar"}
      </button>
    </form>
  );
}
