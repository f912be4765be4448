import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { Packer } from "docx";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { processKept } from "@/lib/kept";
import { users } from "@/db/schema";
import { seedDemo } from "@/db/seed/demo";
import { yn } from "@/db/seed/demo/dates";
import { findBoardMeetingForReport } from "@/lib/data/report-format";
import { reportForViewer } from "@/lib/report/access";
import { buildReportDocx, prepareReportDocx } from "@/lib/report/docx";
import { termKeyToSlug } from "@/lib/report/term-key";
import { idleWorker, waitingWork } from "@/lib/server/idle";

/**
 * The report page has its Word file built while the server is idle, so the first download is served
 * from what was built: the file prepared from the page's data is the one the download route asks for.
 */
let worker: ReturnType<typeof idleWorker>;
/**
 * A build whose charts are not drawn yet lays its pages out while they are drawn, without packing that
 * document, and packs once, with the charts. Each test starts with no charts kept.
 */
const PACKINGS = 1;
beforeAll(async () => {
  await seedDemo(db);
  worker = idleWorker({ isIdle: () => true, quietMs: 10, collect: null });
}, 120_000);
afterAll(() => worker.stop());

describe("the report's Word file, made ready when the server is idle", () => {
  it("is built once, from the page's data, and the download is served from it", async () => {
    const head = db.select({ id: users.id, role: users.role }).from(users).where(eq(users.role, "headteacher")).get()!;
    const slug = termKeyToSlug(`${yn("2025-26")}:spring`);
    const page = reportForViewer(head, slug);
    if (!page.ok) throw new Error(`no report: ${page.status}`);
    const meeting = () => findBoardMeetingForReport({ termId: page.term.id });
    processKept("chart-png", 36).clear();
    const packed = vi.spyOn(Packer, "toBuffer");
    prepareReportDocx(page.data, meeting);
    expect(waitingWork()).toEqual([`report-docx:${page.data.term}`]);
    expect(packed).not.toHaveBeenCalled();
    worker.quiet();
    await vi.waitFor(() => expect(packed).toHaveBeenCalledTimes(PACKINGS), { timeout: 60_000, interval: 50 });
    await packed.mock.results[PACKINGS - 1]!.value;
    expect(waitingWork()).toEqual([]);
    // The download route reads the report afresh, as its own request.
    const route = reportForViewer(head, slug);
    if (!route.ok) throw new Error(`no report: ${route.status}`);
    const file = await buildReportDocx(route.data, { meeting: meeting() });
    expect(file.subarray(0, 2).toString()).toBe("PK");
    expect(packed).toHaveBeenCalledTimes(PACKINGS);
    packed.mockRestore();
  }, 120_000);

  it("a download asked for while the file is being built waits for that build instead of starting another", async () => {
    const head = db.select({ id: users.id, role: users.role }).from(users).where(eq(users.role, "headteacher")).get()!;
    const page = reportForViewer(head, termKeyToSlug(`${yn("2025-26")}:autumn`));
    if (!page.ok) throw new Error(`no report: ${page.status}`);
    const meeting = findBoardMeetingForReport({ termId: page.term.id });
    processKept("chart-png", 36).clear();
    const packed = vi.spyOn(Packer, "toBuffer");
    const [first, second] = await Promise.all([buildReportDocx(page.data, { meeting }), buildReportDocx(page.data, { meeting })]);
    expect(second).toBe(first);
    expect(packed).toHaveBeenCalledTimes(PACKINGS);
    packed.mockRestore();
  }, 120_000);
});
