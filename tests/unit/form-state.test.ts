import type { ChangeEvent } from "react";
import { describe, expect, it, vi } from "vitest";
import { editRows, rowKeysOf } from "@/components/ui/form-array";
import { createForm } from "@/components/ui/form-state";

// The form state behind every form (components/ui/form-state.ts), driven as the browser would: each
// registered element gets the stored value when it mounts, and typing is read back from it.
type Fake = { tagName: string; type: string; value: string; checked: boolean; valueAsNumber: number };
const input = (type = "text", value = ""): Fake => ({
  tagName: type === "textarea" ? "TEXTAREA" : type === "select-one" ? "SELECT" : "INPUT",
  type,
  value,
  checked: false,
  valueAsNumber: Number(value),
});
const event = (el: Fake) => ({ target: el }) as unknown as ChangeEvent<Element>;

type Values = { title: string; shared: boolean; strandIds: string[]; rag: string; version: number; rows: { key: string; label: string }[]; pages?: number };
const defaults: Values = {
  title: "Reading",
  shared: false,
  strandIds: ["s1"],
  rag: "amber",
  version: 3,
  rows: [
    { key: "a", label: "A" },
    { key: "b", label: "B" },
  ],
};

function mount() {
  const form = createForm<Values>(defaults);
  const title = input();
  const shared = input("checkbox");
  const s1 = input("checkbox", "s1");
  const s2 = input("checkbox", "s2");
  const green = input("radio", "green");
  const amber = input("radio", "amber");
  form.register("title").ref(title as never);
  form.register("shared").ref(shared as never);
  for (const el of [s1, s2]) form.register("strandIds").ref(el as never);
  for (const el of [green, amber]) form.register("rag").ref(el as never);
  return { form, title, shared, s1, s2, green, amber };
}

describe("form state", () => {
  it("puts each default value into its element", () => {
    const { title, shared, s1, s2, green, amber } = mount();
    expect(title.value).toBe("Reading");
    expect(shared.checked).toBe(false);
    expect([s1.checked, s2.checked]).toEqual([true, false]);
    expect([green.checked, amber.checked]).toEqual([false, true]);
  });

  it("reads what is typed and chosen, and is dirty only while a value differs from its default", () => {
    const { form, title, s2, green } = mount();
    expect(form.formState.isDirty).toBe(false);
    title.value = "Writing";
    form.register("title").onChange(event(title));
    s2.checked = true;
    form.register("strandIds").onChange(event(s2));
    green.checked = true;
    form.register("rag").onChange(event(green));
    expect(form.getValues()).toMatchObject({ title: "Writing", strandIds: ["s1", "s2"], rag: "green" });
    expect(form.watch("title")).toBe("Writing");
    expect(form.formState.isDirty).toBe(true);
    expect(form.getFieldState("title").isDirty).toBe(true);
    expect(form.getFieldState("version").isDirty).toBe(false);
    title.value = "Reading";
    form.register("title").onChange(event(title));
    s2.checked = false;
    form.register("strandIds").onChange(event(s2));
    green.checked = false;
    const amber = input("radio", "amber");
    amber.checked = true;
    form.register("rag").onChange(event(amber));
    expect(form.formState.isDirty).toBe(false);
  });

  it("a field with no default takes its element's own value, as a select's first option", () => {
    const form = createForm<{ termId?: string }>({});
    const select = input("select-one", "t1");
    form.register("termId").ref(select as never);
    expect(form.getValues("termId")).toBe("t1");
    expect(select.value).toBe("t1");
    expect(form.formState.isDirty).toBe(false);
  });

  it("a value set by code shows in its element without making the form dirty, unless asked", () => {
    const { form, title } = mount();
    form.setValue("version", 4);
    form.setValue("title", "Maths");
    expect(title.value).toBe("Maths");
    expect(form.getValues("version")).toBe(4);
    expect(form.formState.isDirty).toBe(false);
    form.setValue("title", "Science", { shouldDirty: true });
    expect(form.formState.isDirty).toBe(true);
  });

  it("reset puts back the defaults, or makes new ones; a draft restored over the defaults is unsaved work", () => {
    const { form, title } = mount();
    title.value = "Typed";
    form.register("title").onChange(event(title));
    form.setError("title", { type: "server", message: "Too long" });
    form.reset();
    expect(title.value).toBe("Reading");
    expect(form.formState.isDirty).toBe(false);
    expect(form.formState.errors).toEqual({});
    form.reset({ ...defaults, title: "Saved" });
    expect(title.value).toBe("Saved");
    expect(form.formState.isDirty).toBe(false);
    form.reset({ ...defaults, title: "From a draft" }, { keepDefaultValues: true });
    expect(title.value).toBe("From a draft");
    expect(form.formState.isDirty).toBe(true);
  });

  it("keeps the server's errors by dotted name until they are cleared", () => {
    const { form } = mount();
    form.setError("rows.1.label", { type: "server", message: "Enter a label" });
    form.setError("title", { type: "server", message: "Enter a title" });
    expect(form.formState.errors).toEqual({ "rows.1.label": { type: "server", message: "Enter a label" }, title: { type: "server", message: "Enter a title" } });
    form.clearErrors(["rows"]);
    expect(Object.keys(form.formState.errors)).toEqual(["title"]);
    form.clearErrors();
    expect(form.formState.errors).toEqual({});
  });

  it("tells watchers and the register option of each change, and reads numbers when asked", () => {
    const form = createForm<Values>(defaults);
    const seen = vi.fn();
    const sub = form.watch(seen);
    const onChange = vi.fn();
    const pages = input("number", "12");
    form.register("pages", { valueAsNumber: true, onChange }).ref(pages as never);
    form.register("pages").onChange(event(pages));
    expect(form.getValues("pages")).toBe(12);
    expect(seen).toHaveBeenLastCalledWith(expect.objectContaining({ pages: 12 }));
    expect(onChange).toHaveBeenCalledTimes(1);
    sub.unsubscribe();
    form.setValue("title", "x");
    expect(seen).toHaveBeenCalledTimes(1);
  });

  it("moves, adds and removes rows with keys that follow their rows, and new keys after a reset", () => {
    const form = createForm<Values>(defaults);
    const { control } = form;
    const [ka, kb] = rowKeysOf(control.get("rows") as unknown[]);
    editRows(control, "rows", (items, keys) => {
      items.splice(0, 0, ...items.splice(1, 1));
      keys.splice(0, 0, ...keys.splice(1, 1));
    });
    expect(form.getValues("rows").map((r) => r.key)).toEqual(["b", "a"]);
    expect(rowKeysOf(control.get("rows") as unknown[])).toEqual([kb, ka]);
    editRows(control, "rows", (items, keys) => {
      items.push({ key: "c", label: "C" });
      keys.push("new");
    });
    editRows(control, "rows", (items, keys) => {
      items.splice(0, 1);
      keys.splice(0, 1);
    });
    expect(form.getValues("rows").map((r) => r.key)).toEqual(["a", "c"]);
    expect(rowKeysOf(control.get("rows") as unknown[])).toEqual([ka, "new"]);
    expect(form.formState.isDirty).toBe(true);
    form.reset();
    expect(form.getValues("rows").map((r) => r.key)).toEqual(["a", "b"]);
    expect(rowKeysOf(control.get("rows") as unknown[])).not.toContain(ka);
    expect(form.formState.isDirty).toBe(false);
  });
});
