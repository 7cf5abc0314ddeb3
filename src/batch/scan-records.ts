/**
 * Finds where CSV records end, following csv-parse's own rules for the options of
 * csvOptions(): `"` opens a quoted field only at the start of a field; inside one,
 * `""` is a quote and any other `"` closes it (relax_quotes); `#` at the start of a
 * record makes the line a comment, whose quotes do not count; records end at the
 * record delimiter csv-parse discovers (the first \r\n, \n or \r outside quotes).
 * `"`, `,`, `#`, CR and LF never occur inside a multi-byte UTF-8 character, so the
 * bytes are searched as they are (with indexOf: a byte-by-byte loop in JavaScript
 * took longer than a worker needs to parse a chunk).
 *
 * Where the scanner cannot be sure csv-parse would read the same (a record near
 * max_record_size, where csv-parse's recovery depends on how its input was cut
 * into pieces; a quote still open at the end of the file), it gives up and the
 * batch is read on one thread.
 */

/** A record this long is far from csv-parse's max_record_size (1 MiB), so no record is cut short. */
const SURE_RECORD_BYTES = 256 * 1024;

const QUOTE = 0x22;
const COMMA = 0x2c;
const HASH = 0x23;
const CR = 0x0d;
const LF = 0x0a;

export interface Cut {
  /** Byte offset (in the text without BOM) where a record starts. */
  offset: number;
  /** LF bytes before it: the physical line is this + 1. */
  newlines: number;
}

export interface ScanResult {
  recordDelimiter: string;
  /** Record starts at least `every` bytes apart, the first at 0. */
  cuts: Cut[];
  size: number;
}

/** A record's end in the buffer, or why there is none yet. */
type End = number | 'more' | 'unsure';

export class RecordScanner {
  private rd: number[] | undefined;
  private carry: Buffer = Buffer.alloc(0);
  private base = 0; // offset of carry[0]
  private newlines = 0; // LF bytes before `base`
  private unsure = false;
  readonly cuts: Cut[] = [{ offset: 0, newlines: 0 }];

  constructor(private readonly every: number) {}

  /** Feeds the next bytes; false once the scanner has given up. Only whole records are consumed. */
  feed(chunk: Buffer): boolean {
    if (!this.unsure) this.consume(this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk, false);
    return !this.unsure;
  }

  /** The end of the input: the cuts, or undefined when one thread must read it. */
  finish(): ScanResult | undefined {
    if (!this.unsure && this.carry.length) this.consume(this.carry, true);
    if (this.unsure || !this.rd) return undefined;
    const size = this.base + this.carry.length;
    return { recordDelimiter: Buffer.from(this.rd).toString('latin1'), cuts: this.cuts.filter((c, i) => i === 0 || c.offset < size), size };
  }

  /** Consumes the whole records of buf (all of it at the end of the input) and keeps the rest for the next bytes. */
  private consume(buf: Buffer, end: boolean): void {
    const s = new Search(buf, end, this);
    let lf = this.newlines;
    let lfTo = 0;
    const newlinesBefore = (pos: number) => ((lf += countLf(buf, lfTo, pos)), (lfTo = pos), lf);
    let start = 0;
    while (start < buf.length) {
      const e = s.recordEnd(start);
      if (e === 'unsure' || (e === 'more' && buf.length - start > SURE_RECORD_BYTES) || (typeof e === 'number' && e - start > SURE_RECORD_BYTES)) {
        this.unsure = true;
        return;
      }
      if (e === 'more') break;
      if (this.base + e - this.cuts[this.cuts.length - 1]!.offset >= this.every) this.cuts.push({ offset: this.base + e, newlines: newlinesBefore(e) });
      start = e;
    }
    this.newlines = newlinesBefore(start);
    this.carry = Buffer.from(buf.subarray(start));
    this.base += start;
  }

  /** The record delimiter, discovered as csv-parse does at the first CR or LF outside quotes. */
  delimiter(buf: Buffer, at: number, end: boolean): number[] | 'more' {
    if (this.rd) return this.rd;
    if (buf[at] === CR && at + 1 >= buf.length && !end) return 'more';
    this.rd = buf[at] === CR ? (buf[at + 1] === LF ? [CR, LF] : [CR]) : [LF];
    return this.rd;
  }

