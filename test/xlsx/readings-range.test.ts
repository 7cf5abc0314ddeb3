import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { catalogue } from '../../src/i18n/messages.js';
import { DEFAULT_RULES_DIR } from '../../src/load/load-rules.js';
import { loadRulesSync } from '../../src/load/load-rules-sync.js';
import { Decimal } from '../../src/money/decimal.js';
import { cli } from '../helpers/cli.js';
import { readWithOpenpyxl, tmp, type PySheet } from './helpers.js';

/**
 * Readings with a workbook: `batch clients.xlsx --range --out r.xlsx` reads the
 * rule set as --reading chooses, gives 汇总 and 明细 the low/high columns of the
 * CSV and JSON Lines reports (as amounts), and its 说明 sheet names the readings
 * in play in words: each with the option in force and how many enterprises it
 * changes, counted here by re-running the batch under every other option.
 */
const T = 300_000;
const set = loadRulesSync(DEFAULT_RULES_DIR);
const zh = catalogue('zh');
const env = { SOURCE_DATE_EPOCH: '1767225600' };
const dec = (v: unknown) => new Decimal(v === null || v === undefined || v === '' ? 0 : String(v));
const values = (s: PySheet) => s.rows.map((r) => r.map((c) => c[0]));

interface JsonRow {
  row: number;
  error?: boolean;
  range?: { sure: { low: string; high: string } };
  policies?: { id: string; applicability: string; clauses: Record<string, unknown>[] }[];
}
const jsonl = (file: string) =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as JsonRow)
    .filter((x) => 'row' in x);
/** What each enterprise's results came to (documents and clauses), to compare runs. */
const outcome = (r: JsonRow) => JSON.stringify(r.policies?.map((p) => [p.id, p.applicability, p.clauses]) ?? r.error);

async function workbookOf(csv: string, dir: string): Promise<string> {
  const rows = parse(readFileSync(csv, 'utf8').replace(/^\uFEFF/, ''), { relax_column_count: true }) as string[][];
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('客户');
  for (const r of rows) ws.addRow(r);
  const file = join(dir, 'clients.xlsx');
  await wb.xlsx.writeFile(file);
  return file;
}

