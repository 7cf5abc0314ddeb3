import { fstatSync, statSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { unwritable } from '../output/write-file-atomic.js';

/**
 * Standard output without process.stdout where it is not needed. Creating process.stdout
 * loads Node's stream machinery (a file or /dev/null) or node:net (a pipe), and node:tty is
 * needed to ask whether it is a terminal: together about 5 ms of the ~100 a `calc` adds to
 * Node's own start. Output that is not a terminal is written straight to file descriptor 1,
 * which Node writes synchronously for files and pipes anyway, so the order of lines with
 * stderr is the same.
 */
const nodeRequire = createRequire(import.meta.url);
let terminal: boolean | undefined;
/** process.stdout once something has used it (see quietEndOnFirstUse). */
let stream: NodeJS.WriteStream | undefined;

/** /dev/null is a character device like a terminal, but never one: told apart without node:tty. */
function isDevNull(rdev: number): boolean {
  try {
    return statSync('/dev/null').rdev === rdev;
  } catch {
    return false;
  }
}

/** Whether standard output is a terminal (what process.stdout.isTTY says), asked without creating it. */
export function stdoutIsTerminal(): boolean {
  if (terminal === undefined) {
    let s: ReturnType<typeof fstatSync> | undefined;
    try {
      s = fstatSync(1);
    } catch {
      s = undefined;
    }
    terminal = s?.isCharacterDevice() === true && !isDevNull(s.rdev) && (nodeRequire('node:tty') as typeof import('node:tty')).isatty(1);
  }
  return terminal;
}

/** A reader that stops early (`subsidy … | head`): output ends quietly, with the code the command returns. */
function readerGone(): void {
  if (gone) return;
  gone = true;
  // Not at once: the command that was writing has not returned its exit code yet (runCommand sets
  // it), and `subsidy test | head` must still fail when a case failed. Later writes are dropped.
  setImmediate(() => process.exit(process.exitCode ?? 0));
}
let gone = false;

/**
 * Gives process.stdout, whenever anything first uses it (a command, commander's help, the batch
 * report, the interview), the quiet end for a reader that stops early, without creating it now:
 * Node defines process.stdout as a getter that creates the stream on first use.
 */
export function quietEndOnFirstUse(): void {
  const d = Object.getOwnPropertyDescriptor(process, 'stdout');
  const onError = (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    readerGone();
  };
  if (!d?.get || !d.configurable) {
    process.stdout.on('error', onError);
    return;
  }
  const create = d.get;
  Object.defineProperty(process, 'stdout', {
    configurable: true,
    enumerable: d.enumerable,
    get() {
      const s = create.call(process) as NodeJS.WriteStream;
      if (!stream) (stream = s).on('error', onError);
      return s;
    },
  });
}

/** Writes text to standard output: through process.stdout on a terminal, else straight to the descriptor. */
export function writeStdout(text: string): void {
  if (gone) return;
  if (stream || stdoutIsTerminal()) {
    process.stdout.write(text);
    return;
  }
  const bytes = Buffer.from(text, 'utf8');
  let done = 0;
  try {
    while (done < bytes.length) done += writeSync(1, bytes, done);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EPIPE') readerGone();
    // A descriptor left non-blocking by whoever started us: the stream waits for the reader.
    else if (code === 'EAGAIN') process.stdout.write(bytes.subarray(done));
    // A full disk or the like behind a redirection: the user's problem with the target, not a bug.
    else throw unwritable('<stdout>', e);
  }
}
