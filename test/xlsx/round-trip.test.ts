import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { columnLetters } from '../../src/i18n/format-error.js';
import { catalogue } from '../../src/i18n/messages.js';
import { DEFAULT_RULES_DIR } from '../../src/load/load-rules.js';
import { loadRulesSync } from '../../src/load/load-rules-sync.js';
import { labelsFor } from '../../src/render/labels.js';
import { Decimal } from '../../src/money/decimal.js';
import { cli } from '../helpers/cli.js';
import { readWithOpenpyxl, tmp, type PySheet } from './helpers.js';

/**
 * The consultant's round trip: template → a workbook filled as Excel saves it (a
 * title merged over the header, a formula with its cached value, a percentage
 * cell, a date, an #N/A, headers as people write them, a short region name) →
 * batch → an .xlsx report, read back with openpyxl (which shares no code with the
 * writer) and compared value by value with the JSON Lines report of the same batch.
 */
const T = 240_000;
const set = loadRulesSync(DEFAULT_RULES_DIR);
const w = catalogue('zh').words;
const amountHeads = catalogue('zh').amountColumn;
const labels = labelsFor(set, 'zh');
const env = { SOURCE_DATE_EPOCH: '1767225600' };
const INJECT = '=HYPERLINK("http://example.invalid","点我")';

interface JsonRow {
  row: number;
  line: number;
  error?: boolean;
  errors?: { code: string; message: string }[];
  totals?: { sure: string; ceilings: string; pendingPotential: string; byLevel: Record<string, string> };
  enterprise: { id?: string; name?: string };
  policies?: { clauses: Record<string, unknown>[] }[];
}

function build(dir: string) {
  const t = join(dir, 't.csv');
  expect(cli(['template', '--region', '兰溪', '--out', t]).code).toBe(0);
  const [head, notes, sample] = parse(readFileSync(t, 'utf8').replace(/^\uFEFF/, '')) as string[][];
  // Headers as people write them: the usual names of the fixed columns.
  const header = head!.map((h) => ({ 企业编号: '统一社会信用代码', 企业名称: '公司名称', 地区: '所在区县', 年度: '年份' })[h] ?? h);
  const col = (label: string) => head!.indexOf(label);
  const [sales, pension, year, name, region] = [col('线上销售额（网络零售额）'), col('职工养老保险参保率'), col('年度'), col('企业名称'), col('地区')];
  expect(Math.min(sales, pension, year, name, region)).toBeGreaterThanOrEqual(0);
  const rows: { cells: unknown[]; text: string[]; pct?: boolean }[] = [];
  const base = sample!.map((v, i) => (i === year ? '2023' : v));
  const make = (id: string, edit: (c: unknown[], text: string[]) => void) => {
    const cells: unknown[] = [...base];
    const text = [...base];
    cells[0] = text[0] = id;
    cells[region] = text[region] = '兰溪';
    cells[year] = 2023;
    cells[pension] = 0.95;
    text[pension] = '95%';
    edit(cells, text);
    rows.push({ cells, text });
  };
  make('A1', (c, t) => ((c[sales] = { formula: '1000*10000', result: 10000000 }), (t[sales] = '10000000'), (c[name] = t[name] = INJECT)));
  make('A2', (c, t) => ((c[sales] = { error: '#N/A' }), (t[sales] = '#N/A')));
  make('A3', (c) => (c[year] = new Date(Date.UTC(2023, 0, 1))));
  make('A4', (c, t) => ((c[pension] = 0.5), (t[pension] = '50%')));
  make('A5', (c, t) => ((c[sales] = 2500000), (t[sales] = '2500000')));
  return { header, notes: notes!, rows, sales, pension, year, name };
}

