"use client";
import { useRouter } from "next/navigation";
import { addReviewCommentAction, createMilestoneAction, deleteMilestoneAction, recordCriterionValueAction, updateMilestoneAction } from "@/app/(app)/plan/actions";
import type { TermName } from "@/db/schema/enums";
import { ErrorSummary } from "@/components/ui/error-summary";
import { Field, type Option } from "@/components/ui/fields";
import { useServerForm } from "@/components/ui/use-server-form";
import { ConfirmButton } from "@/components/plan/confirm-button";
import { prefixed, Saved, Select } from "./inline-bits";
import styles from "@/components/plan/plan.module.css";

/*
 * Small forms that appear many times on one page (one per action, milestone, review…). Their fields
 * get ids prefixed with the record's id, so labels, error links and ids stay unique on the page.
 */

const TERM_OPTIONS: Option[] = [
  { value: "autumn", label: "Autumn" },
  { value: "spring", label: "Spring" },
  { value: "summer", label: "Summer" },
];
const MET_OPTIONS: Option[] = [
  { value: "", label: "Not yet judged" },
  { value: "met", label: "Met" },
  { value: "not_met", label: "Not met" },
];

/** Adds a milestone to a strand. */
export function NewMilestoneForm({ strandId }: { strandId: string }) {
  const router = useRouter();
  const prefix = "milestone-new";
  const { form, submit, pending, formError, errors, errorFor, savedAt } = useServerForm({
    action: createMilestoneAction,
    defaultValues: { strandId, term: "autumn", description: "", met: "" },
    onSuccess: (_d, values) => {
      form.reset({ ...values, description: "", met: "" });
      router.refresh();
    },
  });
  return (
    <form className={styles.inlineForm} onSubmit={submit} noValidate aria-label="Add a milestone">
      <ErrorSummary errors={prefixed(prefix, errors)} formError={formError} />
      <Field label="Term" name={`${prefix}.term`} error={errorFor("term")}>
        {(aria) => <Select {...aria} options={TERM_OPTIONS} {...form.register("term")} />}
      </Field>
      <Field label="What should be true by the end of the term" name={`${prefix}.description`} error={errorFor("description")}>
        {(aria) => <textarea {...aria} rows={2} {...form.register("description")} />}
      </Field>
      <div className="row">
        <button type="submit" className="button" disabled={pending}>
          {pending ? "Saving…" : "Add milestone"}
        </button>
        <Saved at={savedAt}>Milestone added</Saved>
      </div>
    </form>
  );
}

/** Edits a milestone, marks it met or not met, or deletes it. */
export function EditMilestoneForm({ milestone }: { milestone: { id: string; version: number; term: TermName; description: string; met: boolean | null } }) {
  const router = useRouter();
  const prefix = `milestone-${milestone.id}`;
  const { form, submit, pending, formError, errors, errorFor, savedAt } = useServerForm({
    action: updateMilestoneAction,
    defaultValues: { id: milestone.id, version: milestone.version, term: milestone.term, description: milestone.description, met: milestone.met === null ? "" : milestone.met ? "met" : "not_met" },
    onSuccess: (data, values) => {
      form.reset({ ...values, version: data.version });
      router.refresh();
    },
  });
  return (
    <form className={styles.inlineForm} onSubmit={submit} noValidate aria-label="Edit milestone">
      <ErrorSummary errors={prefixed(prefix, errors)} formError={formError} />
      <Field label="Term" name={`${prefix}.term`} error={errorFor("term")}>
        {(aria) => <Select {...aria} options={TERM_OPTIONS} {...form.register("term")} />}
      </Field>
      <Field label="What should be true by the end of the term" name={`${prefix}.description`} error={errorFor("description")}>
        {(aria) => <textarea {...aria} rows={2} {...form.register("description")} />}
      </Field>
      <Field label="Was it met?" name={`${prefix}.met`} error={errorFor("met")}>
        {(aria) => <Select {...aria} options={MET_OPTIONS} {...form.register("met")} />}
      </Field>
      <div className="row">
        <button type="submit" className="button" disabled={pending}>
          {pending ? "Saving…" : "Save milestone"}
        </button>
        <ConfirmButton
          action={deleteMilestoneAction}
          input={{ id: milestone.id, version: form.getValues("version") }}
          label="Delete milestone"
          question="Delete this milestone?"
          confirmLabel="Yes, delete"
          warning
        />
        <Saved at={savedAt} />
      </div>
    </form>
  );
}

