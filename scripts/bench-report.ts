/**
 * The termly report built in-process beside the least SQL that reads the same rows: the floor the
 * report's assembly could approach. Both run on the same connection, the median of several runs after
 * a warm-up; the queries the build issues are counted by wrapping the connection's `prepare`.
 */
import type Database from "better-sqlite3";
import type { DB } from "@/db/client";
import { assembleReport } from "@/lib/report/assemble";
import { listTerms } from "@/lib/data/school";

export type ReportFloor = { termKey: string; buildMs: number; sqlMs: number; ratio: number; queries: number; sqlStatements: number; rows: number };

function median(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** The rows the report reads, each kind fetched once for the term (and the six-term trend window). */
function minimalSql(sqlite: Database.Database, termId: string): { statements: number; rows: number } {
  const terms = listTermIds(sqlite, termId);
  const yearId = (sqlite.prepare("SELECT academic_year_id AS y FROM terms WHERE id = ?").get(termId) as { y: string }).y;
  const inTerms = `(${terms.map(() => "?").join(",")})`;
  const queries: [string, unknown[]][] = [
    ["SELECT * FROM schools", []],
    ["SELECT * FROM reports WHERE term_id = ?", [termId]],
    ["SELECT n.* FROM report_narratives n JOIN reports r ON r.id = n.report_id WHERE r.term_id = ?", [termId]],
    ["SELECT snapshot FROM reports WHERE status = 'published' AND term_id <> ? ORDER BY published_at DESC LIMIT 1", [termId]],
    // Context: the roll.
    ["SELECT year_group, gender, sen, eal, fsm, disadvantaged, looked_after FROM pupils WHERE academic_year_id = ?", [yearId]],
    // Attainment for the trend window, with the pupils' groups.
    [`SELECT r.term_id, r.subject, r.result, p.year_group, p.disadvantaged, p.sen, p.eal, p.gender FROM assessment_results r JOIN pupils p ON p.id = r.pupil_id WHERE r.term_id IN ${inTerms}`, terms],
    // Attendance for the trend window, and the term's suspensions.
    [`SELECT a.term_id, a.possible_sessions, a.attended_sessions, a.authorised_absence, a.unauthorised_absence, p.year_group, p.disadvantaged, p.sen FROM attendance_records a JOIN pupils p ON p.id = a.pupil_id WHERE a.term_id IN ${inTerms}`, terms],
    ["SELECT s.*, p.year_group, p.disadvantaged FROM suspensions s JOIN pupils p ON p.id = s.pupil_id WHERE s.term_id = ?", [termId]],
    // The plan: one query per kind of row.
    ["SELECT * FROM plans WHERE academic_year_id = ?", [yearId]],
    ["SELECT s.*, l.name AS lead, g.name AS governor FROM strands s JOIN plans p ON p.id = s.plan_id LEFT JOIN users l ON l.id = s.lead_id LEFT JOIN users g ON g.id = s.link_governor_id WHERE p.academic_year_id = ?", [yearId]],
    ["SELECT c.* FROM success_criteria c JOIN strands s ON s.id = c.strand_id JOIN plans p ON p.id = s.plan_id WHERE p.academic_year_id = ?", [yearId]],
    ["SELECT v.* FROM criterion_values v JOIN success_criteria c ON c.id = v.criterion_id JOIN strands s ON s.id = c.strand_id JOIN plans p ON p.id = s.plan_id WHERE p.academic_year_id = ?", [yearId]],
    ["SELECT a.* FROM plan_actions a JOIN strands s ON s.id = a.strand_id JOIN plans p ON p.id = s.plan_id WHERE p.academic_year_id = ?", [yearId]],
    ["SELECT r.* FROM reviews r JOIN strands s ON s.id = r.strand_id JOIN plans p ON p.id = s.plan_id WHERE p.academic_year_id = ? OR s.id IN (SELECT carried_from_id FROM strands)", [yearId]],
    ["SELECT e.* FROM evidence_links e JOIN reviews r ON r.id = e.owner_id JOIN strands s ON s.id = r.strand_id JOIN plans p ON p.id = s.plan_id WHERE e.owner_type = 'review' AND p.academic_year_id = ?", [yearId]],
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

export function reportFloor(sqlite: Database.Database, db: DB, termId: string, runs = 9): ReportFloor {
  const termKey = listTerms({}, db).find((t) => t.id === termId)!.key;
  let queries = 0;
  const prepare = sqlite.prepare.bind(sqlite);
  const counting = ((source: string) => {
    queries++;
    return prepare(source);
  }) as typeof sqlite.prepare;
  sqlite.prepare = counting;
  assembleReport({ termId }, db);
  sqlite.prepare = prepare;
  const build: number[] = [];
  const floor: number[] = [];
  let shape = { statements: 0, rows: 0 };
  for (let i = 0; i < runs + 2; i++) {
    let t = performance.now();
    assembleReport({ termId }, db);
    if (i >= 2) build.push(performance.now() - t);
    t = performance.now();
    shape = minimalSql(sqlite, termId);
    if (i >= 2) floor.push(performance.now() - t);
  }
  const buildMs = median(build);
  const sqlMs = median(floor);
  return { termKey, buildMs, sqlMs, ratio: buildMs / sqlMs, queries, sqlStatements: shape.statements, rows: shape.rows };
}
