import type { GradeTone, SchoolContext, SefSnapshot, SefSnapshotArea } from "./sef-snapshot";

type DiffOp = "same" | "add" | "del";
export type DiffPart = { op: DiffOp; text: string };
export type TextDiff = { changed: boolean; parts: DiffPart[] };

/**
 * Above this many token pairs a word-level comparison would cost too much memory (LCS is n × m), so
 * the text is compared line by line instead.
 */
const MAX_CELLS = 2_000_000;

/** Words and the whitespace between them, kept as separate tokens so the diff can be re-joined exactly. */
export function tokenizeWords(text: string): string[] {
  return text.match(/\s+|[^\s]+/g) ?? [];
}

/** Lines, each keeping its newline, so the diff re-joins exactly. */
function tokenizeLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** Longest-common-subsequence diff of two token lists, merged into runs of the same operation. */
export function diffTokens(a: readonly string[], b: readonly string[]): DiffPart[] {
  // Trim the common head and tail first: most edits touch a small part of a long text.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  const n = midA.length;
  const m = midB.length;
  const parts: DiffPart[] = [];
  const push = (op: DiffOp, text: string) => {
    if (!text) return;
    const last = parts[parts.length - 1];
    if (last && last.op === op) last.text += text;
    else parts.push({ op, text });
  };
  push("same", a.slice(0, start).join(""));
  // lcs[i][j] = length of the LCS of midA[i..] and midB[j..], in one flat array.
  const width = m + 1;
  const lcs = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * width + j] = midA[i] === midB[j] ? lcs[(i + 1) * width + j + 1]! + 1 : Math.max(lcs[(i + 1) * width + j]!, lcs[i * width + j + 1]!);
    }
  }
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && midA[i] === midB[j]) {
      push("same", midA[i]!);
      i++;
      j++;
    } else if (i < n && (j === m || lcs[(i + 1) * width + j]! >= lcs[i * width + j + 1]!)) {
      // Removals before additions, so a replaced word reads "old new".
      push("del", midA[i]!);
      i++;
    } else {
      push("add", midB[j]!);
      j++;
    }
  }
  push("same", a.slice(endA).join(""));
  return parts;
}

/**
 * What changed between two texts, word by word (line by line for very long texts). A change of
 * whitespace alone between the same words is not reported as a change.
 */
export function diffText(before: string, after: string): TextDiff {
  if (before === after) return { changed: false, parts: before ? [{ op: "same", text: before }] : [] };
  if (normaliseSpace(before) === normaliseSpace(after)) return { changed: false, parts: after ? [{ op: "same", text: after }] : [] };
  const wa = tokenizeWords(before);
  const wb = tokenizeWords(after);
  const parts = wa.length * wb.length <= MAX_CELLS ? diffTokens(wa, wb) : diffTokens(tokenizeLines(before), tokenizeLines(after));
  return { changed: true, parts: mergeShortEqualities(parts) };
}

/**
 * A rewritten sentence shares little words ("is", "the", "and") with the old one, and a pure LCS
 * keeps them, scattering the highlight word by word. As diff-match-patch's semantic clean-up does, an
 * unchanged run no longer than the changes on both sides of it is folded into them, so the reader
 * sees "this sentence was replaced by that one". Both texts still re-join exactly.
 */
