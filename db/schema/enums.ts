/**
 * Enumerations shared by the schema, the zod validators and the UI.
 * `as const` arrays so one list drives the column type, the validator and the select options.
 */
export const ROLES = ["headteacher", "slt", "staff", "governor", "adviser"] as const;
export type Role = (typeof ROLES)[number];

export const PHASES = ["primary", "secondary", "all-through", "special"] as const;
export type Phase = (typeof PHASES)[number];

export const TERM_NAMES = ["autumn", "spring", "summer"] as const;
export type TermName = (typeof TERM_NAMES)[number];

export const YEAR_GROUPS = ["R", "Y1", "Y2", "Y3", "Y4", "Y5", "Y6", "Y7", "Y8", "Y9", "Y10", "Y11", "Y12", "Y13"] as const;
export type YearGroup = (typeof YEAR_GROUPS)[number];

export const GENDERS = ["F", "M", "X"] as const;
export const SEN_CODES = ["N", "K", "E"] as const;

export const PRIMARY_SUBJECTS = ["reading", "writing", "maths", "science"] as const;
export const PRIMARY_RESULTS = ["PKS", "WTS", "EXS", "GDS"] as const;
export const ASSESSMENT_SCHEMES = ["primary", "secondary"] as const;

export const SEF_STATUSES = ["draft", "published"] as const;

export const ACTION_STATUSES = ["not_started", "in_progress", "done", "dropped"] as const;
export type PlanActionStatus = (typeof ACTION_STATUSES)[number];

export const RAGS = ["red", "amber", "green", "blue"] as const;
export type Rag = (typeof RAGS)[number];

export const CRITERION_KINDS = ["narrative", "measurable"] as const;
export const CRITERION_METRICS = ["attainment_expected", "attainment_greater_depth", "disadvantaged_gap", "attendance_pct", "persistent_absence_pct", "suspensions", "manual"] as const;
export type CriterionMetric = (typeof CRITERION_METRICS)[number];
/** Metrics read from attendance and suspension data (year to date, for the whole school or a year group). */
export const ATTENDANCE_METRICS = ["attendance_pct", "persistent_absence_pct", "suspensions"] as const satisfies readonly CriterionMetric[];
export function isAttendanceMetric(m: string | null | undefined): m is (typeof ATTENDANCE_METRICS)[number] {
  return (ATTENDANCE_METRICS as readonly string[]).includes(m ?? "");
}
export const PUPIL_GROUPS = ["all", "disadvantaged", "not_disadvantaged", "sen", "eal", "girls", "boys"] as const;
export type PupilGroup = (typeof PUPIL_GROUPS)[number];

export const JUDGEMENTS = ["strength", "secure", "developing", "not_seen"] as const;
export type Judgement = (typeof JUDGEMENTS)[number];

export const OBSERVATION_STATUSES = ["draft", "shared"] as const;

export const ACTIVITY_TYPES = ["learning_walk", "work_scrutiny", "pupil_voice", "drop_in"] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

export const VISIT_KINDS = ["governor", "adviser"] as const;

/** What a monitoring-calendar entry plans: any monitoring record type, or a progress meeting. */
export const PLANNED_TYPES = ["observation", ...ACTIVITY_TYPES, "governor_visit", "adviser_visit", "progress_meeting"] as const;

/** The kinds of record a focus link, an evidence link or an audit row can point at. */
export const RECORD_TYPES = [
  "observation",
  "activity",
  "visit",
  "strand",
  "review",
  "criterion",
  "progress_meeting",
  "assessment_summary",
  "attendance_summary",
  "sef_area",
  "report",
  "document",
] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

export const PPM_ITEM_STATUSES = ["open", "closed"] as const;

/**
 * What happened to an agreed action, recorded at the next meeting. A category (not only free text) so
 * the governors' report can count outcomes without reading anyone's notes.
 */
export const PPM_OUTCOME_KINDS = ["on_track", "progress", "no_progress", "other"] as const;
export type PpmOutcomeKind = (typeof PPM_OUTCOME_KINDS)[number];

export const REPORT_STATUSES = ["draft", "published"] as const;
export const REPORT_SECTIONS = ["summary", "context", "plan", "quality", "attainment", "attendance", "progress_meetings", "self_evaluation", "governance", "priorities"] as const;
export type ReportSection = (typeof REPORT_SECTIONS)[number];
/** How a section of the report is put to the board. */
export const REPORT_SECTION_MARKS = ["decision", "discussion", "information"] as const;
export type ReportSectionMark = (typeof REPORT_SECTION_MARKS)[number];

export const CHALLENGE_SOURCES = ["meeting", "visit", "report"] as const;
export const CHALLENGE_STATUSES = ["open", "answered", "follow_up", "closed"] as const;

export const AUDIT_AREAS = ["admin", "sef", "sip", "monitoring", "pupils", "ppm", "report", "governance", "auth"] as const;
export type AuditArea = (typeof AUDIT_AREAS)[number];

/** The import kinds a saved mapping is for: pupils, results in SPEC §4.3's long format, or marksheets. */
export const IMPORT_MAPPING_KINDS = ["pupils", "assessments", "marksheet"] as const;
export type ImportMappingKind = (typeof IMPORT_MAPPING_KINDS)[number];
/** Governing bodies: the full board and the committees the school names. */
export const BODY_KINDS = ["board", "committee"] as const;
export const ATTENDANCE = ["present", "apologies", "absent"] as const;
export type Attendance = (typeof ATTENDANCE)[number];
/** What a meeting's agenda item can point at. */
export const AGENDA_LINKS = ["report", "strand", "sef_version", "challenge"] as const;
export type AgendaLink = (typeof AGENDA_LINKS)[number];
export const MINUTE_KINDS = ["decision", "action"] as const;

/** Every kind of notification a user can receive, each switchable per user for in-app and email. */
export const NOTIFICATION_KINDS = [
  "action_assigned",
  "actions_due",
  "review_due",
  "observation_shared",
  "challenge_answered",
  "challenge_assigned",
  "report_published",
  "papers_out",
  "papers_late",
  "meeting_soon",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
/** An email's life: queued, handed to the SMTP server, kept in the outbox (no SMTP), or given up on. */
export const EMAIL_STATES = ["pending", "sent", "outbox", "failed"] as const;
/** What a suspensions.csv row records (DfE terms: a suspension, formerly a fixed-period exclusion). */
export const SUSPENSION_TYPES = ["suspension", "permanent_exclusion"] as const;
export type SuspensionType = (typeof SUSPENSION_TYPES)[number];
