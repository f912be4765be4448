import "./zod";
import { z } from "zod";
import { PHASES, ROLES, ASSESSMENT_SCHEMES } from "@/db/schema/enums";
import { academicYearName as yearStarting } from "@/lib/format";
import { todayIso } from "@/lib/clock";
import { passwordRule } from "./auth";

const required = (what: string) => z.string().trim().min(1, `Enter ${what}`);
const optionalText = (max = 2000) =>
  z
    .string()
    .trim()
    .max(max, `Must be ${max} characters or fewer`)
    .optional()
    .transform((v) => (v ? v : null));
const academicYearName = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}$/, "Enter the academic year like 2025-26")
  .refine((v) => (Number(v.slice(0, 4)) + 1) % 100 === Number(v.slice(5)), "The second year must follow the first, like 2025-26");
/** "2026-02-30" is the right shape but no day: the date must come back the same from the calendar. */
export function isRealDate(iso: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === iso;
}
const isoDate = (what: string) => z.string().refine(isRealDate, `Enter ${what} as a real date`);

export const setupSchema = z
  .object({
    schoolName: required("the school's name").max(200),
    phase: z.enum(PHASES, { message: "Select the school's phase" }),
    academicYear: academicYearName,
    headName: required("your full name").max(200),
    headEmail: z.string().trim().min(1, "Enter your email address").pipe(z.email("Enter an email address in the correct format, like name@school.org.uk")),
    password: passwordRule,
    confirmPassword: z.string().min(1, "Confirm your password"),
  })
  .refine((v) => v.password === v.confirmPassword, { path: ["confirmPassword"], message: "The passwords do not match" });

export const schoolSchema = z.object({
  version: z.number().int(),
  name: required("the school's name").max(200),
  urn: z
    .string()
    .trim()
    .regex(/^(\d{6,7})?$/, "A URN is 6 or 7 digits")
    .transform((v) => v || null),
  phase: z.enum(PHASES, { message: "Select the school's phase" }),
  ageRange: optionalText(20),
  localAuthority: optionalText(200),
  trust: optionalText(200),
  vision: optionalText(4000),
  aims: optionalText(4000),
  frameworkId: z.string().min(1, "Select the inspection framework"),
  assessmentScheme: z.enum(ASSESSMENT_SCHEMES),
  hasEarlyYears: z.boolean(),
  hasSixthForm: z.boolean(),
  lastInspectionDate: z.union([isoDate("the date of the last inspection"), z.literal("")]).transform((v) => v || null),
  lastInspectionOutcome: optionalText(300),
  lessonGradingEnabled: z.boolean(),
  totpRequiredRoles: z.array(z.enum(ROLES)),
});

export const userSchema = z.object({
  name: required("the person's full name").max(200),
  email: z.string().trim().min(1, "Enter an email address").pipe(z.email("Enter an email address in the correct format, like name@school.org.uk")),
  role: z.enum(ROLES, { message: "Select a role" }),
  jobTitle: optionalText(200),
  isTeaching: z.boolean(),
});

export const updateUserSchema = userSchema.extend({ id: z.string().min(1), version: z.number().int(), disabled: z.boolean() });
export const userIdSchema = z.object({ id: z.string().min(1) });

export const termDatesSchema = z
  .object({ id: z.string().min(1), version: z.number().int(), startDate: isoDate("the start date"), endDate: isoDate("the end date") })
  .refine((v) => v.endDate >= v.startDate, { path: ["endDate"], message: "The end date must be after the start date" });

export const addYearSchema = z.object({ name: academicYearName, makeCurrent: z.boolean() });
export const setCurrentYearSchema = z.object({ id: z.string().min(1) });
export const classTeachersSchema = z.object({ classId: z.string().min(1), teacherIds: z.array(z.string()) });

/** The academic year a date falls in: September starts a new one. */
export function academicYearFor(dateIso: string = todayIso()): string {
  const y = Number(dateIso.slice(0, 4));
  const start = Number(dateIso.slice(5, 7)) >= 9 ? y : y - 1;
  return yearStarting(start);
}
