import { extname } from 'node:path';
import { writeFileAtomic } from '../output/write-file-atomic.js';
import { writeStdout } from './stdout.js';

/** `--out -`, like no --out at all, means standard output: never a file named "-". */
export const toStdout = (out: string | undefined) => out === undefined || out === '-';

/** A whole output: to stdout, or to a file written whole or not at all (never over an input). */
export function writeOutput(text: string, out: string | undefined, inputs: string[]): void {
  if (toStdout(out)) writeStdout(text);
  else writeFileAtomic(out!, text, inputs);
}

/** The format a file name asks for, among those a command writes. */
export function formatOfName<F extends string>(out: string | undefined, formats: Record<string, F>): F | undefined {
  if (toStdout(out)) return undefined;
  return formats[extname(out!).toLowerCase()];
}

/** Excel opens a UTF-8 CSV as UTF-8 only when it starts with a byte-order mark. */
export const BOM = '\uFEFF';
