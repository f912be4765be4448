"use client";
import { useRouter } from "next/navigation";
import { ErrorSummary } from "@/components/ui/error-summary";
import { TextField } from "@/components/ui/fields";
import { useServerForm } from "@/components/ui/use-server-form";
import { setLinkVisitsAction } from "./actions";

export function LinkVisitsForm({ strandId, version, expected, title }: { strandId: string; version: number; expected: number; title: string }) {
  const router = useRouter();
  const { form, submit, pending, formError, errors, errorFor, savedAt } = useServerForm({
    action: setLinkVisitsAction,
    defaultValues: { strandId, version, expected },
    onSuccess: (data) => {
      form.setValue("version", data.version);
      router.refresh();
    },
  });
  return (
    <form className="form" onSubmit={submit} noValidate>
      <ErrorSummary errors={errors} formError={formError} />
      <TextField label={`Visits a year expected: ${title}`} inputMode="numeric" registration={form.register("expected")} error={errorFor("expected")} />
      <div className="button-group">
        <button className="button button-secondary" type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save"}
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
