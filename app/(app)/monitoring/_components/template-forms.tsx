"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useFieldArray } from "@/components/ui/form-array";
import { createObservationTemplateAction, setObservationTemplateStateAction, updateObservationTemplateAction } from "@/app/(app)/monitoring/templates/actions";
import { ErrorSummary, fieldId } from "@/components/ui/error-summary";
import { SelectField, TextField } from "@/components/ui/fields";
import { useServerForm } from "@/components/ui/use-server-form";
import styles from "@/components/monitoring/monitoring.module.css";

/** Starts a new template from the default criteria, blank, or as a copy. */
export function NewTemplateForm({ templates }: { templates: { id: string; name: string }[] }) {
  const router = useRouter();
  const { form, submit, pending, formError, errors, errorFor } = useServerForm({
    action: createObservationTemplateAction,
    defaultValues: { name: "", startFrom: "default" },
    onSuccess: (data) => router.push(`/monitoring/templates/${data.id}`),
  });
  return (
    <form className="form" onSubmit={submit} noValidate>
      <ErrorSummary errors={errors} formError={formError} />
      <TextField label="Name" hint="For example, Early reading and phonics." registration={form.register("name")} error={errorFor("name")} />
      <SelectField
        label="Start from"
        options={[
          { value: "default", label: "The default criteria (curriculum and teaching)" },
          { value: "blank", label: "A blank template" },
          ...templates.map((t) => ({ value: t.id, label: `A copy of “${t.name}”` })),
        ]}
        registration={form.register("startFrom")}
        error={errorFor("startFrom")}
      />
      <button className="button" type="submit" disabled={pending}>
        {pending ? "Creating…" : "Create template"}
      </button>
    </form>
  );
}

/**
 * Edits a template's name and criteria: headings group the criteria; add, remove and move them, then
 * save the whole list at once (with the version it was read at).
 */
export function TemplateEditor({ template }: { template: { id: string; version: number; name: string; criteria: { id: string; heading: string; label: string }[] } }) {
  const router = useRouter();
  const { form, submit, pending, formError, errors, errorFor } = useServerForm({
    action: updateObservationTemplateAction,
    defaultValues: {
      id: template.id,
      version: template.version,
      name: template.name,
      criteria: template.criteria.map((c) => ({ criterionId: c.id, heading: c.heading, label: c.label })),
    },
    // The page re-renders with the new version and criteria ids, and the editor remounts with them.
    onSuccess: () => {
      router.replace(`/monitoring/templates/${template.id}?saved=1`);
      router.refresh();
    },
  });
  const { fields, append, remove, move } = useFieldArray({ control: form.control, name: "criteria", keyName: "key" });
  return (
    <form className="form" onSubmit={submit} noValidate style={{ maxWidth: "64rem" }}>
      <ErrorSummary errors={errors} formError={formError} />
      <TextField label="Template name" registration={form.register("name")} error={errorFor("name")} />
      <h2>Criteria</h2>
      <p className="hint">Criteria with the same heading are grouped together on the observation form. Past observations keep the wording they were recorded with.</p>
      {errorFor("criteria") ? (
        <p className="field-error" id={fieldId("criteria")} tabIndex={-1}>
          <span className="visually-hidden">Error:</span> {errorFor("criteria")}
        </p>
      ) : null}
      <ol style={{ listStyle: "none", padding: 0, margin: 0 }}>
        {fields.map((f, i) => (
          <li key={f.key} className={styles.editorRow}>
            <span aria-hidden="true" style={{ paddingTop: "1.8rem" }}>
              {i + 1}.
            </span>
            <TextField
              label={
                <>
                  Heading<span className="visually-hidden"> of criterion {i + 1}</span>
                </>
              }
              registration={form.register(`criteria.${i}.heading`)}
              error={errorFor(`criteria.${i}.heading`)}
            />
            <TextField
              label={
                <>
                  Criterion<span className="visually-hidden"> {i + 1}</span>
                </>
              }
              registration={form.register(`criteria.${i}.label`)}
              error={errorFor(`criteria.${i}.label`)}
            />
            <div className={styles.editorButtons}>
              <button type="button" className={`button button-secondary ${styles.small}`} onClick={() => move(i, i - 1)} disabled={i === 0}>
                Up<span className="visually-hidden">: move criterion {i + 1} up</span>
              </button>
              <button type="button" className={`button button-secondary ${styles.small}`} onClick={() => move(i, i + 1)} disabled={i === fields.length - 1}>
                Down<span className="visually-hidden">: move criterion {i + 1} down</span>
              </button>
              <button type="button" className={`button button-warning ${styles.small}`} onClick={() => remove(i)}>
                Remove<span className="visually-hidden"> criterion {i + 1}</span>
              </button>
            </div>
          </li>
        ))}
      </ol>
      <div className="button-group">
        <button type="button" className="button button-secondary" onClick={() => append({ heading: fields.length ? form.getValues(`criteria.${fields.length - 1}.heading`) : "", label: "" })}>
          Add a criterion
        </button>
      </div>
      <div className="button-group">
        <button className="button" type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save template"}
        </button>
      </div>
    </form>
  );
}

/** Archive, restore or make the default. */
export function TemplateStateButtons({ id, version, isDefault, archived }: { id: string; version: number; isDefault: boolean; archived: boolean }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const run = (operation: "archive" | "restore" | "make_default") =>
    start(async () => {
      setError(null);
      const r = await setObservationTemplateStateAction({ id, version, operation });
      if (!r.ok) setError(r.formError ?? "That did not work.");
      else router.refresh();
    });
  return (
    <div>
      <ErrorSummary errors={[]} formError={error} />
      <div className="row">
        {!archived && !isDefault ? (
          <button type="button" className="button button-secondary" disabled={pending} onClick={() => run("make_default")}>
            Make this the default
          </button>
        ) : null}
        {archived ? (
          <button type="button" className="button button-secondary" disabled={pending} onClick={() => run("restore")}>
            Restore
          </button>
        ) : !isDefault ? (
          <button type="button" className="button button-warning" disabled={pending} onClick={() => run("archive")}>
            Archive
          </button>
        ) : null}
      </div>
    </div>
  );
}
