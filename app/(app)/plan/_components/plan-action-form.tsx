"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import type { z } from "zod";
import { createPlanActionAction, updatePlanActionAction } from "@/app/(app)/plan/actions";
import { ErrorSummary } from "@/components/ui/error-summary";
import { CheckboxGroup, SelectField, TextArea, TextField, type Option } from "@/components/ui/fields";
import { useServerForm, type FieldRegistrar } from "@/components/ui/use-server-form";
import { ACTION_STATUS_OPTIONS } from "@/lib/analytics/plan";
import type { createPlanActionSchema } from "@/lib/validation/sip";

/** The fields an action's create and edit forms share, as the schemas read them. */
export type PlanActionFormValues = Omit<z.input<typeof createPlanActionSchema>, "strandId">;

function PlanActionFields({ register, errorFor, staff }: { register: FieldRegistrar<PlanActionFormValues>; errorFor: (f: string) => string | undefined; staff: Option[] }) {
  return (
    <>
      <TextArea label="What will be done" rows={3} registration={register("description")} error={errorFor("description")} />
      <SelectField
        label="Owner"
        hint="The member of staff responsible. They can update its status and notes."
        placeholder="Select the owner"
        options={staff}
        registration={register("ownerId")}
        error={errorFor("ownerId")}
      />
      <CheckboxGroup legend="Supporting staff (optional)" options={staff} registration={register("supporterIds")} error={errorFor("supporterIds")} />
      <div className="grid-2">
        <TextField label="Start date" type="date" registration={register("startDate")} error={errorFor("startDate")} />
        <TextField label="Due date" type="date" registration={register("dueDate")} error={errorFor("dueDate")} />
      </div>
      <TextField label="Cost (£)" hint="In pounds, e.g. 1250 or 1,250.50. Leave empty if there is no cost." inputMode="decimal" registration={register("cost")} error={errorFor("cost")} />
      <TextArea label="Resources" hint="Time, training, materials." rows={2} registration={register("resources")} error={errorFor("resources")} />
      <TextArea label="How it will be monitored" rows={2} registration={register("monitoring")} error={errorFor("monitoring")} />
      <SelectField label="Monitored by" placeholder="Not set" options={staff} registration={register("monitoredById")} error={errorFor("monitoredById")} />
      <SelectField label="Status" options={ACTION_STATUS_OPTIONS} registration={register("status")} error={errorFor("status")} />
      <TextArea label="Notes" rows={3} registration={register("notes")} error={errorFor("notes")} />
    </>
  );
}

export function NewPlanActionForm({ strandId, staff }: { strandId: string; staff: Option[] }) {
  const router = useRouter();
  const { form, submit, pending, formError, errors, errorFor } = useServerForm({
    action: createPlanActionAction,
    defaultValues: {
      strandId,
      description: "",
      ownerId: "",
      supporterIds: [],
      startDate: "",
      dueDate: "",
      cost: "",
      resources: "",
      monitoring: "",
      monitoredById: "",
      status: "not_started",
      notes: "",
    },
    onSuccess: () => {
      router.push(`/plan/strands/${strandId}#actions`);
      router.refresh();
    },
  });
  return (
    <form className="form" onSubmit={submit} noValidate>
      <ErrorSummary errors={errors} formError={formError} />
      <PlanActionFields register={form.register} errorFor={errorFor} staff={staff} />
      <div className="button-group">
        <button className="button" type="submit" disabled={pending}>
          {pending ? "Saving…" : "Add action"}
        </button>
        <Link href={`/plan/strands/${strandId}`}>Cancel</Link>
      </div>
    </form>
  );
}

export function EditPlanActionForm({ strandId, action, staff }: { strandId: string; action: PlanActionFormValues & { id: string; version: number }; staff: Option[] }) {
  const router = useRouter();
  const { form, submit, pending, formError, errors, errorFor } = useServerForm({
    action: updatePlanActionAction,
    defaultValues: action,
    onSuccess: () => {
      router.push(`/plan/strands/${strandId}#actions`);
      router.refresh();
    },
  });
  return (
    <form className="form" onSubmit={submit} noValidate>
      <ErrorSummary errors={errors} formError={formError} />
      <PlanActionFields register={form.register} errorFor={errorFor} staff={staff} />
      <div className="button-group">
        <button className="button" type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save changes"}
        </button>
        <Link href={`/plan/strands/${strandId}`}>Cancel</Link>
      </div>
    </form>
  );
}
