import { notFound } from "next/navigation";
import { PupilRecord } from "@/components/pupils/pupil-record";
import { requireUser } from "@/lib/auth/session";
import { getPupilRecord } from "@/lib/data/pupils";
import { getSchoolScheme } from "@/lib/data/school";
import { orRefuse } from "@/lib/page-guard";

export const metadata = { title: "Pupil" };

/**
 * One pupil's record: details and flags, results by term and subject across the years, attendance by
 * term, and their progress-meeting history. Leaders see any pupil; staff only a pupil in a class they teach (checked
 * before anything is loaded, with the same answer whether or not the pupil exists); governors and
 * advisers never.
 */
export default async function PupilPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const { id } = await params;
  const record = orRefuse(() => getPupilRecord({ id, viewer: user }));
  if (!record) notFound();

  return <PupilRecord pupil={record.pupil} scheme={getSchoolScheme()} results={record.results} items={record.items} attendance={record.attendance} />;
}
