"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

export function SideNav({ items }: { items: { href: string; label: string; group?: string }[] }) {
  const pathname = usePathname();
  const matches = (href: string) => (href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`));
  // Only the most specific matching item is current (/pupils/analysis, not also /pupils).
  const current = items.filter((i) => matches(i.href)).sort((a, b) => b.href.length - a.href.length)[0]?.href;
  const isCurrent = (href: string) => href === current;
  let lastGroup: string | undefined;
  return (
    <nav className="sidenav" aria-label="Main">
      <ul>
        {items.map((item) => {
          const heading = item.group && item.group !== lastGroup ? item.group : null;
          lastGroup = item.group;
          return (
            <li key={item.href}>
              {heading ? <div className="nav-group" aria-hidden="true">{heading}</div> : null}
              <Link href={item.href} aria-current={isCurrent(item.href) ? "page" : undefined}>
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
