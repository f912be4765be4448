/** The colours a tag (components/ui/tag) can take; labels in lib choose one per value. */
export type Tone = "red" | "amber" | "green" | "blue" | "grey";