function mergeShortEqualities(parts: DiffPart[]): DiffPart[] {
  type Seg = { eq: string } | { del: string; add: string };
  const segs: Seg[] = [];
  for (const p of parts) {
    const last = segs[segs.length - 1];
    if (p.op === "same") segs.push({ eq: p.text });
    else if (last && !("eq" in last)) last[p.op === "del" ? "del" : "add"] += p.text;
    else segs.push(p.op === "del" ? { del: p.text, add: "" } : { del: "", add: p.text });
  }
  let merged = true;
  while (merged) {
    merged = false;
    for (let i = 1; i < segs.length - 1; i++) {
      const prev = segs[i - 1]!;
      const eq = segs[i]!;
      const next = segs[i + 1]!;
      if (!("eq" in eq) || "eq" in prev || "eq" in next) continue;
      const n = eq.eq.length;
      if (n <= Math.max(prev.del.length, prev.add.length) && n <= Math.max(next.del.length, next.add.length)) {
        segs.splice(i - 1, 3, { del: prev.del + eq.eq + next.del, add: prev.add + eq.eq + next.add });
        merged = true;
        break;
      }
    }
  }
  const out: DiffPart[] = [];
  for (const seg of segs) {
    if ("eq" in seg) out.push({ op: "same", text: seg.eq });
    else {
      if (seg.del) out.push({ op: "del", text: seg.del });
      if (seg.add) out.push({ op: "add", text: seg.add });
    }
  }
  return out;
}

function normaliseSpace(s: string) {
  return s.trim().replace(/\s+/g, " ");
}

// ---- Snapshots ---------------------------------------------------------------------------------

type GradeView = { id: string; label: string; tone: GradeTone | null; rank: number | null } | null;

type PointDiff = {
  status: "added" | "removed" | "changed" | "unchanged";
  before: string | null;
  after: string | null;
  parts: DiffPart[];
};

export type AreaDiff = {
  key: string;
  name: string;
  /** "added"/"removed": the area exists in only one of the two versions (e.g. after a framework switch). */
  status: "changed" | "unchanged" | "added" | "removed";
  grade: { before: GradeView; after: GradeView; changed: boolean; direction: "up" | "down" | "same" | null };
  strengths: TextDiff;
  developmentPoints: PointDiff[];
  evidence: { added: string[]; removed: string[]; unchanged: string[] };
};

type ContextDiffRow = { key: string; label: string; before: string; after: string; changed: boolean };

export type SefDiff = {
  frameworkChanged: boolean;
  overallSummary: TextDiff;
  contextNotes: TextDiff;
  context: ContextDiffRow[];
  areas: AreaDiff[];
  /** How many things changed in all: areas changed plus summary, notes and context rows. */
  changeCount: number;
};

function gradeOf(area: SefSnapshotArea | undefined): GradeView {
  if (!area?.grade) return null;
  return { id: area.grade, label: area.gradeLabel ?? area.grade, tone: area.gradeTone, rank: area.gradeRank };
}

function diffPoints(before: SefSnapshotArea["developmentPoints"], after: SefSnapshotArea["developmentPoints"]): PointDiff[] {
  const out: PointDiff[] = [];
  const afterById = new Map(after.map((p) => [p.id, p]));
  const matched = new Set<string>();
  for (const p of before) {
    // Points keep their id while they are edited, so a reworded point is a change, not a removal.
    const q = afterById.get(p.id) ?? after.find((x) => !matched.has(x.id) && x.text === p.text);
    if (q && !matched.has(q.id)) {
      matched.add(q.id);
      const d = diffText(p.text, q.text);
      out.push({ status: d.changed ? "changed" : "unchanged", before: p.text, after: q.text, parts: d.parts });
    } else {
      out.push({ status: "removed", before: p.text, after: null, parts: [{ op: "del", text: p.text }] });
    }
  }
  for (const q of after) {
    if (!matched.has(q.id)) out.push({ status: "added", before: null, after: q.text, parts: [{ op: "add", text: q.text }] });
  }
  return out;
}

function diffEvidence(before: SefSnapshotArea["evidence"], after: SefSnapshotArea["evidence"]) {
  const key = (e: SefSnapshotArea["evidence"][number]) => `${e.targetType}:${e.targetId ?? e.href ?? ""}:${e.label}`;
  const a = new Map(before.map((e) => [key(e), e.label]));
  const b = new Map(after.map((e) => [key(e), e.label]));
  return {
    added: [...b].filter(([k]) => !a.has(k)).map(([, l]) => l),
    removed: [...a].filter(([k]) => !b.has(k)).map(([, l]) => l),
    unchanged: [...b].filter(([k]) => a.has(k)).map(([, l]) => l),
  };
}

