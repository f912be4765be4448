import type { SectionProps } from "./types";

/** Priorities for next term: the head's narrative alone (shown by the frame), or a note that there is none. */
export function PrioritiesSection({ narrative }: SectionProps) {
  return narrative("priorities") ? null : <p className="muted">No priorities written yet.</p>;
}
