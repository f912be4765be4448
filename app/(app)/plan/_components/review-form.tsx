"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState, useSyncExternalStore } from "react";
import { useFieldArray } from "@/components/ui/form-array";
import { saveReviewAction } from "@/app/(app)/plan/actions";
import type { Rag } from "@/db/schema/enums";
import { ErrorSummary, fieldId } from "@/components/ui/error-summary";
import { CheckboxGroup, SelectField, TextArea, TextField, type Option } from "@/components/ui/fields";
import { useServerForm } from "@/components/ui/use-server-form";
import styles from "@/components/plan/plan.module.css";

const RAG_OPTIONS: { value: Rag; label: string; hint: string }[] = [
  { value: "red", label: "Red", hint: "Off track" },
  { value: "amber", label: "Amber", hint: "At risk" },
  { value: "green", label: "Green", hint: "On track" },
  { value: "blue", label: "Blue", hint: "Achieved" },
];

export type ReviewFormValues = {
  strandId: string;
  termId: string;
  id: string | null;
  version: number | null;
  rag: Rag | "";
  progress: string;
  impact: string;
  nextSteps: string;
  reviewerId: string;
  reviewedOn: string;
  evidenceKeys: string[];
  evidenceUrls: { label: string; url: string }[];
};

type StoredDraft = { values: ReviewFormValues; savedAt: number };

/** The draft kept in this browser for a review, if any (none while rendering on the server). */
function readStoredDraft(key: string): StoredDraft | null {
  if (typeof window === "undefined") return null;
  try {
    const raw = window.localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as StoredDraft) : null;
  } catch {
    window.localStorage.removeItem(key);
    return null;
  }
}

const subscribeToNothing = () => () => {};

/** The termly review of a strand: RAG, progress, impact with its evidence, next steps. */
export function ReviewForm({ values, candidates, reviewers }: { values: ReviewFormValues; candidates: Option[]; reviewers: Option[] }) {
  const router = useRouter();
  const draftKey = `waymark.reviewDraft.${values.strandId}.${values.termId}`;
  const { form, submit, pending, formError, errors, errorFor } = useServerForm({
    action: saveReviewAction,
    // This form keeps its own draft (below).
    draftKey: false,
    defaultValues: { ...values, rag: values.rag || undefined, evidenceUrls: values.evidenceUrls.length ? values.evidenceUrls : [{ label: "", url: "" }] },
    onSuccess: () => {
      window.localStorage.removeItem(draftKey);
      router.push(`/plan/strands/${values.strandId}#reviews`);
      router.refresh();
    },
  });
  const links = useFieldArray({ control: form.control, name: "evidenceUrls" });

  // Reviews are long: keep an unsaved draft in this browser so a closed tab or expired session loses nothing.
  // The draft offered is the one found when the form opened, shown once the page is hydrated.
  const [storedDraft] = useState(() => readStoredDraft(draftKey));
  const hydrated = useSyncExternalStore(
    subscribeToNothing,
    () => true,
    () => false,
  );
  const [dismissed, setDismissed] = useState(false);
  const draft = hydrated && !dismissed ? storedDraft : null;
  useEffect(() => {
    const sub = form.watch((v) => window.localStorage.setItem(draftKey, JSON.stringify({ values: v, savedAt: Date.now() })));
    return () => sub.unsubscribe();
  }, [draftKey, form]);
  const ragError = errorFor("rag");
  return (
    <form className="form" onSubmit={submit} noValidate>
      <ErrorSummary errors={errors} formError={formError} />
      {draft ? (
        <div className="notice" role="status">
          <p>You have an unsaved draft of this review from {new Date(draft.savedAt).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" })}.</p>
          <div className="row">
            <button
              type="button"
              className="button button-secondary"
              onClick={() => {
                form.reset({ ...draft.values, strandId: values.strandId, termId: values.termId, id: values.id, version: values.version } as never);
                setDismissed(true);
              }}
            >
              Restore the draft
            </button>
            <button
              type="button"
              className="link-button"
              onClick={() => {
                window.localStorage.removeItem(draftKey);
                setDismissed(true);
              }}
            >
              Discard it
            </button>
          </div>
        </div>
      ) : null}
      <fieldset className={`field${ragError ? " field--error" : ""}`} aria-describedby={ragError ? `${fieldId("rag")}-error` : undefined}>
        <legend>RAG rating</legend>
        {ragError ? (
          <p className="field-error" id={`${fieldId("rag")}-error`}>
            <span className="visually-hidden">Error:</span> {ragError}
          </p>
        ) : null}
        <div className={styles.radios}>
          {RAG_OPTIONS.map((o, i) => {
            const id = i === 0 ? fieldId("rag") : `${fieldId("rag")}-${i}`;
            return (
              <div className="checkbox" key={o.value}>
                <input type="radio" id={id} value={o.value} {...form.register("rag")} />
                <label htmlFor={id}>
                  {o.label}: {o.hint}
                </label>
              </div>
            );
          })}
        </div>
      </fieldset>
      <TextArea label="Progress this term" hint="What has been done, against the actions and milestones." rows={5} registration={form.register("progress")} error={errorFor("progress")} />
      <TextArea label="Impact" hint="What difference it has made for pupils, and how you know." rows={5} registration={form.register("impact")} error={errorFor("impact")} />
      {candidates.length ? (
        <CheckboxGroup
          legend="Evidence of impact"
          hint="Monitoring whose focus was this strand this term, and this term's data for its measurable criteria. Observations are listed without the teacher's name."
          options={candidates}
          registration={form.register("evidenceKeys")}
          error={errorFor("evidenceKeys")}
        />
      ) : (
        <p className="muted">No monitoring this term has this strand as its focus yet, and there is no data for its measurable criteria. You can add links to documents below.</p>
      )}
      <fieldset className="field">
        <legend>Links to other evidence (optional)</legend>
        <div className="hint">For example moderation notes or a governors’ visit report held elsewhere.</div>
        {links.fields.map((f, i) => (
          <div className="grid-2" key={f.id}>
            <TextField label={`Link ${i + 1}: what it shows`} registration={form.register(`evidenceUrls.${i}.label`)} error={errorFor(`evidenceUrls.${i}.label`)} />
            <TextField label={`Link ${i + 1}: web address`} registration={form.register(`evidenceUrls.${i}.url`)} error={errorFor(`evidenceUrls.${i}.url`)} />
          </div>
        ))}
        {links.fields.length < 10 ? (
          <button type="button" className="button button-secondary" onClick={() => links.append({ label: "", url: "" })}>
            Add another link
          </button>
        ) : null}
      </fieldset>
      <TextArea label="Next steps" rows={4} registration={form.register("nextSteps")} error={errorFor("nextSteps")} />
      <div className="grid-2">
        <SelectField label="Reviewed by" placeholder="Select the reviewer" options={reviewers} registration={form.register("reviewerId")} error={errorFor("reviewerId")} />
        <TextField label="Date of review" type="date" registration={form.register("reviewedOn")} error={errorFor("reviewedOn")} />
      </div>
      <div className="button-group">
        <button className="button" type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save review"}
        </button>
        <Link href={`/plan/strands/${values.strandId}#reviews`}>Cancel</Link>
      </div>
    </form>
  );
}
