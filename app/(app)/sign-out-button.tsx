"use client";
import { signOutAction } from "./actions";

export function SignOutButton() {
  return (
    <form
      action={async () => {
        await signOutAction({});
      }}
    >
      <button type="submit" className="link-button" style={{ color: "inherit" }}>
        Sign out
      </button>
    </form>
  );
}
