import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { SubsidyError } from '../errors/subsidy-error.js';
import { protectInput } from '../output/protected-paths.js';
import { reason } from '../i18n/reasons.js';
import { lazySha256 } from './sha256.js';

/**
 * The most a file read whole may hold: an enterprise file, a case file, a result
 * file for diff, a rule or regime file. Real ones are a few hundred KiB at most;
 * a larger one (or /dev/zero, or endless stdin) is refused as soon as the limit is
 * passed, without reading on. Documented in README ("Guarantees under bad input").
 */
export const MAX_TEXT_BYTES = 4 * 1024 * 1024;

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/**
 * The bytes of a file or stdin ("-"), at most `limit` of them: a regular file that is
 * larger is refused before it is read, anything else (a pipe, a device) as soon as
 * it has given more. Missing and unreadable files are the user's error (exit 2).
 * `sniff` sees the first bytes read and may refuse them at once (NUL bytes from
 * /dev/zero need not be read up to the limit).
 */
export function readBounded(file: string, limit = MAX_TEXT_BYTES, sniff?: (head: Buffer) => void): Buffer {
  protectInput(file);
  let fd = 0;
  try {
    if (file !== '-') {
      const st = statSync(file);
      if (st.isDirectory()) throw SubsidyError.of('FILE_UNREADABLE', { reason: 'is a directory' }, { file });
      if (st.isFile() && st.size > limit) throw SubsidyError.of('INPUT_TOO_LARGE', { limit }, { file });
      fd = openSync(file, 'r');
    }
    const chunks: Buffer[] = [];
    let total = 0;
    const buf = Buffer.alloc(64 * 1024);
    for (;;) {
      let n: number;
      try {
        n = readSync(fd, buf, 0, buf.length, null);
      } catch (e) {
        // A non-blocking stdin with nothing yet: wait a little, as a blocking read would.
        if ((e as NodeJS.ErrnoException).code === 'EAGAIN') {
          Atomics.wait(sleeper, 0, 0, 10);
          continue;
        }
        if ((e as NodeJS.ErrnoException).code === 'EOF') break;
        throw e;
      }
      if (n === 0) break;
      if (total === 0) sniff?.(buf.subarray(0, n));
      total += n;
      if (total > limit) throw SubsidyError.of('INPUT_TOO_LARGE', { limit }, { file: file === '-' ? '<stdin>' : file });
      chunks.push(Buffer.from(buf.subarray(0, n)));
    }
    return Buffer.concat(chunks);
  } catch (e) {
    if (e instanceof SubsidyError) throw e;
    const code = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'FILE_NOT_FOUND' : 'FILE_UNREADABLE';
    throw SubsidyError.of(code, { reason: (e as Error).message }, { file });
  } finally {
    if (fd !== 0) closeSync(fd);
  }
}

/** Reads a UTF-8 text file, or stdin for "-", as a user-facing operation (at most MAX_TEXT_BYTES). */
export function readTextFile(file: string): string {
  return decodeUtf8(
    readBounded(file, MAX_TEXT_BYTES, (head) => binaryCheck(head, file)),
    file,
  );
}

/** The text and the SHA-256 of the very bytes it was decoded from (stdin too), taken when first asked for: for provenance. */
export function readTextFileHashed(file: string): { text: string; sha256: () => string } {
  const buf = readBounded(file, MAX_TEXT_BYTES, (head) => binaryCheck(head, file));
  return { text: decodeUtf8(buf, file), sha256: lazySha256(buf) };
}

/** Encoding names are arguments: the messages' wording stays free of them. */
export const UTF16_ARGS = { encoding: 'UTF-16', wanted: 'UTF-8' };

/** UTF-16 and NUL bytes are refused from the first bytes on. */
function binaryCheck(buf: Buffer, file: string): void {
  if (looksUtf16(buf)) throw SubsidyError.of('ENCODING_UTF16', UTF16_ARGS, { file, line: 1 });
  const nul = buf.indexOf(0);
  if (nul >= 0) throw SubsidyError.of('ENCODING', { detail: reason('binary') }, { file, line: lineOf(buf, nul) });
}

/**
 * Whether bytes are UTF-16 text: a UTF-16 byte order mark, or (without one) NUL bytes
 * nearly all on one side of each pair, as ASCII letters and digits leave them. Excel's
 * "Unicode text" export is such a file (CJK characters put a NUL on the other side now and then).
 */
export function looksUtf16(head: Buffer): boolean {
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return true;
  let even = 0;
  let odd = 0;
  const n = Math.min(head.length, 4096) & ~1;
  for (let i = 0; i < n; i++) if (head[i] === 0) i & 1 ? odd++ : even++;
  const nul = even + odd;
  return n >= 8 && nul >= Math.max(2, n / 32) && Math.max(even, odd) >= nul * 0.85;
}

/** Strict UTF-8 with the BOM dropped; anything else is an ENCODING error for the file. */
export function decodeUtf8(buf: Buffer, file: string): string {
  binaryCheck(buf, file);
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
    return text.startsWith('\uFEFF') ? text.slice(1) : text;
  } catch {
    throw SubsidyError.of('ENCODING', { detail: reason('notUtf8') }, { file, line: lineOf(buf, firstBadByte(buf)) });
  }
}

const lineOf = (buf: Buffer, offset: number) => buf.subarray(0, offset).filter((b) => b === 0x0a).length + 1;

/** Where invalid UTF-8 starts: whether a prefix decodes (an unfinished last character allowed) only turns false once, so bisect. */
export function firstBadByte(buf: Buffer): number {
  const validPrefix = (n: number) => {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(buf.subarray(0, n), { stream: true });
      return true;
    } catch {
      return false;
    }
  };
  if (validPrefix(buf.length)) return buf.length - 1; // only the last character is cut short
  let [lo, hi] = [0, buf.length];
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (validPrefix(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}
