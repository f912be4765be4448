import { describe, expect, it } from "vitest";
import { criterionStatus, describeMetric, formatMetricValue, readMetric, termSpan } from "@/lib/analytics/criteria";

const base = { baseline: 58, target: 70, lowerIsBetter: false };

describe("criterion status", () => {
  it("is met once the value reaches the target", () => {
    expect(criterionStatus({ ...base, current: 70, termsElapsed: 1, termsToDue: 3 })).toBe("met");
    expect(criterionStatus({ ...base, current: 74, termsElapsed: 3, termsToDue: 3 })).toBe("met");
  });

  it("is on track when progress is at least proportional to time elapsed", () => {
    // One term of three: a third of the 12 points = 62.
    expect(criterionStatus({ ...base, current: 62, termsElapsed: 1, termsToDue: 3 })).toBe("on_track");
    expect(criterionStatus({ ...base, current: 61.9, termsElapsed: 1, termsToDue: 3 })).toBe("behind");
    // Two terms of three: 66 needed.
    expect(criterionStatus({ ...base, current: 65, termsElapsed: 2, termsToDue: 3 })).toBe("behind");
    expect(criterionStatus({ ...base, current: 66, termsElapsed: 2, termsToDue: 3 })).toBe("on_track");
  });

  it("is not met when the due term is reached without reaching the target", () => {
    expect(criterionStatus({ ...base, current: 69.9, termsElapsed: 3, termsToDue: 3 })).toBe("not_met");
    expect(criterionStatus({ ...base, current: 69.9, termsElapsed: 4, termsToDue: 3 })).toBe("not_met");
  });

  it("handles lower-is-better metrics (persistent absence)", () => {
    const pa = { baseline: 18, target: 12, lowerIsBetter: true };
    expect(criterionStatus({ ...pa, current: 12, termsElapsed: 1, termsToDue: 3 })).toBe("met");
    expect(criterionStatus({ ...pa, current: 16, termsElapsed: 1, termsToDue: 3 })).toBe("on_track");
    expect(criterionStatus({ ...pa, current: 16.5, termsElapsed: 1, termsToDue: 3 })).toBe("behind");
    expect(criterionStatus({ ...pa, current: 13, termsElapsed: 3, termsToDue: 3 })).toBe("not_met");
  });

  it("handles a negative gap that should close towards zero", () => {
    const gap = { baseline: -18, target: -6, lowerIsBetter: false };
    expect(criterionStatus({ ...gap, current: -14, termsElapsed: 1, termsToDue: 3 })).toBe("on_track");
    expect(criterionStatus({ ...gap, current: -15, termsElapsed: 1, termsToDue: 3 })).toBe("behind");
    expect(criterionStatus({ ...gap, current: -5, termsElapsed: 1, termsToDue: 3 })).toBe("met");
  });

  it("reports no data, and without a baseline is on track until due", () => {
    expect(criterionStatus({ ...base, current: null, termsElapsed: 1, termsToDue: 3 })).toBe("no_data");
    expect(criterionStatus({ ...base, baseline: null, current: 40, termsElapsed: 1, termsToDue: 3 })).toBe("on_track");
    expect(criterionStatus({ ...base, baseline: null, current: 40, termsElapsed: 3, termsToDue: 3 })).toBe("not_met");
  });

  it("counts a value from before the plan as no time elapsed", () => {
    expect(termSpan({ planStart: 3, valueAt: 2, due: 5 })).toEqual({ termsElapsed: 0, termsToDue: 3 });
    expect(termSpan({ planStart: 3, valueAt: 3, due: 5 })).toEqual({ termsElapsed: 1, termsToDue: 3 });
    expect(criterionStatus({ ...base, current: 58, termsElapsed: 0, termsToDue: 3 })).toBe("on_track");
    expect(criterionStatus({ ...base, current: 57, termsElapsed: 0, termsToDue: 3 })).toBe("behind");
  });
});

describe("metrics", () => {
  const data = {
    attainment: [
      { yearGroup: "Y6", subject: "writing", group: "all" as const, cohort: 28, atExpectedPct: 71.4, greaterDepthPct: 14.3, suppressed: false },
      { yearGroup: "Y6", subject: "writing", group: "eal" as const, cohort: 3, atExpectedPct: null, greaterDepthPct: null, suppressed: true },
    ],
    gaps: [{ yearGroup: "Y6", subject: "rwm", gapPts: -12.5 }],
  };

  it("reads % at expected, greater depth, suppressed groups and gaps", () => {
    expect(readMetric({ metric: "attainment_expected", yearGroup: "Y6", subject: "writing", pupilGroup: "all" }, data)).toEqual({ value: 71.4, suppressed: false, found: true });
    expect(readMetric({ metric: "attainment_greater_depth", yearGroup: "Y6", subject: "writing", pupilGroup: "all" }, data).value).toBe(14.3);
    expect(readMetric({ metric: "attainment_expected", yearGroup: "Y6", subject: "writing", pupilGroup: "eal" }, data)).toEqual({ value: null, suppressed: true, found: true });
    expect(readMetric({ metric: "attainment_expected", yearGroup: "Y5", subject: "writing", pupilGroup: "all" }, data).found).toBe(false);
    expect(readMetric({ metric: "disadvantaged_gap", yearGroup: "Y6", subject: "rwm", pupilGroup: null }, data).value).toBe(-12.5);
  });

  it("describes and formats metrics for people", () => {
    expect(describeMetric({ metric: "attainment_expected", yearGroup: "Y6", subject: "writing", pupilGroup: "disadvantaged" })).toBe("Year 6 writing, % at expected (disadvantaged pupils)");
    expect(describeMetric({ metric: "disadvantaged_gap", yearGroup: "Y6", subject: "rwm", pupilGroup: null })).toBe("Year 6 reading, writing and maths, disadvantaged gap");
    expect(formatMetricValue(-12.5, { metric: "disadvantaged_gap" })).toBe("−12.5 pts");
    expect(formatMetricValue(71, { metric: "attainment_expected" })).toBe("71.0%");
    expect(formatMetricValue(96.2, { metric: "manual", unit: "%" })).toBe("96.2%");
  });
});
