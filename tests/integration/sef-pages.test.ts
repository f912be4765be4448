import { strFromU8, unzipSync } from "fflate";
import { listAudit } from "@/lib/data/audit";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as exportDocx } from "@/app/(app)/sef/export/docx/route";
import SefAreaPage from "@/app/(app)/sef/areas/[areaKey]/page";
import SefComparePage from "@/app/(app)/sef/compare/page";
import SefPage from "@/app/(app)/sef/page";
import SefPrintPage from "@/app/(app)/sef/print/page";
import SefVersionPage from "@/app/(app)/sef/versions/[number]/page";
import { CLI_ACTOR } from "@/lib/data/audit";
import { addDevelopmentPoint, buildSefSnapshot, getSefDraft, publishSef, snapshotStamp, startSef, updateSefArea } from "@/lib/data/sef";
import { actAs, createOnePerRole, ensureTestSchool } from "../factories";
import { expectRouteRefused } from "./helpers";

const PUBLISHED = "Phonics is a published strength.";
const DRAFT = "Draft only: writing improved this term.";

let people: ReturnType<typeof createOnePerRole>;

beforeAll(() => {
  const { term } = ensureTestSchool();
  people = createOnePerRole();
  const yearId = term.academicYearId;
  startSef({ academicYearId: yearId, actor: CLI_ACTOR });
  const area = () => getSefDraft({ academicYearId: yearId })!.areas.find((a) => a.areaKey === "curriculum_teaching")!;
  updateSefArea({ areaId: area().id, version: area().version, changes: { grade: "strong_standard", strengths: PUBLISHED }, actor: CLI_ACTOR });
  addDevelopmentPoint({ areaId: area().id, text: "Sequence the history curriculum.", actor: CLI_ACTOR });
  const head = { id: people.headteacher.id, name: people.headteacher.name };
  publishSef({ sefId: getSefDraft({ academicYearId: yearId })!.sef.id, draftStamp: snapshotStamp(buildSefSnapshot({ academicYearId: yearId })!), actor: head });
  updateSefArea({ areaId: area().id, version: area().version, changes: { grade: "exceptional", strengths: DRAFT }, actor: CLI_ACTOR });
});

const req = (query: string) => new Request(`http://localhost/sef/export/docx${query}`);
const search = (q: Record<string, string> = {}) => ({ searchParams: Promise.resolve(q) });

/** The text of a .docx, read back from its word/document.xml. */
async function docxText(res: Response) {
  const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
  const xml = strFromU8(files["word/document.xml"]!);
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(" ");
}

/** Everything a page element carries, as text (props of server components included). */
function serialise(el: unknown) {
  const seen = new WeakSet<object>();
  return JSON.stringify(el, (k, v) => {
    if (k.startsWith("_") || typeof v === "function" || typeof v === "symbol") return undefined;
    if (v && typeof v === "object") {
      if (seen.has(v)) return undefined;
      seen.add(v);
    }
    return v;
  });
}

async function statusOf(render: () => Promise<unknown>) {
  try {
    await render();
    return 200;
  } catch (e) {
    const digest = String((e as { digest?: string }).digest ?? (e as Error).message);
    return digest.includes("403") ? 403 : digest.includes("404") ? 404 : digest.includes("REDIRECT") ? 307 : 500;
  }
}

describe("Word export", () => {
  it("refuses the draft to staff, governors, advisers and the signed-out", async () => {
    await expectRouteRefused("/sef/export/docx", () => exportDocx(req("?version=draft")), [people.staff, people.governor, people.adviser, null]);
  });

  it("refuses the signed-out even the published version, and answers 404 for a version that does not exist", async () => {
    await expectRouteRefused("/sef/export/docx", () => exportDocx(req("")), [null]);
    actAs(people.governor);
    expect((await exportDocx(req("?version=9"))).status).toBe(404);
    expect((await exportDocx(req("?version=abc"))).status).toBe(404);
    expect((await exportDocx(req("?year=1999-00"))).status).toBe(404);
  });

  it("gives governors the published version, with the published text and not the draft", async () => {
    actAs(people.governor);
    const res = await exportDocx(req(""));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    expect(res.headers.get("content-disposition")).toContain("self-evaluation-2025-26-v1.docx");
    expect(listAudit({ userId: people.governor.id, area: "sef" })[0]).toMatchObject({ verb: "download", entityType: "sef-docx", summary: expect.stringContaining("self-evaluation-2025-26-v1.docx") });
    const text = await docxText(res);
    expect(text).toContain("Self-evaluation 2025-26");
    expect(text).toContain("Curriculum and teaching");
    expect(text).toContain(PUBLISHED);
    expect(text).toContain("Strong standard");
    expect(text).toContain("Sequence the history curriculum.");
    expect(text).toContain("Version 1, published");
    expect(text).not.toContain(DRAFT);
  });

  it("gives the head and senior leaders the draft when asked", async () => {
    for (const user of [people.headteacher, people.slt]) {
      actAs(user);
      const res = await exportDocx(req("?version=draft&year=2025-26"));
      expect(res.status).toBe(200);
      const text = await docxText(res);
      expect(text).toContain(DRAFT);
      expect(text).toContain("Exceptional");
      expect(text).toContain("Draft: not published.");
    }
  });
});

describe("pages refuse drafts to those who may not read them", () => {
  it("the area editor is for head and senior leaders only", async () => {
    const page = () => SefAreaPage({ params: Promise.resolve({ areaKey: "curriculum_teaching" }), ...search() });
    for (const user of [people.staff, people.governor, people.adviser]) {
      actAs(user);
      expect(await statusOf(page), user.role).toBe(403);
    }
    actAs(people.slt);
    expect(await statusOf(page)).toBe(200);
    actAs(people.headteacher);
    expect(await statusOf(() => SefAreaPage({ params: Promise.resolve({ areaKey: "sixth_form" }), ...search() }))).toBe(404);
  });

  it("print and compare refuse a forged ?version=draft / ?b=draft", async () => {
    for (const user of [people.staff, people.governor, people.adviser]) {
      actAs(user);
      expect(await statusOf(() => SefPrintPage(search({ version: "draft" })))).toBe(403);
      expect(await statusOf(() => SefComparePage(search({ a: "1", b: "draft" })))).toBe(403);
      expect(await statusOf(() => SefPrintPage(search()))).toBe(200);
    }
  });

  it("the SEF page shows governors, advisers and staff the published version only", async () => {
    for (const user of [people.staff, people.governor, people.adviser]) {
      actAs(user);
      const text = serialise(await SefPage(search()));
      expect(text).toContain(PUBLISHED);
      expect(text).not.toContain(DRAFT);
      expect(text).not.toContain("exceptional");
    }
    actAs(people.headteacher);
    expect(serialise(await SefPage(search()))).toContain(DRAFT);
  });

  it("a published version is readable by every role; an unknown one is 404", async () => {
    actAs(people.adviser);
    const text = serialise(await SefVersionPage({ params: Promise.resolve({ number: "1" }), ...search() }));
    expect(text).toContain(PUBLISHED);
    expect(await statusOf(() => SefVersionPage({ params: Promise.resolve({ number: "2" }), ...search() }))).toBe(404);
  });

  it("signed-out visitors are sent to sign in", async () => {
    actAs(null);
    expect(await statusOf(() => SefPage(search()))).toBe(307);
  });
});
