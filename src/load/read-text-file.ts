import { readFileSync, statSync } from 'node:fs';
import { SubsidyError } from '../errors/subsidy-error.js';

/** Reads a UTF-8 text file, or stdin for "-", as a user-facing operation. */
export function readTextFile(file: string): string {
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
  return decodeUtf8(buf, file);
}

/** Strict UTF-8 with the BOM dropped; anything else is an ENCODING error for the file. */
export function decodeUtf8(buf: Buffer, file: string): string {
  if (buf.includes(0)) throw SubsidyError.of('ENCODING', { detail: 'binary data (NUL byte)' }, { file });
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
    return text.startsWith('\uFEFF') ? text.slice(1) : text;
  } catch {
    throw SubsidyError.of('ENCODING', { detail: 'not valid UTF-8' }, { file });
  }
}
