/** The largest import file accepted, in bytes (the form checks it before sending; lib/validation/pupils on the server). */
export const MAX_IMPORT_BYTES = 8_000_000;
