"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useRef, useState, type KeyboardEvent } from "react";

/**
 * The main navigation. On a wide screen it is the side column. Below a tablet's width, with scripting
 * on, it collapses behind a Menu button (a real button with aria-expanded) so the page's content
 * comes first; without scripting (`@media (scripting: none)`) the button is never shown and the
 * links stay a plain list. Opening the menu lasts until the page changes or Escape is pressed.
 */
export function SideNav({ items }: { items: { href: string; label: string; group?: string }[] }) {
  const pathname = usePathname();
  // The path the menu was opened on: navigating anywhere closes it, without an effect.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  const button = useRef<HTMLButtonElement>(null);
  const matches = (href: string) => (href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`));
  // Only the most specific matching item is current (/pupils/analysis, not also /pupils).
  const current = items.filter((i) => matches(i.href)).sort((a, b) => b.href.length - a.href.length)[0]?.href;
  const isCurrent = (href: string) => href === current;
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === "Escape" && open) {
      setOpenOn(null);
      button.current?.focus();
    }
  };
  return (
    <nav className="sidenav" aria-label="Main" data-open={open ? "" : undefined} onKeyDown={onKeyDown}>
      <button ref={button} type="button" className="menu-button" aria-expanded={open} aria-controls="main-nav-list" onClick={() => setOpenOn(open ? null : pathname)}>
        Menu
      </button>
      <ul id="main-nav-list">
        {items.map((item, i) => {
          const heading = item.group && item.group !== items[i - 1]?.group ? item.group : null;
          return (
            <li key={item.href}>
              {heading ? (
                <div className="nav-group" aria-hidden="true">
                  {heading}
                </div>
              ) : null}
              <Link href={item.href} aria-current={isCurrent(item.href) ? "page" : undefined} onClick={() => setOpenOn(null)}>
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
