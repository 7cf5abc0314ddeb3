import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { createSha256 } from './sha256.js';
import { writeCacheFile } from './write-cache-file.js';

/**
 * The two hashes of a rule directory's files, taken in one reading of them:
 * - `key`: absolute names and bytes. A cached rule set holds absolute file names, so a
 *   copy of the directory elsewhere gets a cache entry of its own.
 * - `printed`: names relative to the directory and bytes, the fingerprint every output
 *   shows (provenance), the same for a byte-identical copy anywhere.
 */
export interface RuleHashes {
  key: string;
  printed: string;
}

/** The files that decide results, in a fixed order: the fact dictionary, the regions, the policies, their sources. */
export function ruleFiles(dir: string): string[] {
  const list = (d: string, ext: string) => {
    try {
      return readdirSync(d)
        .filter((n) => n.endsWith(ext))
        .sort()
        .map((n) => join(d, n));
    } catch {
      return [];
    }
  };
  // The source texts are checked too (quotes, numbering), so they are part of what a cached set stands for.
  const readings = join(dir, 'readings.yaml');
  return [
    join(dir, 'facts.yaml'),
    ...list(join(dir, 'facts'), '.yaml'),
    join(dir, 'regions.yaml'),
    ...(existsSync(readings) ? [readings] : []),
    ...list(join(dir, 'profiles'), '.yaml'),
    ...list(join(dir, 'policies'), '.yaml'),
    ...list(join(dir, 'sources'), '.txt'),
  ];
}

/** Both hashes from the bytes; undefined when a file cannot be read (the loader then reports it). */
export function hashRuleFiles(dir: string, files = ruleFiles(dir)): RuleHashes | undefined {
  const key = createSha256();
  const printed = createSha256();
  try {
    for (const f of files) {
      const bytes = readFileSync(f);
      key.update(f).update('\0').update(bytes).update('\0');
      printed.update(relative(dir, f).split(sep).join('/')).update('\0').update(bytes).update('\0');
    }
  } catch {
    return undefined;
  }
  return { key: key.digest('hex'), printed: printed.digest('hex') };
}

/**
 * Only a file changed this long before the hashes were taken is trusted by its status. The
 * kernel stamps a change with a coarse clock (a few milliseconds): a second change within the
 * same tick as the one recorded would keep every stamp, so a file that recent is hashed again.
 */
const SETTLED_MS = 2000;

interface Remembered {
  dir: string;
  /** When the files were looked at, before their status was read. */
  at: number;
  files: string[];
  hashes: RuleHashes;
}

/**
 * Each file's name, size, inode and both change times, and the latest ctime among them. The
 * latest ctime is what decides: any write changes a file's ctime, which no one can set, so a
 * write after the hashes were taken makes it newer than they are (tested with the mtime put back).
 */
function statusOf(files: string[]): { status: string[]; lastChange: number } {
  let lastChange = 0;
  const status = files.map((f) => {
    const s = statSync(f);
    lastChange = Math.max(lastChange, s.ctimeMs);
    return `${f}\0${s.size}\0${s.ino}\0${s.mtimeMs}\0${s.ctimeMs}`;
  });
  return { status, lastChange };
}

/** A cheap hash of the directory's name, for the file that remembers its hashes (no crypto needed to find it). */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}

/**
 * The hashes of a rule directory, read from the cache while no rule file has changed since
 * they were taken (same names, sizes, inodes and change times, all settled before then);
 * otherwise every file is read and hashed again, and remembered. Saves reading and hashing
 * the rule files (0.3 MB) at every start.
 */
export function ruleHashes(dir: string, cacheDir: string): RuleHashes | undefined {
  const memo = join(cacheDir, `files-${fnv1a(dir)}.json`);
  let files: string[];
  let now: ReturnType<typeof statusOf>;
  const at = Date.now();
  try {
    files = ruleFiles(dir);
    now = statusOf(files);
  } catch {
    return hashRuleFiles(dir);
  }
  const { status, lastChange } = now;
  try {
    const r = JSON.parse(readFileSync(memo, 'utf8')) as Remembered;
    const same = r.dir === dir && r.files.length === status.length && r.files.every((s, i) => s === status[i]);
    if (same && lastChange < r.at - SETTLED_MS) return r.hashes;
  } catch {
    // No memo yet, or not readable: hash the files.
  }
  const hashes = hashRuleFiles(dir, files);
  if (hashes) writeCacheFile(memo, JSON.stringify({ dir, at, files: status, hashes } satisfies Remembered));
  return hashes;
}
