/**
 * The termly report built in-process beside the least SQL that reads the same rows: the floor the
 * report's assembly could approach. Both run on the same connection, the median of several runs after
 * a warm-up; the queries the build issues are counted by wrapping the connection's `prepare`.
 */
import type Database from "better-sqlite3";
import { openDatabase } from "@/db/client";
import { assembleReport } from "@/lib/report/assemble";
import { listTerms } from "@/lib/data/school";

export type ReportFloor = { termKey: string; buildMs: number; warmMs: number; sqlMs: number; ratio: number; queries: number; sqlStatements: number; rows: number };

function median(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/**
 * The rows the report reads, each kind fetched once for the term (and the six-term trend window), in
 * the cheapest form: results and sessions from their covering indexes, the pupils of the window's
 * years once, the plan's rows one query per kind.
 */
function minimalSql(sqlite: Database.Database, termId: string): { statements: number; rows: number } {
  const terms = listTermIds(sqlite, termId);
  const yearId = (sqlite.prepare("SELECT academic_year_id AS y FROM terms WHERE id = ?").get(termId) as { y: string }).y;
  const inTerms = `(${terms.map(() => "?").join(",")})`;
  const queries: [string, unknown[]][] = [
    ["SELECT * FROM schools", []],
    ["SELECT * FROM reports WHERE term_id = ?", [termId]],
    ["SELECT n.* FROM report_narratives n JOIN reports r ON r.id = n.report_id WHERE r.term_id = ?", [termId]],
    ["SELECT snapshot FROM reports WHERE status = 'published' AND term_id <> ? ORDER BY published_at DESC LIMIT 1", [termId]],
    // The pupils of the window's years, once: the roll, and the groups for attainment and attendance.
    [
      `SELECT id, academic_year_id, year_group, gender, sen, eal, fsm, disadvantaged, looked_after FROM pupils WHERE academic_year_id IN (SELECT DISTINCT academic_year_id FROM terms WHERE id IN ${inTerms})`,
      terms,
    ],
    // Attainment and attendance for the trend window, from their covering indexes.
    [`SELECT term_id, subject, pupil_id, result FROM assessment_results WHERE term_id IN ${inTerms}`, terms],
    [`SELECT term_id, pupil_id, possible_sessions, attended_sessions FROM attendance_records WHERE term_id IN ${inTerms}`, terms],
    ["SELECT pupil_id, term_id, type FROM suspensions WHERE term_id IN (SELECT id FROM terms WHERE academic_year_id = ?)", [yearId]],
    // The plan: one query per kind of row.
    ["SELECT * FROM plans WHERE academic_year_id = ?", [yearId]],
    [
      "SELECT s.*, l.name AS lead, g.name AS governor FROM strands s JOIN plans p ON p.id = s.plan_id LEFT JOIN users l ON l.id = s.lead_id LEFT JOIN users g ON g.id = s.link_governor_id WHERE p.academic_year_id = ?",
      [yearId],
    ],
    ["SELECT c.* FROM success_criteria c JOIN strands s ON s.id = c.strand_id JOIN plans p ON p.id = s.plan_id WHERE p.academic_year_id = ?", [yearId]],
    [
      "SELECT v.* FROM criterion_values v JOIN success_criteria c ON c.id = v.criterion_id JOIN strands s ON s.id = c.strand_id JOIN plans p ON p.id = s.plan_id WHERE p.academic_year_id = ?",
      [yearId],
    ],
    ["SELECT a.* FROM plan_actions a JOIN strands s ON s.id = a.strand_id JOIN plans p ON p.id = s.plan_id WHERE p.academic_year_id = ?", [yearId]],
    ["SELECT r.* FROM reviews r JOIN strands s ON s.id = r.strand_id JOIN plans p ON p.id = s.plan_id WHERE p.academic_year_id = ? OR s.id IN (SELECT carried_from_id FROM strands)", [yearId]],
    [
      "SELECT e.* FROM evidence_links e JOIN reviews r ON r.id = e.owner_id JOIN strands s ON s.id = r.strand_id JOIN plans p ON p.id = s.plan_id WHERE e.owner_type = 'review' AND p.academic_year_id = ?",
      [yearId],
    ],
    ["SELECT f.* FROM monitoring_foci f JOIN strands s ON s.id = f.strand_id JOIN plans p ON p.id = s.plan_id WHERE p.academic_year_id = ?", [yearId]],
    // Monitoring this term.
    ["SELECT id, status, grade, teacher_id FROM observations WHERE term_id = ?", [termId]],
    ["SELECT j.* FROM observation_judgements j JOIN observations o ON o.id = j.observation_id WHERE o.term_id = ?", [termId]],
    ["SELECT id, type FROM monitoring_activities WHERE term_id = ?", [termId]],
    ["SELECT v.*, u.name FROM visits v JOIN users u ON u.id = v.visitor_id WHERE v.term_id = ?", [termId]],
    ["SELECT f.* FROM monitoring_foci f JOIN visits v ON v.id = f.record_id WHERE f.record_type = 'visit' AND v.term_id = ?", [termId]],
    ["SELECT id, role FROM users WHERE is_teaching = 1 AND disabled = 0", []],
    // Progress meetings, self-evaluation, governance.
    ["SELECT i.status, i.outcome_kind FROM progress_meeting_items i JOIN progress_meetings m ON m.id = i.meeting_id WHERE m.term_id = ?", [termId]],
    ["SELECT v.* FROM sef_versions v JOIN sefs s ON s.id = v.sef_id WHERE s.academic_year_id = ? ORDER BY v.number DESC LIMIT 1", [yearId]],
    ["SELECT c.* FROM challenges c WHERE c.term_id = ? OR c.status = 'open'", [termId]],
  ];
  let rows = 0;
  for (const [q, params] of queries) rows += sqlite.prepare(q).all(...params).length;
  return { statements: queries.length, rows };
}

function listTermIds(sqlite: Database.Database, termId: string): string[] {
  const all = sqlite.prepare("SELECT t.id FROM terms t JOIN academic_years y ON y.id = t.academic_year_id ORDER BY t.start_date").all() as { id: string }[];
  const i = all.findIndex((t) => t.id === termId);
  return all.slice(Math.max(0, i - 5), i + 1).map((t) => t.id);
}

/**
 * The build on a fresh connection each run ("cold": nothing memoised, as after any change to the data)
 * and repeated on one connection ("warm": what the server does between changes), beside the minimal SQL.
 */
export function reportFloor(file: string, termId: string, runs = 9): ReportFloor {
  const { sqlite, db } = openDatabase(file);
  const termKey = listTerms({}, db).find((t) => t.id === termId)!.key;
  let queries = 0;
  const prepare = sqlite.prepare.bind(sqlite);
  sqlite.prepare = ((source: string) => {
    queries++;
    return prepare(source);
  }) as typeof sqlite.prepare;
  assembleReport({ termId }, db);
  sqlite.prepare = prepare;
  const cold: number[] = [];
  const warm: number[] = [];
  const floor: number[] = [];
  let shape = { statements: 0, rows: 0 };
  for (let i = 0; i < runs + 2; i++) {
    const fresh = openDatabase(file);
    let t = performance.now();
    assembleReport({ termId }, fresh.db);
    if (i >= 2) cold.push(performance.now() - t);
    fresh.sqlite.close();
    t = performance.now();
    assembleReport({ termId }, db);
    if (i >= 2) warm.push(performance.now() - t);
    t = performance.now();
    shape = minimalSql(sqlite, termId);
    if (i >= 2) floor.push(performance.now() - t);
  }
  sqlite.close();
  const buildMs = median(cold);
  const sqlMs = median(floor);
  return { termKey, buildMs, warmMs: median(warm), sqlMs, ratio: buildMs / sqlMs, queries, sqlStatements: shape.statements, rows: shape.rows };
}
