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

// ---- Unsaved changes: warn before the page is left ----

const unsaved = new Set<string>();
function warn(e: BeforeUnloadEvent) {
  if (unsaved.size) e.preventDefault();
}
/** Marks a form as holding unsaved text (or not); while any does, leaving the page asks first. */
export function markUnsaved(key: string, dirty: boolean) {
  if (typeof window === "undefined") return;
  const before = unsaved.size;
  if (dirty) unsaved.add(key);
  else unsaved.delete(key);
  if (!before && unsaved.size) window.addEventListener("beforeunload", warn);
  if (before && !unsaved.size) window.removeEventListener("beforeunload", warn);
}

/** The message when a request fails without an answer (network down, server stopped, a 5xx). */
export const UNREACHABLE =
  "Your changes were not saved: the server could not be reached or did not answer. What you typed is still here, and kept in this browser: try again in a moment.";
