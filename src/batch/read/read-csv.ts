import { parse } from 'csv-parse/sync';
import type { Options } from 'csv-parse';
import type { Finding } from '../../errors/codes.js';
import { SubsidyError } from '../../errors/subsidy-error.js';
import type { SourceRow } from './source-row.js';
import { cellsOfLine, lineText } from './split-cells.js';
import { MAX_RECORD_BYTES, NOTES_MARK, RecordSplitter, type Piece, type Split } from './split-records.js';
import { reason } from '../../i18n/reasons.js';

/**
 * The csv-parse options of `subsidy batch` (the benchmark parses with the same ones).
 * csv-parse only ever sees records the splitter (split-records.ts) handed on, so
 * nothing here skips or recovers: ragged rows are kept (relax_column_count) and
 * reported by the caller, a quote inside a cell is kept as it is (relax_quotes),
 * and a line may end in CRLF, LF or CR, mixed in one file.
 */
export function csvOptions(): Options {
  return {
    relax_column_count: true,
    relax_quotes: true,
    record_delimiter: ['\r\n', '\n', '\r'],
    // The splitter hands on nothing this long; a backstop, not a limit anyone meets.
    max_record_size: 4 * MAX_RECORD_BYTES,
  };
}

/** A row read from the text, before it is numbered: its cells, or why its line could not be read. */
export interface RawRow {
  line: number;
  cells?: string[];
  problem?: Finding;
}

/** Not data: a row of blank cells (what a spreadsheet leaves after deleted rows), or the template's notes row. */
function skippable(cells: string[]): boolean {
  if (cells[0] === NOTES_MARK) return true;
  for (const c of cells) if (c !== '' && c.trim() !== '') return false;
  return true;
}

function problemOf(p: Piece, file: string): Finding {
  const pr = p.problem!;
  if (pr.code === 'RECORD_TOO_LONG') return { code: pr.code, args: { limit: MAX_RECORD_BYTES }, file, line: p.line };
  return { code: pr.code, args: { column: pr.column }, file, line: p.line, column: pr.column };
}

/**
 * The rows of one split: each record's cells (see recordCells), a bad line as an
 * error row. The header is handed to `header`. A broken first row means there is
 * no header (exit 2).
 */
export function rowsOf(split: Split, file: string, header?: (cells: string[], line: number) => void): RawRow[] {
  const out: RawRow[] = [];
  const { buf, base, pieces } = split;
  for (const p of pieces) {
    if (p.kind === 'bad-header') throw new SubsidyError([problemOf(p, file)]);
    if (p.kind === 'bad') out.push({ line: p.line, cells: p.cells, problem: problemOf(p, file) });
    else if (p.kind !== 'skip') {
      const cells = recordCells(buf, p, base);
      if (p.kind === 'header') header?.(cells, p.line);
      else if (!skippable(cells)) out.push({ line: p.line, cells });
    }
  }
  return out;
}

/**
 * A record's cells: a record on one line is read here (split-cells.ts), each piece
 * decoded once; one that spans lines goes to csv-parse, as would anything the quick
 * reader is not sure of.
 */
function recordCells(buf: Buffer, p: Piece, base: number): string[] {
  const quick = p.multi ? undefined : cellsOfLine(lineText(buf, p.start - base, p.end - base));
  if (quick) return quick;
  const records = parse(buf.subarray(p.start - base, p.end - base), csvOptions()) as string[][];
  // The splitter follows csv-parse's rules; a difference is a bug here, not a problem of the file.
  if (records.length !== 1) throw new Error(`csv-parse read ${records.length} records where the splitter found one (line ${p.line})`);
  return records[0]!;
}

/**
 * The rows of a batch worker's chunk, as openCsv gives them: the chunk (bytes from
 * a piece start the planner chose, on physical line `line`) is split again; the
 * first chunk finds the header itself and leaves it out, the others are told its
 * cell count. See split-records.ts for why both find the same pieces.
 */
export function chunkRows(buf: Buffer, at: { first: boolean; line: number; columns: number }, file: string): RawRow[] {
  const splitter = new RecordSplitter(at.first ? undefined : at.columns, at.line);
  return [...rowsOf(splitter.feed(buf), file), ...rowsOf(splitter.finish(), file)];
}

/** A whole small CSV (a --history file) read the same way: the header and every row, bad lines as problems. */
export function readCsvWhole(buf: Buffer, file: string): { header?: { cells: string[]; line: number }; rows: RawRow[] } {
  const splitter = new RecordSplitter();
  let header: { cells: string[]; line: number } | undefined;
  const onHeader = (cells: string[], line: number) => void (header = { cells, line });
  const rows = [...rowsOf(splitter.feed(buf), file, onHeader), ...rowsOf(splitter.finish(), file, onHeader)];
  return { header, rows };
}

/**
 * Reads CSV as a stream. The first row that is not blank (or the notes row) is the
 * header; then each data row comes with its 1-based number and the physical line
 * it starts on, and each line that cannot be read is an error row in its place.
 * Throws (exit 2) when the bytes cannot be decoded or there is no header.
 */
export async function openCsv(
  chunks: AsyncIterable<Buffer>,
  file: string,
): Promise<{ header: { cells: string[]; line: number }; rows: AsyncGenerator<SourceRow> }> {
  const splitter = new RecordSplitter();
  const it = chunks[Symbol.asyncIterator]();
  let header: { cells: string[]; line: number } | undefined;
  const onHeader = (cells: string[], line: number) => void (header = { cells, line });
  let pending: RawRow[] = [];
  let fed = 0;
  let done = false;
  while (!header && !done) {
    const n = await it.next();
    if (n.done) done = true;
    else fed += n.value.length;
    pending = pending.concat(rowsOf(n.done ? splitter.finish() : splitter.feed(n.value), file, onHeader));
  }
  if (!header) throw fed ? SubsidyError.of('CSV_SYNTAX', { detail: reason('noHeader') }, { file }) : SubsidyError.of('FILE_EMPTY', {}, { file });
  async function* rows(): AsyncGenerator<SourceRow> {
    let row = 0;
    const numbered = (r: RawRow): SourceRow => ({ row: ++row, ...r });
    for (const r of pending) yield numbered(r);
    pending = [];
    while (!done) {
      const n = await it.next();
      if (n.done) done = true;
      for (const r of rowsOf(n.done ? splitter.finish() : splitter.feed(n.value), file)) yield numbered(r);
    }
  }
  return { header, rows: rows() };
}
