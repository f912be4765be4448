"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { lazy, Suspense, useCallback, useState, useTransition } from "react";
import { createStrandFromSefPointAction, removeSefDevelopmentPointAction, saveSefAreaStrengthsAction, setSefAreaGradeAction } from "@/app/(app)/sef/actions";
import { fieldId } from "@/components/ui/error-summary";
import type { ActionResult } from "@/lib/actions/define-action";
import type { RecordType } from "@/db/schema/enums";
import { formatClock } from "@/lib/format-clock";
import { AutosaveTextArea } from "@/components/sef/autosave";
import { useSerialSaver } from "@/components/ui/use-autosave";

// Rendered with the page, but their code loads beside the editor's rather than in its first script.
const AreaEvidence = lazy(() => import("./area-forms").then((m) => ({ default: m.AreaEvidence })));
const AddPointForm = lazy(() => import("./area-forms").then((m) => ({ default: m.AddPointForm })));
// Loaded when a point is first edited.
const PointEditForm = lazy(() => import("./point-edit-form").then((m) => ({ default: m.PointEditForm })));

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
        <Suspense fallback={null}>
          <AddPointForm areaId={area.id} />
        </Suspense>
      </section>
      <section aria-labelledby="area-evidence-h">
        <h2 id="area-evidence-h">Evidence</h2>
        <Suspense fallback={<p className="muted">Loading the evidence…</p>}>
          <AreaEvidence areaId={area.id} evidence={evidence} candidateGroups={candidateGroups} />
        </Suspense>
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
        <Suspense fallback={<p className="muted">Opening the editor…</p>}>
          <PointEditForm point={point} index={index} onDone={() => setMode("view")} />
        </Suspense>
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