/** Records a hand-entered value (e.g. attendance %) for a term; replacing one names the version read. */
export function CriterionValueForm({
  criterionId,
  terms,
  existing,
  defaultTermId,
  unit,
}: {
  criterionId: string;
  terms: Option[];
  existing: Record<string, { value: number; version: number; note: string | null }>;
  defaultTermId: string;
  unit: string | null;
}) {
  const router = useRouter();
  const prefix = `value-${criterionId}`;
  const start = existing[defaultTermId];
  const { form, submit, pending, formError, errors, errorFor, savedAt } = useServerForm({
    action: recordCriterionValueAction,
    defaultValues: { criterionId, termId: defaultTermId, value: start ? String(start.value) : "", note: start?.note ?? "", version: start?.version ?? null },
    onSuccess: (data, values) => {
      form.reset({ ...values, version: data.version });
      router.refresh();
    },
  });
  const term = form.register("termId", {
    onChange: (e: React.ChangeEvent<HTMLSelectElement>) => {
      const v = existing[e.target.value];
      form.setValue("version", v?.version ?? null);
      form.setValue("value", v ? String(v.value) : "");
      form.setValue("note", v?.note ?? "");
    },
  });
  return (
    <form className={styles.inlineForm} onSubmit={submit} noValidate aria-label="Record a value">
      <ErrorSummary errors={prefixed(prefix, errors)} formError={formError} />
      <Field label="Term" name={`${prefix}.termId`} error={errorFor("termId")}>
        {(aria) => <Select {...aria} options={terms} {...term} />}
      </Field>
      <Field label={`Value${unit ? ` (${unit})` : ""}`} name={`${prefix}.value`} error={errorFor("value")}>
        {(aria) => <input {...aria} type="text" inputMode="decimal" {...form.register("value")} />}
      </Field>
      <Field label="Note (optional)" hint="Where the figure comes from." name={`${prefix}.note`} error={errorFor("note")}>
        {(aria) => <input {...aria} type="text" {...form.register("note")} />}
      </Field>
      <div className="row">
        <button type="submit" className="button" disabled={pending}>
          {pending ? "Saving…" : "Record value"}
        </button>
        <Saved at={savedAt}>Value recorded</Saved>
      </div>
    </form>
  );
}

/** A comment on a review, from a governor (or a leader answering). */
export function CommentForm({ reviewId, label }: { reviewId: string; label: string }) {
  const router = useRouter();
  const prefix = `comment-${reviewId}`;
  const { form, submit, pending, formError, errors, errorFor, savedAt } = useServerForm({
    action: addReviewCommentAction,
    defaultValues: { reviewId, body: "" },
    onSuccess: () => {
      form.reset({ reviewId, body: "" });
      router.refresh();
    },
  });
  return (
    <form className={styles.inlineForm} onSubmit={submit} noValidate aria-label={label}>
      <ErrorSummary errors={prefixed(prefix, errors)} formError={formError} />
      <Field label="Your comment" hint="A question or an observation, as a critical friend." name={`${prefix}.body`} error={errorFor("body")}>
        {(aria) => <textarea {...aria} rows={3} {...form.register("body")} />}
      </Field>
      <div className="row">
        <button type="submit" className="button" disabled={pending}>
          {pending ? "Posting…" : "Add comment"}
        </button>
        <Saved at={savedAt}>Comment added</Saved>
      </div>
    </form>
  );
}
