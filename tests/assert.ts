import { expect } from "vitest";

/**
 * Asserts a result succeeded and narrows it, so the checks after it always run: never write
 * `if (r.ok) expect(…)`, which passes silently when the branch is not taken.
 */
export function expectOk<R extends { ok: boolean }>(result: R, message?: string): asserts result is Extract<R, { ok: true }> {
  expect(result.ok, message ?? `expected success, got ${JSON.stringify(result)}`).toBe(true);
}

/** Asserts a result failed and narrows it to the failure, so the checks on its errors always run. */
export function expectFailed<R extends { ok: boolean }>(result: R, message?: string): asserts result is Extract<R, { ok: false }> {
  expect(result.ok, message ?? `expected a failure, got ${JSON.stringify(result)}`).toBe(false);
}
