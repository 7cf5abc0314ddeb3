import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellText, plainNumber, serialDate } from '../../src/batch/read/xlsx/cell-text.js';
import { formatKind } from '../../src/batch/read/xlsx/workbook-parts.js';
import type { Column } from '../../src/batch/convert/map-headers.js';
import { coerceFactValue } from '../../src/input/coerce-value.js';
import { Decimal } from '../../src/money/decimal.js';
import type { Fact } from '../../src/schema/fact-schema.js';

/**
 * How a typed cell is read, by what its column holds: a value is read as the cell
 * shows it, or refused when what was meant cannot be told (cell-text.ts).
 */
const fact = (type: Fact['type'], range?: Fact['range']): Fact =>
  ({ id: `f_${type}`, label: { zh: type, en: type }, type, topic: 'sales', question: { zh: '?', en: '?' }, aliases: [], ...(range ? { range } : {}) }) as Fact;
const colOf = (f: Fact): Column => ({ kind: 'fact', fact: f, header: f.label.zh });
const TYPES: Fact['type'][] = ['money_cny', 'money_usd', 'count', 'number', 'area_m2', 'months', 'ratio', 'boolean', 'date'];

describe('typed cells', () => {
  it('a number is written in full at 15 significant digits, as Excel shows it', () => {
    expect(plainNumber('0.30000000000000004')).toBe('0.3');
    expect(plainNumber('12345.670000000001')).toBe('12345.67');
    expect(plainNumber('1E+21')).toBe('1000000000000000000000');
    expect(plainNumber('1.5e-7')).toBe('0.00000015');
    fc.assert(
      fc.property(fc.double({ min: -1e15, max: 1e15, noNaN: true }), (x) => {
        const text = plainNumber(String(x));
        expect(text).not.toMatch(/e/i);
        expect(Number(text)).toBe(Number(x.toPrecision(15)));
      }),
    );
  });

  it('serial days are the calendar days Excel shows (1900 and 1904 systems)', () => {
    expect(serialDate('1', false)).toBe('1900-01-01');
    expect(serialDate('59', false)).toBe('1900-02-28');
    expect(serialDate('60', false)).toBeUndefined(); // 1900-02-29 never was
    expect(serialDate('61', false)).toBe('1900-03-01');
    expect(serialDate('45107.75', false)).toBe('2023-06-30'); // a time of day keeps its day
    expect(serialDate('0', true)).toBe('1904-01-01');
    fc.assert(
      fc.property(fc.date({ min: new Date('1900-03-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true }), (d) => {
        const day = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
        const serial1900 = day / 86_400_000 + 25_569; // days from 1899-12-30: 25,569 to 1970-01-01
        expect(serialDate(String(serial1900), false)).toBe(new Date(day).toISOString().slice(0, 10));
        if (serial1900 >= 1462) expect(serialDate(String(serial1900 - 1462), true)).toBe(new Date(day).toISOString().slice(0, 10));
      }),
    );
  });

  it('a percentage cell is a ratio in a ratio column and refused in every other', () => {
    fc.assert(
      fc.property(fc.constantFrom(...TYPES), fc.integer({ min: 0, max: 100_000 }), (type, n) => {
        const raw = new Decimal(n).div(1000).toFixed(); // 0.000 … 100.000
        const r = cellText({ k: 'num', v: raw, kind: 'percent' }, colOf(fact(type)), false);
        if (type === 'ratio') expect(r).toEqual({ text: `${new Decimal(raw).times(100).toFixed()}%` });
        else expect(r).toMatchObject({ problem: { code: 'XLSX_PERCENT_CELL' } });
      }),
    );
    // What the ratio column then reads: 0.95 shown as 95% is 95%, as "95%" typed in CSV.
    const text = (cellText({ k: 'num', v: '0.95', kind: 'percent' }, colOf(fact('ratio', { min: 0, max: 1 })), false) as { text: string }).text;
    expect(coerceFactValue(fact('ratio', { min: 0, max: 1 }), text)).toEqual(coerceFactValue(fact('ratio', { min: 0, max: 1 }), '95%'));
  });

  it('a date cell is a date in a date column only; a plain number there is refused', () => {
    for (const type of TYPES) {
      const r = cellText({ k: 'num', v: '45107', kind: 'date' }, colOf(fact(type)), false);
      if (type === 'date') expect(r).toEqual({ text: '2023-06-30' });
      else expect(r).toMatchObject({ problem: { code: 'XLSX_DATE_CELL', args: { value: '2023-06-30' } } });
      const d = cellText({ k: 'date', v: '2023-06-30T00:00:00Z' }, colOf(fact(type)), false);
      expect('text' in d).toBe(type === 'date');
    }
    expect(cellText({ k: 'num', v: '45107', kind: 'general' }, colOf(fact('date')), false)).toMatchObject({ problem: { code: 'XLSX_NOT_DATE' } });
    const year: Column = { kind: 'fixed', key: 'year', header: '年度' };
    expect(cellText({ k: 'num', v: '2023', kind: 'general' }, year, false)).toEqual({ text: '2023' });
    expect(cellText({ k: 'num', v: '45107', kind: 'date' }, year, false)).toMatchObject({ problem: { code: 'XLSX_DATE_CELL' } });
  });

  it('TRUE/FALSE is 是/否 in a yes/no column only; an error value is a cell error', () => {
    for (const type of TYPES) {
      const r = cellText({ k: 'bool', v: true }, colOf(fact(type)), false);
      expect(r).toEqual(type === 'boolean' ? { text: '是' } : { problem: { code: 'XLSX_BOOL_CELL', args: { value: 'TRUE', label: type } } });
      expect(cellText({ k: 'err', v: '#N/A' }, colOf(fact(type)), false)).toEqual({ problem: { code: 'CELL_ERROR', args: { value: '#N/A' } } });
    }
  });

  it('number formats: percentages, dates, and everything else', () => {
    expect(['0%', '0.00%', '#,##0.0%;[Red]-0%'].map(formatKind)).toEqual(['percent', 'percent', 'percent']);
    expect(['yyyy-mm-dd', '[$-804]yyyy"年"m"月"d"日"', 'm/d/yy h:mm', '[h]:mm:ss'].map(formatKind)).toEqual(['date', 'date', 'date', 'date']);
    expect(['General', '#,##0.00', '0.00E+00', '#,##0"元"', '"¥"#,##0.00_);[Red]("¥"#,##0.00)', '@', '0.00,,"万"'].map(formatKind)).toEqual(
      Array(7).fill('general'),
    );
  });
});
