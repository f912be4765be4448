"use client";
import { useRouter } from "next/navigation";
import { ErrorSummary } from "@/components/ui/error-summary";
import { SelectField, TextArea, type Option } from "@/components/ui/fields";
import { useServerForm } from "@/components/ui/use-server-form";
import { ANSWER_STATUSES, CHALLENGE_STATUS_LABEL } from "@/lib/report/labels";
import type { ChallengeStatus } from "@/lib/data/governance";
import { answerChallengeAction, setChallengeStatusAction } from "../../actions";

const ANSWER_STATUS_OPTIONS = ANSWER_STATUSES.map((s) => ({ value: s, label: CHALLENGE_STATUS_LABEL[s] }));

export function AnswerForm({ id, version, answer, status, ownerId, leaders }: { id: string; version: number; answer: string; status: ChallengeStatus; ownerId: string; leaders: Option[] }) {
  const router = useRouter();
  const { form, submit, pending, formError, errors, errorFor } = useServerForm({
    action: answerChallengeAction,
    defaultValues: { id, version, answer, status: status === "open" ? "answered" : (status as "answered"), ownerId },
    onSuccess: (data) => {
      form.setValue("version", data.version);
      router.refresh();
    },
  });
  return (
    <form className="form" onSubmit={submit} noValidate>
      <ErrorSummary errors={errors} formError={formError} />
      <TextArea label="Answer" hint="Say what the evidence shows and what will happen next." rows={6} registration={form.register("answer")} error={errorFor("answer")} />
      <SelectField label="Status after this answer" options={ANSWER_STATUS_OPTIONS} registration={form.register("status")} error={errorFor("status")} />
      <SelectField label="Owner" placeholder="Keep the current owner" options={leaders} registration={form.register("ownerId")} error={errorFor("ownerId")} />
      <button className="button" type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save the answer"}
      </button>
    </form>
  );
}

export function StatusForm({ id, version, current, options }: { id: string; version: number; current: ChallengeStatus; options: ChallengeStatus[] }) {
  const router = useRouter();
  const { form, submit, pending, formError, errors, errorFor } = useServerForm({
    action: setChallengeStatusAction,
    defaultValues: { id, version, status: options.includes(current) ? current : options[0]! },
    onSuccess: (data) => {
      form.setValue("version", data.version);
      router.refresh();
    },
  });
  return (
    <form className="form" onSubmit={submit} noValidate>
      <ErrorSummary errors={errors} formError={formError} />
      <SelectField label="Status" options={options.map((s) => ({ value: s, label: CHALLENGE_STATUS_LABEL[s] }))} registration={form.register("status")} error={errorFor("status")} />
      <button className="button button-secondary" type="submit" disabled={pending}>
        {pending ? "Saving…" : "Update the status"}
      </button>
    </form>
  );
}
