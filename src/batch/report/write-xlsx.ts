import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { catalogue, fill } from '../../i18n/messages.js';
import type { Labels } from '../../render/labels.js';
import { unwritable } from '../../output/write-file-atomic.js';
import { removeTemp, tempName, trackTemp, untrackTemp } from '../../output/temp-files.js';
import type { Provenance } from '../../provenance/provenance.js';
import { provenanceLines } from '../../provenance/render-provenance.js';
import { totalsLines, type BatchTotals } from './batch-report.js';
import { AtomicOutput } from './write-report.js';
import { batchReadingsLines } from '../../render/render-readings.js';
import type { ReportOptions } from './report-formats.js';
import { detailRows, sheetSpecs, textCell, type LineTag, type SheetSpec, type SheetTag, type SpoolCell } from './xlsx-report.js';

/** Excel's last row: a sheet holds the header and this many rows less one. */
const SHEET_ROWS = 1_048_576;
const MONEY_FORMAT = '#,##0.00';
const WIDTH_SAMPLE = 2000;
const MAX_WIDTH = 60;

/** One spool file per sheet, beside the target, removed whatever happens (temp-files.ts). */
class Spool {
  private fd: number;
  private pending = '';
  constructor(readonly path: string) {
    trackTemp(path);
    this.fd = openSync(path, 'w+');
  }
  add(text: string): void {
    this.pending += text;
    if (this.pending.length > 1 << 18) this.flush();
  }
  flush(): void {
    if (!this.pending) return;
    const b = Buffer.from(this.pending);
    for (let done = 0; done < b.length; ) done += writeSync(this.fd, b, done);
    this.pending = '';
  }
  /** The spooled rows, in order, read back a block at a time. */
  *rows(): Generator<SpoolCell[]> {
    this.flush();
    const buf = Buffer.alloc(1 << 20);
    let carry = '';
    for (let pos = 0, n: number; (n = readSync(this.fd, buf, 0, buf.length, pos)) > 0; pos += n) {
      const lines = (carry + buf.toString('utf8', 0, n)).split('\n');
      carry = lines.pop()!;
      for (const l of lines) if (l) yield (JSON.parse(l) as SpoolCell[]).slice(1);
    }
    if (carry) yield (JSON.parse(carry) as SpoolCell[]).slice(1);
  }
  drop(): void {
    try {
      closeSync(this.fd);
    } catch {
      // already closed
    }
    removeTemp(this.path);
    untrackTemp(this.path);
  }
}

/** What a cell takes on screen: CJK characters count double. */
function displayWidth(v: SpoolCell): number {
  if (v === null) return 0;
  const s = typeof v === 'number' ? v.toFixed(2) : v.split('\n')[0]!;
  let w = 0;
  for (const ch of s) w += ch.charCodeAt(0) > 0x2e80 ? 2 : 1;
  return w;
}

/**
 * The .xlsx report: rows are spooled per sheet while the batch runs (memory stays
 * flat), then poured into a workbook with exceljs's streaming writer, sheet after
 * sheet, through a temporary file renamed over the target (AtomicOutput: never an
 * input, never a device, removed on a signal).
 */
export class XlsxOutput {
  private readonly spools: Record<SheetTag, Spool>;
  private carry = '';
  private readonly decoder = new TextDecoder();
  private trailer?: { prov: Provenance; totals: BatchTotals; labels: Labels; opts: ReportOptions };
  /** Per reading, the enterprises whose results it changed ('R' lines: counted, not spooled). */
  private readonly decided = new Map<string, number>();

  private constructor(private readonly out: AtomicOutput) {
    const dir = dirname(resolve(out.target));
    const name = basename(out.target);
    const made: Partial<Record<SheetTag, Spool>> = {};
    try {
      for (const tag of ['S', 'D', 'M'] as const) made[tag] = new Spool(tempName(dir, `${name}.${tag}`));
    } catch (e) {
      for (const s of Object.values(made)) s.drop();
      out.abort();
      throw unwritable(out.target, e);
    }
    this.spools = made as Record<SheetTag, Spool>;
  }

  static open(target: string, inputs: string[]): XlsxOutput {
    return new XlsxOutput(AtomicOutput.open(target, inputs));
  }

  get target(): string {
    return this.out.target;
  }

