import type { ReactNode } from "react";
import type { ReportData } from "@/lib/report/types";

/** What every section component receives: the report, the narrative renderer and how charts are drawn. */
export type SectionProps = {
  data: ReportData;
  /** The narrative for a key (the draft's editor in its place, or the saved text), or null. */
  narrative: (key: string) => ReactNode;
  /**
   * "interactive": the page's charts, drawn on the server as SVG beside their tables; "static": the
   * print view's compact charts; false: tables only.
   */
  charts: "interactive" | "static" | false;
};
