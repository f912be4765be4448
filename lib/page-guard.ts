import { forbidden, notFound } from "next/navigation";
import { ForbiddenError, NotFoundError } from "@/lib/errors";

/**
 * For pages: reads a record, turning the data layer's NotFoundError into the 404 page and its
 * ForbiddenError into the 403 page; anything else is a real failure and propagates.
 */
export function orRefuse<T>(read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (e instanceof ForbiddenError) forbidden();
    if (e instanceof NotFoundError) notFound();
    throw e;
  }
}
