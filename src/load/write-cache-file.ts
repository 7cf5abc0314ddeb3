import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Writes a file of the cache (a rule set, the rule files' hashes) whole, through a temporary
 * file and a rename, so a concurrent run reads the old one or the new one, never half. A
 * read-only install goes without: nothing fails, the next run works it out again.
 */
export function writeCacheFile(file: string, text: string): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, text);
    renameSync(tmp, file);
  } catch {
    // Read-only: go without the cache.
  }
}
