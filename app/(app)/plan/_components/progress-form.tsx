"use client";
import { useRouter } from "next/navigation";
import { updatePlanActionProgressAction } from "@/app/(app)/plan/actions";
import type { PlanActionStatus } from "@/db/schema/enums";
import { ErrorSummary } from "@/components/ui/error-summary";
import { Field } from "@/components/ui/fields";
import { useServerForm } from "@/components/ui/use-server-form";
import { ACTION_STATUS_OPTIONS } from "@/lib/analytics/plan";
import styles from "@/components/plan/plan.module.css";
import { prefixed, Saved, Select } from "./inline-bits";

/** Status and notes of one action: for its owner (and leaders). */
export function ProgressForm({ action, label }: { action: { id: string; version: number; status: PlanActionStatus; notes: string }; label: string }) {
  const router = useRouter();
  const prefix = `progress-${action.id}`;
  const { form, submit, pending, formError, errors, errorFor, savedAt } = useServerForm({
    action: updatePlanActionProgressAction,
    defaultValues: { id: action.id, version: action.version, status: action.status, notes: action.notes },
    onSuccess: (data, values) => {
      form.reset({ ...values, version: data.version });
      router.refresh();
    },
  });
  return (
    <form className={styles.inlineForm} onSubmit={submit} noValidate aria-label={label}>
      <ErrorSummary errors={prefixed(prefix, errors)} formError={formError} />
      <Field label="Status" name={`${prefix}.status`} error={errorFor("status")}>
        {(aria) => <Select {...aria} options={ACTION_STATUS_OPTIONS} {...form.register("status")} />}
      </Field>
      <Field label="Notes" hint="What has happened, and anything in the way." name={`${prefix}.notes`} error={errorFor("notes")}>
        {(aria) => <textarea {...aria} rows={3} {...form.register("notes")} />}
      </Field>
      <div className="row">
        <button type="submit" className="button" disabled={pending}>
          {pending ? "Saving…" : "Save progress"}
        </button>
        <Saved at={savedAt}>Progress saved</Saved>
      </div>
    </form>
  );
}