async function workbook(dir: string, b: ReturnType<typeof build>) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('客户');
  ws.getCell(1, 1).value = '2023年度兰溪客户清单';
  ws.mergeCells(1, 1, 1, b.header.length);
  ws.getRow(2).values = b.header;
  ws.getRow(3).values = b.notes;
  let r = 4;
  for (const row of b.rows) {
    if (r === 7) r++; // a blank row, as Excel leaves after a deleted one
    const x = ws.getRow(r++);
    x.values = row.cells as ExcelJS.CellValue[];
    x.getCell(b.pension + 1).numFmt = '0%';
    x.getCell(b.year + 1).numFmt = row.cells[b.year] instanceof Date ? 'yyyy-mm-dd' : 'General';
  }
  const file = join(dir, 'clients.xlsx');
  await wb.xlsx.writeFile(file);
  return file;
}

const jsonl = (file: string) =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as JsonRow & { provenance?: { rules: { fingerprint: string }; version: string; time: string } });
const dec = (v: unknown) => new Decimal(v === null || v === undefined ? 0 : String(v));
const values = (s: PySheet) => s.rows.map((r) => r.map((c) => c[0]));

describe('.xlsx round trip', () => {
  it(
    'template → workbook → batch → .xlsx report equals the JSON Lines report',
    async () => {
      const dir = tmp();
      const b = build(dir);
      const input = await workbook(dir, b);
      const [xr, jr] = [
        cli(['batch', input, '--out', join(dir, 'r.xlsx')], undefined, env),
        cli(['batch', input, '--out', join(dir, 'r.jsonl')], undefined, env),
      ];
      expect(xr.code, xr.stderr).toBe(1); // the #N/A and the date are error rows
      expect(jr.code).toBe(1);
      const all = jsonl(join(dir, 'r.jsonl'));
      const rows = all.filter((x) => 'row' in x);
      const prov = all.find((x) => x.provenance)!.provenance!;
      // Every input row once, numbered as the sheet numbers them (row 7 is blank).
      expect(rows.map((x) => [x.row, x.line])).toEqual([
        [1, 4],
        [2, 5],
        [3, 6],
        [4, 8],
        [5, 9],
      ]);

      // The #N/A names its cell; the date in the year column is refused, naming its cell.
      const cell = (c: number, r: number) => `${columnLetters(c + 1)}${r}`;
      expect(rows[1]!.errors!.map((e) => e.code)).toEqual(['CELL_ERROR']);
      expect(rows[1]!.errors![0]!.message).toContain(cell(b.sales, 5));
      expect(xr.stderr).toContain(`clients.xlsx!客户 ${cell(b.sales, 5)}`);
      expect(rows[2]!.errors!.map((e) => e.code)).toEqual(['XLSX_DATE_CELL']);
      expect(rows[2]!.errors![0]!.message).toContain(cell(b.year, 6));

      // The same rows typed as CSV text give the same evaluation: the formula's cached value, 95%, 50%.
      const csv = join(dir, 'clients.csv');
      writeFileSync(csv, [b.header, ...b.rows.map((r) => r.text)].map((r) => r.map((c) => `"${String(c).replace(/"/g, '""')}"`).join(',')).join('\n') + '\n');
      const cr = cli(['batch', csv, '--out', join(dir, 'c.jsonl')], undefined, env);
      const fromCsv = jsonl(join(dir, 'c.jsonl')).filter((x) => 'row' in x);
      for (const i of [0, 3, 4]) {
        expect(rows[i]!.error, JSON.stringify(rows[i]!.errors)).toBeUndefined();
        expect({ ...rows[i], row: 0, line: 0 }).toEqual({ ...fromCsv[i], row: 0, line: 0 });
      }
      expect(cr.code).toBe(1);
      expect(dec(rows[3]!.totals!.sure).lessThan(dec(rows[0]!.totals!.sure))).toBe(true); // 50% is excluded in 兰溪

      const sheets = readWithOpenpyxl(join(dir, 'r.xlsx'));
      expect(sheets.map((s) => s.name)).toEqual([w.xlsxSummary, w.xlsxDetail, w.xlsxMissing, w.xlsxNotes]);
      for (const s of sheets) {
        expect(s.freeze).toBe('A2');
        // No formula anywhere: text cells are text (the name that looks like one included).
        expect(s.rows.flat().filter((c) => c[1] === 'f')).toEqual([]);
      }
      const [summary, detail, missing, notes] = sheets as [PySheet, PySheet, PySheet, PySheet];
      for (const s of [summary, detail, missing]) expect(s.filter).toMatch(/^A1:[A-Z]+1$/);
      expect(Math.max(...Object.values(summary.widths))).toBeGreaterThan(12);
      expect(summary.rows.flat().some((c) => c[0] === INJECT && c[1] === 's')).toBe(true);

      // 汇总: one line per input row, amounts as numbers in 元 equal to the JSONL totals.
      const sh = values(summary)[0] as string[];
      const at = (name: string) => sh.indexOf(name);
      expect(summary.rows.length - 1).toBe(rows.length);
      summary.rows.slice(1).forEach((r, i) => {
        const j = rows[i]!;
        expect(r[at(w.batchRow!)]![0]).toBe(j.row);
        if (j.error) return expect(r[at(w.sure!)]![0]).toBeNull();
        for (const [head, want] of [
          [w.sure, j.totals!.sure],
          [w.ceilings, j.totals!.ceilings],
          [w.pendingPotential, j.totals!.pendingPotential],
        ] as const) {
          const c = r[at(head!)]!;
          expect([c[1], c[2]]).toEqual(['n', '#,##0.00']);
          expect(dec(c[0]).equals(dec(want))).toBe(true);
        }
      });

      // 明细: per enterprise, each amount column and each level column sums to the JSONL's figures.
      const dh = values(detail)[0] as string[];
      const kinds = { sure: amountHeads.sure, ceiling: amountHeads.ceiling, potential: amountHeads.potential, setAside: amountHeads.setAside } as const;
      for (const j of rows) {
        const lines = detail.rows.slice(1).filter((r) => r[dh.indexOf(w.batchRow!)]![0] === j.row);
        expect(lines.length).toBeGreaterThan(0);
        if (j.error) {
          expect(lines).toHaveLength(1);
          expect(String(lines[0]![dh.indexOf(w.note!)]![0])).toContain(j.errors![0]!.message.slice(0, 20));
          continue;
        }
        const clauses = j.policies!.flatMap((p) => p.clauses);
        for (const [kind, head] of Object.entries(kinds)) {
          const want = clauses.reduce((a, c) => a.plus(dec(c[kind])), new Decimal(0));
          const got = lines.reduce((a, r) => a.plus(dec(r[dh.indexOf(head!)]![0])), new Decimal(0));
          expect(got.toFixed(2), `${kind} of row ${j.row}`).toBe(want.toFixed(2));
        }
        for (const [level, amount] of Object.entries(j.totals!.byLevel)) {
          const got = lines.reduce((a, r) => a.plus(dec(r[dh.indexOf(labels.level(level))]![0])), new Decimal(0));
          expect(got.toFixed(2)).toBe(dec(amount).toFixed(2));
        }
      }

      // 待补资料: per enterprise, the facts its needs-data clauses miss, by their template labels.
      const mh = values(missing)[0] as string[];
      for (const j of rows.filter((x) => !x.error)) {
        const want = new Set(
          j
            .policies!.flatMap((p) => p.clauses)
            .filter((c) => c.status === 'needs_data')
            .flatMap((c) => [
              ...((c.missing as string[]) ?? []).map((f) => labels.fact(f)),
              ...((c.missingHistory as string[]) ?? []).map((h) => labels.history(h as never)),
            ]),
        );
        const got = new Set(
          missing.rows
            .slice(1)
            .filter((r) => r[mh.indexOf(w.batchRow!)]![0] === j.row)
            .map((r) => String(r[mh.indexOf(w.xlsxMissingFact!)]![0])),
        );
        expect(got).toEqual(want);
      }

      // 说明: the rules fingerprint, tool version and time of the run.
      const text = values(notes).flat().map(String);
      expect(text).toContain(prov.rules.fingerprint);
      expect(text).toContain(`subsidy ${prov.version}`);
      expect(text).toContain(prov.time);
    },
    T,
  );
});
