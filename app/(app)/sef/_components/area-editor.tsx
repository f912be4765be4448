"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useState, useTransition } from "react";
import {
  addSefDevelopmentPointAction,
  addSefEvidenceAction,
  createStrandFromSefPointAction,
  removeSefDevelopmentPointAction,
  removeSefEvidenceAction,
  saveSefAreaStrengthsAction,
  setSefAreaGradeAction,
  updateSefDevelopmentPointAction,
} from "@/app/(app)/sef/actions";
import { ErrorSummary, fieldId } from "@/components/ui/error-summary";
import { Field, TextArea, TextField } from "@/components/ui/fields";
import { useServerForm } from "@/components/ui/use-server-form";
import type { ActionResult } from "@/lib/actions/define-action";
import type { RecordType } from "@/db/schema/enums";
import { formatClock } from "@/lib/format-clock";
import { AutosaveTextArea } from "@/components/sef/autosave";
import { useSerialSaver } from "@/components/ui/use-autosave";

export type AreaEditorProps = {
  area: { id: string; version: number; name: string; grade: string | null; strengths: string; grades: { id: string; label: string }[]; binary: boolean };
  points: { id: string; version: number; text: string; strands: { id: string; title: string }[] }[];
  evidence: { id: string; label: string; href: string | null; targetType: RecordType }[];
  candidateGroups: { heading: string; candidates: { targetType: RecordType; targetId: string; label: string }[] }[];
  mayCreateStrand: boolean;
};

/**
 * Everything about one evaluation area of the draft: grade, strengths (autosaved), areas for
 * development (each editable, removable, and one step from becoming a plan strand) and evidence.
 * Grade and strengths belong to one record, so their saves share one serial saver.
 */
export function AreaEditor({ area, points, evidence, candidateGroups, mayCreateStrand }: AreaEditorProps) {
  const run = useSerialSaver(area.version);
  const saveStrengths = useCallback((value: string) => run((v) => saveSefAreaStrengthsAction({ areaId: area.id, version: v, strengths: value })), [run, area.id]);
  return (
    <>
      <section aria-labelledby="area-grade-h">
        <h2 id="area-grade-h">Grade</h2>
        <GradeForm area={area} run={run} />
      </section>
      <section aria-labelledby="area-strengths-h" className="form sef-wide-form">
        <h2 id="area-strengths-h">Strengths</h2>
        <AutosaveTextArea
          name="strengths"
          label={`Strengths in ${area.name.toLowerCase()}`}
          hint="What the school does well here, and how it knows: cite the evidence below."
          initialValue={area.strengths}
          rows={10}
          onSave={saveStrengths}
        />
      </section>
      <section aria-labelledby="area-points-h">
        <h2 id="area-points-h">Areas for development</h2>
        {points.length ? (
          <ul className="point-list">
            {points.map((p, i) => (
              <PointItem key={p.id} point={p} index={i + 1} mayCreateStrand={mayCreateStrand} />
            ))}
          </ul>
        ) : (
          <p className="muted">None recorded yet.</p>
        )}
        <AddPointForm areaId={area.id} />
      </section>
      <section aria-labelledby="area-evidence-h">
        <h2 id="area-evidence-h">Evidence</h2>
        <EvidenceList evidence={evidence} />
        <div className="evidence-forms">
          <RecordEvidenceForm areaId={area.id} groups={candidateGroups} cited={evidence} />
          <DocumentEvidenceForm areaId={area.id} />
        </div>
      </section>
    </>
  );
}

type Run = ReturnType<typeof useSerialSaver>;

function GradeForm({ area, run }: { area: AreaEditorProps["area"]; run: Run }) {
  const [grade, setGrade] = useState(area.grade ?? "");
  const [pending, start] = useTransition();
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const [error, setError] = useState<string | null>(null);
  const id = fieldId("grade");
  const options = [...area.grades.map((g) => ({ value: g.id, label: g.label })), { value: "", label: "Not graded yet" }];
  return (
    <form
      className="form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setError(null);
        start(async () => {
          const r = await run((v) => setSefAreaGradeAction({ areaId: area.id, version: v, grade: grade || null }));
          if (r.ok) setSavedAt(new Date());
          else setError(r.fieldErrors?.grade?.[0] ?? r.formError ?? "The grade could not be saved.");
        });
      }}
    >
      <fieldset className={`field${error ? " field--error" : ""}`} aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}>
        <legend>Grade for {area.name.toLowerCase()}</legend>
        <div className="hint" id={`${id}-hint`}>
          {area.binary ? "Safeguarding is recorded as met or not met." : "The school's own judgement, on the framework's scale."}
        </div>
        {error ? (
          <p className="field-error" id={`${id}-error`} role="alert">
            <span className="visually-hidden">Error:</span> {error}
          </p>
        ) : null}
        {options.map((o, i) => (
          <div className="checkbox" key={o.value || "none"}>
            <input type="radio" name="grade" id={i === 0 ? id : `${id}-${i}`} value={o.value} checked={grade === o.value} onChange={() => setGrade(o.value)} />
            <label htmlFor={i === 0 ? id : `${id}-${i}`}>{o.label}</label>
          </div>
        ))}
      </fieldset>
      <div className="button-group">
        <button className="button" type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save grade"}
        </button>
        <span className="saved-note" aria-live="polite">
          {savedAt ? `Grade saved at ${formatClock(savedAt)}` : ""}
        </span>
      </div>
    </form>
  );
}

