"use client";
import { useRouter } from "next/navigation";
import type { z } from "zod";
import { createObservationAction, updateObservationAction } from "@/app/(app)/monitoring/observations/actions";
import type { Judgement } from "@/db/schema/enums";
import { ErrorSummary, fieldId } from "@/components/ui/error-summary";
import { CheckboxGroup, RadioGroup, SelectField, TextArea, TextField } from "@/components/ui/fields";
import { useServerForm, type FieldRegistrar } from "@/components/ui/use-server-form";
import type { updateObservationSchema } from "@/lib/validation/monitoring";
import { JUDGEMENT_LABEL, LESSON_GRADES, LESSON_GRADE_LABEL, yearGroupLabel } from "@/lib/labels/monitoring";
import styles from "@/components/monitoring/monitoring.module.css";

export type CriterionOption = { ref: string; heading: string; label: string };
export type ObservationFormOptions = {
  teachers: { id: string; name: string; jobTitle: string | null }[];
  observers: { id: string; name: string }[];
  classes: { id: string; name: string; yearGroup: string | null; academicYearId: string }[];
  years: { id: string; name: string; startDate: string; endDate: string }[];
  strands: { id: string; title: string; academicYearId: string }[];
  areas: { key: string; name: string }[];
  /** The year groups, passed down so that the form does not load every enumeration. */
  yearGroups: readonly string[];
  gradingEnabled: boolean;
};

/** The fields an observation's record and edit forms share, as the schemas read them. */
type CommonValues = Omit<z.input<typeof updateObservationSchema>, "id" | "version">;

const JUDGEMENT_ORDER: Judgement[] = ["strength", "secure", "developing", "not_seen"];

/** Recording a new observation: the template's criteria become the judgements. */
export function NewObservationForm({
  templates,
  defaults,
  options,
}: {
  templates: { id: string; name: string; criteria: { id: string; heading: string; label: string }[] }[];
  defaults: { date: string; observerId: string; teacherId: string };
  options: ObservationFormOptions;
}) {
  const router = useRouter();
  const first = templates[0]!;
  const toJudgements = (t: typeof first) => t.criteria.map((c) => ({ ref: c.id, judgement: "not_seen" as Judgement }));
  const { form, submit, pending, formError, errors, errorFor } = useServerForm({
    action: createObservationAction,
    defaultValues: {
      teacherId: defaults.teacherId,
      observerIds: defaults.observerId ? [defaults.observerId] : [],
      date: defaults.date,
      classId: "",
      yearGroup: "",
      subject: "",
      templateId: first.id,
      focusStrandIds: [],
      focusAreaKeys: [],
      judgements: toJudgements(first),
      strengths: "",
      areasForDevelopment: "",
      nextSteps: "",
      followUpDate: "",
      grade: "",
      status: "shared",
    },
    onSuccess: (data) => {
      router.push(`/monitoring/observations/${data.id}?saved=1`);
      router.refresh();
    },
  });
  const templateId = form.watch("templateId");
  const template = templates.find((t) => t.id === templateId) ?? first;
  const templateRegistration = form.register("templateId", {
    onChange: (e: { target: { value: string } }) => {
      const next = templates.find((t) => t.id === e.target.value);
      if (next) form.setValue("judgements", toJudgements(next));
    },
  });
  return (
    <form className="form" onSubmit={submit} noValidate style={{ maxWidth: "60rem" }}>
      <ErrorSummary errors={errors} formError={formError} />
      <ObservationFields
        register={form.register}
        date={form.watch("date")}
        classId={form.watch("classId")}
        teacherId={form.watch("teacherId")}
        errorFor={errorFor}
        options={options}
        criteria={template.criteria.map((c) => ({ ref: c.id, heading: c.heading, label: c.label }))}
        templateField={
          templates.length > 1 ? (
            <SelectField
              label="Observation template"
              hint="Changing the template clears the judgements below."
              options={templates.map((t) => ({ value: t.id, label: t.name }))}
              registration={templateRegistration}
              error={errorFor("templateId")}
            />
          ) : (
            <p>
              <strong>Template:</strong> {first.name}
            </p>
          )
        }
        statusLocked={false}
      />
      <div className="button-group">
        <button className="button" type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save observation"}
        </button>
      </div>
    </form>
  );
}

