"use client";
import Link from "next/link";
import { useState, useTransition } from "react";
import { addSefDevelopmentPointAction, addSefEvidenceAction, removeSefEvidenceAction } from "@/app/(app)/sef/actions";
import { ErrorSummary } from "@/components/ui/error-summary";
import { Field, TextArea, TextField } from "@/components/ui/fields";
import { useServerForm } from "@/components/ui/use-server-form";
import type { RecordType } from "@/db/schema/enums";
import type { AreaEditorProps } from "./area-editor";

/**
 * An evaluation area's forms that add to it: a new area for development, and its evidence (what is
 * cited, each removable, and the two ways to cite more: a record from this year, or a link to a
 * document). Rendered with the page, but loaded beside the area editor's script rather than in it.
 */
export function AddPointForm({ areaId }: { areaId: string }) {
  const { form, submit, pending, formError, errors, errorFor } = useServerForm({
    action: (values) => addSefDevelopmentPointAction({ areaId, text: values.text }),
    defaultValues: { text: "" },
    onSuccess: () => form.reset({ text: "" }),
  });
  return (
    <form onSubmit={submit} noValidate className="form">
      <ErrorSummary errors={errors} formError={formError} />
      <TextArea label="Add an area for development" hint="One priority per entry, specific enough to become a plan strand." rows={3} registration={form.register("text")} error={errorFor("text")} />
      <button className="button button-secondary" type="submit" disabled={pending}>
        {pending ? "Adding…" : "Add area for development"}
      </button>
    </form>
  );
}

export function AreaEvidence({ areaId, evidence, candidateGroups }: { areaId: string; evidence: AreaEditorProps["evidence"]; candidateGroups: AreaEditorProps["candidateGroups"] }) {
  return (
    <>
      <EvidenceList evidence={evidence} />
      <div className="evidence-forms">
        <RecordEvidenceForm areaId={areaId} groups={candidateGroups} cited={evidence} />
        <DocumentEvidenceForm areaId={areaId} />
      </div>
    </>
  );
}

function EvidenceList({ evidence }: { evidence: AreaEditorProps["evidence"] }) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  if (evidence.length === 0) return <p className="muted">No evidence cited yet.</p>;
  return (
    <>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <ul className="evidence-list">
        {evidence.map((e) => (
          <li key={e.id}>
            {e.href ? (
              e.targetType === "document" ? (
                <a href={e.href} target="_blank" rel="noopener noreferrer">
                  {e.label}
                  <span className="visually-hidden"> (opens in a new tab)</span>
                </a>
              ) : (
                <Link href={e.href}>{e.label}</Link>
              )
            ) : (
              e.label
            )}{" "}
            <button
              type="button"
              className="link-button"
              disabled={pending}
              onClick={() =>
                start(async () => {
                  setError(null);
                  const r = await removeSefEvidenceAction({ linkId: e.id });
                  if (!r.ok) setError(r.formError ?? "The evidence could not be removed.");
                })
              }
            >
              Remove<span className="visually-hidden"> {e.label}</span>
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}

function RecordEvidenceForm({ areaId, groups, cited }: { areaId: string; groups: AreaEditorProps["candidateGroups"]; cited: AreaEditorProps["evidence"] }) {
  const { form, submit, pending, formError, errors, errorFor } = useServerForm({
    action: async (values) => {
      const at = values.target.indexOf(":");
      const r = await addSefEvidenceAction({ kind: "record", areaId, targetType: values.target.slice(0, at) as RecordType, targetId: values.target.slice(at + 1) });
      // The action names its fields targetType/targetId; the form has one chooser.
      if (!r.ok && r.fieldErrors) r.fieldErrors = { target: Object.values(r.fieldErrors).flat() };
      return r;
    },
    defaultValues: { target: "" },
    onSuccess: () => form.reset({ target: "" }),
  });
  const citedLabels = new Set(cited.map((c) => c.label));
  const available = groups.map((g) => ({ ...g, candidates: g.candidates.filter((c) => !citedLabels.has(c.label)) })).filter((g) => g.candidates.length);
  return (
    <form onSubmit={submit} noValidate>
      <fieldset>
        <legend>Cite a record</legend>
        <ErrorSummary errors={errors} formError={formError} />
        {available.length ? (
          <>
            <Field label="Evidence from this year" hint="Plan strands and reviews, monitoring, visits and assessment summaries." name="target" error={errorFor("target")}>
              {(aria) => (
                <select {...aria} {...form.register("target")}>
                  <option value="">Choose evidence</option>
                  {available.map((g) => (
                    <optgroup key={g.heading} label={g.heading}>
                      {g.candidates.map((c) => (
                        <option key={`${c.targetType}:${c.targetId}`} value={`${c.targetType}:${c.targetId}`}>
                          {c.label}
                        </option>
                      ))}
                    </optgroup>
                  ))}
                </select>
              )}
            </Field>
            <button className="button button-secondary" type="submit" disabled={pending}>
              {pending ? "Adding…" : "Cite this evidence"}
            </button>
          </>
        ) : (
          <p className="muted">Nothing else recorded this year to cite yet.</p>
        )}
      </fieldset>
    </form>
  );
}

function DocumentEvidenceForm({ areaId }: { areaId: string }) {
  const { form, submit, pending, formError, errors, errorFor } = useServerForm({
    action: (values) => addSefEvidenceAction({ kind: "document", areaId, label: values.label, url: values.url }),
    defaultValues: { label: "", url: "" },
    onSuccess: () => form.reset({ label: "", url: "" }),
  });
  return (
    <form onSubmit={submit} noValidate>
      <fieldset>
        <legend>Link to a document</legend>
        <ErrorSummary errors={errors} formError={formError} />
        <TextField label="Label" hint="What the document is, e.g. “Attendance analysis, autumn 2026”." registration={form.register("label")} error={errorFor("label")} />
        <TextField label="Web address" hint="The full address, starting with https://" autoComplete="url" registration={form.register("url")} error={errorFor("url")} />
        <button className="button button-secondary" type="submit" disabled={pending}>
          {pending ? "Adding…" : "Add link"}
        </button>
      </fieldset>
    </form>
  );
}
