"use client";
import { useState, useTransition } from "react";
import { updateSefDevelopmentPointAction } from "@/app/(app)/sef/actions";
import type { AreaEditorProps } from "./area-editor";

/** Editing an area for development's text in place: whatever goes wrong, the text stays as typed. */
export function PointEditForm({ point, index, onDone }: { point: AreaEditorProps["points"][number]; index: number; onDone: () => void }) {
  const [text, setText] = useState(point.text);
  const [textError, setTextError] = useState<string | null>(null);
  const [saving, startSave] = useTransition();
  const inputId = `f-point-${point.id}`;
  const saveText = () =>
    startSave(async () => {
      setTextError(null);
      // The server checks the text (updateSefDevelopmentPointSchema) and answers with the field's error.
      const r = await updateSefDevelopmentPointAction({ id: point.id, version: point.version, text });
      if (r.ok) onDone();
      else setTextError(r.fieldErrors?.text?.[0] ?? r.formError ?? "The change could not be saved.");
    });
  return (
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
        <button type="button" className="link-button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
