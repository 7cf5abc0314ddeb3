import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Temporary files a run is still writing. A report is written beside its target and
 * renamed at the end; if the run is stopped by a signal, the temporary file goes
 * with it instead of staying behind (tens of MB for a large batch).
 */
const live = new Set<string>();
const SIGNALS = { SIGINT: 2, SIGTERM: 15, SIGHUP: 1 } as const;
const handlers = new Map<NodeJS.Signals, () => void>();

/** Removes a temporary file (or directory: the HTML pages of a batch), whatever is wrong with its path (it may never have been made). */
export function removeTemp(file: string): void {
  try {
    rmSync(file, { force: true, recursive: true });
  } catch {
    // ENOTDIR and the like: there is nothing there to remove.
  }
}

function install(): void {
  for (const [sig, n] of Object.entries(SIGNALS) as [NodeJS.Signals, number][]) {
    const h = () => {
      for (const f of live) removeTemp(f);
      process.exit(128 + n);
    };
    handlers.set(sig, h);
    process.on(sig, h);
  }
}

/** Only while a temporary file is live do signals stop the run here (Node's defaults apply otherwise). */
function uninstall(): void {
  for (const [sig, h] of handlers) process.removeListener(sig, h);
  handlers.clear();
}

export function trackTemp(file: string): void {
  if (!live.size) install();
  live.add(file);
}

export function untrackTemp(file: string): void {
  live.delete(file);
  if (!live.size) uninstall();
}

/** The temporary name of a target: `.<name>.<pid>.tmp` beside it. */
export const tempName = (dir: string, name: string, pid = process.pid) => join(dir, `.${name}.${pid}.tmp`);

/**
 * Removes temporary files of the same target left by runs that were killed outright
 * (SIGKILL, a power cut): those whose process no longer exists.
 */
export function sweepStale(dir: string, name: string): void {
  const prefix = `.${name}.`;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const n of names) {
    if (!n.startsWith(prefix) || !n.endsWith('.tmp')) continue;
    const pid = Number(n.slice(prefix.length, -4));
    if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) continue;
    try {
      process.kill(pid, 0);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ESRCH') rmSync(join(dir, n), { force: true });
    }
  }
}
