"use client";
import type { ReactNode } from "react";
import type { Registration } from "./form-state";
import { fieldId } from "./error-summary";

type Base = { label: ReactNode; hint?: ReactNode; error?: string; name: string; className?: string };

/** Label, hint, error message and the aria wiring around one input (GOV.UK pattern). */
export function Field({ label, hint, error, name, className, children }: Base & { children: (aria: AriaProps) => ReactNode }) {
  const id = fieldId(name);
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`field${error ? " field--error" : ""}${className ? ` ${className}` : ""}`}>
      <label htmlFor={id}>{label}</label>
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
      {children({ id, "aria-describedby": describedBy, "aria-invalid": error ? true : undefined })}
    </div>
  );
}

export type AriaProps = { id: string; "aria-describedby"?: string; "aria-invalid"?: true };

type Registered = { registration: Registration };

export function TextField({
  type = "text",
  autoComplete,
  inputMode,
  registration,
  ...base
}: Omit<Base, "name"> & Registered & { type?: string; autoComplete?: string; inputMode?: "numeric" | "decimal" | "text" | "email" }) {
  return (
    <Field {...base} name={registration.name}>
      {(aria) => <input {...aria} type={type} autoComplete={autoComplete} inputMode={inputMode} {...registration} />}
    </Field>
  );
}

export function TextArea({ rows = 5, registration, ...base }: Omit<Base, "name"> & Registered & { rows?: number }) {
  return (
    <Field {...base} name={registration.name}>
      {(aria) => <textarea {...aria} rows={rows} {...registration} />}
    </Field>
  );
}

export type Option = { value: string; label: string };

export function SelectField({ options, placeholder, registration, ...base }: Omit<Base, "name"> & Registered & { options: Option[]; placeholder?: string }) {
  return (
    <Field {...base} name={registration.name}>
      {(aria) => (
        <select {...aria} {...registration}>
          {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export function Checkbox({ label, hint, error, registration }: { label: ReactNode; hint?: ReactNode; error?: string; registration: Registration }) {
  const id = fieldId(registration.name);
  const describedBy = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].join(" ").trim() || undefined;
  const box = (
    <div className="checkbox">
      <input type="checkbox" id={id} aria-describedby={describedBy} {...registration} />
      <div>
        <label htmlFor={id}>{label}</label>
        {hint ? (
          <div className="hint" id={`${id}-hint`}>
            {hint}
          </div>
        ) : null}
      </div>
    </div>
  );
  if (!error) return box;
  return (
    <div className="field field--error">
      <p className="field-error" id={`${id}-error`}>
        <span className="visually-hidden">Error:</span> {error}
      </p>
      {box}
    </div>
  );
}

type ChoiceOption = Option & { hint?: string };
type ChoiceGroupProps = { legend: ReactNode; hint?: ReactNode; error?: string; options: ChoiceOption[]; registration: Registration };

/**
 * A group of checkboxes or radios bound to one field (GOV.UK pattern: fieldset, legend, hint and
 * error). The first input carries the field's id so the error summary's link lands on the group.
 */
function ChoiceGroup({ type, legend, hint, error, options, registration }: ChoiceGroupProps & { type: "checkbox" | "radio" }) {
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
            <input type={type} id={optionId} value={o.value} aria-describedby={o.hint ? `${optionId}-hint` : undefined} {...registration} />
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

/** Checkboxes bound to one array field (e.g. the strands an observation tests). */
export function CheckboxGroup(props: ChoiceGroupProps) {
  return <ChoiceGroup type="checkbox" {...props} />;
}

/** Radios bound to one field. */
export function RadioGroup(props: ChoiceGroupProps) {
  return <ChoiceGroup type="radio" {...props} />;
}
