/**
 * Splits CSV text into records before csv-parse sees them, so that a record the
 * parser cannot take costs at most its own line. The rules are csv-parse's for
 * the options of csvOptions(): `"` opens a quoted cell only at the start of a
 * cell; inside one, `""` is a quote and a lone `"` closes it; records end at a
 * line break (CRLF, LF or CR) outside quotes. `"`, `,`, CR and LF never occur
 * inside a multi-byte UTF-8 character, so bytes are searched as they are.
 *
 * A record is handed on only when it can be read one sure way:
 * - a quote that closes a cell is followed by a comma, a line break or the end;
 * - a record that spans lines (a quoted cell with a line break) has exactly the
 *   header's cells, or more that are blank, and no quote outside a quoted cell:
 *   a stray quote that runs into later rows and ends at another quote leaves
 *   one of those behind (or a closing quote followed by text), where a cell
 *   that really holds a line break, as spreadsheets write it, has neither;
 * - no cell that spans lines holds a quote beside a comma or a line break: two
 *   stray quotes (one doubling a closing quote, one doubling the next row's
 *   opening quote) make a record of the right size out of two rows, whose
 *   cell then holds the rows' own `",` and `,"`. Reading it as one row would
 *   give one enterprise the other's region and year, silently;
 * - it is at most MAX_RECORD_BYTES long.
 * Anything else is a bad line: its first physical line becomes an error row and
 * reading goes on at the next line. So a stray quote, which would otherwise join
 * every row up to the next quote into one, loses only the row it is in.
 *
 * The decisions depend only on the bytes from a record's start, so a batch
 * worker that splits its chunk again (starting at a record start the plan
 * chose) finds exactly the pieces the planner found.
 */

/** The longest record read (including line breaks inside quoted cells); documented in README. */
export const MAX_RECORD_BYTES = 256 * 1024;
/** First cell of the template's notes row: the one row of a CSV that is not data. */
export const NOTES_MARK = '#说明';

const QUOTE = 0x22;
const COMMA = 0x2c;
const CR = 0x0d;
const LF = 0x0a;

export type LineProblem = { code: 'CSV_UNCLOSED_QUOTE'; column: number } | { code: 'CSV_BAD_QUOTE'; column: number } | { code: 'RECORD_TOO_LONG' };

/**
 * A piece of the text: a record for csv-parse (the header, a skipped row before
 * it, or data), or one bad physical line. Offsets are bytes of the text without
 * BOM, end exclusive and after the line break.
 */
export interface Piece {
  /** `bad-header`: the first row that is not blank is broken, so there is no header. */
  kind: 'header' | 'skip' | 'record' | 'bad' | 'bad-header';
  start: number;
  end: number;
  /** The physical line the piece starts on (1-based; CRLF, LF and CR each end a line). */
  line: number;
  /** A record that spans lines (a quoted cell holds a line break): csv-parse reads its cells. */
  multi?: boolean;
  problem?: LineProblem;
  /** A bad line's cells before the broken one, to say whose row it was. */
  cells?: string[];
}

/** Pieces found in one feed, with the bytes they index (valid until the next feed). */
export interface Split {
  buf: Buffer;
  /** Offset of buf[0] in the text. */
  base: number;
  pieces: Piece[];
}

type Break = { at: number; len: number } | -1;
interface RecordEnd {
  end: number;
  multi: boolean;
  /** A closing quote followed by something else, or a quote never closed. */
  broken: boolean;
  /** A quote inside an unquoted cell (kept as it is in a record of one line). */
  loose: boolean;
}

/** Searches one buffer, remembering the next quote and line breaks so no byte is searched twice. */
class Scan {
  private q = -2;
  private lf = -2;
  private cr = -2;

  constructor(
    readonly buf: Buffer,
    readonly end: boolean,
  ) {}

  quote(i: number): number {
    if (this.q !== -1 && this.q < i) this.q = this.buf.indexOf(QUOTE, i);
    return this.q;
  }

