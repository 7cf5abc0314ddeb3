import { mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'subsidy-batch-rows-'));
const write = (name: string, text: string) => {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
};
const HEAD = '企业编号,企业名称,地区,年度,主体类型,线上销售额（网络零售额）,第三方平台跨境B2C销售额（美元）\r\n';
/** The enterprise lines of a JSON Lines report (the provenance line left out). */
const jsonl = (file: string) =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l))
    .filter((x) => !x.provenance);

/** A CSV report's rows as cell arrays (a minimal reader: the test data has no quoted newlines). */
function csvRows(file: string): string[][] {
  const text = readFileSync(file, 'utf8');
  const rows: string[][] = [];
  for (const line of text
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .filter(Boolean)) {
    const cells: string[] = [];
    for (const m of line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)) {
      cells.push(m[1]!.startsWith('"') ? m[1]!.slice(1, -1).replace(/""/g, '"') : m[1]!);
      if (m[2] === '') break;
    }
    rows.push(cells);
  }
  // The provenance rows at the end (an empty row, then rows marked #说明) are not report lines.
  const end = rows.findIndex((r) => r.every((c) => c === ''));
  return end < 0 ? rows : rows.slice(0, end);
}

describe('a 10,000-row file with broken rows', () => {
  const BROKEN = { 100: 'bad amount', 5000: 'unknown region', 9999: 'ragged' } as Record<number, string>;
  let text = HEAD;
  for (let i = 1; i <= 10000; i++) {
    const region = BROKEN[i] === 'unknown region' ? '火星市' : ['兰溪市', '莲都区', '滨江区', '缙云县'][i % 4];
    const sales = BROKEN[i] === 'bad amount' ? '很多' : `${(i % 50) * 100}万`;
    text += `E${i},企业${i},${region},${2022 + (i % 5)},电商企业;跨境电商企业,${sales},${i % 7}0万美元${BROKEN[i] === 'ragged' ? ',多出来的一格' : ''}\r\n`;
  }
  const input = write('big.csv', text);

  it('gives 10,000 report rows, the broken ones as errors with row and line numbers, and exit 1', { timeout: 180000 }, () => {
    const out = join(dir, 'big.jsonl');
    const r = cli(['batch', input, '--out', out, '--lang', 'en']);
    expect(r.code).toBe(1);
    const rows = jsonl(out);
    expect(rows).toHaveLength(10000);
    expect(rows.map((x) => x.row)).toEqual(Array.from({ length: 10000 }, (_, i) => i + 1));
    const errors = rows.filter((x) => x.error);
    expect(errors.map((x) => x.row)).toEqual([100, 5000, 9999]);
    // The header is line 1, so data row n is on line n + 1.
    expect(errors.map((x) => x.line)).toEqual([101, 5001, 10000]);
    expect(errors[0].errors[0]).toMatchObject({ code: 'BAD_VALUE', column: 6, field: '线上销售额（网络零售额）' });
    expect(errors[1].errors[0]).toMatchObject({ code: 'UNKNOWN_REGION', column: 3 });
    expect(errors[2].errors[0]).toMatchObject({ code: 'RAGGED_ROW' });
    expect(r.stderr).toMatch(/big\.csv:101:6, row 100, field 线上销售额（网络零售额）: \[BAD_VALUE\]/);
    expect(r.stderr).toMatch(/big\.csv:5001:3, row 5000, field 地区: \[UNKNOWN_REGION\] unknown region: 火星市/);
    expect(r.stdout).toContain('Enterprises 9997, Error rows 3');
    expect(r.stdout).toContain('showing the first 50 of 10000 rows');
  });
});

