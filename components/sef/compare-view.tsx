import type { AreaDiff, DiffPart, SefDiff, TextDiff } from "@/lib/analytics/sef-diff";
import { Tag } from "@/components/ui/tag";
import { GradeTag } from "./grade-tag";
import { TableWrap } from "@/components/ui/table-wrap";

/**
 * One side of a text diff: the earlier version shows what was removed, the later one what was added.
 * Changes made only of whitespace are shown as plain text: highlighting a space tells a reader nothing.
 */
function DiffSide({ parts, side }: { parts: DiffPart[]; side: "before" | "after" }) {
  return (
    <div className="prose diff-text">
      {parts.map((p, i) => {
        if (p.op === "same") return <span key={i}>{p.text}</span>;
        if (side === "before" && p.op === "add") return null;
        if (side === "after" && p.op === "del") return null;
        // Leading and trailing spaces are not part of what changed: keep them out of the highlight.
        const [, lead = "", core = "", trail = ""] = /^(\s*)([\s\S]*?)(\s*)$/.exec(p.text) ?? [];
        if (!core) return <span key={i}>{p.text}</span>;
        return (
          <span key={i}>
            {lead}
            {p.op === "del" ? (
              <del className="diff-del">
                <span className="visually-hidden">[removed: </span>
                {core}
                <span className="visually-hidden">]</span>
              </del>
            ) : (
              <ins className="diff-add">
                <span className="visually-hidden">[added: </span>
                {core}
                <span className="visually-hidden">]</span>
              </ins>
            )}
            {trail}
          </span>
        );
      })}
    </div>
  );
}

function SideBySide({ diff, labels }: { diff: TextDiff; labels: { before: string; after: string } }) {
  return (
    <div className="compare-cols">
      <div>
        <p className="compare-col-label">{labels.before}</p>
        <DiffSide parts={diff.parts} side="before" />
      </div>
      <div>
        <p className="compare-col-label">{labels.after}</p>
        <DiffSide parts={diff.parts} side="after" />
      </div>
    </div>
  );
}

const STATUS_TAG: Record<AreaDiff["status"], { tone: "amber" | "green" | "red" | "grey"; text: string }> = {
  changed: { tone: "amber", text: "Changed" },
  added: { tone: "green", text: "New area" },
  removed: { tone: "red", text: "Area removed" },
  unchanged: { tone: "grey", text: "Unchanged" },
};

