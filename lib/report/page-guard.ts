import "server-only";
import { cache } from "react";
import { forbidden, notFound, redirect } from "next/navigation";
import type { SessionUser } from "@/lib/auth/session";
import { reportForViewer } from "./access";

/** One request reads (or assembles) a report once, however many of its components ask. */
const reportForRequest = cache((user: SessionUser, slug: string) => reportForViewer(user, slug));

/** For pages: the report, or the right refusal (sign in, 403, 404). */
export function requireReportForPage(user: SessionUser, slug: string) {
  const access = reportForRequest(user, slug);
  if (!access.ok) {
    if (access.status === 401) redirect("/sign-in");
    if (access.status === 403) forbidden();
    notFound();
  }
  return access;
}
