import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { SubsidyError } from '../errors/subsidy-error.js';

/** Reads a UTF-8 text file, or stdin for "-", as a user-facing operation. */
export function readTextFile(file: string): string {
  return decodeUtf8(readBytes(file), file);
}

/** The text and the SHA-256 of the very bytes it was decoded from (stdin too): for provenance. */
export function readTextFileHashed(file: string): { text: string; sha256: string } {
  const buf = readBytes(file);
  return { text: decodeUtf8(buf, file), sha256: createHash('sha256').update(buf).digest('hex') };
}

function readBytes(file: string): Buffer {
  let buf: Buffer;
  try {
    if (file === '-') buf = readFileSync(0);
    else {
      if (statSync(file).isDirectory()) throw SubsidyError.of('FILE_UNREADABLE', { reason: 'is a directory' }, { file });
      buf = readFileSync(file);
    }
  } catch (e) {
    if (e instanceof SubsidyError) throw e;
    const code = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'FILE_NOT_FOUND' : 'FILE_UNREADABLE';
    throw SubsidyError.of(code, { reason: (e as Error).message }, { file });
  }
  return buf;
}

/** Strict UTF-8 with the BOM dropped; anything else is an ENCODING error for the file. */
export function decodeUtf8(buf: Buffer, file: string): string {
  const nul = buf.indexOf(0);
  if (nul >= 0) throw SubsidyError.of('ENCODING', { detail: 'binary data (NUL byte)' }, { file, line: lineOf(buf, nul) });
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
    return text.startsWith('\uFEFF') ? text.slice(1) : text;
  } catch {
    throw SubsidyError.of('ENCODING', { detail: 'not valid UTF-8' }, { file, line: lineOf(buf, firstBadByte(buf)) });
  }
}

const lineOf = (buf: Buffer, offset: number) => buf.subarray(0, offset).filter((b) => b === 0x0a).length + 1;

/** Where invalid UTF-8 starts: whether a prefix decodes (an unfinished last character allowed) only turns false once, so bisect. */
function firstBadByte(buf: Buffer): number {
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
