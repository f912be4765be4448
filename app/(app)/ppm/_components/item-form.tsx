"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { Registration } from "@/components/ui/form-state";
import { ErrorSummary } from "@/components/ui/error-summary";
import { Field, SelectField, TextArea, TextField, type Option } from "@/components/ui/fields";
import { useServerForm } from "@/components/ui/use-server-form";
import { addPpmItemAction, updatePpmItemAction } from "@/app/(app)/ppm/actions";

export type PupilOption = { id: string; name: string; note: string; flagged: boolean };

const CONCERN_HINT = "What is not on track, and how you know (for example, this term's assessment).";
const ACTION_HINT = "The intervention or support agreed, with how often, for example “Precision teaching for number bonds, 3×10 min a week”.";

/**
 * Adds a pupil discussed at a meeting. Pupils below the expected standard this term are listed first,
 * with the subjects, since they are usually the ones to discuss. The form clears after each pupil so
 * the next can be added straight away.
 */
export function AddItemForm({
  meetingId,
  pupils,
  subjects,
  staff,
  defaultOwnerId,
  defaultReviewDate,
}: {
  meetingId: string;
  pupils: PupilOption[];
  subjects: Option[];
  staff: Option[];
  defaultOwnerId: string;
  defaultReviewDate: string;
}) {
  const router = useRouter();
  const [added, setAdded] = useState<string | null>(null);
  const defaults = { meetingId, pupilId: "", subject: "", concern: "", action: "", ownerId: defaultOwnerId, reviewDate: defaultReviewDate };
  const { form, submit, pending, formError, errors, errorFor } = useServerForm({
    action: addPpmItemAction,
    defaultValues: defaults,
    onSuccess: (_data, values) => {
      setAdded(pupils.find((p) => p.id === values.pupilId)?.name ?? "The pupil");
      form.reset({ ...defaults, ownerId: values.ownerId, reviewDate: values.reviewDate });
      router.refresh();
    },
  });
  const flagged = pupils.filter((p) => p.flagged);
  const others = pupils.filter((p) => !p.flagged);
  return (
    <form className="form" onSubmit={submit} noValidate>
      <ErrorSummary errors={errors} formError={formError} />
      <div role="status">{added ? <p className="success-banner">{added} was added to the pupils discussed. Add another pupil, or you are done.</p> : null}</div>
      <Field label="Pupil" name="pupilId" error={errorFor("pupilId")} hint="Pupils below the expected standard this term are listed first.">
        {(aria) => (
          <select {...aria} {...form.register("pupilId")}>
            <option value="">Select a pupil</option>
            {flagged.length ? (
              <optgroup label="Below the expected standard this term">
                {flagged.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                    {p.note ? ` (${p.note})` : ""}
                  </option>
                ))}
              </optgroup>
            ) : null}
            <optgroup label={flagged.length ? "Other pupils in the class" : "Pupils in the class"}>
              {others.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                  {p.note ? ` (${p.note})` : ""}
                </option>
              ))}
            </optgroup>
          </select>
        )}
      </Field>
      <ItemFields register={(n) => form.register(n)} errorFor={errorFor} subjects={subjects} staff={staff} />
      <button className="button" type="submit" disabled={pending}>
        {pending ? "Adding…" : "Add pupil"}
      </button>
    </form>
  );
}

/** Changes what was agreed for a pupil at a meeting. */
export function EditItemForm({
  meetingId,
  item,
  subjects,
  staff,
}: {
  meetingId: string;
  item: { id: string; version: number; subject: string; concern: string; action: string; ownerId: string; reviewDate: string };
  subjects: Option[];
  staff: Option[];
}) {
  const router = useRouter();
  const { form, submit, pending, formError, errors, errorFor } = useServerForm({
    action: updatePpmItemAction,
    defaultValues: item,
    onSuccess: () => {
      router.push(`/ppm/${meetingId}`);
      router.refresh();
    },
  });
  return (
    <form className="form" onSubmit={submit} noValidate>
      <ErrorSummary errors={errors} formError={formError} />
      <ItemFields register={(n) => form.register(n)} errorFor={errorFor} subjects={subjects} staff={staff} />
      <button className="button" type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save changes"}
      </button>
    </form>
  );
}

type ItemField = "subject" | "concern" | "action" | "ownerId" | "reviewDate";

function ItemFields({ register, errorFor, subjects, staff }: { register: (name: ItemField) => Registration; errorFor: (name: string) => string | undefined; subjects: Option[]; staff: Option[] }) {
  return (
    <>
      <SelectField label="What the concern is about" placeholder="Select a subject or area" options={subjects} registration={register("subject")} error={errorFor("subject")} />
      <TextArea label="Concern" hint={CONCERN_HINT} rows={3} registration={register("concern")} error={errorFor("concern")} />
      <TextArea label="Action or intervention agreed" hint={ACTION_HINT} rows={3} registration={register("action")} error={errorFor("action")} />
      <SelectField label="Owner" hint="Who makes sure the action happens." placeholder="Select a member of staff" options={staff} registration={register("ownerId")} error={errorFor("ownerId")} />
      <TextField label="Review date" hint="When the action is next looked at, usually by the next meeting." type="date" registration={register("reviewDate")} error={errorFor("reviewDate")} />
    </>
  );
}
