"use server";
import { defineAction } from "@/lib/actions/define-action";
import { saveReportFormat } from "@/lib/data/report-format";
import { can } from "@/lib/policy";
import { formatSchema } from "@/lib/validation/report";

/** Saves the board's report format: drafts follow it at once; published reports keep their own. */
export const saveReportFormatAction = defineAction({
  schema: formatSchema,
  authorize: ({ user }) => can(user, "report.format.edit"),
  handler: ({ input, actor }) => {
    const saved = saveReportFormat({ format: { sections: input.sections, targetPages: input.targetPages }, version: input.version, actor });
    return { version: saved.version };
  },
  revalidate: ["/reports"],
});