const EMPTY_AREA = (key: string, name: string): SefSnapshotArea => ({
  key,
  name,
  scaleType: "ordinal",
  grade: null,
  gradeLabel: null,
  gradeTone: null,
  gradeRank: null,
  strengths: "",
  developmentPoints: [],
  evidence: [],
});

/** Compares two areas of a SEF. */
export function diffArea(before: SefSnapshotArea | undefined, after: SefSnapshotArea | undefined): AreaDiff {
  const a = before ?? EMPTY_AREA(after!.key, after!.name);
  const b = after ?? EMPTY_AREA(before!.key, before!.name);
  const gBefore = gradeOf(before);
  const gAfter = gradeOf(after);
  const gradeChanged = (gBefore?.id ?? null) !== (gAfter?.id ?? null);
  // Rank 1 is the best grade on every scale, so a smaller rank is an improvement.
  const direction = gBefore?.rank != null && gAfter?.rank != null ? (gAfter.rank < gBefore.rank ? "up" : gAfter.rank > gBefore.rank ? "down" : "same") : null;
  const strengths = diffText(a.strengths, b.strengths);
  const developmentPoints = diffPoints(a.developmentPoints, b.developmentPoints);
  const evidence = diffEvidence(a.evidence, b.evidence);
  const changed = gradeChanged || strengths.changed || developmentPoints.some((p) => p.status !== "unchanged") || evidence.added.length > 0 || evidence.removed.length > 0;
  return {
    key: b.key,
    name: after?.name ?? a.name,
    status: !before ? "added" : !after ? "removed" : changed ? "changed" : "unchanged",
    grade: { before: gBefore, after: gAfter, changed: gradeChanged, direction },
    strengths,
    developmentPoints,
    evidence,
  };
}

function contextRows(before: SchoolContext, after: SchoolContext): ContextDiffRow[] {
  const show = (c: SchoolContext, key: string) => {
    if (!c) return "No pupil data";
    if (key === "onRoll") return String(c.onRoll);
    const g = c.groups.find((x) => x.key === key);
    return g ? `${g.pct.toFixed(1)}%` : "–";
  };
  const labels = new Map<string, string>([["onRoll", "Number on roll"]]);
  for (const g of [...(before?.groups ?? []), ...(after?.groups ?? [])]) if (!labels.has(g.key)) labels.set(g.key, g.label);
  return [...labels].map(([key, label]) => {
    const b = show(before, key);
    const a = show(after, key);
    return { key, label, before: b, after: a, changed: a !== b };
  });
}

/**
 * Everything that changed between two SEF snapshots: grades (with the direction of travel), word-level
 * changes to strengths, summary and notes, development points added, removed or reworded, evidence
 * added or removed, and changes to the computed school context. Areas are matched by their framework
 * key and listed in the order of the later version, then any the later version no longer has.
 */
export function diffSnapshots(before: SefSnapshot, after: SefSnapshot): SefDiff {
  const beforeByKey = new Map(before.areas.map((a) => [a.key, a]));
  const afterKeys = new Set(after.areas.map((a) => a.key));
  const areas = [...after.areas.map((a) => diffArea(beforeByKey.get(a.key), a)), ...before.areas.filter((a) => !afterKeys.has(a.key)).map((a) => diffArea(a, undefined))];
  const overallSummary = diffText(before.overallSummary, after.overallSummary);
  const contextNotes = diffText(before.contextNotes, after.contextNotes);
  const context = contextRows(before.context, after.context);
  const changeCount = areas.filter((a) => a.status !== "unchanged").length + (overallSummary.changed ? 1 : 0) + (contextNotes.changed ? 1 : 0) + context.filter((r) => r.changed).length;
  return { frameworkChanged: before.framework.id !== after.framework.id, overallSummary, contextNotes, context, areas, changeCount };
}
