"use client";
import { useRouter } from "next/navigation";
import type { Registration } from "@/components/ui/form-state";
import type { z } from "zod";
import { createMonitoringVisitAction, updateMonitoringVisitAction } from "@/app/(app)/monitoring/visits/actions";
import { ErrorSummary } from "@/components/ui/error-summary";
import { CheckboxGroup, Field, RadioGroup, SelectField, TextArea, TextField } from "@/components/ui/fields";
import { VISIT_KINDS } from "@/db/schema/enums";
import { VISIT_KIND_LABEL } from "@/lib/labels/monitoring";
import { useServerForm, type FieldRegistrar } from "@/components/ui/use-server-form";
import type { visitSchema } from "@/lib/validation/monitoring";

export type VisitFormOptions = {
  /** Governors and advisers the head may record a visit for; empty when the visitor is the user. */
  visitors: { id: string; name: string; role: "governor" | "adviser" }[];
  /** Set when the user records their own visit: the kind and visitor are fixed. */
  self: { id: string; name: string; kind: "governor" | "adviser" } | null;
  years: { id: string; startDate: string; endDate: string }[];
  strands: { id: string; title: string; academicYearId: string; linkGovernorId: string | null }[];
  areas: { key: string; name: string }[];
};

/** A visit's fields, as the schema reads them (the edit form adds its id and version). */
export type VisitValues = z.input<typeof visitSchema>;

const TYPE_SUGGESTIONS = {
  governor: ["Link governor visit", "Learning walk with a leader", "Meeting with a subject leader", "Safeguarding check", "Pupil voice with leaders"],
  adviser: ["Joint Annual Review", "Termly monitoring visit", "Support visit", "Pre-inspection review"],
};

export function VisitForm({ existing, defaults, options }: { existing?: { id: string; version: number }; defaults: VisitValues; options: VisitFormOptions }) {
  return existing ? <EditVisit existing={existing} defaults={defaults} options={options} /> : <NewVisit defaults={defaults} options={options} />;
}

function NewVisit({ defaults, options }: { defaults: VisitValues; options: VisitFormOptions }) {
  const router = useRouter();
  const f = useServerForm({
    action: createMonitoringVisitAction,
    defaultValues: defaults,
    onSuccess: (data) => {
      router.push(`/monitoring/visits/${data.id}?saved=1`);
      router.refresh();
    },
  });
  return (
    <Shell
      f={{
        ...f,
        register: f.form.register,
        kindRegistration: f.form.register("kind", { onChange: () => f.form.setValue("visitorId", "") }),
        kind: f.form.watch("kind"),
        visitorId: f.form.watch("visitorId"),
        date: f.form.watch("date") ?? "",
      }}
      options={options}
      label="Save visit"
      kindLocked={!!options.self}
    />
  );
}

function EditVisit({ existing, defaults, options }: { existing: { id: string; version: number }; defaults: VisitValues; options: VisitFormOptions }) {
  const router = useRouter();
  const f = useServerForm({
    action: updateMonitoringVisitAction,
    defaultValues: { ...defaults, ...existing },
    onSuccess: (data) => {
      router.push(`/monitoring/visits/${data.id}?saved=1`);
      router.refresh();
    },
  });
  return (
    <Shell
      f={{
        ...f,
        register: f.form.register,
        kindRegistration: f.form.register("kind", { onChange: () => f.form.setValue("visitorId", "") }),
        kind: f.form.watch("kind"),
        visitorId: f.form.watch("visitorId"),
        date: f.form.watch("date") ?? "",
      }}
      options={options}
      label="Save changes"
      kindLocked
    />
  );
}

type Shared = {
  register: FieldRegistrar<VisitValues>;
  /** The kind's registration: choosing another kind clears the visitor. */
  kindRegistration: Registration<"kind">;
  /** What is chosen so far: the kind and visitor decide the visitors and suggestions offered, the date the strands. */
  kind: VisitValues["kind"];
  visitorId: string;
  date: string;
  submit: (e?: React.BaseSyntheticEvent) => void;
  pending: boolean;
  formError: string | null;
  errors: { field?: string; message: string }[];
  errorFor: (name: string) => string | undefined;
};

