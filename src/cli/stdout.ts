import { fstatSync, statSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';

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

/** process.stdout, with the quiet end for a reader that stops early (`subsidy … | head`), as other Unix tools do. */
export function stdoutStream(): NodeJS.WriteStream {
  if (!stream) {
    stream = process.stdout;
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') throw e;
      process.exit(process.exitCode ?? 0);
    });
  }
  return stream;
}

/** Writes text to standard output: through process.stdout on a terminal, else straight to the descriptor. */
export function writeStdout(text: string): void {
  if (stream || stdoutIsTerminal()) {
    stdoutStream().write(text);
    return;
  }
  const bytes = Buffer.from(text, 'utf8');
  let done = 0;
  try {
    while (done < bytes.length) done += writeSync(1, bytes, done);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EPIPE') process.exit(process.exitCode ?? 0);
    // A descriptor left non-blocking by whoever started us: the stream waits for the reader.
    if (code === 'EAGAIN') stdoutStream().write(bytes.subarray(done));
    else throw e;
  }
}
