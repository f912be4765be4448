"use client";
import { useRouter } from "next/navigation";
import type { z } from "zod";
import { createMonitoringActivityAction, updateMonitoringActivityAction } from "@/app/(app)/monitoring/activities/actions";
import { ACTIVITY_TYPES } from "@/db/schema/enums";
import { ErrorSummary } from "@/components/ui/error-summary";
import { CheckboxGroup, SelectField, TextArea, TextField } from "@/components/ui/fields";
import { useServerForm, type FieldRegistrar } from "@/components/ui/use-server-form";
import type { activitySchema } from "@/lib/validation/monitoring";
import { ACTIVITY_LABEL } from "@/lib/labels/monitoring";

export type ActivityFormOptions = {
  leads: { id: string; name: string }[];
  participants: { id: string; name: string; role: string }[];
  years: { id: string; startDate: string; endDate: string }[];
  strands: { id: string; title: string; academicYearId: string }[];
  areas: { key: string; name: string }[];
};

/** An activity's fields, as the schema reads them (the edit form adds its id and version). */
export type ActivityValues = z.input<typeof activitySchema>;

export function ActivityForm({ existing, defaults, options }: { existing?: { id: string; version: number }; defaults: ActivityValues; options: ActivityFormOptions }) {
  return existing ? <EditActivity existing={existing} defaults={defaults} options={options} /> : <NewActivity defaults={defaults} options={options} />;
}

function NewActivity({ defaults, options }: { defaults: ActivityValues; options: ActivityFormOptions }) {
  const router = useRouter();
  const f = useServerForm({
    action: createMonitoringActivityAction,
    defaultValues: defaults,
    onSuccess: (data) => {
      router.push(`/monitoring/activities/${data.id}?saved=1`);
      router.refresh();
    },
  });
  return <Shell f={{ ...f, register: f.form.register, date: f.form.watch("date") ?? "" }} options={options} label="Save record" />;
}

function EditActivity({ existing, defaults, options }: { existing: { id: string; version: number }; defaults: ActivityValues; options: ActivityFormOptions }) {
  const router = useRouter();
  const f = useServerForm({
    action: updateMonitoringActivityAction,
    defaultValues: { ...defaults, ...existing },
    onSuccess: (data) => {
      router.push(`/monitoring/activities/${data.id}?saved=1`);
      router.refresh();
    },
  });
  return <Shell f={{ ...f, register: f.form.register, date: f.form.watch("date") ?? "" }} options={options} label="Save changes" />;
}

type Shared = {
  register: FieldRegistrar<ActivityValues>;
  /** The date chosen so far: it decides the plan strands offered. */
  date: string;
  submit: (e?: React.BaseSyntheticEvent) => void;
  pending: boolean;
  formError: string | null;
  errors: { field?: string; message: string }[];
  errorFor: (name: string) => string | undefined;
};

function Shell({ f, options, label }: { f: Shared; options: ActivityFormOptions; label: string }) {
  const { register, date, submit, pending, formError, errors, errorFor } = f;
  const year = options.years.find((y) => y.startDate <= date && date <= y.endDate);
  const strands = options.strands.filter((s) => year && s.academicYearId === year.id);
  return (
    <form className="form" onSubmit={submit} noValidate>
      <ErrorSummary errors={errors} formError={formError} />
      <p className="notice">
        Governors and advisers read these findings. Name no teacher: describe the year group, class or subject instead (for example “in Year 4”). Waymark refuses text that names a member of staff.
      </p>
      <SelectField label="Kind of monitoring" options={ACTIVITY_TYPES.map((t) => ({ value: t, label: ACTIVITY_LABEL[t] }))} registration={register("type")} error={errorFor("type")} />
      <TextField label="Date" type="date" registration={register("date")} error={errorFor("date")} />
      <SelectField label="Led by" placeholder="Select who led it" options={options.leads.map((p) => ({ value: p.id, label: p.name }))} registration={register("leadId")} error={errorFor("leadId")} />
      <CheckboxGroup
        legend="Also taking part (optional)"
        options={options.participants.map((p) => ({ value: p.id, label: p.role === "governor" ? `${p.name} (governor)` : p.name }))}
        registration={register("participantIds")}
        error={errorFor("participantIds")}
      />
      <TextField label="Subject or theme (optional)" hint="For example, reading, maths or behaviour at lunchtime." registration={register("subject")} error={errorFor("subject")} />
      <TextField label="Classes or year groups visited" hint="For example, Y3, Y4 and Y5." registration={register("classesVisited")} error={errorFor("classesVisited")} />
      <h2>Focus</h2>
      {strands.length ? (
        <CheckboxGroup legend="Plan strands" options={strands.map((s) => ({ value: s.id, label: s.title }))} registration={register("focusStrandIds")} error={errorFor("focusStrandIds")} />
      ) : (
        <p className="muted">There is no improvement plan for this year yet, so no strands to choose.</p>
      )}
      <CheckboxGroup legend="Self-evaluation areas" options={options.areas.map((a) => ({ value: a.key, label: a.name }))} registration={register("focusAreaKeys")} error={errorFor("focusAreaKeys")} />
      <h2>Findings</h2>
      <TextArea label="Strengths" registration={register("strengths")} error={errorFor("strengths")} />
      <TextArea label="Areas to develop" registration={register("areasToDevelop")} error={errorFor("areasToDevelop")} />
      <TextArea label="Actions" hint="What will happen as a result, and who will check." registration={register("actions")} error={errorFor("actions")} />
      <div className="button-group">
        <button className="button" type="submit" disabled={pending}>
          {pending ? "Saving…" : label}
        </button>
      </div>
    </form>
  );
}
