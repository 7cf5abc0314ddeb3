import { closeSync, fsyncSync, openSync, realpathSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, resolve, basename, join } from 'node:path';
import { SubsidyError } from '../errors/subsidy-error.js';

/** True when two paths name the same file (links resolved); used to refuse writing over an input. */
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

/**
 * Writes a whole file or nothing: to a temporary file beside it, then a rename.
 * Refuses to write over any of the inputs.
 */
export function writeFileAtomic(file: string, content: string | Buffer, inputs: string[] = []): void {
  if (inputs.some((i) => i !== '-' && same(i, file))) throw SubsidyError.of('OUTPUT_IS_INPUT', { path: file }, { file });
  const tmp = join(dirname(resolve(file)), `.${basename(file)}.${process.pid}.tmp`);
  try {
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    if (e instanceof SubsidyError) throw e;
    throw SubsidyError.of('FILE_UNREADABLE', { reason: (e as Error).message }, { file });
  }
}
