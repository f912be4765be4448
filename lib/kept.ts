/**
 * The last few values computed for a key, least recently used out first: for work that is expensive
 * and asked for again with the same input (a chart's PNG by its SVG, a Word file by its data).
 */
export class Kept<K, V> {
  private entries = new Map<K, V>();

  constructor(private readonly max: number) {}

  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      // Most recently used last.
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  delete(key: K): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  set(key: K, value: V): V {
    this.entries.delete(key);
    this.entries.set(key, value);
    while (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }
}

/**
 * One Kept for the whole process, by name: Next bundles a page and a route handler separately, each with
 * its own copy of a module, so a module-level Kept filled by a page (the report's Word file, built while
 * the server is idle) would not be the one its download route reads. Kept on the global object instead.
 */
export function processKept<K, V>(name: string, max: number): Kept<K, V> {
  const g = globalThis as { [key: symbol]: unknown };
  const key = Symbol.for(`waymark.kept.${name}`);
  return (g[key] ??= new Kept<K, V>(max)) as Kept<K, V>;
}
