"use client";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { publishSefAction } from "@/app/(app)/sef/actions";
import { ErrorSummary } from "@/components/ui/error-summary";
import { TextArea } from "@/components/ui/fields";
import { useServerForm } from "@/components/ui/use-server-form";

/**
 * Publishes the draft the head is looking at. The form carries that draft's stamp: if anyone changed
 * the draft since the page was drawn, publishing is refused and the head sees the current draft first.
 */
export function PublishForm({ sefId, draftStamp, nextNumber, hasChanges }: { sefId: string; draftStamp: string; nextNumber: number; hasChanges: boolean }) {
  const router = useRouter();
  const [published, setPublished] = useState<number | null>(null);
  const { form, submit, pending, formError, errors, errorFor } = useServerForm({
    action: publishSefAction,
    defaultValues: { sefId, draftStamp, note: "" },
    onSuccess: (data) => {
      setPublished(data.number);
      form.reset({ sefId, draftStamp, note: "" });
      router.refresh();
    },
  });
  // The stamp changes whenever the server redraws the page with a newer draft (e.g. after an autosave).
  useEffect(() => form.setValue("draftStamp", draftStamp), [form, draftStamp]);
  const banner = published ? (
    <p className="success-banner" role="status">
      Version {published} published. Staff, governors and advisers now see it.
    </p>
  ) : null;
  if (!hasChanges) {
    return (
      <>
        {banner}
        <p className="muted">Nothing to publish: the draft has not changed since the last version.</p>
      </>
    );
  }
  return (
    <form className="form" onSubmit={submit} noValidate aria-label="Publish the self-evaluation">
      <ErrorSummary errors={errors.filter((e) => e.field !== "draftStamp" && e.field !== "sefId")} formError={formError} />
      {banner}
      <TextArea label="Note for this version (optional)" hint="For example, “Updated after the autumn reviews”." rows={2} registration={form.register("note")} error={errorFor("note")} />
      <button className="button" type="submit" disabled={pending}>
        {pending ? "Publishing…" : `Publish as version ${nextNumber}`}
      </button>
    </form>
  );
}
