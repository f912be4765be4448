import { z } from "zod";

// zod 4 compiles fast parsers with `new Function`, probing for it first; under the Content Security
// Policy (no 'unsafe-eval') that probe is a violation in the browser. Every schema module imports z
// from here, so the setting is made before any schema exists, on whichever page first loads one (the
// root layout no longer loads zod for every page). The server keeps the compiled parsers.
if (typeof window !== "undefined") z.config({ jitless: true });

export { z };
