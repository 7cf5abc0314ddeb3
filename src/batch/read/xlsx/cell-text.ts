import type { Finding } from '../../../errors/codes.js';
import { Decimal } from '../../../money/decimal.js';
import type { Column } from '../../convert/map-headers.js';
import type { XCell } from './sheet-rows.js';

/**
 * A typed cell as the text the batch readers parse, read by what its column
 * holds, or why it cannot be read. The value is the one Excel saved (for a
 * formula, its cached result), "as typed":
 * - a number is written out in full, to the 15 significant digits Excel keeps and
 *   shows (the file may carry binary noise beyond them: 0.1+0.2 is 0.3 here as in
 *   the cell);
 * - a percentage cell holds 0.12 and shows 12%: in a ratio column that is 12%; in
 *   any other column (an amount, a count, a year) what was meant cannot be told,
 *   so it is refused;
 * - a date cell is a date in a date column, and refused elsewhere; a plain number
 *   in a date column is refused too (a serial number is not a date anyone typed);
 * - TRUE/FALSE is 是/否 in a yes/no column, refused elsewhere;
 * - an error value (#N/A …) is a cell error, as in CSV.
 */
export type CellText = { text: string } | { problem: Pick<Finding, 'code' | 'args'> };

const DAY_MS = 86_400_000;
const EPOCH_1900 = Date.UTC(1899, 11, 30);

/** The number in full, at Excel's 15 significant digits, never in exponent form. */
export function plainNumber(raw: string): string {
  const n = Number(raw);
  return new Decimal(n.toPrecision(15)).toFixed();
}

/** A serial day number as YYYY-MM-DD (1900 system with its 29 Feb 1900, or the 1904 system). */
export function serialDate(raw: string, date1904: boolean): string | undefined {
  const serial = Math.floor(Number(raw));
  if (!Number.isFinite(serial) || serial < (date1904 ? 0 : 1) || serial > 2_958_465) return undefined;
  if (!date1904 && serial === 60) return undefined; // 1900-02-29, a day that never was
  const days = date1904 ? serial + 1462 : serial < 60 ? serial + 1 : serial;
  return new Date(EPOCH_1900 + days * DAY_MS).toISOString().slice(0, 10);
}

const percentText = (raw: string) => `${new Decimal(plainNumber(raw)).times(100).toFixed()}%`;

export function cellText(cell: XCell, col: Column, date1904: boolean): CellText {
  const label = col.header;
  const fact = col.kind === 'fact' ? col.fact : undefined;
  switch (cell.k) {
    case 'str':
      return { text: cell.v };
    case 'err':
      return { problem: { code: 'CELL_ERROR', args: { value: cell.v } } };
    case 'bad':
      return { problem: { code: cell.code, args: cell.args } };
    case 'bool':
      if (fact?.type === 'boolean') return { text: cell.v ? '是' : '否' };
      return { problem: { code: 'XLSX_BOOL_CELL', args: { value: cell.v ? 'TRUE' : 'FALSE', label } } };
    case 'date': {
      const day = /^\d{4}-\d{2}-\d{2}/.exec(cell.v)?.[0] ?? cell.v;
      if (fact?.type === 'date') return { text: day };
      return { problem: { code: 'XLSX_DATE_CELL', args: { value: day, label } } };
    }
    case 'num':
      if (cell.kind === 'percent') {
        if (fact?.type === 'ratio') return { text: percentText(cell.v) };
        return { problem: { code: 'XLSX_PERCENT_CELL', args: { value: percentText(cell.v), label } } };
      }
      if (cell.kind === 'date') {
        const day = serialDate(cell.v, date1904);
        if (fact?.type === 'date' && day) return { text: day };
        return { problem: { code: 'XLSX_DATE_CELL', args: { value: day ?? plainNumber(cell.v), label } } };
      }
      if (fact?.type === 'date') return { problem: { code: 'XLSX_NOT_DATE', args: { value: plainNumber(cell.v), label, example: '2024-06-30' } } };
      return { text: plainNumber(cell.v) };
  }
}
