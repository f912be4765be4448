/**
 * Report URLs carry the term as "2026-27-autumn" (a colon is awkward in a path); the data and JSON use
 * "2026-27:autumn".
 */
export function termKeyToSlug(key: string): string {
  return key.replace(":", "-");
}

export function slugToTermKey(slug: string): string | null {
  const m = /^(\d{4}-\d{2})[-:](autumn|spring|summer)$/.exec(decodeURIComponent(slug));
  return m ? `${m[1]}:${m[2]}` : null;
}
