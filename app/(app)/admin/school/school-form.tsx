"use client";
import type { z } from "zod";
import { ErrorSummary } from "@/components/ui/error-summary";
import { Checkbox, CheckboxGroup, SelectField, TextArea, TextField, type Option } from "@/components/ui/fields";
import { useServerForm } from "@/components/ui/use-server-form";
import type { schoolSchema } from "@/lib/validation/admin";
import { updateSchoolAction } from "../actions";

const PHASES: Option[] = [
  { value: "primary", label: "Primary" },
  { value: "secondary", label: "Secondary" },
  { value: "all-through", label: "All-through" },
  { value: "special", label: "Special" },
];
const SCHEMES: Option[] = [
  { value: "primary", label: "Primary (PKS, WTS, EXS, GDS)" },
  { value: "secondary", label: "Secondary (GCSE grades 9 to 1)" },
];

export function SchoolForm({ school, frameworks, personalDataRoles }: { school: z.input<typeof schoolSchema>; frameworks: Option[]; personalDataRoles: Option[] }) {
  const { form, submit, pending, formError, errors, errorFor, savedAt } = useServerForm({
    action: updateSchoolAction,
    defaultValues: school,
    onSuccess: (saved) => form.setValue("version", saved.version),
  });
  return (
    <form className="form" onSubmit={submit} noValidate>
      <ErrorSummary errors={errors} formError={formError} />
      {savedAt && !formError ? (
        <div className="success-banner" role="status">
          School details saved.
        </div>
      ) : null}
      <TextField label="School name" registration={form.register("name")} error={errorFor("name")} />
      <TextField label="URN" hint="The 6 or 7 digit unique reference number" inputMode="numeric" registration={form.register("urn")} error={errorFor("urn")} />
      <SelectField label="Phase" options={PHASES} registration={form.register("phase")} error={errorFor("phase")} />
      <TextField label="Age range" hint="For example, 4–11" registration={form.register("ageRange")} error={errorFor("ageRange")} />
      <TextField label="Local authority" registration={form.register("localAuthority")} error={errorFor("localAuthority")} />
      <TextField label="Trust (optional)" registration={form.register("trust")} error={errorFor("trust")} />
      <TextArea label="Vision" registration={form.register("vision")} error={errorFor("vision")} rows={3} />
      <TextArea label="Aims" hint="One per line" registration={form.register("aims")} error={errorFor("aims")} rows={4} />
      <h2>Inspection and assessment</h2>
      <SelectField
        label="Inspection framework"
        hint="The self-evaluation is organised by this framework's evaluation areas and grades."
        options={frameworks}
        registration={form.register("frameworkId")}
        error={errorFor("frameworkId")}
      />
      <SelectField label="Assessment scheme" options={SCHEMES} registration={form.register("assessmentScheme")} error={errorFor("assessmentScheme")} />
      <Checkbox label="The school has early years provision (nursery or Reception)" registration={form.register("hasEarlyYears")} />
      <Checkbox label="The school has a sixth form" registration={form.register("hasSixthForm")} />
      <TextField label="Date of last inspection" type="date" registration={form.register("lastInspectionDate")} error={errorFor("lastInspectionDate")} />
      <TextField label="Outcome of last inspection" registration={form.register("lastInspectionOutcome")} error={errorFor("lastInspectionOutcome")} />
      <h2>Monitoring and security</h2>
      <Checkbox label="Grade lessons" hint="Observations are developmental and ungraded unless you switch this on." registration={form.register("lessonGradingEnabled")} />
      <CheckboxGroup
        legend="Require two-step verification for"
        hint="Roles that see personal data: pupils or named observations. Users in these roles must set up an authenticator app within 7 days (every page reminds them), and cannot use Waymark after that until they do."
        options={personalDataRoles}
        registration={form.register("totpRequiredRoles")}
        error={errorFor("totpRequiredRoles")}
      />
      <button className="button" type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save school details"}
      </button>
    </form>
  );
}
