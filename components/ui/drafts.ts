"use client";
import { useSyncExternalStore } from "react";

/**
 * What was typed into a form and not yet saved, kept in this browser (localStorage) so that a failed
 * request, a server that is down, a closed tab or an expired session loses nothing. Forms write their
 * draft as the user types and remove it once saved; a page that finds a draft offers it back
 * (DraftOffers, at the top of every page). Passwords, codes and imported files are never kept.
 */
const DRAFT_PREFIX = "waymark.draft:";
const NEVER_KEPT = /password|code|secret|csv|token/i;

export type Draft = { values: Record<string, unknown>; savedAt: number };

export function keepable(values: Record<string, unknown>): Record<string, unknown> | null {
  const kept = Object.fromEntries(Object.entries(values).filter(([k]) => !NEVER_KEPT.test(k)));
  const hasText = Object.values(kept).some((v) => (typeof v === "string" && v.trim() !== "") || (Array.isArray(v) && v.length > 0));
  return hasText ? kept : null;
}

export function readDraft(key: string): Draft | null {
  try {
    const raw = window.localStorage.getItem(DRAFT_PREFIX + key);
    return raw ? (JSON.parse(raw) as Draft) : null;
  } catch {
    return null;
  }
}

export function writeDraft(key: string, values: Record<string, unknown>, savedAt: number) {
  const kept = keepable(values);
  try {
    if (kept) window.localStorage.setItem(DRAFT_PREFIX + key, JSON.stringify({ values: kept, savedAt }));
  } catch {
    // Storage full or refused: the text is still in the form.
  }
}

export function removeDraft(key: string) {
  try {
    window.localStorage.removeItem(DRAFT_PREFIX + key);
  } catch {
    // nothing to do
  }
}

// ---- Offers of drafts found on this page, shown by DraftOffers ----

export type DraftOffer = { key: string; savedAt: number; restore: () => void; discard: () => void };
const offers = new Map<string, DraftOffer>();
const listeners = new Set<() => void>();
let snapshot: DraftOffer[] = [];
const EMPTY: DraftOffer[] = [];
function emit() {
  snapshot = [...offers.values()];
  for (const l of listeners) l();
}
export function offerDraft(offer: DraftOffer) {
  offers.set(offer.key, offer);
  emit();
}
export function withdrawDraft(key: string) {
  if (offers.delete(key)) emit();
}
export function useDraftOffers(): DraftOffer[] {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => snapshot,
    () => EMPTY,
  );
}

// ---- Unsaved changes: ask before the page is left ----

/** The question asked before an in-app link or the browser's Back leaves unsaved text. */
const LEAVE_QUESTION = "You have changes that are not saved. Leave this page? (What you typed is kept in this browser and offered back when you return.)";

const unsaved = new Set<string>();
function warn(e: BeforeUnloadEvent) {
  if (unsaved.size) e.preventDefault();
}

/** Asks (the browser's own dialog: keyboard-operable and announced); leaving forgets the unsaved marks. */
function confirmLeaving(): boolean {
  if (!window.confirm(LEAVE_QUESTION)) return false;
  unsaved.clear();
  stopGuarding();
  return true;
}

/**
 * An in-app link (Next's <Link>, the navigation, breadcrumbs) changes the page without unloading it,
 * so beforeunload never fires: a click on a link to another page of this site is caught first, in the
 * capture phase, and goes ahead only if the user says so. Links within the page (#fragment), new
 * tabs, downloads and modified clicks are left alone.
 */
function onLinkClick(e: MouseEvent) {
  if (!unsaved.size || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const link = e.target instanceof Element ? e.target.closest("a[href]") : null;
  if (!(link instanceof HTMLAnchorElement)) return;
  if ((link.target && link.target !== "_self") || link.hasAttribute("download")) return;
  const to = new URL(link.href, window.location.href);
  if (to.origin !== window.location.origin) return; // another site: the page unloads, and beforeunload asks
  if (to.pathname === window.location.pathname && to.search === window.location.search) return;
  if (confirmLeaving()) return;
  e.preventDefault();
  e.stopImmediatePropagation();
}

/**
 * The browser's Back (or Forward) within the app: the address has already changed when popstate
 * fires, so this listener asks, and if the user stays, steps back to this page's history entry
 * (marked when the guard started), swallowing those steps so the router never sees them. It must run
 * before the router's own listener (which would take the page down at once), so it is added when this
 * module is first loaded, before the router's is (listeners on window run in the order added).
 */
let mark = "";
let returning: 0 | 1 | 2 = 0;
const isHere = () => (history.state as { __waymarkHere?: string } | null)?.__waymarkHere === mark;
function onPopState(e: PopStateEvent) {
  if (returning) {
    e.stopImmediatePropagation();
    if (isHere()) returning = 0;
    else if (returning === 1) {
      // Forward was pressed, not Back: this page is two entries back from here.
      returning = 2;
      history.go(-2);
    } else returning = 0;
    return;
  }
  if (!unsaved.size || isHere() || confirmLeaving()) return;
  e.stopImmediatePropagation();
  returning = 1;
  history.go(1);
}

function startGuarding() {
  mark = Math.random().toString(36).slice(2);
  history.replaceState({ ...(history.state as object | null), __waymarkHere: mark }, "");
  window.addEventListener("beforeunload", warn);
  window.addEventListener("click", onLinkClick, { capture: true });
}
function stopGuarding() {
  window.removeEventListener("beforeunload", warn);
  window.removeEventListener("click", onLinkClick, { capture: true });
}
if (typeof window !== "undefined") window.addEventListener("popstate", onPopState, { capture: true });

/** Marks a form as holding unsaved text (or not); while any does, leaving the page asks first. */
export function markUnsaved(key: string, dirty: boolean) {
  if (typeof window === "undefined") return;
  const before = unsaved.size;
  if (dirty) unsaved.add(key);
  else unsaved.delete(key);
  if (!before && unsaved.size) startGuarding();
  if (before && !unsaved.size) stopGuarding();
}

/** The message when a request fails without an answer (network down, server stopped, a 5xx). */
export const UNREACHABLE = "Your changes were not saved: the server could not be reached or did not answer. What you typed is still here, and kept in this browser: try again in a moment.";
