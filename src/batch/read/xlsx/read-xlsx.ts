import { didYouMean } from '../../../errors/did-you-mean.js';
import type { Finding } from '../../../errors/codes.js';
import { SubsidyError } from '../../../errors/subsidy-error.js';
import type { SourceRow } from '../source-row.js';
import { NOTES_MARK } from '../split-records.js';
import { plainNumber } from './cell-text.js';
import { headerMerges, MAX_ROW_CHARS, sheetRows, type SheetRow, type XCell } from './sheet-rows.js';
import { readWorkbook, type SheetRef } from './workbook-parts.js';
import { ZipParts } from './zip-parts.js';
import { reason } from '../../../i18n/reasons.js';

export interface XlsxOptions {
  /** --sheet: the sheet's name (default: the first worksheet). */
  sheet?: string;
  /** --header-row: the header's row number on the sheet (default: the first row that is not blank). */
  headerRow?: number;
  /** Whether a header cell names a column the batch knows: decides between a one- and a two-row header. */
  isHeader(cell: string): boolean;
}

export interface XlsxSource {
  header: { cells: string[]; line: number };
  rows: AsyncGenerator<SourceRow>;
  sheet: string;
  date1904: boolean;
}

/** Where an automatic header is looked for, and so which merged ranges are read first. */
const HEADER_SEARCH_ROWS = 1000;

const norm = (s: string) => s.normalize('NFKC').trim().toLowerCase();

function pickSheet(sheets: SheetRef[], wanted: string | undefined, file: string): SheetRef {
  const names = sheets.map((s) => s.name);
  if (wanted === undefined) {
    if (sheets[0]) return sheets[0];
    throw SubsidyError.of('XLSX_PART_MISSING', { part: 'worksheet' }, { file });
  }
  const hit = sheets.find((s) => s.name === wanted) ?? sheets.find((s) => norm(s.name) === norm(wanted));
  if (hit) return hit;
  const s = didYouMean(wanted, names);
  throw SubsidyError.of(
    'XLSX_NO_SHEET',
    { sheet: wanted, sheets: names.join('、') },
    { file, field: '--sheet' },
    s ? { code: 'DID_YOU_MEAN', suggestion: s } : undefined,
  );
}

/** A header cell's text: what the cell shows for text and numbers; anything else names no column. */
function headerText(c: XCell | undefined): string {
  if (!c) return '';
  if (c.k === 'str') return c.v.trim();
  if (c.k === 'num') return plainNumber(c.v);
  return '';
}

type Merge = Awaited<ReturnType<typeof headerMerges>>[number];

/** A header row's cells with each merged range's text copied into every column it spans. */
function filled(row: SheetRow | undefined, merges: Merge[], own: SheetRow[]): string[] {
  const out: string[] = [];
  if (row) for (const [col, c] of row.cells) out[col - 1] = headerText(c);
  for (const m of merges) {
    if (!row || m.from.row > row.r || m.to.row < row.r) continue;
    const anchor = own.find((r) => r.r === m.from.row)?.cells.find(([col]) => col === m.from.col)?.[1];
    const text = headerText(anchor);
    for (let col = m.from.col; col <= m.to.col; col++) if (!out[col - 1]) out[col - 1] = text;
  }
  return Array.from(out, (s) => s ?? '');
}

/**
 * The header: one row, or two when that names more columns. A two-row header is
 * what people make with merged cells: a title or a group ("销售情况") merged over
 * the columns below, and columns merged down both rows (企业名称). Each column
 * is then named by its lower cell, or, where that is empty, by the merged text above.
 */
function chooseHeader(top: SheetRow, next: SheetRow | undefined, merges: Merge[], isHeader: (s: string) => boolean): { cells: string[]; rows: number } {
  const one = filled(top, merges, [top]);
  const score = (cells: string[]) => cells.filter((c) => c && isHeader(c)).length;
  if (!next || next.r !== top.r + 1) return { cells: one, rows: 1 };
  const lower = filled(next, merges, [top, next]);
  const two = Array.from({ length: Math.max(one.length, lower.length) }, (_, i) => lower[i] || one[i] || '');
  return score(two) > score(one) ? { cells: two, rows: 2 } : { cells: one, rows: 1 };
}