/** Editing an observation: the judgements it was recorded with stay; only their values change. */
export function EditObservationForm({
  observation,
  criteria,
  options,
}: {
  observation: { id: string; version: number; values: Omit<CommonValues, "judgements">; judgements: { ref: string; judgement: Judgement }[] };
  criteria: CriterionOption[];
  options: ObservationFormOptions;
}) {
  const router = useRouter();
  const { form, submit, pending, formError, errors, errorFor } = useServerForm({
    action: updateObservationAction,
    defaultValues: { id: observation.id, version: observation.version, ...observation.values, judgements: observation.judgements },
    onSuccess: (data) => {
      router.push(`/monitoring/observations/${data.id}?saved=1`);
      router.refresh();
    },
  });
  return (
    <form className="form" onSubmit={submit} noValidate style={{ maxWidth: "60rem" }}>
      <ErrorSummary errors={errors} formError={formError} />
      <ObservationFields
        register={form.register}
        date={form.watch("date")}
        classId={form.watch("classId")}
        teacherId={form.watch("teacherId")}
        errorFor={errorFor}
        options={options}
        criteria={criteria}
        templateField={null}
        statusLocked={observation.values.status === "shared"}
      />
      <div className="button-group">
        <button className="button" type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save changes"}
        </button>
      </div>
    </form>
  );
}

function yearOf(date: string, years: ObservationFormOptions["years"]) {
  return years.find((y) => y.startDate <= date && date <= y.endDate) ?? null;
}

