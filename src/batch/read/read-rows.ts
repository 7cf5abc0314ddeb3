import { createReadStream, existsSync, statSync } from 'node:fs';
import { SubsidyError } from '../../errors/subsidy-error.js';
import { protectInput } from '../../output/protected-paths.js';
import { utf8Chunks, type Encoding } from './detect-encoding.js';
import { duplicateKey } from './json-keys.js';
import { openCsv } from './read-csv.js';
import { textLines, unwrap, yamlRows } from './read-yaml-rows.js';
import type { SourceRow } from './source-row.js';
import type { XlsxOptions } from './xlsx/read-xlsx.js';

export type { SourceRow } from './source-row.js';

export { formatFromName, workbookBytes, type InputFormat } from './input-format.js';
import { formatFromName, workbookBytes, type InputFormat } from './input-format.js';
export const INPUT_FORMATS: InputFormat[] = ['csv', 'yaml', 'jsonl', 'xlsx'];

export interface RowSource {
  format: InputFormat;
  header?: { cells: string[]; line: number };
  rows: AsyncGenerator<SourceRow>;
  /** A workbook's sheet, and whether it counts dates from 1904. */
  sheet?: string;
  date1904?: boolean;
}

/** The raw bytes of a file or stdin; a missing or unreadable file is the user's error (exit 2). */
async function* bytesOf(file: string): AsyncGenerator<Buffer> {
  protectInput(file);
  try {
    if (file === '-') {
      for await (const chunk of process.stdin) yield chunk as Buffer;
      return;
    }
    if (statSync(file).isDirectory()) throw SubsidyError.of('FILE_UNREADABLE', { reason: 'is a directory' }, { file });
    for await (const chunk of createReadStream(file, { highWaterMark: 256 * 1024 })) yield chunk as Buffer;
  } catch (e) {
    if (e instanceof SubsidyError) throw e;
    const code = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'FILE_NOT_FOUND' : 'FILE_UNREADABLE';
    throw SubsidyError.of(code, { reason: (e as Error).message }, { file });
  }
}

/** For stdin and unknown extensions: a JSON object per line, a YAML list, or CSV. */
function sniff(head: Buffer): InputFormat {
  const text = head.subarray(0, 4096).toString('utf8').trimStart();
  if (text.startsWith('{')) return 'jsonl';
  if (text.startsWith('[') || /^(---|- |-\n|-\r\n)/.test(text)) return 'yaml';
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  return /^[^,]*:\s/.test(firstLine) && !firstLine.includes(',') ? 'yaml' : 'csv';
}

/** Puts a chunk that was looked at back in front of the rest. */
async function* prepend(first: Buffer, rest: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  yield first;
  for (let r = await rest.next(); !r.done; r = await rest.next()) yield r.value;
}

/**
 * Opens a batch input as a stream of rows. The encoding is detected (or forced),
 * the format comes from the extension, --input-format, or a look at the start.
 */
export async function openRows(
  file: string,
  opts: { format?: InputFormat; encoding?: Encoding; xlsx?: Omit<XlsxOptions, 'isHeader'> & Partial<Pick<XlsxOptions, 'isHeader'>> } = {},
): Promise<RowSource> {
  const named = opts.format ?? (file === '-' ? undefined : formatFromName(file));
  if (named === 'xlsx' || (!opts.format && file !== '-' && workbookBytes(file))) {
    if (file === '-') throw SubsidyError.of('USAGE', { detail: 'a workbook cannot be read from stdin: give its file name' }, { field: '--input-format' });
    protectInput(file);
    if (!existsSync(file)) throw SubsidyError.of('FILE_NOT_FOUND', {}, { file });
    // Loaded only for workbooks: a CSV batch never pays for the zip and XML readers.
    const { openXlsx } = await import('./xlsx/read-xlsx.js');
    const x = await openXlsx(file, { isHeader: () => false, ...opts.xlsx });
    return { format: 'xlsx', header: x.header, rows: x.rows, sheet: x.sheet, date1904: x.date1904 };
  }
  const it = utf8Chunks(bytesOf(file), file, opts.encoding)[Symbol.asyncIterator]();
  const first = await it.next();
  if (first.done) throw SubsidyError.of('FILE_EMPTY', {}, { file });
  const chunks = prepend(first.value, it);
  const format = opts.format ?? (file === '-' ? undefined : formatFromName(file)) ?? sniff(first.value);
  if (format === 'csv') return { format, ...(await openCsv(chunks, file)) };
  if (format === 'jsonl') return { format, rows: jsonlRows(chunks, file) };
  return { format, rows: await yamlRows(chunks, file) };
}

async function* jsonlRows(chunks: AsyncIterable<Buffer>, file: string): AsyncGenerator<SourceRow> {
  let line = 0;
  let row = 0;
  for await (const text of textLines(chunks)) {
    line++;
    if (!text.trim()) continue;
    row++;
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (e) {
      yield { row, line, problem: { code: 'JSON_SYNTAX', args: { detail: (e as Error).message }, file, line } };
      continue;
    }
    const dup = duplicateKey(text);
    if (dup) {
      const first = `${file}:${line}:${dup.first + 1}`;
      yield {
        row,
        line,
        problem: {
          code: 'DUPLICATE_GIVEN',
          args: { item: dup.key, first, second: `${file}:${line}:${dup.second + 1}` },
          file,
          line,
          column: dup.second + 1,
          field: dup.path.join('.'),
        },
      };
      continue;
    }
    const at = line;
    const { record, prefix } = unwrap(data);
    yield { row, line, record, locate: (path) => ({ file, line: at, field: [...prefix, ...path].join('.') }) };
  }
}