  get knowsDelimiter(): boolean {
    return this.rd !== undefined;
  }

  /** The first byte of the known record delimiter: where a search for the next one starts. */
  get delimiterLead(): number {
    return this.rd![0]!;
  }
}

function countLf(buf: Buffer, from: number, to: number): number {
  let n = 0;
  for (let i = buf.indexOf(LF, from); i !== -1 && i < to; i = buf.indexOf(LF, i + 1)) n++;
  return n;
}

/** Searches one buffer, remembering the next quote and line break so no byte is searched twice. */
class Search {
  private quoteAt = -2;
  private breakAt = -2;

  constructor(
    private readonly buf: Buffer,
    private readonly end: boolean,
    private readonly scanner: RecordScanner,
  ) {}

  private nextQuote(i: number): number {
    if (this.quoteAt !== -1 && this.quoteAt < i) this.quoteAt = this.buf.indexOf(QUOTE, i);
    return this.quoteAt;
  }

  /**
   * The next record delimiter at or after i: its position and length, or -1, or 'more'.
   * Until the delimiter is known, a line break past `quote` is not looked at (len 0):
   * csv-parse discovers it outside quotes only.
   */
  private nextBreak(i: number, quote: number): { at: number; len: number } | 'more' | -1 {
    const { buf, scanner } = this;
    for (;;) {
      if (this.breakAt !== -1 && this.breakAt < i) this.breakAt = scanner.knowsDelimiter ? buf.indexOf(scanner.delimiterLead, i) : firstOf(buf, i);
      const at = this.breakAt;
      if (at === -1) return -1;
      if (!scanner.knowsDelimiter && quote !== -1 && at > quote) return { at, len: 0 };
      const rd = scanner.delimiter(buf, at, this.end);
      if (rd === 'more') return 'more';
      if (rd.length === 2 && buf[at] === CR && at + 1 >= buf.length && !this.end) return 'more';
      if (buf[at] === rd[0] && (rd.length === 1 || buf[at + 1] === rd[1])) return { at, len: rd.length };
      i = at + 1;
    }
  }

  /** Where the record starting at `s` ends (after its delimiter, or at the end of the input). */
  recordEnd(s: number): End {
    const { buf } = this;
    if (buf[s] === HASH) return this.lineEnd(s);
    let i = s;
    for (;;) {
      const q = this.nextQuote(i);
      const br = this.nextBreak(i, q);
      if (br === 'more') return 'more';
      if (br !== -1 && (q === -1 || br.at < q)) return br.at + br.len;
      if (q === -1) return this.end ? buf.length : 'more';
      // A quote opens a field only at the field's start; elsewhere it is kept as it is (relax_quotes).
      if (q !== s && buf[q - 1] !== COMMA) {
        i = q + 1;
        continue;
      }
      const close = this.closingQuote(q + 1);
      if (typeof close !== 'number') return close;
      // An empty quoted first field followed by # starts a comment, as a # at the start of the record would.
      if (q === s && close === q + 1 && buf[close + 1] === HASH) return this.lineEnd(close + 1);
      i = close + 1;
    }
  }

  /** The quote that closes a quoted field whose content starts at i (`""` is a quote inside it). */
  private closingQuote(i: number): number | 'more' | 'unsure' {
    const { buf } = this;
    for (;;) {
      const q = this.nextQuote(i);
      if (q === -1) return this.end ? 'unsure' : 'more';
      if (q + 1 >= buf.length && !this.end) return 'more';
      if (buf[q + 1] !== QUOTE) return q;
      i = q + 2;
    }
  }

  /** The end of a comment line: quotes do not count in it. */
  private lineEnd(i: number): End {
    const br = this.nextBreak(i, -1);
    if (br === 'more') return 'more';
    if (br === -1) return this.end ? this.buf.length : 'more';
    return br.at + br.len;
  }
}

/** The first CR or LF at or after i, or -1. */
function firstOf(buf: Buffer, i: number): number {
  const cr = buf.indexOf(CR, i);
  const lf = buf.indexOf(LF, i);
  return cr === -1 ? lf : lf === -1 ? cr : Math.min(cr, lf);
}
