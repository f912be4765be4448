"use client";
import { useDraftOffers } from "./drafts";

/** Offers back what was typed on this page and not saved (see drafts.ts). */
export function DraftOffers() {
  const offers = useDraftOffers();
  if (!offers.length) return null;
  return (
    <div className="notice" role="status">
      {offers.map((o) => (
        <div key={o.key}>
          <p>You have text on this page that was not saved, from {new Date(o.savedAt).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" })}.</p>
          <div className="row">
            <button type="button" className="button button-secondary" onClick={o.restore}>
              Put it back
            </button>
            <button type="button" className="link-button" onClick={o.discard}>
              Discard it
            </button>
          </div>
        </div>
      ))}
    </div>
  );
}
