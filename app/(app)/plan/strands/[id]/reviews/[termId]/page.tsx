import { notFound } from "next/navigation";
import { PageHeader } from "@/components/layout/page-header";
import { leadOptions } from "@/app/(app)/plan/_lib/options";
import { ReviewForm } from "@/app/(app)/plan/_components/review-form";
import { formatTerm } from "@/lib/format";
import { requirePermission } from "@/lib/auth/session";
import { todayIso } from "@/lib/data/school";
import { findStrand, getStrandDetail, listEvidenceCandidates } from "@/lib/data/sip";
import { LEAD_ROLES } from "@/lib/data/users";

export const metadata = { title: "Termly review" };

export default async function ReviewPage({ params }: { params: Promise<{ id: string; termId: string }> }) {
  const user = await requirePermission("review.edit");
  const { id, termId } = await params;
  if (!findStrand({ id })) notFound();
  const d = getStrandDetail({ id, viewer: user });
  const term = d.yearTerms.find((t) => t.id === termId);
  if (!term) notFound();
  const today = todayIso();
  const review = d.reviews.find((r) => r.termId === termId) ?? null;
  const crumbs = [
    { href: d.year.isCurrent ? "/plan" : `/plan?year=${d.year.name}`, label: `Improvement plan ${d.year.name}` },
    { href: `/plan/strands/${id}`, label: d.strand.title },
  ];
  const title = `${review ? "Edit the" : "Write the"} ${formatTerm(term)} review`;
  if (term.startDate > today) {
    return (
      <>
        <PageHeader caption={d.strand.title} title={title} crumbs={crumbs} />
        <p>The {formatTerm(term)} term has not started yet, so it cannot be reviewed.</p>
      </>
    );
  }
  const candidates = listEvidenceCandidates({ strandId: id, termId, viewer: user }).map((c) => ({ value: c.key, label: c.label }));
  const offered = new Set(candidates.map((c) => c.value));
  // Evidence cited earlier stays selectable even if its record no longer points at this strand.
  for (const e of review?.evidence ?? []) {
    const key = `${e.targetType}:${e.targetId}`;
    if (e.targetType !== "document" && !offered.has(key)) candidates.push({ value: key, label: e.label });
  }
  const reviewedOn = today <= term.endDate ? today : term.endDate;
  return (
    <>
      <PageHeader
        caption={`${d.strand.title} · Strand ${d.number}`}
        title={title}
        description="Judge the strand against its success criteria and milestones. Governors read and comment on reviews."
        crumbs={crumbs}
      />
      <ReviewForm
        candidates={candidates}
        reviewers={leadOptions()}
        values={{
          strandId: id,
          termId,
          id: review?.id ?? null,
          version: review?.version ?? null,
          rag: review?.rag ?? "",
          progress: review?.progress ?? "",
          impact: review?.impact ?? "",
          nextSteps: review?.nextSteps ?? "",
          reviewerId: review?.reviewerId ?? (LEAD_ROLES.includes(user.role) ? user.id : ""),
          reviewedOn: review?.reviewedOn ?? reviewedOn,
          evidenceKeys: (review?.evidence ?? []).filter((e) => e.targetType !== "document").map((e) => `${e.targetType}:${e.targetId}`),
          evidenceUrls: (review?.evidence ?? []).filter((e) => e.targetType === "document").map((e) => ({ label: e.label, url: e.url ?? "" })),
        }}
      />
    </>
  );
}