function AreaChanges({ area, labels }: { area: AreaDiff; labels: { before: string; after: string } }) {
  const g = area.grade;
  const pointChanges = area.developmentPoints.filter((p) => p.status !== "unchanged");
  const unchangedPoints = area.developmentPoints.filter((p) => p.status === "unchanged");
  return (
    <section className="sef-area compare-area" aria-labelledby={`cmp-${area.key}`} id={`cmp-area-${area.key}`}>
      <div className="sef-area-head">
        <h3 id={`cmp-${area.key}`}>{area.name}</h3>
        <Tag tone={STATUS_TAG[area.status].tone}>{STATUS_TAG[area.status].text}</Tag>
      </div>
      {g.changed ? (
        <p className="grade-change">
          <strong>Grade changed</strong> from <GradeTag label={g.before?.label} tone={g.before?.tone} /> to <GradeTag label={g.after?.label} tone={g.after?.tone} />
          {g.direction === "up" ? " (improved)" : g.direction === "down" ? " (declined)" : ""}
        </p>
      ) : (
        <p>
          Grade unchanged: <GradeTag label={g.after?.label} tone={g.after?.tone} />
        </p>
      )}
      <h4>Strengths</h4>
      {area.strengths.changed ? <SideBySide diff={area.strengths} labels={labels} /> : <p className="muted">Unchanged.</p>}
      <h4>Areas for development</h4>
      {pointChanges.length === 0 ? (
        <p className="muted">Unchanged.</p>
      ) : (
        <ul className="compare-points">
          {pointChanges.map((p, i) => (
            <li key={i}>
              {p.status === "added" ? (
                <>
                  <Tag tone="green">Added</Tag> <ins className="diff-add">{p.after}</ins>
                </>
              ) : p.status === "removed" ? (
                <>
                  <Tag tone="red">Removed</Tag> <del className="diff-del">{p.before}</del>
                </>
              ) : (
                <>
                  <Tag tone="amber">Reworded</Tag>
                  <SideBySide diff={{ changed: true, parts: p.parts }} labels={labels} />
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {pointChanges.length > 0 && unchangedPoints.length > 0 ? (
        <p className="muted">
          {unchangedPoints.length} other area{unchangedPoints.length === 1 ? "" : "s"} for development unchanged.
        </p>
      ) : null}
      <h4>Evidence</h4>
      {area.evidence.added.length === 0 && area.evidence.removed.length === 0 ? (
        <p className="muted">Unchanged ({area.evidence.unchanged.length} cited).</p>
      ) : (
        <ul className="compare-points">
          {area.evidence.added.map((l) => (
            <li key={`a-${l}`}>
              <Tag tone="green">Added</Tag> <ins className="diff-add">{l}</ins>
            </li>
          ))}
          {area.evidence.removed.map((l) => (
            <li key={`r-${l}`}>
              <Tag tone="red">Removed</Tag> <del className="diff-del">{l}</del>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * Two versions of the SEF side by side: what changed is shown in full and highlighted (grade changes
 * called out, removed words struck through, added words marked), and the unchanged areas are
 * collapsed into one list.
 */
export function CompareView({ diff, labels, names = labels }: { diff: SefDiff; labels: { before: string; after: string }; names?: { before: string; after: string } }) {
  const changed = diff.areas.filter((a) => a.status !== "unchanged");
  const unchanged = diff.areas.filter((a) => a.status === "unchanged");
  const contextChanged = diff.context.filter((r) => r.changed);
  return (
    <div className="compare">
      <p className="compare-summary">
        {diff.changeCount === 0 ? (
          <>
            No differences between {names.before} and {names.after}.
          </>
        ) : (
          <>
            <strong>
              {diff.changeCount} change{diff.changeCount === 1 ? "" : "s"}
            </strong>{" "}
            from {names.before} to {names.after}
            {changed.length ? <>: {changed.map((a) => a.name).join(", ")}</> : null}
            {diff.overallSummary.changed ? <>{changed.length ? ", " : ": "}overall summary</> : null}.
          </>
        )}
      </p>
      {diff.frameworkChanged ? <p className="notice">The two versions use different inspection frameworks, so their areas do not match one for one.</p> : null}

      {diff.overallSummary.changed ? (
        <section aria-labelledby="cmp-summary">
          <h2 id="cmp-summary">Overall summary</h2>
          <SideBySide diff={diff.overallSummary} labels={labels} />
        </section>
      ) : null}

      {contextChanged.length || diff.contextNotes.changed ? (
        <section aria-labelledby="cmp-context">
          <h2 id="cmp-context">School context</h2>
          {contextChanged.length ? (
            <TableWrap>
              <table className="table">
                <caption>Computed context figures that changed</caption>
                <thead>
                  <tr>
                    <th scope="col">Figure</th>
                    <th scope="col">{labels.before}</th>
                    <th scope="col">{labels.after}</th>
                  </tr>
                </thead>
                <tbody>
                  {contextChanged.map((r) => (
                    <tr key={r.key}>
                      <th scope="row">{r.label}</th>
                      <td>{r.before}</td>
                      <td>{r.after}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          ) : null}
          {diff.contextNotes.changed ? (
            <>
              <h3>Context notes</h3>
              <SideBySide diff={diff.contextNotes} labels={labels} />
            </>
          ) : null}
        </section>
      ) : null}

      <section aria-labelledby="cmp-areas">
        <h2 id="cmp-areas">Evaluation areas</h2>
        {changed.length === 0 ? <p>No evaluation area changed.</p> : changed.map((a) => <AreaChanges key={a.key} area={a} labels={labels} />)}
        {unchanged.length ? (
          <details className="compare-unchanged">
            <summary>
              {unchanged.length} area{unchanged.length === 1 ? "" : "s"} unchanged
            </summary>
            <ul>
              {unchanged.map((a) => (
                <li key={a.key}>
                  {a.name}: <GradeTag label={a.grade.after?.label} tone={a.grade.after?.tone} />
                </li>
              ))}
            </ul>
          </details>
        ) : null}
      </section>
    </div>
  );
}
