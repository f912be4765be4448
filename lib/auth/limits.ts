/** Session and throttling limits, in one place so the docs and tests quote the same numbers. */
export const SESSION_IDLE_SECONDS = 60 * 60; // an hour without a request ends the session
export const SESSION_ABSOLUTE_SECONDS = 12 * 60 * 60; // a working day, however active
export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_ADDRESS = 30;
