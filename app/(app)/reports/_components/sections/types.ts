import type { ReactNode } from "react";
import type { ReportData } from "@/lib/report/types";

/** What every section component receives: the report, the narrative renderer and how charts are drawn. */
export type SectionProps = {
  data: ReportData;
  /** The narrative for a key (the draft's editor in its place, or the saved text), or null. */
  narrative: (key: string) => ReactNode;
  /**
   * "interactive": recharts, drawn once the page hydrates; "static": the same charts as SVG in the
   * server's HTML (the print view, which must print without waiting for scripts); false: tables only.
   */
  charts: "interactive" | "static" | false;
};
