/** "R" → "Reception", "Y6" → "Year 6"; no year group → "". */
export function yearGroupLabel(yg: string | null | undefined): string {
  if (!yg) return "";
  return yg === "R" ? "Reception" : /^Y\d+$/.test(yg) ? `Year ${yg.slice(1)}` : yg;
}
