import { beforeAll, describe, expect, it } from "vitest";
import { updateTermDatesAction } from "@/app/(app)/admin/actions";
import { listTerms, startYearOf, type TermWithYear } from "@/lib/data/school";
import { termDatesSchema } from "@/lib/validation/admin";
import { actAs, createOnePerRole, ensureTestSchool } from "../factories";

let people: ReturnType<typeof createOnePerRole>;
beforeAll(() => {
  ensureTestSchool();
  people = createOnePerRole();
});

const term = (name: TermWithYear["name"]) => listTerms().find((t) => t.name === name)!;
/** A date in the term's academic year: `years` after its first calendar year, month and day given. */
const on = (t: TermWithYear, years: number, mmdd: string) => `${startYearOf(t.yearName) + years}-${mmdd}`;

async function save(t: TermWithYear, startDate: string, endDate: string) {
  actAs(people.headteacher);
  return updateTermDatesAction({ id: t.id, version: t.version, startDate, endDate });
}

describe("term dates", () => {
  it("must be real dates", async () => {
    const spring = term("spring");
    const r = await save(spring, on(spring, 1, "01-05"), on(spring, 1, "02-30"));
    expect(r).toMatchObject({ ok: false, fieldErrors: { endDate: ["Enter the end date as a real date"] } });
    expect(termDatesSchema.safeParse({ id: "x", version: 1, startDate: on(spring, 1, "02-30"), endDate: on(spring, 1, "03-01") }).success).toBe(false);
    expect(termDatesSchema.safeParse({ id: "x", version: 1, startDate: on(spring, 1, "02-28"), endDate: on(spring, 1, "03-01") }).success).toBe(true);
  });

  it("must fall inside their academic year", async () => {
    const spring = term("spring");
    const r = await save(spring, on(spring, -6, "01-05"), on(spring, 6, "03-31"));
    expect(r).toMatchObject({
      ok: false,
      fieldErrors: { startDate: [expect.stringMatching(new RegExp(`^Terms of ${spring.yearName} fall between 1 Aug ${startYearOf(spring.yearName)} and 31 Aug ${startYearOf(spring.yearName) + 1}`))] },
    });
    const late = await save(spring, on(spring, 1, "01-05"), on(spring, 1, "09-30"));
    expect(late).toMatchObject({ ok: false, fieldErrors: { endDate: [expect.stringMatching(/^Terms of .* fall between/)] } });
  });

  it("must not overlap the terms either side, nor come out of order", async () => {
    const autumn = term("autumn");
    const spring = term("spring");
    const overlap = await save(spring, autumn.endDate, on(spring, 1, "03-31"));
    expect(overlap).toMatchObject({ ok: false, fieldErrors: { startDate: [expect.stringMatching(/ends on .*: start the spring term after that$/)] } });
    const intoSummer = await save(spring, on(spring, 1, "01-05"), term("summer").startDate);
    expect(intoSummer).toMatchObject({ ok: false, fieldErrors: { endDate: [expect.stringMatching(/starts on .*: end the spring term before that$/)] } });
    const before = await save(autumn, on(autumn, 0, "09-03"), on(autumn, 1, "02-01"));
    expect(before).toMatchObject({ ok: false, fieldErrors: { endDate: [expect.stringMatching(/starts on/)] } });
  });

  it("are saved when they are right", async () => {
    const spring = term("spring");
    expect(await save(spring, on(spring, 1, "01-05"), on(spring, 1, "03-27"))).toMatchObject({ ok: true });
    expect(term("spring")).toMatchObject({ startDate: on(spring, 1, "01-05"), endDate: on(spring, 1, "03-27") });
  });
});