function ObservationFields({
  register,
  date,
  classId,
  teacherId,
  errorFor,
  options,
  criteria,
  templateField,
  statusLocked,
}: {
  register: FieldRegistrar<CommonValues>;
  /** What is chosen so far: the date decides the classes and strands offered, the class and teacher the hints. */
  date: CommonValues["date"];
  classId: CommonValues["classId"];
  teacherId: CommonValues["teacherId"];
  errorFor: (name: string) => string | undefined;
  options: ObservationFormOptions;
  criteria: CriterionOption[];
  templateField: React.ReactNode;
  statusLocked: boolean;
}) {
  const year = yearOf(date ?? "", options.years);
  const classes = options.classes.filter((c) => !year || c.academicYearId === year.id);
  const strands = options.strands.filter((s) => year && s.academicYearId === year.id);

  let lastHeading: string | null = null;
  const groups: { heading: string; items: { c: CriterionOption; i: number }[] }[] = [];
  criteria.forEach((c, i) => {
    if (c.heading !== lastHeading) groups.push({ heading: c.heading, items: [] });
    lastHeading = c.heading;
    groups[groups.length - 1]!.items.push({ c, i });
  });

  return (
    <>
      <h2>The lesson</h2>
      <SelectField
        label="Teacher observed"
        placeholder="Select a teacher"
        options={options.teachers.map((t) => ({ value: t.id, label: t.jobTitle ? `${t.name} (${t.jobTitle})` : t.name }))}
        registration={register("teacherId")}
        error={errorFor("teacherId")}
      />
      <CheckboxGroup
        legend="Observers"
        hint="Everyone who observed the lesson."
        options={options.observers.filter((o) => o.id !== teacherId).map((o) => ({ value: o.id, label: o.name }))}
        registration={register("observerIds")}
        error={errorFor("observerIds")}
      />
      <TextField label="Date" type="date" registration={register("date")} error={errorFor("date")} />
      <SelectField
        label="Class"
        hint="Leave blank for a lesson taught to a group or across classes, and choose the year group instead."
        placeholder="No single class"
        options={classes.map((c) => ({ value: c.id, label: c.yearGroup ? `${c.name} (${yearGroupLabel(c.yearGroup)})` : c.name }))}
        registration={register("classId")}
        error={errorFor("classId")}
      />
      {!classId ? (
        <SelectField
          label="Year group"
          placeholder="Not recorded"
          options={options.yearGroups.map((y) => ({ value: y, label: yearGroupLabel(y) }))}
          registration={register("yearGroup")}
          error={errorFor("yearGroup")}
        />
      ) : null}
      <TextField label="Subject" hint="For example, maths, phonics or history." registration={register("subject")} error={errorFor("subject")} />

      <h2>Focus</h2>
      <p className="muted">What this observation tests: the plan strands and self-evaluation areas it gives evidence for.</p>
      {strands.length ? (
        <CheckboxGroup legend="Plan strands" options={strands.map((s) => ({ value: s.id, label: s.title }))} registration={register("focusStrandIds")} error={errorFor("focusStrandIds")} />
      ) : (
        <p className="muted">There is no improvement plan for this year yet, so no strands to choose.</p>
      )}
      <CheckboxGroup legend="Self-evaluation areas" options={options.areas.map((a) => ({ value: a.key, label: a.name }))} registration={register("focusAreaKeys")} error={errorFor("focusAreaKeys")} />

      <h2>What was seen</h2>
      {templateField}
      <p className="hint">For each criterion choose strength, secure, developing or not seen. Lessons are not graded: these describe what was seen.</p>
      {errorFor("judgements") ? (
        <p className="field-error" id={fieldId("judgements")} tabIndex={-1}>
          <span className="visually-hidden">Error:</span> {errorFor("judgements")}
        </p>
      ) : null}
      {groups.map((g) => (
        <fieldset key={g.heading} className={styles.headingGroup}>
          <legend>{g.heading}</legend>
          {g.items.map(({ c, i }) => {
            const name = `judgements.${i}.judgement` as const;
            const reg = register(name);
            const err = errorFor(name);
            return (
              <fieldset key={c.ref} className={`${styles.criterion}${err ? " field--error" : ""}`} aria-describedby={err ? `${fieldId(name)}-error` : undefined}>
                <legend>{c.label}</legend>
                {err ? (
                  <p className="field-error" id={`${fieldId(name)}-error`}>
                    <span className="visually-hidden">Error:</span> {err}
                  </p>
                ) : null}
                <div className={styles.radios}>
                  {JUDGEMENT_ORDER.map((j, k) => {
                    const id = k === 0 ? fieldId(name) : `${fieldId(name)}-${j}`;
                    return (
                      <div className={styles.radio} key={j}>
                        <input type="radio" id={id} value={j} {...reg} />
                        <label htmlFor={id}>{JUDGEMENT_LABEL[j]}</label>
                      </div>
                    );
                  })}
                </div>
              </fieldset>
            );
          })}
        </fieldset>
      ))}
      {options.gradingEnabled ? (
        <SelectField
          label="Lesson grade (optional)"
          hint="Your school has switched lesson grading on. Leave blank to keep this observation ungraded."
          placeholder="Not graded"
          options={LESSON_GRADES.map((g) => ({ value: g, label: LESSON_GRADE_LABEL[g] }))}
          registration={register("grade")}
          error={errorFor("grade")}
        />
      ) : null}

      <h2>Feedback</h2>
      <TextArea label="Strengths" registration={register("strengths")} error={errorFor("strengths")} />
      <TextArea label="Areas for development" registration={register("areasForDevelopment")} error={errorFor("areasForDevelopment")} />
      <TextArea label="Agreed next steps" hint="What the teacher and observer agreed in the feedback conversation." registration={register("nextSteps")} error={errorFor("nextSteps")} />
      <TextField label="Follow-up date (optional)" type="date" registration={register("followUpDate")} error={errorFor("followUpDate")} />

      {statusLocked ? (
        <p className="notice">This observation has been shared with the teacher. If you change what is written, they will be asked to acknowledge it again.</p>
      ) : (
        <RadioGroup
          legend="Share with the teacher"
          options={[
            { value: "shared", label: "Share it now: the teacher can read it, respond and acknowledge it" },
            { value: "draft", label: "Save as a draft: only leaders can see it until it is shared" },
          ]}
          registration={register("status")}
          error={errorFor("status")}
        />
      )}
    </>
  );
}
