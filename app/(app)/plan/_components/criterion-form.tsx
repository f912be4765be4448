"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import type { z } from "zod";
import { createCriterionAction, updateCriterionAction } from "@/app/(app)/plan/actions";
import { ErrorSummary } from "@/components/ui/error-summary";
import { Checkbox, SelectField, TextArea, TextField, type Option } from "@/components/ui/fields";
import { useServerForm, type FieldRegistrar } from "@/components/ui/use-server-form";
import type { createCriterionSchema } from "@/lib/validation/sip";

export type CriterionFormOptions = { yearGroups: Option[]; subjects: Option[]; terms: Option[] };

/** The fields a criterion's create and edit forms share, as the schemas read them. */
export type CriterionFormValues = Omit<z.input<typeof createCriterionSchema>, "strandId">;

const KINDS: Option[] = [
  { value: "measurable", label: "Measurable: a number tracked against a target" },
  { value: "narrative", label: "Narrative: described in words" },
];
const METRICS: Option[] = [
  { value: "attainment_expected", label: "Attainment: % at the expected standard (from assessment data)" },
  { value: "attainment_greater_depth", label: "Attainment: % at greater depth (from assessment data)" },
  { value: "disadvantaged_gap", label: "Disadvantaged gap in % at expected (from assessment data)" },
  { value: "attendance_pct", label: "Attendance % for the year to date (from attendance data)" },
  { value: "persistent_absence_pct", label: "% of pupils persistently absent, year to date (from attendance data)" },
  { value: "suspensions", label: "Number of suspensions in the year to date (from behaviour data)" },
  { value: "manual", label: "Recorded by hand each term (e.g. phonics check %)" },
];
const GROUPS: Option[] = [
  { value: "all", label: "All pupils" },
  { value: "disadvantaged", label: "Disadvantaged pupils" },
  { value: "not_disadvantaged", label: "Other pupils (not disadvantaged)" },
  { value: "sen", label: "Pupils with SEN" },
  { value: "eal", label: "Pupils with EAL" },
  { value: "girls", label: "Girls" },
  { value: "boys", label: "Boys" },
];

function CriterionFields({
  register,
  kind,
  metric,
  errorFor,
  options,
}: {
  register: FieldRegistrar<CriterionFormValues>;
  /** The kind and metric chosen so far, which decide the fields shown. */
  kind: CriterionFormValues["kind"];
  metric: CriterionFormValues["metric"];
  errorFor: (f: string) => string | undefined;
  options: CriterionFormOptions;
}) {
  const attendance = metric === "attendance_pct" || metric === "persistent_absence_pct" || metric === "suspensions";
  const fromData = metric && metric !== "manual" && !attendance;
  return (
    <>
      <SelectField label="Kind of criterion" options={KINDS} registration={register("kind")} error={errorFor("kind")} />
      <TextArea
        label="What success looks like"
        hint="e.g. “At least 72% of Year 6 reach the expected standard in writing”."
        rows={3}
        registration={register("description")}
        error={errorFor("description")}
      />
      {kind === "measurable" ? (
        <>
          <SelectField label="What it measures" placeholder="Select a measure" options={METRICS} registration={register("metric")} error={errorFor("metric")} />
          {fromData ? (
            <>
              <SelectField label="Year group" placeholder="Select the year group" options={options.yearGroups} registration={register("yearGroup")} error={errorFor("yearGroup")} />
              <SelectField label="Subject" placeholder="Select the subject" options={options.subjects} registration={register("subject")} error={errorFor("subject")} />
              {metric !== "disadvantaged_gap" ? (
                <SelectField label="Pupil group" placeholder="Select the pupil group" options={GROUPS} registration={register("pupilGroup")} error={errorFor("pupilGroup")} />
              ) : (
                <p className="hint muted">The gap is the disadvantaged pupils’ % at expected minus other pupils’: −18 means 18 points behind, so a target of −8 is a narrower gap.</p>
              )}
            </>
          ) : null}
          {attendance ? (
            <>
              {metric !== "suspensions" ? (
                <SelectField
                  label="Year group"
                  hint="Leave as the whole school, or choose one year group."
                  placeholder="Whole school"
                  options={options.yearGroups}
                  registration={register("yearGroup")}
                  error={errorFor("yearGroup")}
                />
              ) : null}
              <SelectField label="Pupil group" placeholder="Select the pupil group" options={GROUPS} registration={register("pupilGroup")} error={errorFor("pupilGroup")} />
              <p className="hint muted">Read live from the imported attendance for the year to date. Persistent absence and suspensions are better when lower: tick the box below.</p>
            </>
          ) : null}
          {metric === "manual" ? <TextField label="Unit" hint="Shown after the value, e.g. %." registration={register("unit")} error={errorFor("unit")} /> : null}
          <TextField label="Baseline" hint="Where it started." inputMode="decimal" registration={register("baseline")} error={errorFor("baseline")} />
          <TextField label="Target" inputMode="decimal" registration={register("target")} error={errorFor("target")} />
          <SelectField label="Due by the end of" placeholder="Select the term" options={options.terms} registration={register("dueTermId")} error={errorFor("dueTermId")} />
          <Checkbox label="A lower value is better" hint="For example persistent absence, or exclusions." registration={register("lowerIsBetter")} />
        </>
      ) : null}
      <Checkbox label="Headline criterion" hint="The one criterion shown for this strand on the plan on a page." registration={register("isHeadline")} />
    </>
  );
}

export function NewCriterionForm({ strandId, options }: { strandId: string; options: CriterionFormOptions }) {
  const router = useRouter();
  const { form, submit, pending, formError, errors, errorFor } = useServerForm({
    action: createCriterionAction,
    defaultValues: {
      strandId,
      kind: "measurable",
      description: "",
      isHeadline: false,
      metric: "",
      yearGroup: "",
      subject: "",
      pupilGroup: "all",
      unit: "",
      baseline: "",
      target: "",
      lowerIsBetter: false,
      dueTermId: "",
    },
    onSuccess: () => {
      router.push(`/plan/strands/${strandId}#criteria`);
      router.refresh();
    },
  });
  return (
    <form className="form" onSubmit={submit} noValidate>
      <ErrorSummary errors={errors} formError={formError} />
      <CriterionFields register={form.register} kind={form.watch("kind")} metric={form.watch("metric")} errorFor={errorFor} options={options} />
      <div className="button-group">
        <button className="button" type="submit" disabled={pending}>
          {pending ? "Saving…" : "Add criterion"}
        </button>
        <Link href={`/plan/strands/${strandId}`}>Cancel</Link>
      </div>
    </form>
  );
}

export function EditCriterionForm({ strandId, criterion, options }: { strandId: string; criterion: CriterionFormValues & { id: string; version: number }; options: CriterionFormOptions }) {
  const router = useRouter();
  const { form, submit, pending, formError, errors, errorFor } = useServerForm({
    action: updateCriterionAction,
    defaultValues: criterion,
    onSuccess: () => {
      router.push(`/plan/strands/${strandId}#criteria`);
      router.refresh();
    },
  });
  return (
    <form className="form" onSubmit={submit} noValidate>
      <ErrorSummary errors={errors} formError={formError} />
      <CriterionFields register={form.register} kind={form.watch("kind")} metric={form.watch("metric")} errorFor={errorFor} options={options} />
      <div className="button-group">
        <button className="button" type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save changes"}
        </button>
        <Link href={`/plan/strands/${strandId}`}>Cancel</Link>
      </div>
    </form>
  );
}
