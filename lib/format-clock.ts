/** "14:05" in UK time: when something was last saved. */
export function formatClock(d: Date): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", hour: "2-digit", minute: "2-digit", hour12: false }).format(d);
}
