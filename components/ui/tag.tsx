import type { ReactNode } from "react";

import type { Tone } from "@/lib/labels/tone";

export type { Tone };

export function Tag({ tone, children }: { tone: Tone; children: ReactNode }) {
  return <strong className={`tag tag-${tone}`}>{children}</strong>;
}

const RAG_LABEL = { red: "Red: off track", amber: "Amber: at risk", green: "Green: on track", blue: "Blue: achieved" } as const;
const RAG_SHORT = { red: "Red", amber: "Amber", green: "Green", blue: "Achieved" } as const;

/** A RAG rating, always with words as well as colour. */
export function RagTag({ rag, long = false }: { rag: keyof typeof RAG_LABEL | null | undefined; long?: boolean }) {
  if (!rag) return <Tag tone="grey">Not reviewed</Tag>;
  return <Tag tone={rag}>{long ? RAG_LABEL[rag] : RAG_SHORT[rag]}</Tag>;
}
