import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { SubsidyError } from '../errors/subsidy-error.js';
import { same } from '../output/write-file-atomic.js';

const FLUSH_CHARS = 256 * 1024;

/**
 * A report streamed to a temporary file beside the target and renamed over it
 * only when the batch finishes, so a target is never left half-written. Like
 * writeFileAtomic, it refuses a target that is one of the inputs. Pieces are
 * gathered and written synchronously in large blocks: memory stays flat and
 * there is no stream back-pressure to manage.
 */
export class AtomicOutput {
  private pending = '';
  private fd: number | undefined;

  private constructor(readonly target: string, private readonly tmp: string) {
    this.fd = openSync(tmp, 'w');
  }

  static open(target: string, inputs: string[]): AtomicOutput {
    if (inputs.some((i) => i !== '-' && same(i, target))) throw SubsidyError.of('OUTPUT_IS_INPUT', { path: target }, { file: target });
    const tmp = join(dirname(resolve(target)), `.${basename(target)}.${process.pid}.tmp`);
    try {
      return new AtomicOutput(target, tmp);
    } catch (e) {
      throw SubsidyError.of('FILE_UNREADABLE', { reason: (e as Error).message }, { file: target });
    }
  }

  write(text: string): void {
    this.pending += text;
    if (this.pending.length >= FLUSH_CHARS) this.flush();
  }

  private flush(): void {
    if (this.fd === undefined || !this.pending) return;
    try {
      writeSync(this.fd, this.pending);
    } catch (e) {
      this.abort();
      throw SubsidyError.of('FILE_UNREADABLE', { reason: (e as Error).message }, { file: this.target });
    }
    this.pending = '';
  }

  commit(): void {
    this.flush();
    try {
      fsyncSync(this.fd!);
      closeSync(this.fd!);
      this.fd = undefined;
      renameSync(this.tmp, this.target);
    } catch (e) {
      this.abort();
      throw SubsidyError.of('FILE_UNREADABLE', { reason: (e as Error).message }, { file: this.target });
    }
  }

  /** Drops the temporary file; the target is left as it was. */
  abort(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    this.pending = '';
    rmSync(this.tmp, { force: true });
  }
}
