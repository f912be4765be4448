"use client";
import { lazy, Suspense, type ComponentProps } from "react";

const PublishForm = lazy(() => import("./publish-form").then((m) => ({ default: m.PublishForm })));

/** The SEF's publish form, rendered with the page but loaded beside its script rather than in it. */
export function PublishSlot(props: ComponentProps<typeof PublishForm>) {
  return (
    <Suspense fallback={null}>
      <PublishForm {...props} />
    </Suspense>
  );
}