describe('.xlsx with readings', () => {
  it(
    '--range: low/high as amounts equal to the JSONL and CSV reports; 说明 counts the readings in play',
    async () => {
      const dir = tmp();
      const input = await workbookOf('examples/batch/enterprises.csv', dir);
      const run = (out: string, ...more: string[]) => {
        const r = cli(['batch', input, '--out', join(dir, out), '--limit', '0', ...more], undefined, env);
        expect(r.code, r.stderr).toBe(0);
      };
      run('r.xlsx', '--range');
      run('r.jsonl', '--range');
      run('r.csv', '--range');
      const rows = jsonl(join(dir, 'r.jsonl'));
      const [summary, detail, , notes] = readWithOpenpyxl(join(dir, 'r.xlsx')) as [PySheet, PySheet, PySheet, PySheet];

      // 汇总: the enterprise's lowest and highest sure total, numbers in 元.
      const sh = values(summary)[0] as string[];
      const [lo, hi] = [sh.indexOf(zh.readings.lowColumn!), sh.indexOf(zh.readings.highColumn!)];
      expect(Math.min(lo, hi)).toBeGreaterThanOrEqual(0);
      expect(summary.rows.length - 1).toBe(rows.length);
      summary.rows.slice(1).forEach((r, i) => {
        for (const [c, want] of [
          [r[lo]!, rows[i]!.range!.sure.low],
          [r[hi]!, rows[i]!.range!.sure.high],
        ] as const) {
          expect([c[1], c[2]]).toEqual(['n', '#,##0.00']);
          expect(dec(c[0]).toFixed(2)).toBe(dec(want).toFixed(2));
        }
      });
      expect(rows.some((r) => r.range!.sure.low !== r.range!.sure.high)).toBe(true); // a reading moves money here

      // 明细 is the CSV report cell for cell, its header included (the range columns as wide as the rows).
      const csv = parse(readFileSync(join(dir, 'r.csv'), 'utf8').replace(/^\uFEFF/, ''), { relax_column_count: true }) as string[][];
      const table = csv.slice(
        0,
        csv.findIndex((r) => r.every((c) => c === '')),
      );
      expect(new Set(table.map((r) => r.length)).size).toBe(1);
      expect(values(detail)[0]).toEqual(table[0]);
      expect(detail.rows.length).toBe(table.length);
      const dh = table[0]!;
      for (const name of [zh.readings.lowColumn!, zh.readings.highColumn!]) {
        const k = dh.indexOf(name);
        expect(k).toBeGreaterThanOrEqual(0);
        detail.rows.slice(1).forEach((r, i) => {
          if (table[i + 1]![k] === '') return expect(r[k]![0]).toBeNull();
          expect(r[k]![1]).toBe('n');
          expect(dec(r[k]![0]).toFixed(2)).toBe(dec(table[i + 1]![k]).toFixed(2));
        });
      }

      // 说明: per reading, the enterprises another option changes, found by running the batch under it.
      const base = rows.map(outcome);
      const text = values(notes)
        .flat()
        .filter((v) => typeof v === 'string') as string[];
      for (const r of set.readings) {
        const changed = new Set<number>();
        for (const o of r.options.filter((x) => x.id !== r.default)) {
          run(`${r.id}-${o.id}.jsonl`, '--reading', `${r.id}=${o.id}`);
          jsonl(join(dir, `${r.id}-${o.id}.jsonl`)).forEach((x, i) => outcome(x) !== base[i] && changed.add(i));
        }
        const line = text.filter((t) => t.startsWith(r.question.zh));
        if (!changed.size) expect(line, r.id).toEqual([]);
        else
          expect(line, r.id).toEqual([
            `${r.question.zh} — 采用“${r.options.find((o) => o.id === r.default)!.label.zh}”（默认）；改变本批 ${changed.size} 家企业的结果`,
          ]);
        // Chinese only: no reading id in the sheet.
        expect(
          text.filter((t) => t.includes(r.id)),
          r.id,
        ).toEqual([]);
      }
      expect(text.some((t) => t.includes('改变本批'))).toBe(true);
    },
    T,
  );

  it(
    'a reading chosen with --reading reads the workbook that way and says so in 说明',
    async () => {
      const dir = tmp();
      const input = await workbookOf('examples/batch/enterprises.csv', dir);
      const r = set.readings.find((x) => x.options.length > 1)!;
      const other = r.options.find((o) => o.id !== r.default)!;
      for (const [out, more] of [
        ['c.jsonl', ['--reading', `${r.id}=${other.id}`]],
        ['c.xlsx', ['--reading', `${r.id}=${other.id}`]],
      ] as const)
        expect(cli(['batch', input, '--out', join(dir, out), '--limit', '0', ...more], undefined, env).code).toBe(0);
      const c = jsonl(join(dir, 'c.jsonl'));
      const sheets = readWithOpenpyxl(join(dir, 'c.xlsx'));
      const summary = sheets[0]!;
      const sure = (values(summary)[0] as string[]).indexOf(zh.words.sure!);
      // The workbook report follows the chosen reading (the JSONL under it), not the default.
      const totals = (rows: JsonRow[]) => rows.map((x) => (x as unknown as { totals: { sure: string } }).totals.sure);
      expect(summary.rows.slice(1).map((x) => dec(x[sure]![0]).toFixed(2))).toEqual(totals(c).map((v) => dec(v).toFixed(2)));
      const text = values(sheets[3]!)
        .flat()
        .filter((v) => typeof v === 'string') as string[];
      const line = text.filter((t) => t.startsWith(r.question.zh));
      expect(line).toHaveLength(1);
      expect(line[0]).toContain(`采用“${other.label.zh}”（非默认，由用户选择）`);
    },
    T,
  );
});
