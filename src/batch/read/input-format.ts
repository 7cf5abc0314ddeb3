import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { extname } from 'node:path';

// What kind of input a file is, from its name or first bytes: apart from the readers,
// so that calc can tell a table from one enterprise's file without loading csv-parse.

export type InputFormat = 'csv' | 'yaml' | 'jsonl' | 'xlsx';

/** A file whose first bytes are a zip's or an old workbook's: read as a workbook whatever its name. */
export function workbookBytes(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    const fd = openSync(file, 'r');
    try {
      const head = Buffer.alloc(4);
      const n = readSync(fd, head, 0, 4, 0);
      return (
        n === 4 &&
        ((head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) ||
          (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0))
      );
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
}

export function formatFromName(file: string): InputFormat | undefined {
  const ext = extname(file).toLowerCase();
  if (ext === '.csv' || ext === '.txt') return 'csv';
  if (ext === '.yaml' || ext === '.yml') return 'yaml';
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  if (ext === '.xlsx' || ext === '.xlsm' || ext === '.xls') return 'xlsx';
  return undefined;
}

/** A table of enterprises (CSV or a workbook), as opposed to one enterprise's YAML or JSON file. */
export function isTable(file: string): boolean {
  if (file === '-') return false;
  const f = formatFromName(file);
  return f === 'csv' || f === 'xlsx' || workbookBytes(file);
}
