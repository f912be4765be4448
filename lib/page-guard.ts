import { forbidden, notFound } from "next/navigation";
import { httpStatus } from "@/lib/errors";

/**
 * For pages: reads a record, turning what `httpStatus` (lib/errors) maps to 404 into the 404 page
 * and 403 into the 403 page; anything else propagates.
 */
export function orRefuse<T>(read: () => T): T {
  try {
    return read();
  } catch (e) {
    const status = httpStatus(e);
    if (status === 403) forbidden();
    if (status === 404) notFound();
    throw e;
  }
}
