"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useState, useTransition } from "react";
import { useForm, type DefaultValues, type FieldValues, type Path, type Resolver } from "react-hook-form";
import type { z } from "zod";
import type { ActionResult } from "@/lib/actions/define-action";
import type { SummaryError } from "./error-summary";
import "@/components/zod-config";

/**
 * react-hook-form wired to a server action with the same zod schema on both sides. Server field errors
 * come back through setError; nothing the user typed is cleared on an error. Returns what a form needs
 * to render the GOV.UK error summary and its fields.
 */
export function useServerForm<S extends z.ZodType<FieldValues, FieldValues>, Out>({
  schema,
  action,
  defaultValues,
  onSuccess,
}: {
  schema: S;
  action: (input: z.input<S>) => Promise<ActionResult<Out>>;
  defaultValues: DefaultValues<z.input<S>>;
  onSuccess?: (data: Out, values: z.output<S>) => void;
}) {
  const form = useForm<z.input<S>, unknown, z.output<S>>({
    resolver: zodResolver(schema as never) as unknown as Resolver<z.input<S>, unknown, z.output<S>>,
    defaultValues,
    shouldFocusError: false,
  });
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const [savedAt, setSavedAt] = useState<Date | null>(null);

  const submit = form.handleSubmit(
    (values) =>
      new Promise<void>((resolve) => {
        setFormError(null);
        startTransition(async () => {
          // Send what the user typed, not the schema's transformed output: the server parses the
          // same schema again, and transforms (e.g. "" → null) are not always idempotent.
          const result = await action(form.getValues());
          if (result.ok) {
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

  const errors: SummaryError[] = flattenErrors(form.formState.errors);
  /** The message for one field, by dotted name. */
  const errorFor = (name: string) => errors.find((e) => e.field === name)?.message;

  return { form, submit, pending, formError, errors, errorFor, savedAt, setFormError };
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
