import { forbidden, notFound } from "next/navigation";
import { PupilRecord } from "@/components/pupils/pupil-record";
import { requireUser } from "@/lib/auth/session";
import { findPupil, listPupilProgressItems, listPupilResults, teachesPupil } from "@/lib/data/pupils";
import { getSchoolScheme } from "@/lib/data/school";
import { listPupilAttendance } from "@/lib/data/attendance";
import { scopeOf } from "@/lib/policy";

export const metadata = { title: "Pupil" };

/**
 * One pupil's record: details and flags, results by term and subject across the years, attendance by
 * term, and their progress-meeting history. Leaders see any pupil; staff only a pupil in a class they teach (checked
 * before anything is loaded, with the same answer whether or not the pupil exists); governors and
 * advisers never.
 */
export default async function PupilPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const scope = scopeOf(user.role, "pupils.read");
  if (!scope) forbidden();
  const { id } = await params;
  if (scope === "own" && !teachesPupil({ userId: user.id, pupilId: id })) forbidden();
  const pupil = findPupil({ id });
  if (!pupil) notFound();

  return <PupilRecord pupil={pupil} scheme={getSchoolScheme()} results={listPupilResults({ upn: pupil.upn })} items={listPupilProgressItems({ upn: pupil.upn })} attendance={listPupilAttendance({ upn: pupil.upn })} />;
}