  /** Spool lines (xlsx-report.ts), as text or as UTF-8 bytes from a batch worker. */
  write(data: string | Uint8Array): void {
    const text = this.carry + (typeof data === 'string' ? data : this.decoder.decode(data, { stream: true }));
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; start = nl + 1, nl = text.indexOf('\n', start)) {
      const tag = text[start + 2] as LineTag; // each line is ["S",…]
      if (tag === 'R') {
        for (const id of (JSON.parse(text.slice(start, nl)) as string[]).slice(1)) this.decided.set(id, (this.decided.get(id) ?? 0) + 1);
        continue;
      }
      try {
        this.spools[tag].add(text.slice(start, nl + 1));
      } catch (e) {
        this.abort();
        throw unwritable(this.target, e);
      }
    }
    this.carry = text.slice(start);
  }

  /** The 说明 sheet's content, known at the end of the batch. */
  finish(prov: Provenance, totals: BatchTotals, labels: Labels, opts: ReportOptions = {}): void {
    this.trailer = { prov, totals, labels, opts };
  }

  async commit(): Promise<void> {
    const t = this.trailer!;
    const sink = new Writable({
      write: (chunk: Buffer, _enc, cb) => {
        try {
          this.out.write(chunk);
          cb();
        } catch (e) {
          cb(e as Error);
        }
      },
    });
    const when = new Date(t.prov.time);
    const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false });
    book.creator = book.lastModifiedBy = 'subsidy';
    book.created = book.modified = when;
    const done = new Promise<void>((res, rej) => (sink.on('finish', res), sink.on('error', rej)));
    try {
      for (const spec of sheetSpecs(t.labels, t.opts)) await this.sheet(book, spec, this.spools[spec.tag]);
      await this.notes(book, t);
      await book.commit();
      await done;
      this.out.commit();
    } catch (e) {
      this.abort();
      throw e;
    } finally {
      for (const s of Object.values(this.spools)) s.drop();
    }
  }

  abort(): void {
    for (const s of Object.values(this.spools)) s.drop();
    this.out.abort();
  }

  private async sheet(book: ExcelJS.stream.xlsx.WorkbookWriter, spec: SheetSpec, spool: Spool): Promise<void> {
    const widths = spec.head.map((h) => displayWidth(h));
    let sampled = 0;
    const rowsOf = () => (spec.tag === 'D' ? detailRows(spool.rows(), spec) : spool.rows());
    for (const r of rowsOf()) {
      r.forEach((v, i) => (widths[i] = Math.max(widths[i] ?? 0, displayWidth(v))));
      if (++sampled >= WIDTH_SAMPLE) break;
    }
    let part = 1;
    let ws = this.newSheet(book, spec, widths, spec.name);
    let rows = 1;
    for (const r of rowsOf()) {
      if (rows >= SHEET_ROWS) {
        ws.commit();
        ws = this.newSheet(book, spec, widths, spec.name + fill(catalogue(this.trailer!.labels.lang).words.xlsxMore!, { n: ++part }));
        rows = 1;
      }
      ws.addRow(r).commit();
      // Lets the zip take what was written, so the sheet is not held in memory whole.
      if (++rows % 512 === 0) await new Promise((res) => setImmediate(res));
    }
    ws.commit();
  }

  private newSheet(book: ExcelJS.stream.xlsx.WorkbookWriter, spec: SheetSpec, widths: number[], name: string): ExcelJS.Worksheet {
    const last = spec.head.length;
    const ws = book.addWorksheet(name, {
      views: [{ state: 'frozen', ySplit: 1 }],
      autoFilter: { from: { row: 1, column: 1 }, to: { row: 1, column: last } },
    } as Partial<ExcelJS.AddWorksheetOptions>);
    ws.columns = spec.head.map((h, i) => ({
      header: textCell(h),
      width: Math.min(MAX_WIDTH, Math.max(8, (widths[i] ?? 8) + 2)),
      style: spec.money.includes(i) ? { numFmt: MONEY_FORMAT } : spec.whole.includes(i) ? { numFmt: '0' } : {},
    }));
    ws.getRow(1).font = { bold: true };
    return ws;
  }

  /**
   * 说明: where the figures come from (provenance), the readings in play in words
   * (in place of provenance's reading ids), then the batch totals.
   */
  private async notes(book: ExcelJS.stream.xlsx.WorkbookWriter, t: NonNullable<XlsxOutput['trailer']>): Promise<void> {
    const w = catalogue(t.labels.lang).words;
    const prov = provenanceLines(t.prov, t.labels.lang, true).filter((r) => r[0] !== w.provReading);
    const readings = t.labels.set.readings.length ? batchReadingsLines(this.decided, t.labels).map((l) => [w.provReading!, l]) : [];
    const rows: string[][] = [...prov, ...readings, [], ...totalsLines(t.totals, t.labels).map((l) => [l])];
    const ws = book.addWorksheet(w.xlsxNotes!, { views: [{ state: 'frozen', ySplit: 1 }] });
    const width = Math.max(...rows.map((r) => r.length), 2);
    ws.columns = Array.from({ length: width }, (_, i) => ({ header: i === 0 ? w.xlsxNotesHead! : i === 1 ? w.xlsxNotesValue! : '', width: i === 0 ? 24 : 70 }));
    ws.getRow(1).font = { bold: true };
    for (const r of rows) ws.addRow(r.map(textCell)).commit();
    ws.commit();
  }
}
