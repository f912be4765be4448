"use client";
import { Children, cloneElement, isValidElement, useEffect, useId, useRef, useState, type CSSProperties, type ReactElement, type ReactNode } from "react";

type Props = { id?: string; children?: ReactNode };

/**
 * Gives the table's <caption> an id (keeping one it already has) so the region can be labelled by it.
 * Returns the table with that caption, and the id; no id when the child is not a table with a caption.
 */
function labelCaption(child: ReactNode, fallbackId: string): { table: ReactNode; captionId?: string } {
  if (!isValidElement<Props>(child) || child.type !== "table") return { table: child };
  let captionId: string | undefined;
  const parts = Children.map(child.props.children, (part) => {
    if (captionId || !isValidElement<Props>(part) || part.type !== "caption") return part;
    captionId = part.props.id ?? fallbackId;
    return cloneElement(part as ReactElement<Props>, { id: captionId });
  });
  if (!captionId) return { table: child };
  return { table: cloneElement(child as ReactElement<Props>, {}, parts), captionId };
}

/**
 * A data table's wrapper: the table keeps its structure and scrolls sideways inside this region,
 * never the page (the pattern GOV.UK services use for wide tables). The region is labelled by the
 * table's caption (or `label` when the table has none) and is in the tab order so a keyboard can
 * scroll it, even without scripting; once scripting runs it leaves the tab order while the table fits.
 */
export function TableWrap({ label, children, className, style }: { label?: string; children: ReactNode; className?: string; style?: CSSProperties }) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState(true);
  const { table, captionId } = labelCaption(children, `${useId()}caption`);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === "undefined") return;
    const measure = () => setScrolls(el.scrollWidth > el.clientWidth + 1);
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    if (el.firstElementChild) observer.observe(el.firstElementChild);
    measure();
    return () => observer.disconnect();
  }, []);
  return (
    <div
      ref={ref}
      className={className ? `table-wrap ${className}` : "table-wrap"}
      style={style}
      role="region"
      aria-labelledby={label ? undefined : captionId}
      aria-label={label}
      tabIndex={scrolls ? 0 : undefined}
    >
      {table}
    </div>
  );
}