  /** The next line break at or after i; len -1 when a CR is the last byte and more may follow. */
  brk(i: number): Break {
    if (this.lf !== -1 && this.lf < i) this.lf = this.buf.indexOf(LF, i);
    if (this.cr !== -1 && this.cr < i) this.cr = this.buf.indexOf(CR, i);
    const { lf, cr } = this;
    if (cr === -1 || (lf !== -1 && lf < cr)) return lf === -1 ? -1 : { at: lf, len: 1 };
    if (cr + 1 >= this.buf.length) return { at: cr, len: this.end ? 1 : -1 };
    return { at: cr, len: this.buf[cr + 1] === LF ? 2 : 1 };
  }

  /** The quote closing a quoted cell whose content starts at i; -1 when none before the end. */
  closing(i: number): number | 'more' {
    for (;;) {
      const q = this.quote(i);
      if (q === -1) return this.end ? -1 : 'more';
      if (q + 1 >= this.buf.length && !this.end) return 'more';
      if (this.buf[q + 1] !== QUOTE) return q;
      i = q + 2;
    }
  }

  /** Where the record starting at s ends, as csv-parse would end it. */
  record(s: number): RecordEnd | 'more' {
    const { buf } = this;
    let i = s;
    let multi = false;
    let broken = false;
    let loose = false;
    for (;;) {
      const q = this.quote(i);
      const br = this.brk(i);
      if (br !== -1 && (q === -1 || br.at < q)) return br.len < 0 ? 'more' : { end: br.at + br.len, multi, broken, loose };
      if (q === -1) return this.end ? { end: buf.length, multi, broken, loose } : 'more';
      // A quote opens a cell only at the cell's start; elsewhere it is kept as it is (relax_quotes).
      if (q !== s && buf[q - 1] !== COMMA) {
        loose = true;
        i = q + 1;
        continue;
      }
      const c = this.closing(q + 1);
      if (c === 'more') return 'more';
      const inside = this.brk(q + 1);
      if (inside !== -1 && (c === -1 || inside.at < c)) multi = true;
      if (c === -1) return { end: buf.length, multi, broken: true, loose };
      if (c + 1 >= buf.length && !this.end) return 'more';
      const next = buf[c + 1];
      if (next !== undefined && next !== COMMA && next !== CR && next !== LF) broken = true;
      i = c + 1;
    }
  }
}

/** The end of the physical line starting at s (after its break), or -1 / 'more' when it does not end in buf. */
function lineEnd(buf: Buffer, s: number, end: boolean): number | 'more' {
  const lf = buf.indexOf(LF, s);
  const cr = buf.indexOf(CR, s);
  const at = cr === -1 ? lf : lf === -1 ? cr : Math.min(lf, cr);
  if (at === -1) return end ? buf.length : 'more';
  if (buf[at] === CR) {
    if (at + 1 >= buf.length) return end ? buf.length : 'more';
    return buf[at + 1] === LF ? at + 2 : at + 1;
  }
  return at + 1;
}

/** Line breaks in [from, to): CRLF, LF and a CR not followed by LF count one each. */
export function countBreaks(buf: Buffer, from: number, to: number): number {
  let n = 0;
  for (let i = buf.indexOf(LF, from); i !== -1 && i < to; i = buf.indexOf(LF, i + 1)) n++;
  for (let i = buf.indexOf(CR, from); i !== -1 && i < to; i = buf.indexOf(CR, i + 1)) if (buf[i + 1] !== LF) n++;
  return n;
}

/**
 * The cells of one record or line [s, e) by csv-parse's rules, and the first cell
 * whose quote does not close properly (1-based column). Only for the few records
 * that need it: the rows before the header, records that span lines, bad lines.
 */
