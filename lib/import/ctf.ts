import { XMLParser } from "fast-xml-parser";
import type { TermName, YearGroup } from "@/db/schema/enums";
import type { AssessmentScheme } from "@/lib/analytics/schemes";
import { LineProblems, shown, type LineError } from "./csv";
import { readResult, readYearGroup } from "./mapping";
import { parseUpn, type PupilImportRow } from "./pupils";

/**
 * The DfE's Common Transfer File (CTF) and XML data transfers, as every English MIS exports them:
 *
 * CTfile > Header (DocumentName, CTFversion, DateTime, SourceSchool > SchoolName, LEA, Estab)
 * CTfile > CTFpupilData > Pupil >
 *   UPN, Surname, Forename, DOB, Gender (or Sex),
 *   BasicDetails > NCyearActual, Languages > Type (LanguageType FIRST, Language), InCare (or
 *     LookedAfter > InCare)
 *   FSMhistory > FSMinstance (FSMstartDate, FSMendDate)
 *   SENhistory > SEN (StartDate, SENprovision)
 *   StageAssessments > KeyStage (Stage) > StageAssessment (Locale, Year, Subject, Method, Component,
 *     ResultQualifier, Result, ResultDate)
 *
 * Elements are found by name within each pupil wherever the CTF version nests them. Pure.
 */

/** A result carried by the CTF, placed in the academic year and term it was given. */
type CtfResult = { upn: string; academicYear: string; term: TermName; subject: string; result: string; stage: string };

export type CtfFile = {
  sourceSchool: string | null;
  version: string | null;
  pupils: PupilImportRow[];
  results: CtfResult[];
  /** Results in the file that do not map onto the school's scheme (another subject, a test mark…). */
  unmappedResults: number;
};

type Node = Record<string, unknown>;

const ARRAYS = new Set(["Pupil", "FSMinstance", "SEN", "Type", "KeyStage", "StageAssessment"]);

function asArray<T>(v: T | T[] | undefined): T[] {
  return v === undefined || v === null ? [] : Array.isArray(v) ? v : [v];
}

function text(v: unknown): string {
  if (v === undefined || v === null) return "";
  if (typeof v === "object") return text((v as Node)["#text"]);
  return String(v).trim();
}

/** The first element of that name anywhere below `node` (depth first), or undefined. */
function find(node: unknown, name: string): unknown {
  if (!node || typeof node !== "object") return undefined;
  if (Array.isArray(node)) {
    for (const n of node) {
      const f = find(n, name);
      if (f !== undefined) return f;
    }
    return undefined;
  }
  const o = node as Node;
  if (name in o) return o[name];
  for (const [k, v] of Object.entries(o)) {
    if (k === "StageAssessments") continue;
    const f = find(v, name);
    if (f !== undefined) return f;
  }
  return undefined;
}

/** "2025-06-30" → the academic year ("2024-25") and term (autumn Sep–Dec, spring Jan–Mar, summer Apr–Aug). */
export function termOfDate(date: string): { academicYear: string; term: TermName } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!m) return null;
  const y = Number(m[1]);
  const month = Number(m[2]);
  const start = month >= 9 ? y : y - 1;
  const term: TermName = month >= 9 ? "autumn" : month <= 3 ? "spring" : "summer";
  return { academicYear: `${start}-${String((start + 1) % 100).padStart(2, "0")}`, term };
}

/** A CTF subject (and component) → the scheme's subject, or null. */
function subjectOf(scheme: AssessmentScheme, subject: string, component: string): string | null {
  const s = subject.toUpperCase();
  const c = component.toUpperCase();
  const has = (x: string) => scheme.subjects.includes(x);
  if ((["RD", "REA", "READ", "READING"].includes(c) || ["REA", "READ", "READING"].includes(s)) && has("reading")) return "reading";
  if ((["WR", "WRI", "WRIT", "WRITING"].includes(c) || ["WRI", "WRIT", "WRITING"].includes(s)) && has("writing")) return "writing";
  if (["MAT", "MA", "MATHS", "MATHEMATICS"].includes(s)) return has("maths") ? "maths" : null;
  if (["SCI", "SC", "SCIENCE"].includes(s)) return has("science") ? "science" : null;
  if (["ENG", "EN", "ENGLISH"].includes(s) && !c) return has("english") ? "english" : null;
  if (["HIS", "HIST", "HISTORY"].includes(s)) return has("history") ? "history" : null;
  if (["GEO", "GEOG", "GEOGRAPHY"].includes(s)) return has("geography") ? "geography" : null;
  if (["MFL", "FRE", "GER", "SPA", "LAN"].includes(s)) return has("languages") ? "languages" : null;
  return null;
}

function isTrue(v: string) {
  return /^(true|1|y|yes)$/i.test(v);
}

/**
 * Reads a CTF: its pupils as pupil-import rows, and the results it carries that map onto the school's
 * scheme. Disadvantaged = eligible for free school meals at any time in the six years before `today`
 * or looked after; fsm = eligible today; SEN = the latest SEN provision (K or E; none is N); EAL = a
 * first language other than English (ENG, ENB); looked after = InCare true. Every pupil problem is
 * named by the pupil's position in the file and UPN.
 */
