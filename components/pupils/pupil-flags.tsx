import { Tag } from "@/components/ui/tag";

type Flags = { disadvantaged: boolean; fsm: boolean; sen: "N" | "K" | "E"; eal: boolean; lookedAfter: boolean };

/** A pupil's flags as tags with words (never colour alone); nothing when none apply. */
export function PupilFlags({ pupil }: { pupil: Flags }) {
  const tags: string[] = [];
  if (pupil.disadvantaged) tags.push("Disadvantaged");
  if (pupil.fsm) tags.push("FSM");
  if (pupil.sen === "K") tags.push("SEN support");
  if (pupil.sen === "E") tags.push("EHCP");
  if (pupil.eal) tags.push("EAL");
  if (pupil.lookedAfter) tags.push("Looked after");
  if (tags.length === 0) return <span className="muted">None</span>;
  return (
    <span className="row" style={{ gap: "0.25rem", flexWrap: "wrap" }}>
      {tags.map((t) => (
        <Tag key={t} tone="grey">
          {t}
        </Tag>
      ))}
    </span>
  );
}

export const GENDER_LABEL: Record<string, string> = { F: "Female", M: "Male", X: "Other" };
