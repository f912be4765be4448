"use client";
import { useRouter } from "next/navigation";
import { useTransition, useState } from "react";
import { ErrorSummary } from "@/components/ui/error-summary";
import { CheckboxGroup, RadioGroup, SelectField, TextArea, TextField, type Option } from "@/components/ui/fields";
import { useServerForm } from "@/components/ui/use-server-form";
import type { AttendanceInput, MeetingCreateInput, MeetingUpdateInput } from "@/lib/validation/meetings";
import { addAgendaItemAction, addMinuteAction, createBodyAction, createMeetingAction, markPapersReadAction, recordAttendanceAction, updateMeetingAction } from "./actions";

export function BodyForm({ people }: { people: Option[] }) {
  const router = useRouter();
  const { form, submit, pending, formError, errors, errorFor } = useServerForm({
    action: createBodyAction,
    defaultValues: { name: "", kind: "committee", papersDaysBefore: 7, memberIds: [] },
    onSuccess: () => {
      form.reset();
      router.refresh();
    },
  });
  return (
    <form className="form" onSubmit={submit} noValidate>
      <ErrorSummary errors={errors} formError={formError} />
      <TextField label="Name" hint="For example: Full governing board, Resources committee" registration={form.register("name")} error={errorFor("name")} />
      <RadioGroup
        legend="Kind"
        options={[
          { value: "board", label: "The full governing board" },
          { value: "committee", label: "A committee" },
        ]}
        registration={form.register("kind")}
        error={errorFor("kind")}
      />
      <TextField label="Days before each meeting that papers go out" inputMode="numeric" registration={form.register("papersDaysBefore")} error={errorFor("papersDaysBefore")} />
      <CheckboxGroup legend="Members" options={people} registration={form.register("memberIds")} error={errorFor("memberIds")} />
      <button className="button" type="submit" disabled={pending}>
        {pending ? "Saving…" : "Add the board or committee"}
      </button>
    </form>
  );
}

export function MeetingForm({ defaults, bodies, reports }: { defaults: MeetingCreateInput; bodies: Option[]; reports: Option[] }) {
  const router = useRouter();
  const { form, submit, pending, formError, errors, errorFor } = useServerForm({
    action: createMeetingAction,
    defaultValues: defaults,
    onSuccess: (data) => router.push(`/governance/meetings/${data.id}`),
  });
  return (
    <form className="form" onSubmit={submit} noValidate>
      <ErrorSummary errors={errors} formError={formError} />
      <SelectField label="Board or committee" placeholder="Select" options={bodies} registration={form.register("bodyId")} error={errorFor("bodyId")} />
      <TextField label="Date" type="date" registration={form.register("date")} error={errorFor("date")} />
      <TextField label="Start time" type="time" registration={form.register("startTime")} error={errorFor("startTime")} />
      <TextField label="Place or video-call link" registration={form.register("place")} error={errorFor("place")} />
      <TextField
        label="Papers go out on (optional)"
        hint="Leave blank for the board's usual notice: seven days before the meeting unless the school set another."
        type="date"
        registration={form.register("papersOutDate")}
        error={errorFor("papersOutDate")}
      />
      <SelectField label="Report to governors (the meeting's paper)" placeholder="No report" options={reports} registration={form.register("reportId")} error={errorFor("reportId")} />
      <TextArea label="Agenda" hint="One item per line. The report is added as the first item when you attach it." rows={6} registration={form.register("agenda")} error={errorFor("agenda")} />
      <button className="button" type="submit" disabled={pending}>
        {pending ? "Saving…" : "Schedule the meeting"}
      </button>
    </form>
  );
}

