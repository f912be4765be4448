import { describe, expect, it } from "vitest";
import { Kept, processKept } from "@/lib/kept";

describe("kept values (lib/kept)", () => {
  it("keeps the last few, least recently used out first", () => {
    const k = new Kept<string, number>(2);
    k.set("a", 1);
    k.set("b", 2);
    expect(k.get("a")).toBe(1);
    k.set("c", 3);
    expect(k.get("b")).toBeUndefined();
    expect([k.get("a"), k.get("c")]).toEqual([1, 3]);
  });

  it("is one store for the whole process by name, whichever copy of a module asks for it", () => {
    const one = processKept<string, number>("test-shared", 3);
    one.set("x", 7);
    expect(processKept<string, number>("test-shared", 3).get("x")).toBe(7);
    expect(processKept<string, number>("test-other", 3).get("x")).toBeUndefined();
  });
});