function Shell({ f, options, label, kindLocked }: { f: Shared; options: VisitFormOptions; label: string; kindLocked: boolean }) {
  const { register, kindRegistration, kind, visitorId, date, submit, pending, formError, errors, errorFor } = f;
  const year = options.years.find((y) => y.startDate <= date && date <= y.endDate);
  const strands = options.strands.filter((s) => year && s.academicYearId === year.id);
  return (
    <form className="form" onSubmit={submit} noValidate>
      <ErrorSummary errors={errors} formError={formError} />
      {options.self ? (
        <p>
          <strong>Visitor:</strong> {options.self.name} ({options.self.kind === "governor" ? "governor visit" : "adviser visit"})
        </p>
      ) : (
        <>
          {kindLocked ? (
            <p>
              <strong>Kind:</strong> {VISIT_KIND_LABEL[kind]}
            </p>
          ) : (
            <RadioGroup legend="Kind of visit" options={VISIT_KINDS.map((k) => ({ value: k, label: VISIT_KIND_LABEL[k] }))} registration={kindRegistration} error={errorFor("kind")} />
          )}
          <SelectField
            label="Visitor"
            placeholder={kind === "governor" ? "Select the governor" : "Select the adviser"}
            options={options.visitors.filter((v) => v.role === kind).map((v) => ({ value: v.id, label: v.name }))}
            registration={register("visitorId")}
            error={errorFor("visitorId")}
          />
        </>
      )}
      <TextField label="Date" type="date" registration={register("date")} error={errorFor("date")} />
      <Field
        label="Type of visit"
        hint={kind === "adviser" ? "For example, Joint Annual Review or Termly monitoring visit." : "For example, Link governor visit."}
        name="visitType"
        error={errorFor("visitType")}
      >
        {(aria) => <input {...aria} type="text" list="visit-type-suggestions" {...register("visitType")} />}
      </Field>
      <datalist id="visit-type-suggestions">
        {(TYPE_SUGGESTIONS[kind] ?? []).map((s) => (
          <option key={s} value={s} />
        ))}
      </datalist>
      <TextArea label="Purpose" rows={3} registration={register("purpose")} error={errorFor("purpose")} />
      <h2>Focus</h2>
      {strands.length ? (
        <CheckboxGroup
          legend="Plan strands"
          hint={kind === "governor" ? "Link governors visit against the strands they are attached to." : undefined}
          options={strands.map((s) => ({ value: s.id, label: s.linkGovernorId && s.linkGovernorId === visitorId ? `${s.title} (link governor)` : s.title }))}
          registration={register("focusStrandIds")}
          error={errorFor("focusStrandIds")}
        />
      ) : (
        <p className="muted">There is no improvement plan for this year yet, so no strands to choose.</p>
      )}
      <CheckboxGroup legend="Self-evaluation areas" options={options.areas.map((a) => ({ value: a.key, label: a.name }))} registration={register("focusAreaKeys")} error={errorFor("focusAreaKeys")} />
      <h2>Notes</h2>
      <p className="notice">All governors, advisers and leaders read visit notes. Name no member of staff: use roles such as “the SENCO” or “the Year 4 teacher”.</p>
      <TextArea label="What was seen" registration={register("seen")} error={errorFor("seen")} />
      <TextArea label="Questions asked" hint="Challenge questions and the answers given." registration={register("questions")} error={errorFor("questions")} />
      <TextArea label="Follow-up" hint="What will happen next, and when you will check." registration={register("followUp")} error={errorFor("followUp")} />
      <div className="button-group">
        <button className="button" type="submit" disabled={pending}>
          {pending ? "Saving…" : label}
        </button>
      </div>
    </form>
  );
}
