import { describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  activitySchema,
  markPlannedSchema,
  observationSchema,
  plannedSchema,
  respondSchema,
  updateActivitySchema,
  updateObservationSchema,
  updateTemplateSchema,
  updateVisitSchema,
  visitSchema,
} from "@/lib/validation/monitoring";

/**
 * The form hook submits what the browser-side parse produced, and the server action parses it again:
 * every schema must accept its own output unchanged.
 */
function expectIdempotent(schema: z.ZodType, input: unknown) {
  const first = schema.safeParse(input);
  expect(first.success, JSON.stringify(first.error?.issues)).toBe(true);
  const second = schema.safeParse(first.data);
  expect(second.success, JSON.stringify(second.error?.issues)).toBe(true);
  expect(second.data).toEqual(first.data);
}

const observation = {
  teacherId: "t",
  observerIds: ["o"],
  date: "2026-11-23",
  classId: "",
  yearGroup: "",
  subject: " Maths ",
  templateId: "tpl",
  focusStrandIds: [],
  focusAreaKeys: [],
  judgements: [{ ref: "c1", judgement: "strength" }],
  strengths: "",
  areasForDevelopment: "",
  nextSteps: "",
  followUpDate: "",
  grade: "",
  status: "shared",
};
const activity = {
  type: "learning_walk",
  date: "2026-11-23",
  leadId: "l",
  participantIds: [],
  subject: "",
  classesVisited: "",
  focusStrandIds: [],
  focusAreaKeys: [],
  strengths: "Good",
  areasToDevelop: "",
  actions: "",
};
const visit = {
  kind: "governor",
  visitorId: "g",
  date: "2026-11-23",
  visitType: "Link governor visit",
  purpose: "To see",
  focusStrandIds: [],
  focusAreaKeys: [],
  seen: "",
  questions: "",
  followUp: "",
};

describe("monitoring schemas accept their own output", () => {
  it("observations", () => {
    expectIdempotent(observationSchema, observation);
    expectIdempotent(observationSchema, { ...observation, classId: "c", yearGroup: "Y5", followUpDate: "2026-12-01", grade: "2" });
    expectIdempotent(updateObservationSchema, { ...observation, id: "x", version: 3 });
    expectIdempotent(respondSchema, { id: "x", version: 1, response: " Thanks ", acknowledge: true });
  });
  it("activities, visits, the calendar and templates", () => {
    expectIdempotent(activitySchema, activity);
    expectIdempotent(updateActivitySchema, { ...activity, subject: "Reading", id: "x", version: 1 });
    expectIdempotent(visitSchema, visit);
    expectIdempotent(updateVisitSchema, { ...visit, id: "x", version: 1 });
    expectIdempotent(plannedSchema, { termId: "t", type: "drop_in", title: "Drop-ins", plannedDate: "", leadId: "", strandId: "" });
    expectIdempotent(markPlannedSchema, { id: "x", version: 1, done: true, recordId: "" });
    expectIdempotent(updateTemplateSchema, { id: "x", version: 1, name: "T", criteria: [{ heading: "H", label: "L" }] });
  });
  it("turns blank optional fields into null", () => {
    const out = observationSchema.parse(observation);
    expect(out).toMatchObject({ classId: null, yearGroup: null, followUpDate: null, grade: null, subject: "Maths" });
  });
});
