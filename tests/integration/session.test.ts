import { beforeAll, describe, expect, it } from "vitest";
import { signOutAction } from "@/app/(app)/actions";
import { newRecoveryCodesAction, signOutEverywhereAction } from "@/app/(app)/account/actions";
import { endUserSessionsAction } from "@/app/(app)/admin/actions";
import { createSession, listUserSessions } from "@/lib/data/sessions";
import { listAudit } from "@/lib/data/audit";
import { actAs, createOnePerRole, ensureTestSchool } from "../factories";
import { expectRefused } from "./helpers";

let people: ReturnType<typeof createOnePerRole>;
beforeAll(() => {
  ensureTestSchool();
  people = createOnePerRole();
});

describe("sign out", () => {
  it("refuses a signed-out caller", async () => {
    await expectRefused(signOutAction, {}, [null]);
    await expectRefused(signOutEverywhereAction, {}, [null]);
    await expectRefused(newRecoveryCodesAction, { password: "x" }, [null]);
  });

  it("only the head ends someone else's sessions", async () => {
    const { headteacher, slt, staff, governor, adviser } = people;
    createSession({ userId: staff.id });
    createSession({ userId: staff.id });
    await expectRefused(endUserSessionsAction, { id: staff.id }, [null, slt, staff, governor, adviser]);
    expect(listUserSessions({ userId: staff.id })).toHaveLength(2);
    actAs(headteacher);
    expect(await endUserSessionsAction({ id: staff.id })).toEqual({ ok: true, data: { name: staff.name, ended: 2 } });
    expect(listUserSessions({ userId: staff.id })).toHaveLength(0);
    expect(listAudit({ userId: headteacher.id }).map((r) => r.verb)).toContain("end-sessions");
  });

  it("refuses new recovery codes without a second factor", async () => {
    actAs(people.slt);
    expect(await newRecoveryCodesAction({ password: "correct horse battery" })).toMatchObject({ ok: false, formError: "Turn on two-step verification first." });
  });
});
