"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { createStrandAction, updateStrandAction } from "@/app/(app)/plan/actions";
import { ErrorSummary } from "@/components/ui/error-summary";
import { CheckboxGroup, SelectField, TextArea, TextField, type Option } from "@/components/ui/fields";
import { useServerForm, type FieldRegistrar } from "@/components/ui/use-server-form";
import type { z } from "zod";
import type { createStrandSchema } from "@/lib/validation/sip";

export type StrandFormOptions = {
  areas: { key: string; name: string }[];
  developmentPoints: { id: string; areaKey: string; text: string }[];
  leads: Option[];
  governors: Option[];
  yearName: string;
};

/** The fields a strand's create and edit forms share, as the schemas read them. */
type StrandValues = Omit<z.input<typeof createStrandSchema>, "academicYearId">;

function StrandFields({ register, errorFor, options }: { register: FieldRegistrar<StrandValues>; errorFor: (f: string) => string | undefined; options: StrandFormOptions }) {
  const areaName = new Map(options.areas.map((a) => [a.key, a.name]));
  return (
    <>
      <TextField label="Title" hint="The priority in a few words, e.g. “Raise standards in writing across KS2”." registration={register("title")} error={errorFor("title")} />
      <TextArea label="Rationale" hint="Why this is a priority: what the SEF and the data show." rows={5} registration={register("rationale")} error={errorFor("rationale")} />
      <CheckboxGroup
        legend="SEF areas this strand answers"
        hint="The evaluation areas of the school's inspection framework."
        options={options.areas.map((a) => ({ value: a.key, label: a.name }))}
        registration={register("areaKeys")}
        error={errorFor("areaKeys")}
      />
      {options.developmentPoints.length ? (
        <CheckboxGroup
          legend="Areas for development it answers (optional)"
          hint={`From the ${options.yearName} SEF.`}
          options={options.developmentPoints.map((p) => ({ value: p.id, label: `${areaName.get(p.areaKey) ?? p.areaKey}: ${p.text}` }))}
          registration={register("developmentPointIds")}
          error={errorFor("developmentPointIds")}
        />
      ) : (
        <p className="muted">No areas for development have been written in the {options.yearName} SEF yet, so this strand links to SEF areas only.</p>
      )}
      <SelectField label="Lead" hint="The headteacher or a senior leader." placeholder="Select the lead" options={options.leads} registration={register("leadId")} error={errorFor("leadId")} />
      <SelectField label="Link governor" placeholder="No link governor" options={options.governors} registration={register("linkGovernorId")} error={errorFor("linkGovernorId")} />
    </>
  );
}

export function NewStrandForm({ academicYearId, options }: { academicYearId: string; options: StrandFormOptions }) {
  const router = useRouter();
  const { form, submit, pending, formError, errors, errorFor } = useServerForm({
    action: createStrandAction,
    defaultValues: { academicYearId, title: "", rationale: "", areaKeys: [], developmentPointIds: [], leadId: "", linkGovernorId: "" },
    onSuccess: (data) => router.push(`/plan/strands/${data.id}`),
  });
  return (
    <form className="form" onSubmit={submit} noValidate>
      <ErrorSummary errors={errors} formError={formError} />
      <StrandFields register={form.register} errorFor={errorFor} options={options} />
      <div className="button-group">
        <button className="button" type="submit" disabled={pending}>
          {pending ? "Saving…" : "Add strand"}
        </button>
        <Link href="/plan">Cancel</Link>
      </div>
    </form>
  );
}

export function EditStrandForm({ strand, options }: { strand: StrandValues & { id: string; version: number }; options: StrandFormOptions }) {
  const router = useRouter();
  const { form, submit, pending, formError, errors, errorFor } = useServerForm({
    action: updateStrandAction,
    defaultValues: strand,
    onSuccess: () => {
      router.push(`/plan/strands/${strand.id}`);
      router.refresh();
    },
  });
  return (
    <form className="form" onSubmit={submit} noValidate>
      <ErrorSummary errors={errors} formError={formError} />
      <StrandFields register={form.register} errorFor={errorFor} options={options} />
      <div className="button-group">
        <button className="button" type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save changes"}
        </button>
        <Link href={`/plan/strands/${strand.id}`}>Cancel</Link>
      </div>
    </form>
  );
}
