import type { ReactNode, SelectHTMLAttributes } from "react";
import type { SummaryError } from "@/components/ui/error-summary";
import type { Option } from "@/components/ui/fields";

// Pieces of the plan's small inline forms (inline-forms.tsx, progress-form.tsx).

/** A form's errors with its fields' names prefixed by the record's, so ids stay unique on the page. */
export const prefixed = (prefix: string, errors: SummaryError[]) => errors.map((e) => ({ ...e, field: e.field ? `${prefix}.${e.field}` : undefined }));

export function Saved({ at, children = "Saved" }: { at: Date | null; children?: ReactNode }) {
  return (
    <span className="saved-note" role="status">
      {at ? children : ""}
    </span>
  );
}

export function Select({ options, ...rest }: { options: Option[] } & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <select {...rest}>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}
