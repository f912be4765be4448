import { formatTerm } from "@/lib/format";
import type { AttainmentRow } from "@/lib/analytics/attainment";
import { subjectLabel, yearGroupLabel } from "./labels";
import type { TrendPoint } from "./types";

/**
 * Simple bar and line charts as SVG strings, for the Word document (turned into PNG with resvg). Built by
 * hand rather than by rendering React on the server: a route handler then needs no DOM, and the same
 * numbers as the tables are drawn.
 */
/** The report's series colours, shared with the page's interactive charts: distinguishable in print and with enough contrast on white; every chart also has a table. */
const SERIES_COLOURS = ["#1d3a6e", "#b35c00", "#00703c", "#6f2c91", "#505a5f"];
const FONT = "DejaVu Sans, Liberation Sans, Arial, sans-serif";

function esc(s: string) {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

type Frame = { width: number; height: number; left: number; right: number; top: number; bottom: number };

function axes(f: Frame): string {
  const h = f.height - f.top - f.bottom;
  const parts: string[] = [];
  for (const v of [0, 25, 50, 75, 100]) {
    const y = f.top + h - (v / 100) * h;
    parts.push(`<line x1="${f.left}" y1="${y}" x2="${f.width - f.right}" y2="${y}" stroke="#d0d3d4" stroke-width="1"/>`);
    parts.push(`<text x="${f.left - 6}" y="${y + 4}" font-size="11" text-anchor="end" fill="#383f43" font-family="${FONT}">${v}%</text>`);
  }
  return parts.join("");
}

function legend(names: string[], f: Frame): string {
  let x = f.left;
  const y = f.height - 12;
  return names
    .map((n, i) => {
      const item = `<rect x="${x}" y="${y - 9}" width="10" height="10" fill="${SERIES_COLOURS[i % SERIES_COLOURS.length]}"/><text x="${x + 14}" y="${y}" font-size="11" fill="#0b0c0c" font-family="${FONT}">${esc(n)}</text>`;
      x += 24 + n.length * 6.5;
      return item;
    })
    .join("");
}

/** % at expected (all pupils) by year group, one bar per subject. */
export function attainmentBarSvg(rows: AttainmentRow[], width = 680, height = 300): string {
  const all = rows.filter((r) => r.group === "all");
  const subjects = [...new Set(all.map((r) => r.subject))];
  const groups = [...new Set(all.map((r) => r.yearGroup))];
  const f: Frame = { width, height, left: 44, right: 10, top: 12, bottom: 50 };
  const plotW = width - f.left - f.right;
  const plotH = height - f.top - f.bottom;
  const slot = plotW / Math.max(groups.length, 1);
  const barW = Math.max(4, (slot * 0.8) / Math.max(subjects.length, 1));
  const bars: string[] = [];
  groups.forEach((g, gi) => {
    subjects.forEach((s, si) => {
      const v = all.find((r) => r.yearGroup === g && r.subject === s)?.atExpectedPct;
      if (v === null || v === undefined) return;
      const x = f.left + gi * slot + slot * 0.1 + si * barW;
      const h = (v / 100) * plotH;
      bars.push(`<rect x="${x.toFixed(1)}" y="${(f.top + plotH - h).toFixed(1)}" width="${(barW - 1).toFixed(1)}" height="${h.toFixed(1)}" fill="${SERIES_COLOURS[si % SERIES_COLOURS.length]}"/>`);
    });
    bars.push(
      `<text x="${(f.left + gi * slot + slot / 2).toFixed(1)}" y="${f.top + plotH + 16}" font-size="11" text-anchor="middle" fill="#0b0c0c" font-family="${FONT}">${esc(yearGroupLabel(g))}</text>`,
    );
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><rect width="100%" height="100%" fill="#fff"/>${axes(f)}${bars.join("")}${legend(subjects.map(subjectLabel), f)}</svg>`;
}

/** One year group's % at expected across terms, a line per subject; `axisTerms` fixes the x axis (default: the points' terms). */
export function trendLineSvg(points: TrendPoint[], width = 680, height = 280, axisTerms?: string[]): string {
  const terms = axisTerms ?? [...new Set(points.map((p) => p.term))];
  const subjects = [...new Set(points.map((p) => p.subject))];
  const f: Frame = { width, height, left: 44, right: 44, top: 12, bottom: 50 }; // room for the last term's label
  const plotW = width - f.left - f.right;
  const plotH = height - f.top - f.bottom;
  const xOf = (i: number) => f.left + (terms.length <= 1 ? plotW / 2 : (i * plotW) / (terms.length - 1));
  const yOf = (v: number) => f.top + plotH - (v / 100) * plotH;
  const lines = subjects.map((s, si) => {
    const pts = terms
      .map((t, ti) => {
        const v = points.find((p) => p.term === t && p.subject === s)?.atExpectedPct;
        return v === null || v === undefined ? null : `${xOf(ti).toFixed(1)},${yOf(v).toFixed(1)}`;
      })
      .filter((p): p is string => p !== null);
    const colour = SERIES_COLOURS[si % SERIES_COLOURS.length];
    return `<polyline fill="none" stroke="${colour}" stroke-width="2" points="${pts.join(" ")}"/>${pts.map((p) => `<circle cx="${p.split(",")[0]}" cy="${p.split(",")[1]}" r="3" fill="${colour}"/>`).join("")}`;
  });
  const labels = terms.map(
    (t, ti) => `<text x="${xOf(ti).toFixed(1)}" y="${f.top + plotH + 16}" font-size="11" text-anchor="middle" fill="#0b0c0c" font-family="${FONT}">${esc(formatTerm(t))}</text>`,
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><rect width="100%" height="100%" fill="#fff"/>${axes(f)}${lines.join("")}${labels.join("")}${legend(subjects.map(subjectLabel), f)}</svg>`;
}
