import Link from "next/link";
import type { ReactNode } from "react";

/** The page's one h1, with an optional caption above it, a description and actions beside it. */
export function PageHeader({
  title,
  caption,
  description,
  actions,
  crumbs,
}: {
  title: string;
  caption?: string;
  description?: ReactNode;
  actions?: ReactNode;
  crumbs?: { href: string; label: string }[];
}) {
  return (
    <>
      {crumbs?.length ? (
        <nav className="breadcrumbs no-print" aria-label="Breadcrumb">
          <ol>
            {crumbs.map((c) => (
              <li key={c.href}>
                <Link href={c.href}>{c.label}</Link>
              </li>
            ))}
          </ol>
        </nav>
      ) : null}
      <div className="page-head">
        <div>
          {caption ? <span className="caption">{caption}</span> : null}
          <h1>{title}</h1>
          {description ? <p>{description}</p> : null}
        </div>
        {actions ? <div className="row no-print">{actions}</div> : null}
      </div>
    </>
  );
}