export function parseCtf(xml: string, { scheme, today }: { scheme: AssessmentScheme; today: string }): { ok: true; file: CtfFile } | { ok: false; errors: LineError[] } {
  let doc: Node;
  try {
    const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: true, isArray: (name) => ARRAYS.has(name) });
    doc = parser.parse(xml, true) as Node;
  } catch (e) {
    return { ok: false, errors: [{ line: null, message: `The XML cannot be read: ${(e as Error).message.split("\n")[0]}` }] };
  }
  const root = (doc["CTfile"] ?? doc["CTFile"]) as Node | undefined;
  if (!root) return { ok: false, errors: [{ line: null, message: "This XML file is not a Common Transfer File: it has no CTfile element." }] };
  const header = (root["Header"] ?? {}) as Node;
  const source = (header["SourceSchool"] ?? {}) as Node;
  const pupilNodes = asArray((root["CTFpupilData"] as Node | undefined)?.["Pupil"] as Node[] | undefined);
  if (pupilNodes.length === 0) return { ok: false, errors: [{ line: null, message: "The Common Transfer File has no pupils (no CTFpupilData > Pupil elements)." }] };

  const sixYearsAgo = `${Number(today.slice(0, 4)) - 6}${today.slice(4)}`;
  const problems = new LineProblems();
  const pupils: PupilImportRow[] = [];
  const results: CtfResult[] = [];
  const firstOf = new Map<string, number>();
  const labels = new Map<number, string>();
  let unmapped = 0;

  pupilNodes.forEach((p, i) => {
    const n = i + 1;
    const rawUpn = text(p["UPN"]);
    const upn = parseUpn(rawUpn);
    labels.set(n, upn ?? (rawUpn ? `UPN ${shown(rawUpn)}` : "no UPN"));
    const say = (msg: string) => problems.add(n, msg);
    if (!upn) say(`UPN ${shown(rawUpn)} is not a UPN (13 characters: a letter, 11 digits, then a digit or letter)`);
    else if (firstOf.has(upn)) say(`appears twice (also pupil ${firstOf.get(upn)})`);
    else firstOf.set(upn, n);
    const firstName = text(p["Forename"] ?? p["PreferredForename"]);
    const lastName = text(p["Surname"] ?? p["PreferredSurname"]);
    if (!firstName) say("Forename is empty");
    if (!lastName) say("Surname is empty");
    const rawGender = text(p["Gender"] ?? p["Sex"] ?? find(p, "Gender") ?? find(p, "Sex"));
    const g = rawGender.toUpperCase();
    const gender = g === "M" || g === "F" || g === "X" ? g : g === "U" || g === "9" ? "X" : null;
    if (!gender) say(`Gender ${shown(rawGender)} is not M, F or X`);
    const rawYear = text(find(p, "NCyearActual"));
    const yearGroup: YearGroup | null = readYearGroup(rawYear);
    if (!yearGroup) say(`NCyearActual ${shown(rawYear)} is not a year group from R to 13`);

    const fsmSpells = asArray(find(p, "FSMinstance") as Node[] | undefined).map((f) => ({ start: text(f["FSMstartDate"]), end: text(f["FSMendDate"]) }));
    const fsm = fsmSpells.some((f) => f.start && f.start <= today && (!f.end || f.end >= today));
    const fsm6 = fsmSpells.some((f) => f.start && f.start <= today && (!f.end || f.end >= sixYearsAgo));
    const lookedAfter = isTrue(text(find(p, "InCare")));

    const senSpells = asArray(((find(p, "SENhistory") ?? {}) as Node)["SEN"] as Node[] | undefined)
      .map((s) => ({ start: text(s["StartDate"]), end: text(s["EndDate"]), provision: text(s["SENprovision"]).toUpperCase() }))
      .filter((s) => !s.end || s.end >= today)
      .sort((a, b) => a.start.localeCompare(b.start));
    const latest = senSpells.at(-1)?.provision ?? text(find(p, "SENprovision")).toUpperCase();
    const sen: "N" | "K" | "E" = latest === "E" || latest === "S" ? "E" : latest === "K" || latest === "A" || latest === "P" ? "K" : "N";

    const languages = asArray(((find(p, "Languages") ?? {}) as Node)["Type"] as Node[] | undefined);
    const first = languages.find((l) => text(l["LanguageType"]).toUpperCase() === "FIRST") ?? languages[0];
    const language = first ? text(first["Language"]).toUpperCase() : "";
    const eal = language !== "" && !["ENG", "ENB"].includes(language) && !language.startsWith("ENG");

    if (upn && firstName && lastName && gender && yearGroup) {
      pupils.push({ line: n, upn, firstName, lastName, yearGroup, className: null, gender, disadvantaged: fsm6 || lookedAfter, fsm, sen, eal, lookedAfter });
    }

    for (const ks of asArray((p["StageAssessments"] as Node | undefined)?.["KeyStage"] as Node[] | undefined)) {
      const stage = text(ks["Stage"]);
      for (const a of asArray(ks["StageAssessment"] as Node[] | undefined)) {
        const subject = subjectOf(scheme, text(a["Subject"]), text(a["Component"]));
        const result = readResult(scheme, text(a["Result"]));
        const date = text(a["ResultDate"]);
        const year = text(a["Year"]);
        const when = termOfDate(date) ?? (/^\d{4}$/.test(year) ? termOfDate(`${year}-07-01`) : null);
        if (!upn || !subject || !result || !when) {
          unmapped++;
          continue;
        }
        results.push({ upn, ...when, subject, result, stage });
      }
    }
  });
  if (problems.size) {
    return { ok: false, errors: problems.toErrors().map((e) => ({ line: null, message: `Pupil ${e.line} (${labels.get(e.line!)}): ${e.message}` })) };
  }
  // A later result for the same subject and term wins (a CTF may carry a re-assessment).
  const byKey = new Map<string, CtfResult>();
  for (const r of results) byKey.set(`${r.upn}|${r.academicYear}|${r.term}|${r.subject}`, r);
  return {
    ok: true,
    file: {
      sourceSchool: text(source["SchoolName"]) || null,
      version: text(header["CTFversion"]) || null,
      pupils,
      results: [...byKey.values()],
      unmappedResults: unmapped,
    },
  };
}
