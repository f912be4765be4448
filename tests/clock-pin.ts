/**
 * The date the test suites pin the clock to unless WAYMARK_NOW says otherwise: the day the demo
 * school is written for (see db/seed/demo/dates). Run the suites with WAYMARK_NOW=2027-01-15 or
 * WAYMARK_NOW=2028-06-01 to check that nothing depends on the date.
 */
export const TEST_TODAY = "2026-11-23";

export function pinTestClock(): string {
  process.env.WAYMARK_NOW ||= TEST_TODAY;
  return process.env.WAYMARK_NOW;
}
