"use server";
import { defineAction } from "@/lib/actions/define-action";
import { notifyEvent } from "@/lib/notify/events";
import { leadsStrand, publishReport, saveNarrative } from "@/lib/data/report";
import { findTermByKey } from "@/lib/data/school";
import { NotFoundError } from "@/lib/errors";
import { can } from "@/lib/policy";
import { assembleReport } from "@/lib/report/assemble";
import { narrativeSchema, publishSchema } from "@/lib/validation/report";

function termIdOf(termKey: string): string {
  const term = findTermByKey({ key: termKey });
  if (!term) throw new NotFoundError("That term");
  return term.id;
}

/**
 * Saves one section's narrative (autosave). The head drafts any section; a senior leader only the
 * narrative of a strand they lead ("plan:<strandId>"), so they cannot overwrite the head's sections.
 */
export const saveReportNarrativeAction = defineAction({
  schema: narrativeSchema,
  authorize: ({ user, input }) => {
    if (can(user, "report.draft.edit")) return true;
    if (!input.sectionKey.startsWith("plan:") || !can(user, "report.narrative.edit")) return false;
    return leadsStrand({ strandId: input.sectionKey.slice(5), userId: user.id });
  },
  handler: ({ input, actor }) => {
    const row = saveNarrative({ termId: termIdOf(input.termKey), sectionKey: input.sectionKey, body: input.body, version: input.version, actor });
    return { version: row.version, updatedAt: row.updatedAt };
  },
  revalidate: ["/reports"],
});

/** Publishes the report: the data as it is now is frozen, and governors can read it. */
export const publishReportAction = defineAction({
  schema: publishSchema,
  authorize: ({ user }) => can(user, "report.publish"),
  handler: ({ input, actor }) => {
    const termId = termIdOf(input.termKey);
    const report = publishReport({ termId, version: input.version, actor, build: (tx, publishedAt) => assembleReport({ termId, status: "published", publishedAt, now: publishedAt }, tx) });
    notifyEvent.reportPublished({ reportId: report.id });
    return { version: report.version, publishedAt: report.publishedAt };
  },
  revalidate: ["/reports", "/me", "/governance"],
});
