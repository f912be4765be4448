import { createElement as h } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { TableWrap } from "@/components/ui/table-wrap";

const table = (caption: ReturnType<typeof h> | null) => h("table", { className: "table" }, caption, h("tbody", null, h("tr", null, h("td", null, "1"))));

describe("TableWrap", () => {
  it("is a focusable region labelled by the table's caption, rendered on the server", () => {
    const html = renderToStaticMarkup(h(TableWrap, { children: table(h("caption", null, "Strands")) }));
    const labelledBy = /<div class="table-wrap" role="region" aria-labelledby="([^"]+)" tabindex="0">/.exec(html)?.[1];
    expect(labelledBy).toBeTruthy();
    expect(html).toContain(`<caption id="${labelledBy}">Strands</caption>`);
  });

  it("keeps a caption's own id, and two wrappers never share one", () => {
    const html = renderToStaticMarkup(
      h(
        "div",
        null,
        h(TableWrap, { children: table(h("caption", { id: "mine" }, "A")) }),
        h(TableWrap, { children: table(h("caption", null, "B")) }),
        h(TableWrap, { children: table(h("caption", null, "C")) }),
      ),
    );
    const ids = [...html.matchAll(/aria-labelledby="([^"]+)"/g)].map((m) => m[1]);
    expect(ids[0]).toBe("mine");
    expect(new Set(ids).size).toBe(3);
    for (const id of ids) expect(html).toContain(`<caption id="${id}">`);
  });

  it("takes a label when the table has no caption", () => {
    const html = renderToStaticMarkup(h(TableWrap, { label: "Results", children: table(null) }));
    expect(html).toContain('role="region" aria-label="Results" tabindex="0"');
    expect(html).not.toContain("aria-labelledby");
  });
});
