/**
 * Imported first by the production server (scripts/server.ts): turns off Node's source maps, which the
 * tsx loader turns on for every module. With them on, Node reads and keeps the source map of every
 * module it loads, Next's compiled chunks and docx's among them, with their original sources: about
 * 60 MB of the server's heap for stack traces no one reads in production. WAYMARK_SOURCE_MAPS=1 keeps
 * them (for debugging a production build); `--dev` always does.
 */
export function sourceMapsWanted(env: Record<string, string | undefined> = process.env, argv: string[] = process.argv): boolean {
  return env.WAYMARK_SOURCE_MAPS === "1" || argv.includes("--dev");
}

if (!sourceMapsWanted()) process.setSourceMapsEnabled(false);
