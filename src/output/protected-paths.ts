import { fstatSync, realpathSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, resolve, sep } from 'node:path';
import { SubsidyError } from '../errors/subsidy-error.js';

/**
 * What a run must never write over: every file it reads (registered by the readers),
 * stdin's file, and directories that hold what it reads (the rule directory and the
 * rule cache). Writers check their target here before they create anything.
 */
const inputs = new Set<string>();
const dirs = new Set<string>();

/** A file this run reads; "-" (stdin) is always protected. */
export function protectInput(file: string): void {
  if (file !== '-') inputs.add(file);
}

/** A directory nothing may be written into (the rules, the cache). */
export function protectDir(dir: string): void {
  dirs.add(dir);
}

const real = (p: string) => {
  try {
    return realpathSync(p);
  } catch {
    return undefined;
  }
};

const sameFile = (a: Stats, b: Stats) => a.dev === b.dev && a.ino === b.ino;

function statOf(p: string): Stats | undefined {
  try {
    return statSync(p);
  } catch {
    return undefined;
  }
}

function stdinFile(): Stats | undefined {
  try {
    const s = fstatSync(0);
    return s.isFile() ? s : undefined;
  } catch {
    return undefined;
  }
}

const inside = (path: string, dir: string) => path === dir || path.startsWith(dir.endsWith(sep) ? dir : dir + sep);

/**
 * Refuses a target that is (through any link) one of the inputs or stdin's file,
 * that exists and is not a regular file (a device, a FIFO, a directory), or that
 * lies in a protected directory. `extra` are inputs the caller names itself.
 */
export function checkTarget(target: string, extra: string[] = []): void {
  const st = statOf(target);
  if (st && !st.isFile()) throw SubsidyError.of('OUTPUT_NOT_FILE', { path: target }, { file: target });
  // Where the file would land: the real path of an existing target, else of its directory.
  // Checked before the inputs, so a rule file is refused the same way whether or not this run read it.
  const where = (st && real(target)) ?? (real(dirname(resolve(target))) ?? dirname(resolve(target))) + sep + basename(target);
  for (const d of dirs) {
    const r = real(d) ?? resolve(d);
    if (inside(where, r)) throw SubsidyError.of('OUTPUT_PROTECTED', { path: target }, { file: target });
  }
  if (!st) return;
  const stdin = stdinFile();
  if (stdin && sameFile(st, stdin)) throw SubsidyError.of('OUTPUT_IS_INPUT', { path: target }, { file: target });
  for (const i of [...inputs, ...extra.filter((x) => x !== '-')]) {
    const other = statOf(i);
    if (other && sameFile(st, other)) throw SubsidyError.of('OUTPUT_IS_INPUT', { path: target }, { file: target });
  }
}
