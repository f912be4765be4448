"use client";
import { useEffect, useRef, useState, useTransition, type BaseSyntheticEvent } from "react";
import type { DefaultValues, FieldValues, Path } from "react-hook-form";
import { useForm, type Registration } from "./form-state";
import type { ActionResult } from "@/lib/actions/define-action";
import { CHECK_FIELDS } from "@/lib/actions/messages";
import type { SummaryError } from "./error-summary";
import { nowMs } from "@/lib/clock";
import { keepable, markUnsaved, offerDraft, readDraft, removeDraft, UNREACHABLE, withdrawDraft, writeDraft } from "./drafts";

/**
 * Registers a field by name, for a set of fields several forms share (a record's create and edit forms):
 * any form whose values include `Values` passes its own `form.register`, typed from its schema.
 */
export type FieldRegistrar<Values extends FieldValues> = <Name extends Path<Values>>(name: Name) => Registration<Name>;

/**
 * A form's state (./form-state, with react-hook-form's interface) wired to a server action. The form
 * is checked once, on the server, by the action's zod schema (lib/validation, the one source of truth):
 * its field errors, keyed by dotted path, come back through setError and stay until the next submit,
 * as GOV.UK forms do. No schema and no zod reach the browser. Nothing the user typed is cleared on an
 * error. Returns what a form needs to render the GOV.UK error summary and its fields; the values' type
 * is the action's input type.
 *
 * Nothing typed is lost when the request fails for any reason: a network failure, a server that is
 * down or answers 500 becomes a form-level error with the text in place; what is typed is kept in this
 * browser as a draft (removed once saved) and offered back when the page is opened again; and leaving
 * the page with unsaved changes asks first. `draftKey: false` turns the draft off (a form that keeps
 * its own); by default the key is the page, the form's fields and the record's id.
 */
export function useServerForm<Values extends FieldValues, Out>({
  action,
  defaultValues,
  onSuccess,
  draftKey,
}: {
  action: (input: Values) => Promise<ActionResult<Out>>;
  defaultValues: DefaultValues<NoInfer<Values>>;
  onSuccess?: (data: Out, values: Values) => void;
  draftKey?: string | false;
}) {
  const form = useForm<Values>({ defaultValues });
  // The draft and the question on leaving depend on isDirty. A value set by code (setValue without
  // shouldDirty, a reset after saving) does not make the form dirty; typing does.
  const { isDirty } = form.formState;
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const key = useRef<string | null>(null);
  const draftTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  /** The values last saved: typing nothing new after a save leaves no draft. */
  const savedValues = useRef<string | null>(null);
  /** The draft belongs to the form as first rendered: its default values as they were then. */
  const [firstDefaults] = useState(defaultValues);

  useEffect(() => {
    if (draftKey === false) return;
    const defaults = (firstDefaults ?? {}) as Record<string, unknown>;
    const k = draftKey ?? `${window.location.pathname}|${Object.keys(defaults).sort().join(",")}|${String(defaults.id ?? "")}`;
    key.current = k;
    const found = readDraft(k);
    if (found) {
      offerDraft({
        key: k,
        savedAt: found.savedAt,
        restore: () => {
          form.reset({ ...form.getValues(), ...found.values } as Values, { keepDefaultValues: true });
          withdrawDraft(k);
        },
        discard: () => {
          removeDraft(k);
          withdrawDraft(k);
        },
      });
    }
    const sub = form.watch(() => {
      if (draftTimer.current) clearTimeout(draftTimer.current);
      draftTimer.current = setTimeout(() => {
        draftTimer.current = null;
        const values = form.getValues() as Record<string, unknown>;
        const dirty = form.formState.isDirty && JSON.stringify(values) !== savedValues.current && keepable(values) !== null;
        markUnsaved(k, dirty);
        if (dirty) writeDraft(k, values, nowMs());
      }, 300);
    });
    return () => {
      sub.unsubscribe();
      if (draftTimer.current) clearTimeout(draftTimer.current);
      markUnsaved(k, false);
      withdrawDraft(k);
    };
  }, [draftKey, form, firstDefaults]);

  /** The form's onSubmit. It never rejects: every failure is reported in the form, with what was typed kept. */
  const submit = (event?: BaseSyntheticEvent) => {
    event?.preventDefault();
    setFormError(null);
    form.clearErrors();
    startTransition(async () => {
      // Send what the user typed: the server parses it with the form's schema.
      const values = form.getValues();
      let result: ActionResult<Out>;
      try {
        result = await action(values);
      } catch {
        // No answer (network, server down) or a 500: keep everything and say so.
        if (key.current) writeDraft(key.current, values as Record<string, unknown>, nowMs());
        setFormError(UNREACHABLE);
        return;
      }
      if (result.ok) {
        savedValues.current = JSON.stringify(values);
        if (draftTimer.current) clearTimeout(draftTimer.current);
        draftTimer.current = null;
        if (key.current) {
          removeDraft(key.current);
          markUnsaved(key.current, false);
          withdrawDraft(key.current);
        }
        setSavedAt(new Date());
        onSuccess?.(result.data, values);
      } else {
        const fieldErrors = Object.entries(result.fieldErrors ?? {});
        // The fields' own messages are the summary: "check the highlighted fields" would only repeat them.
        setFormError(fieldErrors.length > 0 && result.formError === CHECK_FIELDS ? null : (result.formError ?? null));
        for (const [field, messages] of fieldErrors) {
          form.setError(field as Path<Values>, { type: "server", message: messages[0] ?? "" });
        }
      }
    });
  };

  const errors: SummaryError[] = Object.entries(form.formState.errors).map(([field, e]) => ({ field, message: e.message }));
  /** The message for one field, by dotted name. */
  const errorFor = (name: string) => errors.find((e) => e.field === name)?.message;

  return { form, submit, pending, formError, errors, errorFor, savedAt, setFormError, isDirty };
}
