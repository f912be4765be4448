import type { ReactNode } from "react";
import { Tag, type Tone } from "@/components/ui/tag";
import type { ReportSection, ReportSectionMark } from "@/db/schema/enums";
import { formatOf, MARK_LABEL, placedSections } from "@/lib/report/format";
import { REPORT_SECTION_LABEL } from "@/lib/report/labels";
import type { ReportData } from "@/lib/report/types";
import { AttainmentSection } from "./sections/attainment";
import { AttendanceSection } from "./sections/attendance";
import { ContextSection } from "./sections/context";
import { GovernanceSection } from "./sections/governance";
import { MonitoringSection } from "./sections/monitoring";
import { PlanSection } from "./sections/plan";
import { PrioritiesSection } from "./sections/priorities";
import { ProgressMeetingsSection } from "./sections/progress-meetings";
import { SelfEvaluationSection } from "./sections/self-evaluation";
import { SummarySection } from "./sections/summary";
import type { SectionProps } from "./sections/types";

type Slots = {
  /** Replaces the narrative text of a section (the draft's editor). */
  narrative?: Partial<Record<string, ReactNode>>;
  /** Shown at the end of a section (e.g. "Ask a question about this section"). */
  after?: Partial<Record<ReportSection, ReactNode>>;
  charts?: SectionProps["charts"];
};

/** Each section's body, one component per section (mirroring lib/report/sections). */
const SECTION_BODY: Record<ReportSection, (p: SectionProps) => ReactNode> = {
  summary: SummarySection,
  context: ContextSection,
  plan: PlanSection,
  quality: MonitoringSection,
  attainment: AttainmentSection,
  attendance: AttendanceSection,
  progress_meetings: ProgressMeetingsSection,
  self_evaluation: SelfEvaluationSection,
  governance: GovernanceSection,
  priorities: PrioritiesSection,
};

/** Sections that place their own narrative inside their body rather than after it. */
const NARRATIVE_INSIDE = new Set<ReportSection>(["context", "summary"]);

const MARK_TONE: Record<ReportSectionMark, Tone> = { decision: "red", discussion: "amber", information: "grey" };

/**
 * The whole report, in the board's format (the sections it chose, in its order, each marked for
 * decision, discussion or information). Renders a draft or a frozen snapshot alike; the page and the
 * print view both use it.
 */
export function ReportView({ data, slots = {} }: { data: ReportData; slots?: Slots }) {
  const narrative = (key: string) =>
    slots.narrative?.[key] ??
    (data.narrative[key] ? (
      <div className="prose narrative" style={{ whiteSpace: "pre-wrap" }}>
        {data.narrative[key]}
      </div>
    ) : null);
  const props: SectionProps = { data, narrative, charts: slots.charts ?? "interactive" };
  const format = formatOf(data);
  const marked = !!data.format;
  return (
    <div className="report">
      {placedSections(format).map(({ key, number, mark }) => {
        const Body = SECTION_BODY[key];
        return (
          <section key={key} id={`section-${key}`} aria-labelledby={`h-${key}`} className={`report-section report-section-${key}`}>
            <h2 id={`h-${key}`}>
              {number !== null ? `${number}. ` : ""}
              {REPORT_SECTION_LABEL[key]}
            </h2>
            {marked && key !== "summary" ? (
              <p className="section-mark">
                <Tag tone={MARK_TONE[mark]}>{MARK_LABEL[mark]}</Tag>
              </p>
            ) : null}
            <Body {...props} />
            {NARRATIVE_INSIDE.has(key) ? null : narrative(key)}
            {slots.after?.[key]}
          </section>
        );
      })}
    </div>
  );
}
