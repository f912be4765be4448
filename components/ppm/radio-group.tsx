"use client";
import type { ReactNode } from "react";
import type { UseFormRegisterReturn } from "react-hook-form";
import { fieldId } from "@/components/ui/error-summary";

/**
 * A group of radios bound to one field (GOV.UK pattern: fieldset, legend, hint and error). The first
 * radio carries the field's id so the error summary's link lands on the group.
 */
export function RadioGroup({
  legend,
  hint,
  error,
  options,
  registration,
}: {
  legend: ReactNode;
  hint?: ReactNode;
  error?: string;
  options: { value: string; label: string; hint?: string }[];
  registration: UseFormRegisterReturn;
}) {
  const id = fieldId(registration.name);
  const describedBy = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].join(" ").trim() || undefined;
  return (
    <fieldset className={`field${error ? " field--error" : ""}`} aria-describedby={describedBy}>
      <legend>{legend}</legend>
      {hint ? (
        <div className="hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          <span className="visually-hidden">Error:</span> {error}
        </p>
      ) : null}
      {options.map((o, i) => {
        const optionId = i === 0 ? id : `${id}-${i}`;
        return (
          <div className="checkbox" key={o.value}>
            <input type="radio" id={optionId} value={o.value} aria-describedby={o.hint ? `${optionId}-hint` : undefined} {...registration} />
            <div>
              <label htmlFor={optionId}>{o.label}</label>
              {o.hint ? (
                <div className="hint muted" id={`${optionId}-hint`}>
                  {o.hint}
                </div>
              ) : null}
            </div>
          </div>
        );
      })}
    </fieldset>
  );
}
