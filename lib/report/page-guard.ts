import "server-only";
import { forbidden, notFound, redirect } from "next/navigation";
import type { SessionUser } from "@/lib/auth/session";
import { reportForViewer } from "./access";

/** For pages: the report, or the right refusal (sign in, 403, 404). */
export function requireReportForPage(user: SessionUser, slug: string) {
  const access = reportForViewer(user, slug);
  if (!access.ok) {
    if (access.status === 401) redirect("/sign-in");
    if (access.status === 403) forbidden();
    notFound();
  }
  return access;
}
