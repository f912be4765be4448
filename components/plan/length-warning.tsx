import { MAX_RECOMMENDED_STRANDS } from "@/lib/analytics/plan";

/** SPEC §3.4: plans that grow too long go unused, so the app warns, gently. */
export function LengthWarning({ count }: { count: number }) {
  return (
    <div className="warning" role="note">
      <strong>This plan has {count} strands.</strong> Plans with more than {MAX_RECOMMENDED_STRANDS} priorities are hard to keep in view and tend to go unused. Consider merging strands, or moving some
      into next year’s plan.
    </div>
  );
}
