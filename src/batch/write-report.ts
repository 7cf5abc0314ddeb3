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

  /** Text, or bytes already encoded as UTF-8 (what batch workers send). */
  write(text: string | Uint8Array): void {
    if (typeof text !== 'string') {
      this.flush();
      this.writeOut(text);
      return;
    }
    this.pending += text;
    if (this.pending.length >= FLUSH_CHARS) this.flush();
  }

  private flush(): void {
    if (!this.pending) return;
    this.writeOut(this.pending);
    this.pending = '';
  }

  private writeOut(data: string | Uint8Array): void {
    if (this.fd === undefined) return;
    try {
      // writeSync may write fewer bytes than given; a string is encoded first so the rest can follow.
      const bytes = typeof data === 'string' ? Buffer.from(data) : data;
      for (let done = 0; done < bytes.length; ) done += writeSync(this.fd, bytes, done);
    } catch (e) {
      this.abort();
      throw SubsidyError.of('FILE_UNREADABLE', { reason: (e as Error).message }, { file: this.target });
    }
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

/** Where a report goes: a file written whole at the end, or standard output. */
export type ReportOutput = Pick<AtomicOutput, 'target' | 'write' | 'commit' | 'abort'>;

/**
 * `--out -`, or --format without --out: the report on stdout, in the same large
 * blocks (stdout is synchronous for files and pipes on Linux, so memory stays flat).
 * There is nothing to rename or take back: commit flushes, abort drops what is pending.
 */
export class StdoutOutput implements ReportOutput {
  readonly target = '-';
  private pending = '';

  write(text: string | Uint8Array): void {
    if (typeof text !== 'string') {
      this.flush();
      process.stdout.write(text);
      return;
    }
    this.pending += text;
    if (this.pending.length >= FLUSH_CHARS) this.flush();
  }

  private flush(): void {
    if (this.pending) process.stdout.write(this.pending);
    this.pending = '';
  }

  commit(): void {
    this.flush();
  }

  abort(): void {
    this.pending = '';
  }
}
