import { config } from "zod";

// zod 4 compiles fast parsers with `new Function`, probing for it first; under the Content Security
// Policy (no 'unsafe-eval') that probe is a violation in the browser. Every schema module imports this
// first (`import "./zod"`, before zod itself), so the setting is made before any schema exists, on
// whichever page first loads one (the root layout no longer loads zod for every page). The server keeps
// the compiled parsers. (Named imports only: re-exporting z would pull every zod locale into the page.)
if (typeof window !== "undefined") config({ jitless: true });
