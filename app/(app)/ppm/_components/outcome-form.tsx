"use client";
import { useRouter } from "next/navigation";
import { ErrorSummary } from "@/components/ui/error-summary";
import { SelectField, TextArea, TextField, type Option } from "@/components/ui/fields";
import { useServerForm } from "@/components/ui/use-server-form";
import { PPM_OUTCOME_KINDS, type PpmOutcomeKind } from "@/db/schema/enums";
import { PPM_OUTCOME_HINT, PPM_OUTCOME_LABEL } from "@/lib/analytics/ppm";
import { recordPpmOutcomeAction } from "@/app/(app)/ppm/actions";
import { RadioGroup } from "@/components/ui/fields";

const OUTCOME_OPTIONS = PPM_OUTCOME_KINDS.map((k) => ({ value: k, label: PPM_OUTCOME_LABEL[k], hint: PPM_OUTCOME_HINT[k] }));

/**
 * The outcome of an earlier action, recorded at this meeting: what happened, then close the action or
 * continue it (the same or a changed action, owner and review date). `mode: "correct"` changes an outcome
 * already recorded here; `canContinue: false` at the action's own meeting, where it can only be closed.
 */
export function OutcomeForm({
  meetingId,
  item,
  staff,
  mode,
  canContinue,
  defaultReviewDate,
}: {
  meetingId: string;
  item: { id: string; version: number; action: string; ownerId: string; outcome: string; outcomeKind: PpmOutcomeKind | "" };
  staff: Option[];
  mode: "record" | "correct";
  canContinue: boolean;
  defaultReviewDate: string;
}) {
  const router = useRouter();
  const { form, submit, pending, formError, errors, errorFor } = useServerForm({
    action: recordPpmOutcomeAction,
    defaultValues: {
      itemId: item.id,
      version: item.version,
      meetingId,
      outcomeKind: item.outcomeKind || undefined,
      outcome: item.outcome,
      next: mode === "correct" || !canContinue ? "close" : undefined,
      action: item.action,
      ownerId: item.ownerId,
      reviewDate: defaultReviewDate,
    },
    onSuccess: () => {
      router.push(`/ppm/${meetingId}`);
      router.refresh();
    },
  });
  const next = form.watch("next");
  return (
    <form className="form" onSubmit={submit} noValidate>
      <ErrorSummary errors={errors} formError={formError} />
      <RadioGroup legend="Outcome" options={OUTCOME_OPTIONS} registration={form.register("outcomeKind")} error={errorFor("outcomeKind")} />
      <TextArea
        label="What happened"
        hint="The evidence: for example this term's assessment, attendance or what the adult running the intervention has seen."
        rows={4}
        registration={form.register("outcome")}
        error={errorFor("outcome")}
      />
      {mode === "record" && canContinue ? (
        <RadioGroup
          legend="Next step"
          options={[
            { value: "close", label: "Close the action", hint: "Nothing more is needed for this concern." },
            { value: "continue", label: "Continue it into this meeting", hint: "Keep it open, with the same or a changed action, to review at the next meeting." },
          ]}
          registration={form.register("next")}
          error={errorFor("next")}
        />
      ) : null}
      {mode === "record" && !canContinue ? (
        <p className="inset">This is the meeting that agreed the action, so recording its outcome here closes it. To continue it, record the outcome at the class&apos;s next meeting.</p>
      ) : null}
      {next === "continue" ? (
        <div className="inset">
          <TextArea
            label="Continued action"
            hint="Change it if the meeting agreed something different, for example escalating to the SENCO."
            rows={3}
            registration={form.register("action")}
            error={errorFor("action")}
          />
          <SelectField label="Owner of the continued action" placeholder="Select a member of staff" options={staff} registration={form.register("ownerId")} error={errorFor("ownerId")} />
          <TextField label="Next review date" type="date" registration={form.register("reviewDate")} error={errorFor("reviewDate")} />
        </div>
      ) : null}
      <button className="button" type="submit" disabled={pending}>
        {pending ? "Saving…" : mode === "correct" ? "Save changes" : "Record outcome"}
      </button>
    </form>
  );
}
