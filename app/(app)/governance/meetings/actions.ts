"use server";
import { defineAction } from "@/lib/actions/define-action";
import { addAgendaItem, addMinute, createBody, createMeeting, markPapersRead, recordAttendance, updateMeeting } from "@/lib/data/meetings";
import { can } from "@/lib/policy";
import { agendaItemSchema, attendanceSchema, bodyCreateSchema, meetingCreateSchema, meetingUpdateSchema, minuteSchema, papersReadSchema } from "@/lib/validation/meetings";

const PATHS = ["/governance", "/"];

/** The head names the board or a committee and its members. */
export const createBodyAction = defineAction({
  schema: bodyCreateSchema,
  authorize: ({ user }) => can(user, "meeting.edit"),
  handler: ({ input, actor }) => ({ id: createBody({ input, actor }).id }),
  revalidate: PATHS,
});

/** The head schedules a meeting and attaches the termly report as its paper. */
export const createMeetingAction = defineAction({
  schema: meetingCreateSchema,
  authorize: ({ user }) => can(user, "meeting.edit"),
  handler: ({ input, actor }) => ({ id: createMeeting({ input, actor }).id }),
  revalidate: PATHS,
});

export const updateMeetingAction = defineAction({
  schema: meetingUpdateSchema,
  authorize: ({ user }) => can(user, "meeting.edit"),
  handler: ({ input, actor }) => {
    const { id, version, ...changes } = input;
    const m = updateMeeting({ id, version, changes, actor });
    return { id: m.id, version: m.version };
  },
  revalidate: PATHS,
});

export const addAgendaItemAction = defineAction({
  schema: agendaItemSchema,
  authorize: ({ user }) => can(user, "meeting.edit"),
  handler: ({ input, actor }) => ({ id: addAgendaItem({ ...input, actor }).id }),
  revalidate: PATHS,
});

/** Attendance and apologies: part of the minutes. */
export const recordAttendanceAction = defineAction({
  schema: attendanceSchema,
  authorize: ({ user }) => can(user, "meeting.minutes"),
  handler: ({ input, actor }) => {
    recordAttendance({ meetingId: input.meetingId, entries: input.entries.flatMap((e) => (e.status ? [{ userId: e.userId, status: e.status }] : [])), actor });
    return { meetingId: input.meetingId };
  },
  revalidate: PATHS,
});

/** A decision, or an action with owner and due date. */
export const addMinuteAction = defineAction({
  schema: minuteSchema,
  authorize: ({ user }) => can(user, "meeting.minutes"),
  handler: ({ input, actor }) => ({ id: addMinute({ ...input, actor }).id }),
  revalidate: PATHS,
});

/** A governor marks the meeting's papers as read. */
export const markPapersReadAction = defineAction({
  schema: papersReadSchema,
  authorize: ({ user }) => can(user, "meeting.papers.read"),
  handler: ({ user, input }) => {
    markPapersRead({ meetingId: input.meetingId, userId: user.id });
    return { meetingId: input.meetingId };
  },
  revalidate: PATHS,
});
