"use client";
import { useRouter } from "next/navigation";
import { useCallback } from "react";
import { saveSefTextAction } from "@/app/(app)/sef/actions";
import { AutosaveTextArea } from "@/components/sef/autosave";
import { useSerialSaver } from "@/components/ui/use-autosave";

/**
 * The SEF's own narrative fields: context notes and the overall summary, both autosaved. They share
 * the SEF row's version, so their saves go through one serial saver.
 */
export function SefOverviewEditor({ sefId, version, contextNotes, overallSummary }: { sefId: string; version: number; contextNotes: string; overallSummary: string }) {
  const router = useRouter();
  const run = useSerialSaver(version);
  // Refresh the server-rendered parts (the publish form's view of the draft) once a save lands.
  const onSaved = useCallback(() => router.refresh(), [router]);
  const saveNotes = useCallback((value: string) => run((v) => saveSefTextAction({ sefId, version: v, field: "contextNotes", value })), [run, sefId]);
  const saveSummary = useCallback((value: string) => run((v) => saveSefTextAction({ sefId, version: v, field: "overallSummary", value })), [run, sefId]);
  return (
    <div className="form sef-wide-form">
      <AutosaveTextArea
        name="contextNotes"
        label="Context notes"
        hint="What the figures above do not say: the community, staffing, mobility, recent changes. Numbers on roll and group percentages come from the pupil data and are not typed here."
        initialValue={contextNotes}
        rows={5}
        onSave={saveNotes}
        onSaved={onSaved}
      />
      <AutosaveTextArea
        name="overallSummary"
        label="Overall summary"
        hint="The school's view of itself in a few paragraphs: what it does well, what it is working on, and how it knows."
        initialValue={overallSummary}
        rows={10}
        onSave={saveSummary}
        onSaved={onSaved}
      />
    </div>
  );
}
