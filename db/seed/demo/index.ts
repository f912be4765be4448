import type { DB, DbOrTx } from "../../client";
import { isFreshInstall } from "@/lib/data/school";
import { hashPassword } from "@/lib/auth/password";
import { createRandom } from "../random";
import { DEMO_PASSWORD, seedDemoFoundation, type DemoContext } from "./foundation";
import { seedDemoMeetings } from "./meetings";
import { seedDemoMonitoring } from "./monitoring";
import { seedDemoAttendance } from "./attendance";
import { seedDemoPupils } from "./pupils";
import { seedDemoPpm } from "./ppm";
import { seedDemoReport } from "./report";
import { refreshDemoSefContext, seedDemoSef } from "./sef";
import { seedDemoSip } from "./sip";
import { writeTransaction } from "@/lib/data/transaction";

/**
 * Every area's demo seeder, run in order after the foundation (school, years, people). Later seeders
 * may read what earlier ones made. refreshDemoSefContext fills the published SEFs' computed context
 * from the pupils: keep it after seedDemoPupils.
 */
const AREA_SEEDERS: ((ctx: DemoContext, db: DbOrTx) => void)[] = [
  seedDemoSip,
  seedDemoSef,
  seedDemoMonitoring,
  seedDemoPupils,
  seedDemoAttendance,
  refreshDemoSefContext,
  seedDemoPpm,
  seedDemoReport,
  seedDemoMeetings,
];

/**
 * Loads the demo school into an empty database: deterministic (fixed seed), one transaction, so a
 * failure leaves the database empty rather than half-seeded.
 */
export async function seedDemo(db: DB) {
  if (!isFreshInstall(db)) throw new Error("The database is not empty: the demo school can only be loaded into an empty database.");
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  writeTransaction(db, (tx) => {
    const ctx = seedDemoFoundation(tx, createRandom(20260901), passwordHash);
    for (const seed of AREA_SEEDERS) seed(ctx, tx);
  });
}
