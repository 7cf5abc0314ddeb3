import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, ROOT } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'subsidy-batch-in-'));
const EX = 'examples/batch';

/** Runs batch with a JSON Lines report and returns the report's objects without row/line. */
function results(input: string, extra: string[] = []) {
  const out = join(dir, `r-${Math.random().toString(36).slice(2)}.jsonl`);
  const r = cli(['batch', input, '--out', out, ...extra]);
  expect(r.code, r.stderr).toBe(0);
  // The last line is the report's provenance, not an enterprise.
  return readFileSync(out, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l))
    .filter((x) => !x.provenance)
    .map((x) => {
      const { row: _row, line: _line, ...rest } = x;
      return rest;
    });
}

describe('batch inputs: the same enterprises in every form give the same results', () => {
  const history = ['--history', `${EX}/history.csv`];
  const csv = results(`${EX}/enterprises.csv`, history);

  it('the BOM-prefixed UTF-8 CSV matches calc on each example', () => {
    const examples = ['lanxi-cross-border-seller', 'lishui-2020-retail-first-reached', 'hangzhou-cbec-2024-seller', 'jinyun-2025-platform-streamer'];
    expect(readFileSync(join(ROOT, EX, 'enterprises.csv')).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv).toHaveLength(4);
    examples.forEach((name, i) => {
      const calc = JSON.parse(cli(['calc', `examples/${name}.yaml`, '--format', 'json']).stdout);
      expect(csv[i].totals).toEqual(calc.totals);
      expect(csv[i].enterprise).toEqual(calc.enterprise);
    });
  });
  it('a GBK CSV with Chinese headers gives the same results', () => {
    const bytes = readFileSync(join(ROOT, EX, 'enterprises-gbk.csv'));
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    expect(results(`${EX}/enterprises-gbk.csv`, history)).toEqual(csv);
  });
  it('JSON Lines and a YAML list give the same results; history.yaml equals history.csv', () => {
    expect(results(`${EX}/enterprises.jsonl`, history)).toEqual(csv);
    expect(results(`${EX}/enterprises.yaml`, ['--history', `${EX}/history.yaml`])).toEqual(csv);
  });
  it('--encoding forces a decoding; a GBK file forced as UTF-8 cannot be read (exit 2)', () => {
    expect(results(`${EX}/enterprises-gbk.csv`, [...history, '--encoding', 'gbk'])).toEqual(csv);
    const r = cli(['batch', `${EX}/enterprises-gbk.csv`, '--encoding', 'utf8']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('[NOT_UTF8]');
  });
  it('reads stdin with -, the format sniffed from the content', () => {
    const jsonl = readFileSync(join(ROOT, EX, 'enterprises.jsonl'), 'utf8');
    const r = cli(['batch', '-', '--history', `${EX}/history.csv`, '--lang', 'en'], jsonl);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Sure amount: 824,250.00');
  });
});

describe('files that cannot be read at all exit 2', () => {
  const write = (name: string, data: string | Buffer) => {
    const f = join(dir, name);
    writeFileSync(f, data);
    return f;
  };
  it.each([
    ['a missing file', join(dir, 'nope.csv'), 'FILE_NOT_FOUND'],
    ['binary junk', write('junk.csv', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x00, 0xff, 0x10])), 'ENCODING'],
    // A zip's first bytes mean a workbook whatever the name (read-rows.ts): this one is cut short.
    ['a zip header under a .csv name', write('zip.csv', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0xff, 0x10])), 'XLSX_NOT_ZIP'],
    ['bytes neither UTF-8 nor GB18030', write('bad.csv', Buffer.concat([Buffer.from('id,region\n1,'), Buffer.from([0xff, 0xff, 0xff, 0x0a])])), 'ENCODING'],
    ['an empty file', write('empty.csv', ''), 'FILE_EMPTY'],
    ['only comments', write('comments.csv', '#说明,x\n# nothing else\n'), 'CSV_SYNTAX'],
    ['no column name in the first row', write('noheader.csv', 'E1,某公司,兰溪市,2023\n'), 'CSV_SYNTAX'],
    ['no region column and no --region', write('noregion.csv', 'id,year\nE1,2023\n'), 'MISSING_FIELD'],
  ])('%s', (_, file, code) => {
    const r = cli(['batch', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(code);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
  });
  it('--region and --year fill rows that give none', () => {
    const r = cli(['batch', write('defaults.csv', 'id,线上销售额（网络零售额）\nE1,100万\n'), '--region', '兰溪市', '--year', '2023']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('兰溪市');
  });
});
