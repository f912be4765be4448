import { PageHeader } from "@/components/layout/page-header";
import { formatDateTime } from "@/lib/format";
import { requirePermission } from "@/lib/auth/session";
import { getReportFormat } from "@/lib/data/report-format";
import { REPORT_SECTION_LABEL } from "@/lib/report/labels";
import { FormatForm } from "./format-form";

export const metadata = { title: "The board's report format" };

/** The head sets, for the board, which sections the termly report has, their order and its length. */
export default async function ReportFormatPage() {
  await requirePermission("report.format.edit");
  const format = getReportFormat();
  return (
    <>
      <PageHeader
        title="The board's report format"
        caption="Reports to governors"
        crumbs={[{ href: "/reports", label: "Reports to governors" }]}
        description={
          <>
            The board decides what its termly report covers. Drafts follow this format as soon as it is saved; a published report keeps the format it was published with.
            {format.updatedAt ? ` Last changed ${formatDateTime(format.updatedAt)}.` : " The board has not chosen a format yet: this is the default."}
          </>
        }
      />
      <FormatForm sections={format.sections} targetPages={format.targetPages} version={format.version} labels={REPORT_SECTION_LABEL} />
    </>
  );
}
