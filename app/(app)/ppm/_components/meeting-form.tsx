"use client";
import { useRouter } from "next/navigation";
import { ErrorSummary } from "@/components/ui/error-summary";
import { CheckboxGroup, SelectField, TextArea, TextField, type Option } from "@/components/ui/fields";
import { useServerForm } from "@/components/ui/use-server-form";
import { createProgressMeetingAction, updateProgressMeetingAction } from "@/app/(app)/ppm/actions";

export type ClassOption = Option & { teacherIds: string[] };

const DATE_HINT = "The day the meeting took place, within the term.";
const ATTENDEES_HINT = "The headteacher and senior leaders at the meeting, besides the class teacher.";

/** Records a class's meeting for a term. The class teacher defaults to the class's teacher. */
export function CreateMeetingForm({
  termId,
  classes,
  staff,
  leaders,
  defaultClassId,
  defaultDate,
}: {
  termId: string;
  classes: ClassOption[];
  staff: Option[];
  leaders: Option[];
  defaultClassId: string;
  defaultDate: string;
}) {
  const router = useRouter();
  const firstTeacher = (classId: string) => classes.find((c) => c.value === classId)?.teacherIds[0] ?? "";
  const { form, submit, pending, formError, errors, errorFor } = useServerForm({
    action: createProgressMeetingAction,
    defaultValues: { termId, classId: defaultClassId, date: defaultDate, teacherId: firstTeacher(defaultClassId), attendeeIds: [], notes: "" },
    onSuccess: (data) => {
      router.push(`/ppm/${data.id}`);
      router.refresh();
    },
  });
  const classRegistration = form.register("classId", {
    // Follow the chosen class with its teacher, unless the user has picked a teacher themselves.
    onChange: (event: { target: { value: string } }) => {
      if (!form.getFieldState("teacherId").isDirty) form.setValue("teacherId", firstTeacher(event.target.value));
    },
  });
  return (
    <form className="form" onSubmit={submit} noValidate>
      <ErrorSummary errors={errors} formError={formError} />
      <SelectField label="Class" placeholder="Select a class" options={classes} registration={classRegistration} error={errorFor("classId")} />
      <TextField label="Date of the meeting" hint={DATE_HINT} type="date" registration={form.register("date")} error={errorFor("date")} />
      <SelectField label="Class teacher" placeholder="Select a member of staff" options={staff} registration={form.register("teacherId")} error={errorFor("teacherId")} />
      <CheckboxGroup legend="Senior leaders attending" hint={ATTENDEES_HINT} options={leaders} registration={form.register("attendeeIds")} error={errorFor("attendeeIds")} />
      <TextArea label="Notes" hint="What the meeting looked at and agreed for the class as a whole. Pupils discussed are added next." registration={form.register("notes")} error={errorFor("notes")} />
      <button className="button" type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save and add pupils"}
      </button>
    </form>
  );
}

/** Changes a meeting's date, teacher, attendees and notes. */
export function EditMeetingForm({
  meeting,
  staff,
  leaders,
}: {
  meeting: { id: string; version: number; date: string; teacherId: string; attendeeIds: string[]; notes: string };
  staff: Option[];
  leaders: Option[];
}) {
  const router = useRouter();
  const { form, submit, pending, formError, errors, errorFor } = useServerForm({
    action: updateProgressMeetingAction,
    defaultValues: meeting,
    onSuccess: () => {
      router.push(`/ppm/${meeting.id}`);
      router.refresh();
    },
  });
  return (
    <form className="form" onSubmit={submit} noValidate>
      <ErrorSummary errors={errors} formError={formError} />
      <TextField label="Date of the meeting" hint={DATE_HINT} type="date" registration={form.register("date")} error={errorFor("date")} />
      <SelectField label="Class teacher" placeholder="Select a member of staff" options={staff} registration={form.register("teacherId")} error={errorFor("teacherId")} />
      <CheckboxGroup legend="Senior leaders attending" hint={ATTENDEES_HINT} options={leaders} registration={form.register("attendeeIds")} error={errorFor("attendeeIds")} />
      <TextArea label="Notes" registration={form.register("notes")} error={errorFor("notes")} />
      <button className="button" type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save changes"}
      </button>
    </form>
  );
}
