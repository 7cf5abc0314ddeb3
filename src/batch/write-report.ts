import { closeSync, createWriteStream, fsyncSync, openSync, renameSync, rmSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { basename, dirname, join, resolve } from 'node:path';
import { SubsidyError } from '../errors/subsidy-error.js';
import { same } from '../output/write-file-atomic.js';

const FLUSH_CHARS = 256 * 1024;

/**
 * A report streamed to a temporary file beside the target and renamed over it
 * only when the batch finishes, so a target is never left half-written. Like
 * writeFileAtomic, it refuses a target that is one of the inputs.
 */
export class AtomicOutput {
  private pending = '';
  private readonly stream: WriteStream;
  private readonly onSignal = () => {
    this.abort();
    process.exit(130);
  };

  private constructor(readonly target: string, private readonly tmp: string, private readonly fd: number) {
    this.stream = createWriteStream('', { fd, autoClose: false });
    process.once('SIGINT', this.onSignal);
  }

  static open(target: string, inputs: string[]): AtomicOutput {
    const clash = inputs.find((i) => i !== '-' && same(i, target));
    if (clash) throw SubsidyError.of('OUTPUT_IS_INPUT', { path: target }, { file: target });
    const tmp = join(dirname(resolve(target)), `.${basename(target)}.${process.pid}.tmp`);
    try {
      return new AtomicOutput(target, tmp, openSync(tmp, 'w'));
    } catch (e) {
      throw SubsidyError.of('FILE_UNREADABLE', { reason: (e as Error).message }, { file: target });
    }
  }

  /** Buffers small pieces; waits for the disk when the stream is full, so memory stays flat. */
  async write(text: string): Promise<void> {
    this.pending += text;
    if (this.pending.length >= FLUSH_CHARS) await this.flush();
  }

  private async flush(): Promise<void> {
    const chunk = this.pending;
    this.pending = '';
    if (chunk && !this.stream.write(chunk)) await once(this.stream, 'drain');
  }

  async commit(): Promise<void> {
    try {
      await this.flush();
      this.stream.end();
      await once(this.stream, 'finish');
      fsyncSync(this.fd);
      closeSync(this.fd);
      renameSync(this.tmp, this.target);
    } catch (e) {
      this.abort();
      throw SubsidyError.of('FILE_UNREADABLE', { reason: (e as Error).message }, { file: this.target });
    } finally {
      process.removeListener('SIGINT', this.onSignal);
    }
  }

  /** Drops the temporary file; the target is left as it was. */
  abort(): void {
    process.removeListener('SIGINT', this.onSignal);
    this.stream.destroy();
    try {
      closeSync(this.fd);
    } catch {
      // already closed
    }
    rmSync(this.tmp, { force: true });
  }
}
