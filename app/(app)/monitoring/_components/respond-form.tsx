"use client";
import { useRouter } from "next/navigation";
import { respondToObservationAction } from "@/app/(app)/monitoring/observations/actions";
import { ErrorSummary } from "@/components/ui/error-summary";
import { Checkbox, TextArea } from "@/components/ui/fields";
import { formatDateTime } from "@/lib/format";
import { useServerForm } from "@/components/ui/use-server-form";

/** The observed teacher's response and acknowledgement. */
export function RespondForm({ id, version, response, acknowledgedAt }: { id: string; version: number; response: string; acknowledgedAt: string | null }) {
  const router = useRouter();
  const { form, submit, pending, formError, errors, errorFor, savedAt } = useServerForm({
    action: respondToObservationAction,
    defaultValues: { id, version, response, acknowledge: !!acknowledgedAt },
    onSuccess: (data) => {
      form.setValue("version", data.version);
      router.refresh();
    },
  });
  return (
    <form className="form" onSubmit={submit} noValidate>
      <ErrorSummary errors={errors} formError={formError} />
      <TextArea
        label="Response"
        hint="Your reflections on the lesson and the feedback, and anything you would like the observer to know. Leaders can read it."
        registration={form.register("response")}
        error={errorFor("response")}
      />
      {acknowledgedAt ? (
        <p>You acknowledged this observation on {formatDateTime(acknowledgedAt)}.</p>
      ) : (
        <Checkbox
          label="I have read this observation and acknowledge it"
          hint="Acknowledging says you have read it; it does not mean you agree with every word. Say so in your response if you do not."
          registration={form.register("acknowledge")}
        />
      )}
      <div className="button-group">
        <button className="button" type="submit" disabled={pending}>
          {pending ? "Saving…" : acknowledgedAt ? "Save response" : "Save"}
        </button>
        {savedAt ? (
          <span className="saved-note" role="status">
            Saved
          </span>
        ) : null}
      </div>
    </form>
  );
}
