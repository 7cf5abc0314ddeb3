import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { rawRow, rawWorkbook, tmp, write } from './helpers.js';

/**
 * Workbooks nobody should send, and some a broken tool might: each is refused with
 * exit 2 and a message naming the file (never a stack trace or exit 3), or, where
 * the damage is in one row, that row is an error row naming its cell and every
 * other row is in the report.
 */
const T = 120_000;
const HEAD = ['企业编号', '企业名称', '地区', '年度', '网络零售额'];
const row = (r: number, id: string, sales: string | number) => rawRow(r, [id, `企业${id}`, '兰溪市', 2023, sales]);

function refused(file: string, code: string, extra: string[] = []) {
  const r = cli(['batch', file, ...extra]);
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr).toContain(`[${code}]`);
  expect(r.stderr).not.toMatch(/\n\s+at |TypeError|RangeError/);
  return r;
}

function jsonlRows(dir: string, file: string, extra: string[] = []) {
  const out = join(dir, 'r.jsonl');
  const r = cli(['batch', file, '--out', out, ...extra]);
  expect(r.stderr).not.toMatch(/\n\s+at |TypeError|RangeError/);
  const lines = readFileSync(out, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { r, rows: lines.filter((l) => 'row' in l) as { row: number; line: number; error?: boolean; errors?: { message: string; code: string }[] }[] };
}

describe('adversarial workbooks', () => {
  const dir = tmp();

  it(
    'a text file named .xlsx is not a workbook',
    () => {
      refused(write(dir, 'text.xlsx', '企业编号,地区\nE1,兰溪市\n'), 'XLSX_NOT_ZIP');
    },
    T,
  );

  it(
    'a truncated workbook is refused, at any cut',
    () => {
      const good = rawWorkbook({ sheetData: rawRow(1, HEAD) + row(2, 'E1', '500万') });
      for (const cut of [10, Math.floor(good.length / 3), Math.floor(good.length / 2), good.length - 30]) {
        const r = cli(['batch', write(dir, `cut${cut}.xlsx`, good.subarray(0, cut))]);
        expect(r.code, r.stderr).toBe(2);
        expect(r.stderr).toMatch(/\[XLSX_(NOT_ZIP|BROKEN|PART_MISSING)\]/);
        expect(r.stderr).not.toMatch(/\n\s+at /);
      }
    },
    T,
  );

  it(
    'an old .xls (or password-protected) workbook is named as such',
    () => {
      const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
      refused(write(dir, 'old.xls', ole), 'XLSX_OLD_FORMAT');
      // The same bytes under a .csv name are still recognised by their content.
      refused(write(dir, 'old.csv', ole), 'XLSX_OLD_FORMAT');
    },
    T,
  );

  it(
    'a part declaring more than its limit is refused before it is inflated',
    () => {
      // Shared text is held in memory while the sheet is read: 300 MiB declared is over its 256 MiB bound.
      const bomb = rawWorkbook({ sheetData: rawRow(1, HEAD), shared: ['x'], sharedEntry: { claimSize: 300 << 20 } });
      const r = refused(write(dir, 'bomb.xlsx', bomb), 'XLSX_TOO_LARGE');
      expect(r.stderr).toContain('sharedStrings.xml');
    },
    T,
  );

  it(
    'a zip bomb that lies about its size stops at the size it declared',
    () => {
      // 200 MB of one repeated row inflates from about 200 KB; the headers claim 2 KB.
      const rowXml = Buffer.from(row(2, 'E1', 1).replace('r="2"', ''));
      const body = Buffer.concat([
        Buffer.from(`<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rawRow(1, HEAD)}`),
        Buffer.alloc((200e6 / rowXml.length) | 0, 0).fill(rowXml),
      ]);
      const buf = rawWorkbook({ sheetData: '', omitSheet: true, extra: [{ name: 'xl/worksheets/sheet1.xml', data: body, claimSize: 2048 }] });
      expect(buf.length).toBeLessThan(2e6);
      const r = cli(['batch', write(dir, 'liar.xlsx', buf), '--out', join(dir, 'liar.jsonl')]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain('[XLSX_BROKEN]');
    },
    T,
  );

  it(
    'a sheet that is not there: --sheet names the sheets there are; a missing part is named',
    () => {
      const good = write(dir, 'good.xlsx', rawWorkbook({ sheetData: rawRow(1, HEAD) + row(2, 'E1', '500万'), sheetName: '企业清单' }));
      const r = refused(good, 'XLSX_NO_SHEET', ['--sheet', '企业清单2']);
      expect(r.stderr).toContain('企业清单');
      refused(write(dir, 'nosheet.xlsx', rawWorkbook({ sheetData: '', omitSheet: true })), 'XLSX_PART_MISSING');
      const csv = refused(write(dir, 'plain.csv', '企业编号,地区,年度\nE1,兰溪市,2023\n'), 'USAGE', ['--sheet', 'x']);
      expect(csv.stderr).toContain('--sheet');
    },
    T,
  );

  it(
    'huge dimensions and a cell at XFD1048576 cost nothing and lose no row',
    () => {
      const sheet = rawRow(1, HEAD) + row(2, 'E1', '500万') + '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>远处</t></is></c></row>';
      const file = write(dir, 'far.xlsx', rawWorkbook({ sheetData: sheet, tail: '' }).subarray(0));
      const { rows } = jsonlRows(dir, file);
      expect(rows.map((r) => r.line)).toEqual([2, 1048576]);
      expect(rows[1]!.error).toBe(true);
      expect(rows[1]!.errors![0]!.code).toBe('RAGGED_ROW');
    },
    T,
  );

  it(
    'a shared-string index out of range is an error row naming the cell; the other rows stay',
    () => {
      const sheet =
        rawRow(1, HEAD) +
        row(2, 'E1', '500万') +
        '<row r="3"><c r="A3" t="s"><v>7</v></c><c r="B3" t="s"><v>0</v></c><c r="C3" t="inlineStr"><is><t>兰溪市</t></is></c><c r="D3"><v>2023</v></c></row>' +
        row(4, 'E3', '300万');
      const { rows } = jsonlRows(dir, write(dir, 'sst.xlsx', rawWorkbook({ sheetData: sheet, shared: ['甲公司'] })));
      expect(rows.map((r) => [r.row, r.line, Boolean(r.error)])).toEqual([
        [1, 2, false],
        [2, 3, true],
        [3, 4, false],
      ]);
      expect(rows[1]!.errors![0]!.code).toBe('XLSX_SHARED_STRING');
      expect(rows[1]!.errors![0]!.message).toContain('A3');
    },
    T,
  );

  it(
    'a text node of more than a megabyte, and a declared entity, are refused',
    () => {
      refused(write(dir, 'long.xlsx', rawWorkbook({ sheetData: rawRow(1, HEAD) + rawRow(2, ['E1', 'x'.repeat(1_200_000)]) })), 'XLSX_BROKEN');
      const laugh = rawWorkbook({
        sheetData: '',
        omitSheet: true,
        extra: [
          {
            name: 'xl/worksheets/sheet1.xml',
            data: Buffer.from(
              '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&b;</t></is></c></row></sheetData></worksheet>',
            ),
          },
        ],
      });
      refused(write(dir, 'laugh.xlsx', laugh), 'XLSX_BROKEN');
    },
    T,
  );

  it(
    'formula cells without a saved result, text in a number cell and error-typed cells are error rows naming their cells',
    () => {
      const sheet =
        rawRow(1, HEAD) +
        '<row r="2"><c r="A2" t="inlineStr"><is><t>E1</t></is></c><c r="C2" t="inlineStr"><is><t>兰溪市</t></is></c><c r="D2"><v>2023</v></c><c r="E2"><f>B9*2</f></c></row>' +
        '<row r="3"><c r="A3" t="inlineStr"><is><t>E2</t></is></c><c r="C3" t="inlineStr"><is><t>兰溪市</t></is></c><c r="D3"><v>2023</v></c><c r="E3"><v>12abc</v></c></row>' +
        '<row r="4"><c r="A4" t="inlineStr"><is><t>E3</t></is></c><c r="C4" t="inlineStr"><is><t>兰溪市</t></is></c><c r="D4"><v>2023</v></c><c r="E4" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>' +
        '<row r="5"><c r="A5" t="inlineStr"><is><t>E4</t></is></c><c r="C5" t="inlineStr"><is><t>兰溪市</t></is></c><c r="D5" t="e"><v>#REF!</v></c></row>' +
        row(6, 'E5', '100万');
      const { r, rows } = jsonlRows(dir, write(dir, 'cells.xlsx', rawWorkbook({ sheetData: sheet })));
      expect(r.code).toBe(1);
      const codes = rows.map((x) => (x.error ? `${x.errors![0]!.code} ${x.errors![0]!.message.match(/^[A-Z]+\d+/)?.[0]}` : 'ok'));
      expect(codes).toEqual(['XLSX_NO_VALUE E2', 'XLSX_BAD_NUMBER E3', 'CELL_ERROR E4', 'CELL_ERROR D5', 'ok']);
      expect(r.stderr).toContain('cells.xlsx!Sheet1 E4');
    },
    T,
  );
});
