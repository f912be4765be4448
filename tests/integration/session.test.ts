import { describe, it } from "vitest";
import { signOutAction } from "@/app/(app)/actions";
import { expectRefused } from "./helpers";

describe("sign out", () => {
  it("refuses a signed-out caller", async () => {
    await expectRefused(signOutAction, {}, [null]);
  });
});
