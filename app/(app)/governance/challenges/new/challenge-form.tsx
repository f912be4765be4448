"use client";
import { useRouter } from "next/navigation";
import { ErrorSummary } from "@/components/ui/error-summary";
import { SelectField, TextArea, TextField, type Option } from "@/components/ui/fields";
import { useServerForm } from "@/components/ui/use-server-form";
import { REPORT_SECTIONS } from "@/db/schema/enums";
import { CHALLENGE_SOURCE_LABEL, REPORT_SECTION_LABEL } from "@/lib/report/labels";
import type { ChallengeCreateInput } from "@/lib/validation/governance";
import { createChallengeAction } from "../../actions";

const SOURCE_OPTIONS = Object.entries(CHALLENGE_SOURCE_LABEL).map(([value, label]) => ({ value, label }));
const SECTION_OPTIONS = REPORT_SECTIONS.map((s) => ({ value: s, label: REPORT_SECTION_LABEL[s] }));

export function ChallengeForm({
  defaults,
  strands,
  areas,
  reports,
  visits,
  leaders,
  meetingLabel,
}: {
  defaults: ChallengeCreateInput;
  strands: Option[];
  areas: Option[];
  reports: Option[];
  visits: Option[];
  leaders: Option[];
  /** Set when the question is being recorded at a meeting. */
  meetingLabel?: string;
}) {
  const router = useRouter();
  const { form, submit, pending, formError, errors, errorFor } = useServerForm({
    action: createChallengeAction,
    defaultValues: defaults,
    onSuccess: (data) => router.push(`/governance/challenges/${data.id}`),
  });
  const source = form.watch("source");
  return (
    <form className="form" onSubmit={submit} noValidate>
      <ErrorSummary errors={errors} formError={formError} />
      {meetingLabel ? <p className="notice">Asked at the meeting of the {meetingLabel}. It is tagged with the meeting and appears in its minutes.</p> : null}
      <TextArea
        label="Your question"
        hint="Ask what a critical friend would: how do leaders know, what is the impact, what happens next?"
        rows={5}
        registration={form.register("question")}
        error={errorFor("question")}
      />
      <SelectField label="Where was it raised?" options={SOURCE_OPTIONS} registration={form.register("source")} error={errorFor("source")} />
      <TextField label="Date raised" type="date" registration={form.register("raisedOn")} error={errorFor("raisedOn")} />
      <h2>What is it about?</h2>
      <p className="muted">Choose at least one: a strand of the plan, an area of the self-evaluation, or a section of a published report.</p>
      <SelectField label="Plan strand" placeholder="None" options={strands} registration={form.register("strandId")} error={errorFor("strandId")} />
      <SelectField label="Self-evaluation area" placeholder="None" options={areas} registration={form.register("areaKey")} error={errorFor("areaKey")} />
      {source === "report" || defaults.reportId ? (
        <>
          <SelectField label="Report" placeholder="None" options={reports} registration={form.register("reportId")} error={errorFor("reportId")} />
          <SelectField label="Report section" placeholder="None" options={SECTION_OPTIONS} registration={form.register("reportSection")} error={errorFor("reportSection")} />
        </>
      ) : null}
      {source === "visit" ? <SelectField label="Visit" placeholder="None" options={visits} registration={form.register("visitId")} error={errorFor("visitId")} /> : null}
      <SelectField
        label="Who should answer? (optional)"
        hint="If you leave this, the strand's lead answers, or otherwise the headteacher."
        placeholder="Leave it to the school"
        options={leaders}
        registration={form.register("ownerId")}
        error={errorFor("ownerId")}
      />
      <button className="button" type="submit" disabled={pending}>
        {pending ? "Saving…" : "Ask the question"}
      </button>
    </form>
  );
}
