"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect, useRef, useState, useTransition, type BaseSyntheticEvent } from "react";
import { useForm, type DefaultValues, type FieldValues, type Path, type Resolver, type UseFormRegisterReturn } from "react-hook-form";
import type { z } from "zod";
import type { ActionResult } from "@/lib/actions/define-action";
import type { SummaryError } from "./error-summary";
import { nowMs } from "@/lib/clock";
import { keepable, markUnsaved, offerDraft, readDraft, removeDraft, UNREACHABLE, withdrawDraft, writeDraft } from "./drafts";
import "@/components/zod-config";

/**
 * Registers a field by name, for a set of fields several forms share (a record's create and edit forms):
 * any form whose values include `Values` passes its own `form.register`, typed from its schema.
 */
export type FieldRegistrar<Values extends FieldValues> = <Name extends Path<Values>>(name: Name) => UseFormRegisterReturn<Name>;

/**
 * react-hook-form wired to a server action with the same zod schema on both sides. Server field errors
 * come back through setError; nothing the user typed is cleared on an error. Returns what a form needs
 * to render the GOV.UK error summary and its fields.
 *
 * Nothing typed is lost when the request fails for any reason: a network failure, a server that is
 * down or answers 500 becomes a form-level error with the text in place; what is typed is kept in this
 * browser as a draft (removed once saved) and offered back when the page is opened again; and leaving
 * the page with unsaved changes asks first. `draftKey: false` turns the draft off (a form that keeps
 * its own); by default the key is the page, the form's fields and the record's id.
 */
export function useServerForm<S extends z.ZodType<FieldValues, FieldValues>, Out>({
  schema,
  action,
  defaultValues,
  onSuccess,
  draftKey,
}: {
  schema: S;
  action: (input: z.input<S>) => Promise<ActionResult<Out>>;
  defaultValues: DefaultValues<z.input<S>>;
  onSuccess?: (data: Out, values: z.output<S>) => void;
  draftKey?: string | false;
}) {
  const form = useForm<z.input<S>, unknown, z.output<S>>({
    resolver: zodResolver(schema as never) as unknown as Resolver<z.input<S>, unknown, z.output<S>>,
    defaultValues,
    shouldFocusError: false,
  });
  // Read while rendering so that react-hook-form keeps isDirty up to date (it tracks only what is
  // read): the draft and the question on leaving depend on it. A value set by code (setValue without
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
          form.reset({ ...form.getValues(), ...found.values } as z.input<S>, { keepDefaultValues: true });
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

  const handleSubmit = form.handleSubmit(
    (values) =>
      new Promise<void>((resolve) => {
        setFormError(null);
        startTransition(async () => {
          // Send what the user typed, not the schema's transformed output: the server parses the
          // same schema again, and transforms (e.g. "" → null) are not always idempotent.
          let result: ActionResult<Out>;
          try {
            result = await action(form.getValues());
          } catch {
            // No answer (network, server down) or a 500: keep everything and say so.
            if (key.current) writeDraft(key.current, form.getValues() as Record<string, unknown>, nowMs());
            setFormError(UNREACHABLE);
            resolve();
            return;
          }
          if (result.ok) {
            savedValues.current = JSON.stringify(form.getValues());
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
            setFormError(result.formError ?? null);
            for (const [field, messages] of Object.entries(result.fieldErrors ?? {})) {
              form.setError(field as Path<z.input<S>>, { type: "server", message: messages[0] });
            }
          }
          resolve();
        });
      }),
    () => setFormError(null),
  );
  /** The form's onSubmit. It never rejects: every failure is reported in the form, with what was typed kept. */
  const submit = (event?: BaseSyntheticEvent) => {
    void handleSubmit(event);
  };

  const errors: SummaryError[] = flattenErrors(form.formState.errors);
  /** The message for one field, by dotted name. */
  const errorFor = (name: string) => errors.find((e) => e.field === name)?.message;

  return { form, submit, pending, formError, errors, errorFor, savedAt, setFormError, isDirty };
}

function flattenErrors(errors: Record<string, unknown>, prefix = ""): SummaryError[] {
  const out: SummaryError[] = [];
  for (const [key, value] of Object.entries(errors)) {
    if (!value || typeof value !== "object") continue;
    const path = prefix ? `${prefix}.${key}` : key;
    const v = value as { message?: unknown; ref?: unknown };
    if (typeof v.message === "string") out.push({ field: path, message: v.message });
    else out.push(...flattenErrors(value as Record<string, unknown>, path));
  }
  return out;
}
