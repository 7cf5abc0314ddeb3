import { Readable, pipeline } from 'node:stream';
import { parse, type CsvError, type Options } from 'csv-parse';
import { SubsidyError } from '../errors/subsidy-error.js';
import type { Finding } from '../errors/codes.js';
import type { SourceRow } from './read-rows.js';

/** What csv-parse hands on for each record: the cells, and where the record ends in bytes. */
export interface CsvRecord {
  cells: string[];
  end: number;
}

interface Skipped {
  after: number;
  start: number;
  error: CsvError;
}

/**
 * The csv-parse options of `subsidy batch` (the benchmark parses with the same ones).
 * Ragged rows are kept (relax_column_count) and reported by the caller; lines
 * starting with # are comments (the template's notes row); a record that cannot
 * be parsed is skipped and handed to onSkip, so one bad row never stops a batch.
 */
export function csvOptions(onSkip: (error: CsvError) => void = () => undefined, onRecord: (cells: string[], end: number) => CsvRecord = (cells, end) => ({ cells, end })): Options {
  // csv-parse types on_record as returning a record; it passes on whatever it returns.
  const toRecord = (cells: string[], ctx: { bytes: number }) => onRecord(cells, ctx.bytes) as unknown as string[];
  return {
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    // A line of nothing but commas (what a spreadsheet leaves after deleted rows) is not a row.
    skip_records_with_empty_values: true,
    comment: '#',
    comment_no_infix: true,
    max_record_size: 1 << 20,
    skip_records_with_error: true,
    on_skip: (error) => void onSkip(error as CsvError),
    on_record: toRecord,
  };
}

/**
 * Physical line numbers from byte offsets: the chunks fed to the parser are kept
 * until the (always increasing) offsets asked about have passed them.
 */
class LineCounter {
  private chunks: Buffer[] = [];
  private base = 0; // offset of chunks[0]
  private at = 0; // offset counted up to
  private lines = 0; // newlines before `at`

  add(chunk: Buffer): void {
    this.chunks.push(chunk);
  }

  /** Newlines before a byte offset. */
  newlinesBefore(offset: number): number {
    while (this.at < offset && this.chunks.length) {
      const chunk = this.chunks[0]!;
      const stop = Math.min(offset, this.base + chunk.length) - this.base;
      let i = this.at - this.base;
      while ((i = chunk.indexOf(10, i)) !== -1 && i < stop) {
        this.lines++;
        i++;
      }
      this.at = this.base + stop;
      if (stop === chunk.length) {
        this.chunks.shift();
        this.base += chunk.length;
      }
    }
    return this.lines;
  }
}

export function newlinesIn(cells: string[]): number {
  let n = 0;
  for (const c of cells) for (let i = c.indexOf('\n'); i !== -1; i = c.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * The physical line each record of a buffer starts on: LF bytes before the record's
 * last byte (counting on from `before`, the LFs ahead of the buffer), less those
 * inside its own cells. For records parsed from a buffer held whole (batch workers).
 */
export function recordLines(buf: Buffer, records: CsvRecord[], before = 0): number[] {
  let newlines = before;
  let next = buf.indexOf(10);
  let previousLast = -1; // the last byte of the record before (its LF, when it ends with one)
  return records.map((r) => {
    let others = 0;
    for (; next !== -1 && next < r.end - 1; next = buf.indexOf(10, next + 1)) {
      newlines++;
      if (next !== previousLast) others++;
    }
    previousLast = r.end - 1;
    // Any other LF is in this record's cells or on a skipped line: only then are the cells
    // searched for line breaks (most records have none, and searching them all showed in profiles).
    return newlines + 1 - (others ? newlinesIn(r.cells) : 0);
  });
}

function skipFinding(s: Skipped, line: number, file: string): Finding {
  const detail = s.error.code === 'CSV_QUOTE_NOT_CLOSED'
    ? `a quote opened on line ${line} is never closed: everything after it was read as one cell`
    : s.error.message.split('\n')[0]!;
  return { code: 'CSV_SYNTAX', args: { detail }, file, line };
}

/**
 * Reads CSV as a stream. The first record is the header; then each data row comes
 * with its 1-based number and the physical line it starts on. Throws (exit 2) when
 * the bytes cannot be decoded or there is no header.
 */
export async function openCsv(chunks: AsyncIterable<Buffer>, file: string): Promise<{ header: { cells: string[]; line: number }; rows: AsyncGenerator<SourceRow> }> {
  const lines = new LineCounter();
  const skipped: Skipped[] = [];
  let parsed = 0;
  let lastEnd = 0;
  const parser = parse(
    csvOptions(
      (error) => skipped.push({ after: parsed, start: lastEnd, error }),
      (cells, end) => {
        parsed++;
        lastEnd = end;
        return { cells, end };
      },
    ),
  );
  let fed = 0;
  async function* tap() {
    for await (const chunk of chunks) {
      fed += chunk.length;
      lines.add(chunk);
      yield chunk;
    }
  }
  pipeline(Readable.from(tap()), parser, () => undefined);
  const it = parser[Symbol.asyncIterator]() as AsyncIterator<CsvRecord>;
  const first = await it.next();
  if (first.done) throw fed ? SubsidyError.of('CSV_SYNTAX', { detail: 'no header row: only comments or blank lines' }, { file }) : SubsidyError.of('FILE_EMPTY', {}, { file });
  const header = { cells: first.value.cells, line: lines.newlinesBefore(first.value.end - 1) + 1 - newlinesIn(first.value.cells) };
  let seen = 1;
  async function* rows(): AsyncGenerator<SourceRow> {
    let row = 0;
    const flush = function* (upTo: number) {
      while (skipped.length && skipped[0]!.after < upTo) {
        const s = skipped.shift()!;
        const line = lines.newlinesBefore(s.start) + 1;
        yield { row: ++row, line, problem: skipFinding(s, line, file) };
      }
    };
    for (let r = await it.next(); !r.done; r = await it.next()) {
      seen++;
      yield* flush(seen);
      const end = lines.newlinesBefore(r.value.end - 1) + 1;
      yield { row: ++row, line: end - newlinesIn(r.value.cells), cells: r.value.cells };
    }
    yield* flush(Infinity);
  }
  return { header, rows: rows() };
}