/** Moves a meeting, changes its place or papers date, or attaches the report once it is drafted. */
export function MeetingEditForm({ defaults, reports }: { defaults: MeetingUpdateInput; reports: Option[] }) {
  const router = useRouter();
  const { form, submit, pending, formError, errors, errorFor, savedAt } = useServerForm({
    action: updateMeetingAction,
    defaultValues: defaults,
    onSuccess: (data) => {
      form.setValue("version", data.version);
      router.refresh();
    },
  });
  return (
    <form className="form" onSubmit={submit} noValidate>
      <ErrorSummary errors={errors} formError={formError} />
      <TextField label="Date" type="date" registration={form.register("date")} error={errorFor("date")} />
      <TextField label="Start time" type="time" registration={form.register("startTime")} error={errorFor("startTime")} />
      <TextField label="Place or video-call link" registration={form.register("place")} error={errorFor("place")} />
      <TextField label="Papers go out on" type="date" registration={form.register("papersOutDate")} error={errorFor("papersOutDate")} />
      <SelectField label="Report to governors (the meeting's paper)" placeholder="No report" options={reports} registration={form.register("reportId")} error={errorFor("reportId")} />
      <div className="button-group">
        <button className="button button-secondary" type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save the changes"}
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

const LINK_TYPE_OPTIONS = [
  { value: "report", label: "A report to governors" },
  { value: "strand", label: "A plan strand" },
  { value: "sef_version", label: "A published self-evaluation" },
  { value: "challenge", label: "A challenge question" },
];

export function AgendaItemForm({ meetingId, links }: { meetingId: string; links: Record<string, Option[]> }) {
  const router = useRouter();
  const { form, submit, pending, formError, errors, errorFor } = useServerForm({
    action: addAgendaItemAction,
    defaultValues: { meetingId, title: "", linkType: "", linkId: "" },
    onSuccess: () => {
      form.reset({ meetingId, title: "", linkType: "", linkId: "" });
      router.refresh();
    },
  });
  const linkType = form.watch("linkType");
  return (
    <form className="form" onSubmit={submit} noValidate>
      <ErrorSummary errors={errors} formError={formError} />
      <TextField label="Agenda item" registration={form.register("title")} error={errorFor("title")} />
      <SelectField label="Links to (optional)" placeholder="Nothing" options={LINK_TYPE_OPTIONS} registration={form.register("linkType")} error={errorFor("linkType")} />
      {linkType ? <SelectField label="Which one" placeholder="Select" options={links[linkType] ?? []} registration={form.register("linkId")} error={errorFor("linkId")} /> : null}
      <button className="button button-secondary" type="submit" disabled={pending}>
        {pending ? "Saving…" : "Add to the agenda"}
      </button>
    </form>
  );
}

const ATTENDANCE_OPTIONS = [
  { value: "present", label: "Present" },
  { value: "apologies", label: "Apologies" },
  { value: "absent", label: "Absent" },
];

export function AttendanceForm({ meetingId, members }: { meetingId: string; members: { id: string; name: string; attendance: string | null }[] }) {
  const router = useRouter();
  const defaults: AttendanceInput = { meetingId, entries: members.map((m) => ({ userId: m.id, status: (m.attendance ?? "") as "present" })) };
  const { form, submit, pending, formError, errors, errorFor, savedAt } = useServerForm({
    action: recordAttendanceAction,
    defaultValues: defaults,
    onSuccess: () => router.refresh(),
  });
  return (
    <form className="form" onSubmit={submit} noValidate>
      <ErrorSummary errors={errors} formError={formError} />
      {members.map((m, i) => (
        <RadioGroup key={m.id} legend={m.name} options={ATTENDANCE_OPTIONS} registration={form.register(`entries.${i}.status`)} error={errorFor(`entries.${i}.status`)} />
      ))}
      <div className="button-group">
        <button className="button button-secondary" type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save attendance"}
        </button>
        {savedAt ? (
          <span className="saved-note" role="status">
            Attendance saved
          </span>
        ) : null}
      </div>
    </form>
  );
}

export function MinuteForm({ meetingId, people }: { meetingId: string; people: Option[] }) {
  const router = useRouter();
  const { form, submit, pending, formError, errors, errorFor } = useServerForm({
    action: addMinuteAction,
    defaultValues: { meetingId, kind: "decision", text: "", ownerId: "", dueDate: "" },
    onSuccess: () => {
      form.reset({ meetingId, kind: form.getValues("kind"), text: "", ownerId: "", dueDate: "" });
      router.refresh();
    },
  });
  const kind = form.watch("kind");
  return (
    <form className="form" onSubmit={submit} noValidate>
      <ErrorSummary errors={errors} formError={formError} />
      <RadioGroup
        legend="Minute a"
        options={[
          { value: "decision", label: "Decision" },
          { value: "action", label: "Action (with an owner and a due date)" },
        ]}
        registration={form.register("kind")}
        error={errorFor("kind")}
      />
      <TextArea label={kind === "action" ? "What will be done" : "What was decided"} rows={3} registration={form.register("text")} error={errorFor("text")} />
      {kind === "action" ? (
        <>
          <SelectField label="Owner" placeholder="Select" options={people} registration={form.register("ownerId")} error={errorFor("ownerId")} />
          <TextField label="Due date" type="date" registration={form.register("dueDate")} error={errorFor("dueDate")} />
        </>
      ) : null}
      <button className="button button-secondary" type="submit" disabled={pending}>
        {pending ? "Saving…" : "Add to the minutes"}
      </button>
    </form>
  );
}

export function PapersReadButton({ meetingId }: { meetingId: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <button
        type="button"
        className="button"
        disabled={pending}
        onClick={() =>
          start(async () => {
            const r = await markPapersReadAction({ meetingId });
            if (r.ok) router.refresh();
            else setError(r.formError ?? "Something went wrong");
          })
        }
      >
        {pending ? "Saving…" : "I have read the papers"}
      </button>
    </div>
  );
}
