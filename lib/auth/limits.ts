/** Session and throttling limits, in one place so the docs and tests quote the same numbers. */
export const SESSION_IDLE_SECONDS = 60 * 60; // an hour without a request ends the session
export const SESSION_ABSOLUTE_SECONDS = 12 * 60 * 60; // a working day, however active

/**
 * Sign-in throttling. Failures count per account *and* address together: after a few free attempts
 * each further failure doubles the wait before that pair may try again, up to a cap. Nobody elsewhere
 * can lock the head out, and a guesser at one address gets a handful of guesses an hour.
 */
export const PAIR_FREE_FAILURES = 3;
const PAIR_FIRST_DELAY_MS = 15 * 1000;
const PAIR_MAX_DELAY_MS = 15 * 60 * 1000;
/** Failures older than this no longer count towards a pair's delay. */
export const PAIR_WINDOW_MS = 60 * 60 * 1000;
/** An address that fails this often in the window (password spraying) is refused until it passes. */
export const ADDRESS_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ADDRESS = 30;

/** The wait after the n-th failure of an account at an address (0 while attempts are still free). */
export function pairDelayMs(failures: number): number {
  if (failures < PAIR_FREE_FAILURES) return 0;
  return Math.min(PAIR_MAX_DELAY_MS, PAIR_FIRST_DELAY_MS * 2 ** (failures - PAIR_FREE_FAILURES));
}
