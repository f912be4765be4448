"use client";

/** Opens the browser's print dialog (print or save as PDF); hidden on paper itself. */
export function PrintButton({ label = "Print or save as PDF" }: { label?: string }) {
  return (
    <button type="button" className="button no-print" onClick={() => window.print()}>
      {label}
    </button>
  );
}
