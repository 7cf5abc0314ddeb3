import fc from 'fast-check';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/money/decimal.js';
import { cli } from '../helpers/cli.js';
import { enterpriseRecord, shippedWithRegime } from '../property/arbitraries.js';

/**
 * A consultant sums a report column in a spreadsheet and hands the figure on: the
 * sure column must add up to the sure total and nothing else, and every other kind
 * of amount must stay out of it. Checked on generated enterprises, through the CLI.
 */
const set = shippedWithRegime();
const dir = mkdtempSync(join(tmpdir(), 'subsidy-columns-'));
const rows = (file: string) => parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''), { relax_column_count: false }) as string[][];
const sum = (xs: string[]) => xs.reduce((a, x) => a.plus(x || '0'), new Decimal(0));

describe('batch report columns never mix kinds of amount', () => {
  it.each([1, 2, 3])('generated batch %i: sum of the sure column = the sure total, in the CSV and in the summary', (seed) => {
    const records = fc.sample(enterpriseRecord(set), { numRuns: 150, seed }).map((r, i) => ({ id: `G${seed}-${i}`, ...r }));
    const input = join(dir, `gen-${seed}.jsonl`);
    writeFileSync(input, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const report = join(dir, `gen-${seed}.csv`);
    const summary = join(dir, `gen-${seed}-summary.csv`);
    const r = cli(['batch', input, '--out', report, '--summary', summary, '--regime', 'rules/regimes/illustrative.yaml', '--limit', '0']);
    expect([0, 1]).toContain(r.code);
    const total = new Decimal(/确定金额: ([\d,.]+)/.exec(r.stdout)![1]!.replace(/,/g, ''));

    const [head, ...lines] = rows(report);
    const col = (name: string) => head!.indexOf(name);
    const sure = col('确定金额（元）');
    const kinds = ['确定金额（元）', '上限（待审核，元）', '可能金额（缺数据，元）', '未计入金额（被排除或替代，元）'].map(col);
    expect(kinds.every((k) => k >= 0)).toBe(true);
    expect(sum(lines.map((l) => l[sure]!)).toFixed(2)).toBe(total.toFixed(2));
    // Amount cells are plain numbers (no parentheses, no thousands separators), and one kind per line at most.
    for (const l of lines) {
      const filled = kinds.filter((k) => l[k] !== '');
      expect(filled.length).toBeLessThanOrEqual(1);
      for (const k of filled) expect(l[k]).toMatch(/^\d+\.\d\d$/);
    }
    // The level columns split the sure amounts only: they add up to the sure total too.
    const levels = ['省', '市', '区县'].map(col);
    expect(sum(lines.flatMap((l) => levels.map((k) => l[k]!))).toFixed(2)).toBe(total.toFixed(2));

    const [shead, ...slines] = rows(summary);
    expect(slines).toHaveLength(records.length);
    expect(sum(slines.map((l) => l[shead!.indexOf('确定金额')]!)).toFixed(2)).toBe(total.toFixed(2));
  });
});
