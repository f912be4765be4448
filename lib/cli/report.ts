import { findTermByKey } from "@/lib/data/school";
import { getReportData } from "@/lib/report/assemble";
import type { Command } from "./commands";

/** The report area's commands (SPEC §4.1). */
export const REPORT_COMMANDS: Command[] = [
  {
    name: "report",
    usage: "report --term 2025-26:summer --format json",
    summary: "Print the termly report's data as JSON (SPEC §4.4)",
    run: (args, { db, io }) => {
      const key = typeof args.term === "string" ? args.term : undefined;
      const format = typeof args.format === "string" ? args.format : "json";
      if (!key || format !== "json") {
        io.err("Usage: report --term 2025-26:summer --format json");
        return 2;
      }
      if (!findTermByKey({ key }, db)) {
        io.err(`There is no term ${key}. Terms are named like 2025-26:summer.`);
        return 1;
      }
      // A published report prints its frozen snapshot; otherwise the draft as it would be assembled now.
      io.out(JSON.stringify(getReportData({ termKey: key }, db), null, 2));
      return 0;
    },
  },
];