function PointItem({ point, index, mayCreateStrand }: { point: AreaEditorProps["points"][number]; index: number; mayCreateStrand: boolean }) {
  const router = useRouter();
  const [mode, setMode] = useState<"view" | "edit" | "remove">("view");
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [text, setText] = useState(point.text);
  const [textError, setTextError] = useState<string | null>(null);
  const [saving, startSave] = useTransition();
  const inputId = `f-point-${point.id}`;
  const saveText = () =>
    startSave(async () => {
      setTextError(null);
      // The server checks the text (developmentPointTextSchema) and answers with the field's error.
      const r = await updateSefDevelopmentPointAction({ id: point.id, version: point.version, text });
      // Whatever went wrong, the text stays as typed.
      if (r.ok) setMode("view");
      else setTextError(r.fieldErrors?.text?.[0] ?? r.formError ?? "The change could not be saved.");
    });
  const act = (fn: () => Promise<ActionResult<unknown>>, after?: (r: ActionResult<unknown>) => void) =>
    start(async () => {
      setError(null);
      const r = await fn();
      if (!r.ok) setError(r.formError ?? "That did not work.");
      after?.(r);
    });
  return (
    <li aria-label={`Area for development ${index}`}>
      {mode === "edit" ? (
        <form
          noValidate
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            saveText();
          }}
        >
          <div className={`field${textError ? " field--error" : ""}`}>
            <label htmlFor={inputId}>Area for development {index}</label>
            {textError ? (
              <p className="field-error" id={`${inputId}-error`} role="alert">
                <span className="visually-hidden">Error:</span> {textError}
              </p>
            ) : null}
            <textarea
              id={inputId}
              rows={3}
              value={text}
              onChange={(e) => setText(e.target.value)}
              aria-invalid={textError ? true : undefined}
              aria-describedby={textError ? `${inputId}-error` : undefined}
            />
          </div>
          <div className="point-actions">
            <button className="button" type="submit" disabled={saving}>
              {saving ? "Saving…" : "Save"}
            </button>
            <button
              type="button"
              className="link-button"
              onClick={() => {
                setText(point.text);
                setTextError(null);
                setMode("view");
              }}
            >
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <>
          <p className="point-text">{point.text}</p>
          {point.strands.length ? (
            <p className="sef-thread">
              Answered by{" "}
              {point.strands.map((s, i) => (
                <span key={s.id}>
                  {i > 0 ? ", " : ""}
                  plan strand <Link href={`/plan/strands/${s.id}`}>{s.title}</Link>
                </span>
              ))}
            </p>
          ) : (
            <p className="sef-thread">Not yet answered by a plan strand.</p>
          )}
          {error ? (
            <p className="field-error" role="alert">
              {error}
            </p>
          ) : null}
          {mode === "remove" ? (
            <div className="point-actions" role="group" aria-label="Confirm removal">
              <span>Remove this area for development?{point.strands.length ? " Its plan strand stays in the plan." : ""}</span>
              <button type="button" className="button button-warning" disabled={pending} onClick={() => act(() => removeSefDevelopmentPointAction({ id: point.id, version: point.version }))}>
                Yes, remove it
              </button>
              <button type="button" className="link-button" onClick={() => setMode("view")}>
                Cancel
              </button>
            </div>
          ) : (
            <div className="point-actions">
              <button type="button" className="link-button" onClick={() => setMode("edit")}>
                Edit<span className="visually-hidden"> area for development {index}</span>
              </button>
              <button type="button" className="link-button" onClick={() => setMode("remove")}>
                Remove<span className="visually-hidden"> area for development {index}</span>
              </button>
              {mayCreateStrand && point.strands.length === 0 ? (
                <button
                  type="button"
                  className="button button-secondary"
                  disabled={pending}
                  onClick={() =>
                    act(
                      () => createStrandFromSefPointAction({ developmentPointId: point.id, version: point.version }),
                      (r) => {
                        if (r.ok) router.push((r.data as { href: string }).href);
                      },
                    )
                  }
                >
                  {pending ? "Creating the strand…" : "Make this a plan strand"}
                  <span className="visually-hidden"> (area for development {index})</span>
                </button>
              ) : null}
            </div>
          )}
        </>
      )}
    </li>
  );
}

function AddPointForm({ areaId }: { areaId: string }) {
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
