import { describe, expect, it } from "vitest";
import { teacherPools, unidentifyingDetail } from "@/lib/analytics/monitoring";

describe("no identifiable teacher in monitoring evidence (issue 21)", () => {
  // A one-form-entry school: one teacher per year group; science observed in two classes, music in one.
  const pools = teacherPools(
    [
      { yearGroup: "Y5", teacherId: "emma" },
      { yearGroup: "Y6", teacherId: "david" },
      { yearGroup: "Y6", teacherId: "job-share" },
    ],
    [
      { yearGroup: "Y5", subject: "Science", teacherId: "emma" },
      { yearGroup: "Y6", subject: "science", teacherId: "david" },
      { yearGroup: "Y5", subject: "music", teacherId: "emma" },
    ],
  );

  it("counts distinct teachers per year group and per subject (subjects compared without case)", () => {
    expect(pools).toEqual({ byYearGroup: { Y5: 1, Y6: 2 }, bySubject: { science: 2, music: 1 } });
  });

  it("keeps a subject or year group only where more than one teacher has it", () => {
    expect(unidentifyingDetail({ subject: "Science", yearGroup: "Y5" }, pools)).toEqual({ subject: "Science", yearGroup: null });
    expect(unidentifyingDetail({ subject: "music", yearGroup: "Y6" }, pools)).toEqual({ subject: null, yearGroup: "Y6" });
    expect(unidentifyingDetail({ subject: "art", yearGroup: "Y3" }, pools)).toEqual({ subject: null, yearGroup: null });
  });

  it("in a primary school every class teacher counts for the core subjects, observed or not", () => {
    const primary = teacherPools(
      [
        { yearGroup: "Y5", teacherId: "emma" },
        { yearGroup: "Y6", teacherId: "david" },
      ],
      [{ yearGroup: "Y5", subject: "Writing", teacherId: "emma" }],
      ["reading", "writing", "maths", "science"],
    );
    expect(unidentifyingDetail({ subject: "Writing", yearGroup: "Y5" }, primary)).toEqual({ subject: "Writing", yearGroup: null });
  });
});