export function readCells(buf: Buffer, s: number, e: number): { cells: string[]; broken?: { column: number; unclosed: boolean } } {
  const cells: string[] = [];
  let i = s;
  let stop = e;
  while (stop > s && (buf[stop - 1] === LF || buf[stop - 1] === CR)) stop--;
  for (;;) {
    const column = cells.length + 1;
    if (buf[i] === QUOTE) {
      let j = i + 1;
      let text = '';
      for (;;) {
        const q = buf.indexOf(QUOTE, j);
        if (q === -1 || q >= stop) return { cells, broken: { column, unclosed: true } };
        text += buf.toString('utf8', j, q);
        if (buf[q + 1] === QUOTE && q + 1 < stop) {
          text += '"';
          j = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      if (i < stop && buf[i] !== COMMA) return { cells, broken: { column, unclosed: false } };
      cells.push(text);
    } else {
      const comma = buf.indexOf(COMMA, i);
      const to = comma === -1 || comma > stop ? stop : comma;
      cells.push(buf.toString('utf8', i, to));
      i = to;
    }
    if (i >= stop) return { cells };
    i++; // the comma
  }
}

/** A row before the header that csv-parse reading and the batch would skip: blank cells only, or the notes row. */
function skippable(cells: string[]): boolean {
  return cells[0] === NOTES_MARK || cells.every((c) => c.trim() === '');
}

/** Cells a record that spans lines must have: the header's count, or more if the extra ones are blank. */
function fits(cells: string[], columns: number): boolean {
  if (cells.length < columns) return false;
  for (let i = columns; i < cells.length; i++) if (cells[i]!.trim() !== '') return false;
  return true;
}

/** A cell holding a line break and a quote beside a comma or a line break: rows swallowed by stray quotes. */
function swallowed(cell: string): boolean {
  return /[\r\n]/.test(cell) && /"[,\r\n]|[,\r\n]"/.test(cell);
}

/**
 * Feeds of bytes in, pieces out. Holds at most one unfinished record (under
 * MAX_RECORD_BYTES) between feeds; an over-long line is skipped, not held.
 */
export class RecordSplitter {
  private carry: Buffer = Buffer.alloc(0);
  private joined: Buffer = Buffer.alloc(0);
  private base = 0;
  private line = 1;
  private columns: number | undefined;
  /** Inside a line longer than MAX_RECORD_BYTES: where it started. */
  private skipping: { start: number; line: number } | undefined;

  /**
   * `columns`: the header's cell count, for a splitter that starts after the header
   * (a batch worker's chunk); `line`: the physical line the text starts on.
   */
  constructor(columns?: number, line = 1) {
    this.columns = columns;
    this.line = line;
  }

  feed(chunk: Buffer): Split {
    if (!this.carry.length) return this.run(chunk, false);
    // The unfinished record and the new bytes go into memory reused from feed to feed (a split's
    // bytes are valid only until the next feed). A fresh buffer per feed, as Buffer.concat makes,
    // is fresh pages to fault in: a third of the time the planner took to read a file.
    const size = this.carry.length + chunk.length;
    if (this.joined.length < size) this.joined = Buffer.allocUnsafeSlow(Math.max(size, 2 * this.joined.length));
    this.carry.copy(this.joined, 0);
    chunk.copy(this.joined, this.carry.length);
    return this.run(this.joined.subarray(0, size), false);
  }

  finish(): Split {
    return this.run(this.carry, true);
  }

  /** The header's cell count, once the header has been found. */
  get headerColumns(): number | undefined {
    return this.columns;
  }

  private run(buf: Buffer, end: boolean): Split {
    const pieces: Piece[] = [];
    const base = this.base;
    let s = this.skipping ? this.skipLong(buf, end, pieces) : 0;
    let scan = new Scan(buf, end);
    while (s < buf.length && !this.skipping) {
      const r = scan.record(s);
      if (r === 'more' && buf.length - s <= MAX_RECORD_BYTES) break;
      const next = r !== 'more' && r.end - s <= MAX_RECORD_BYTES ? this.verdict(buf, s, r, pieces) : this.tooLong(buf, s, end, pieces);
      // A rejected record is read again from its second line: the search memory is of no use behind it.
      if (r === 'more' || next < r.end) scan = new Scan(buf, end);
      s = next;
    }
    // While skipping an over-long line nothing is kept but a last CR, whose LF may come next.
    if (this.skipping) s = buf.length && buf[buf.length - 1] === CR && !end ? buf.length - 1 : buf.length;
    this.carry = Buffer.from(buf.subarray(s));
    this.base = base + s;
    return { buf, base, pieces };
  }

  /** A complete record of at most MAX_RECORD_BYTES: handed on, or its first line is bad. Returns where the next piece starts. */
  private verdict(buf: Buffer, s: number, r: RecordEnd, pieces: Piece[]): number {
    if (!r.multi && !r.broken) return this.good(buf, s, r.end, false, pieces);
    if (r.multi && !r.broken && !r.loose) {
      const { cells } = readCells(buf, s, r.end);
      if ((this.columns === undefined || fits(cells, this.columns)) && !cells.some(swallowed)) return this.good(buf, s, r.end, true, pieces, cells);
    }
    const e = r.multi ? (lineEnd(buf, s, true) as number) : r.end;
    return this.bad(buf, s, e, pieces);
  }

  private good(buf: Buffer, s: number, e: number, multi: boolean, pieces: Piece[], known?: string[]): number {
    let kind: Piece['kind'] = 'record';
    if (this.columns === undefined) {
      const cells = known ?? readCells(buf, s, e).cells;
      if (skippable(cells)) kind = 'skip';
      else {
        kind = 'header';
        this.columns = cells.length;
      }
    }
    pieces.push({ kind, start: this.base + s, end: this.base + e, line: this.line, multi });
    this.line += multi ? countBreaks(buf, s, e) : buf[e - 1] === LF || buf[e - 1] === CR ? 1 : 0;
    return e;
  }

  /** One bad physical line [s, e): an error row naming the cell whose quote is wrong. */
  private bad(buf: Buffer, s: number, e: number, pieces: Piece[]): number {
    const { cells, broken } = readCells(buf, s, e);
    const problem: LineProblem = broken
      ? { code: broken.unclosed ? 'CSV_UNCLOSED_QUOTE' : 'CSV_BAD_QUOTE', column: broken.column }
      : { code: 'CSV_UNCLOSED_QUOTE', column: cells.length };
    pieces.push({ kind: this.columns === undefined ? 'bad-header' : 'bad', start: this.base + s, end: this.base + e, line: this.line, problem, cells });
    this.line += e > s && (buf[e - 1] === LF || buf[e - 1] === CR) ? 1 : 0;
    return e;
  }

  /**
   * A record over the limit: when its first line is short, that line is bad (a quote
   * opened there runs on); else the line itself is too long and is skipped to its end.
   */
  private tooLong(buf: Buffer, s: number, end: boolean, pieces: Piece[]): number {
    const e = lineEnd(buf, s, end);
    if (e !== 'more' && e - s <= MAX_RECORD_BYTES) return this.bad(buf, s, e, pieces);
    this.skipping = { start: this.base + s, line: this.line };
    return e === 'more' ? buf.length : this.skipLong(buf, true, pieces, s);
  }

  /** Skips to the end of an over-long line; returns where the next piece starts in buf. */
  private skipLong(buf: Buffer, end: boolean, pieces: Piece[], from = 0): number {
    const e = lineEnd(buf, from, end);
    if (e === 'more') return buf.length;
    const sk = this.skipping!;
    this.skipping = undefined;
    pieces.push({
      kind: this.columns === undefined ? 'bad-header' : 'bad',
      start: sk.start,
      end: this.base + e,
      line: sk.line,
      problem: { code: 'RECORD_TOO_LONG' },
    });
    this.line = sk.line + (e > from && (buf[e - 1] === LF || buf[e - 1] === CR) ? 1 : 0);
    return e;
  }
}
