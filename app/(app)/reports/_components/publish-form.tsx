"use client";
import { useRouter } from "next/navigation";
import { ErrorSummary } from "@/components/ui/error-summary";
import { Checkbox } from "@/components/ui/fields";
import { useServerForm } from "@/components/ui/use-server-form";
import { publishReportAction } from "@/app/(app)/reports/[termKey]/actions";

/** Publishing freezes the report: the head confirms that it is ready for governors. */
export function PublishForm({ termKey, version }: { termKey: string; version: number }) {
  const router = useRouter();
  const { form, submit, pending, formError, errors, errorFor } = useServerForm({
    action: publishReportAction,
    defaultValues: { termKey, version, confirm: false },
    onSuccess: () => router.refresh(),
  });
  return (
    <form className="form" onSubmit={submit} noValidate>
      <ErrorSummary errors={errors} formError={formError} />
      <p>Publishing freezes the report as it is now. Governors, staff and the adviser can then read it; later changes to the data will not alter it.</p>
      <Checkbox label="The report is ready to send to governors" registration={form.register("confirm")} error={errorFor("confirm")} />
      <button className="button" type="submit" disabled={pending}>
        {pending ? "Publishing…" : "Publish the report"}
      </button>
    </form>
  );
}
