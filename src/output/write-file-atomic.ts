import { closeSync, fsyncSync, openSync, realpathSync, renameSync, writeSync } from 'node:fs';
import { dirname, resolve, basename } from 'node:path';
import { SubsidyError } from '../errors/subsidy-error.js';
import { WRITE_REASONS } from '../i18n/messages.js';
import { checkTarget } from './protected-paths.js';
import { removeTemp, tempName } from './temp-files.js';

/** True when two paths name the same file (links resolved). */
export function same(a: string, b: string): boolean {
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return resolve(p);
    }
  };
  return real(a) === real(b);
}

/** A failed write as the user's problem with the target (exit 2): FILE_UNWRITABLE naming the path and why. */
export function unwritable(file: string, e: unknown): SubsidyError {
  const code = (e as NodeJS.ErrnoException)?.code ?? '';
  const reason = WRITE_REASONS[code] ?? { zh: code || '未知原因', en: (e as Error)?.message ?? String(e) };
  return SubsidyError.of('FILE_UNWRITABLE', { path: file, reasonZh: reason.zh, reasonEn: reason.en, errno: code }, { file });
}

/**
 * Writes a whole file or nothing: to a temporary file beside it, then a rename.
 * Refuses a target that is an input (any file this run reads, or `inputs`), stdin's
 * file, not a regular file, or inside the rules or cache directory.
 */
export function writeFileAtomic(file: string, content: string | Buffer, inputs: string[] = []): void {
  checkTarget(file, inputs);
  const tmp = tempName(dirname(resolve(file)), basename(file));
  try {
    const fd = openSync(tmp, 'w');
    try {
      const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
      for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
  } catch (e) {
    removeTemp(tmp);
    if (e instanceof SubsidyError) throw e;
    throw unwritable(file, e);
  }
}
