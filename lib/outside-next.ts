import Module from "node:module";

/**
 * Data and report modules start with `import "server-only"`: Next resolves it to an empty module on
 * the server and fails the build if a client component reaches one of them. Outside Next (the CLI,
 * the seeds, scripts) plain Node would load the package's main file, which always throws. Entry
 * points that run outside Next import this module first: it puts an empty module in the package's
 * place in the require cache. (Vitest does the same with an alias in vitest.config.mts.)
 */
const id = require.resolve("server-only");
if (!require.cache[id]) {
  const empty = new Module(id);
  empty.filename = id;
  empty.loaded = true;
  empty.exports = {};
  require.cache[id] = empty;
}