const blank = (r: SheetRow) => !r.tooLong && r.cells.every(([, c]) => c.k === 'str' && c.v.trim() === '');
const isNotes = (r: SheetRow) => r.cells.some(([col, c]) => col === 1 && c.k === 'str' && c.v.trim() === NOTES_MARK);

/**
 * Opens a sheet of an .xlsx workbook as batch rows: the header, then each row that
 * is not blank (nor the template's notes row) as a data row numbered from 1, with
 * its typed cells (cell-text.ts reads them by column). A row that cannot be read
 * whole is an error row in its place; a workbook that cannot be read is exit 2.
 */
export async function openXlsx(file: string, opts: XlsxOptions): Promise<XlsxSource> {
  const zip = await ZipParts.open(file);
  try {
    const book = await readWorkbook(zip);
    const sheet = pickSheet(book.sheets, opts.sheet, file);
    if (!zip.has(sheet.part)) throw SubsidyError.of('XLSX_PART_MISSING', { part: sheet.part }, { file });
    const merges = await headerMerges(zip, sheet.part, opts.headerRow !== undefined ? opts.headerRow + 1 : HEADER_SEARCH_ROWS);
    const it = sheetRows(zip, sheet.part, book)[Symbol.asyncIterator]();
    const at = { file, sheet: sheet.name };
    let top: SheetRow | undefined;
    for (let n = await it.next(); !n.done; n = await it.next()) {
      const r = n.value;
      if (opts.headerRow !== undefined ? r.r === opts.headerRow && !blank(r) : !blank(r)) {
        top = r;
        break;
      }
      if (opts.headerRow !== undefined && r.r > opts.headerRow) break;
    }
    if (!top) {
      await it.return?.(undefined);
      const detail = opts.headerRow !== undefined ? reason('headerRowBlank', { row: opts.headerRow }) : reason('sheetBlank');
      throw SubsidyError.of('CSV_SYNTAX', { detail }, { ...at, line: opts.headerRow });
    }
    const peek = await it.next();
    const next = peek.done ? undefined : peek.value;
    const header = chooseHeader(top, next, merges, opts.isHeader);
    const first = header.rows === 1 && next ? next : undefined;
    return {
      header: { cells: header.cells, line: header.rows === 2 ? next!.r : top.r },
      rows: dataRows(first, it, header.cells.length, at, zip),
      sheet: sheet.name,
      date1904: book.date1904,
    };
  } catch (e) {
    zip.close();
    throw e;
  }
}

async function* dataRows(
  first: SheetRow | undefined,
  it: AsyncIterator<SheetRow>,
  width: number,
  at: { file: string; sheet: string },
  zip: ZipParts,
): AsyncGenerator<SourceRow> {
  let row = 0;
  const toSource = (r: SheetRow): SourceRow | undefined => {
    if (blank(r) || isNotes(r)) return undefined;
    const n = ++row;
    if (r.tooLong)
      return { row: n, line: r.r, problem: { code: 'TOO_LONG', args: { length: r.chars ?? MAX_ROW_CHARS, limit: MAX_ROW_CHARS }, ...at, line: r.r } };
    const typed: (XCell | undefined)[] = new Array(width);
    let beyond = 0;
    for (const [col, c] of r.cells) {
      if (col <= width) typed[col - 1] = c;
      else if (!(c.k === 'str' && c.v.trim() === '')) beyond = Math.max(beyond, col);
    }
    if (beyond) {
      const problem: Finding = { code: 'RAGGED_ROW', args: { cells: beyond, expected: width }, ...at, line: r.r, column: beyond };
      return { row: n, line: r.r, typed, problem };
    }
    return { row: n, line: r.r, typed };
  };
  try {
    if (first) {
      const s = toSource(first);
      if (s) yield s;
    }
    for (let n = await it.next(); !n.done; n = await it.next()) {
      const s = toSource(n.value);
      if (s) yield s;
    }
  } finally {
    zip.close();
  }
}
