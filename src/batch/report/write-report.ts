import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { checkTarget } from '../../output/protected-paths.js';
import { removeTemp, sweepStale, tempName, trackTemp, untrackTemp } from '../../output/temp-files.js';
import { unwritable } from '../../output/write-file-atomic.js';

const FLUSH_CHARS = 256 * 1024;

/**
 * A report streamed to a temporary file beside the target and renamed over it
 * only when the batch finishes, so a target is never left half-written, and
 * removed if the run is stopped by a signal. Like writeFileAtomic, it refuses a
 * target that is an input or not a regular file (checkTarget). Pieces are
 * gathered and written synchronously in large blocks: memory stays flat and
 * there is no stream back-pressure to manage.
 */
export class AtomicOutput {
  private pending = '';
  private fd: number | undefined;

  private constructor(
    readonly target: string,
    private readonly tmp: string,
  ) {
    // The signal handlers first: a signal that came between creating the file and
    // installing them would end the run by default and leave the file behind.
    trackTemp(tmp);
    try {
      this.fd = openSync(tmp, 'w');
    } catch (e) {
      untrackTemp(tmp);
      throw e;
    }
  }

  static open(target: string, inputs: string[]): AtomicOutput {
    checkTarget(target, inputs);
    const dir = dirname(resolve(target));
    sweepStale(dir, basename(target));
    try {
      return new AtomicOutput(target, tempName(dir, basename(target)));
    } catch (e) {
      throw unwritable(target, e);
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
      throw unwritable(this.target, e);
    }
  }

  commit(): void {
    this.flush();
    try {
      fsyncSync(this.fd!);
      closeSync(this.fd!);
      this.fd = undefined;
      renameSync(this.tmp, this.target);
      untrackTemp(this.tmp);
    } catch (e) {
      this.abort();
      throw unwritable(this.target, e);
    }
  }

  /** Drops the temporary file; the target is left as it was. */
  abort(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    this.pending = '';
    removeTemp(this.tmp);
    untrackTemp(this.tmp);
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
      // A copy: a pipe is written later on some systems, and a batch worker's buffer is filled again once this returns.
      process.stdout.write(Buffer.from(text));
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