describe('row numbers and the CSV report', () => {
  it('counts data rows and physical lines past comments, blank lines, empty rows and quoted line breaks', () => {
    const input = write(
      'lines.csv',
      `${HEAD}#说明,注释行\r\n\r\n,,,,,,\r\nE1,"两行\r\n名称",兰溪市,2023,电商企业,100万,\r\nE2,企业2,兰溪市,2023,电商企业,很多,\r\n`,
    );
    const out = join(dir, 'lines.jsonl');
    expect(cli(['batch', input, '--out', out]).code).toBe(1);
    expect(jsonl(out).map((x) => [x.row, x.line, Boolean(x.error)])).toEqual([
      [1, 5, false],
      [2, 7, true],
    ]);
  });
  it('neutralises a formula in an enterprise name, writes CRLF and a BOM (or none with --no-bom)', () => {
    const input = write('inject.csv', `${HEAD}E1,"=HYPERLINK(""x"")",兰溪市,2023,电商企业;跨境电商企业,1500万,120万美元\r\n`);
    const out = join(dir, 'inject.csv.out.csv');
    expect(cli(['batch', input, '--out', out]).code).toBe(0);
    const bytes = readFileSync(out);
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(bytes.toString('utf8')).toContain(`,"'=HYPERLINK(""x"")",`);
    expect(bytes.toString('utf8').split('\r\n').length).toBeGreaterThan(2);
    const rows = csvRows(out);
    expect(rows.every((r) => r.length === rows[0]!.length)).toBe(true);
    expect(rows[1]![3]).toBe(`'=HYPERLINK("x")`);
    expect(cli(['batch', input, '--out', out, '--no-bom']).code).toBe(0);
    expect(readFileSync(out, 'utf8').startsWith('\uFEFF')).toBe(false);
  });
  it('lists an enterprise with nothing, and an error row, on one line each', () => {
    const input = write('nothing.csv', `${HEAD}E1,无可列,兰溪市,2015,,,\r\nE2,坏行,兰溪市,2023,电商企业,很多,\r\n`);
    const out = join(dir, 'nothing-report.csv');
    const r = cli(['batch', input, '--out', out, '--lang', 'en']);
    expect(r.code).toBe(1);
    const [head, ...rows] = csvRows(out);
    const status = head!.indexOf('Status');
    const note = head!.indexOf('Note');
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.length === head!.length)).toBe(true);
    expect(rows[0]!.slice(0, 3)).toEqual(['1', '2', 'E1']);
    expect(rows[0]![status]).toBe('nothing to list');
    expect(rows[1]![status]).toBe('error');
    expect(rows[1]![note]).toContain('BAD_VALUE');
  });
  it('writes a Markdown summary with totals', () => {
    const out = join(dir, 'summary.md');
    expect(cli(['batch', 'examples/batch/enterprises.csv', '--out', out]).code).toBe(0);
    const md = readFileSync(out, 'utf8');
    expect(md.split('\n').filter((l) => /^\| \d/.test(l))).toHaveLength(4);
    expect(md).toMatch(/- 确定金额: [\d,]+\.\d\d/);
  });
  it('reports an unknown header once, with a suggestion, and ignores its column', () => {
    let text = '企业编号,地区,年度,线上销售额（网络零售额）,线上销售额（网络零售）\r\n';
    for (let i = 0; i < 30; i++) text += `E${i},兰溪市,2023,100万,不是数字\r\n`;
    const r = cli(['batch', write('unknown.csv', text), '--lang', 'en']);
    expect(r.code).toBe(0);
    const hits = r.stderr.split('\n').filter((l) => l.includes('UNKNOWN_COLUMN'));
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatch(/unknown\.csv:1:5.*线上销售额（网络零售）.*ignored.*did you mean/);
  });
  it('a duplicate column is reported once; a row where it disagrees with the first is an error row', () => {
    const r = cli([
      'batch',
      write('dup.csv', 'id,region,year,online_sales,线上销售额（网络零售额）\r\nE1,兰溪市,2023,100万,很多\r\nE2,兰溪市,2023,100万,100万\r\n'),
      '--lang',
      'en',
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr.match(/DUPLICATE_COLUMN/g)).toHaveLength(1);
    expect(r.stderr).toMatch(/dup\.csv:2:5, row 1, .*\[DUPLICATE_GIVEN\]/);
    expect(r.stdout).toContain('Enterprises 1, Error rows 1');
  });
});

describe('the report never replaces an input', () => {
  it('refuses --out equal to the input, the history file or a link to the input; the input is unchanged', () => {
    const text = `${HEAD}E1,企业1,兰溪市,2023,电商企业,100万,\r\n`;
    const input = write('keep.csv', text);
    const link = join(dir, 'link.csv');
    symlinkSync(input, link);
    const history = write('keep-history.csv', 'id,clause,field,value\r\n');
    for (const [out, extra] of [
      [input, []],
      [link, []],
      [history, ['--history', history]],
    ] as [string, string[]][]) {
      const r = cli(['batch', input, '--out', out, ...extra]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('OUTPUT_IS_INPUT');
    }
    expect(readFileSync(input, 'utf8')).toBe(text);
  });
  it('leaves no report and no temporary file when the input cannot be read', () => {
    const out = join(dir, 'never.csv');
    expect(cli(['batch', join(dir, 'missing.csv'), '--out', out]).code).toBe(2);
    expect(() => readFileSync(out)).toThrow();
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
