import "server-only";
import { eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { users, type Role } from "@/db/schema";
import { findStaffNamesIn } from "@/lib/analytics/monitoring";
import { ValidationError } from "@/lib/errors";
import { assertPersonRole, STAFF_ROLES } from "../users";

// ---- People ------------------------------------------------------------------------------------

type PersonRow = { id: string; name: string; role: Role; disabled: boolean; isTeaching: boolean };

export function findPerson(id: string, db: DbOrTx): PersonRow | undefined {
  return db.select({ id: users.id, name: users.name, role: users.role, disabled: users.disabled, isTeaching: users.isTeaching }).from(users).where(eq(users.id, id)).get();
}

export function assertStaff(ids: string[], field: string, message: string, db: DbOrTx) {
  for (const id of ids) assertPersonRole(id, STAFF_ROLES, field, message, db);
}

/**
 * Refuses text that names a member of staff (full name, or title and surname). Activity summaries and
 * visit notes are read by governors and advisers, who must never see a teacher named (SPEC §1, §3.5).
 * Former staff count too: a disabled account's name is still a person's name.
 */
export function assertNamesNoStaff(fields: Record<string, string | null | undefined>, db: DbOrTx) {
  const names = db.select({ name: users.name }).from(users).where(inArray(users.role, STAFF_ROLES)).all().map((u) => u.name);
  const errors: Record<string, string[]> = {};
  for (const [field, value] of Object.entries(fields)) {
    const found = findStaffNamesIn(value ?? "", names);
    if (found.length) {
      errors[field] = [`Do not name staff here (this mentions ${found.join(" and ")}): governors read it. Describe the class, year group or subject instead`];
    }
  }
  if (Object.keys(errors).length) throw new ValidationError("This summary names a member of staff. Governors and advisers read it, so describe the class, year group or subject instead.", errors);
}
