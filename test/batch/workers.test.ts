import { closeSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { readRange } from '../../src/batch/parallel/plan-chunks.js';
import { csvOptions } from '../../src/batch/read/read-csv.js';
import { MAX_RECORD_BYTES, RecordSplitter, type Piece } from '../../src/batch/read/split-records.js';
import { cli, ROOT } from '../helpers/cli.js';
import { thrownCode } from '../helpers/thrown-code.js';

const dir = mkdtempSync(join(tmpdir(), 'subsidy-batch-workers-'));
const HEAD = '企业编号,企业名称,地区,年度,主体类型,线上销售额（网络零售额）,第三方平台跨境B2C销售额（美元）\r\n';

/** 1,500 rows with every kind of trouble, many of them more than once per tiny chunk. */
function awkwardCsv(): string {
  let text = '#说明,模板注释行\r\n' + HEAD;
  const regions = ['兰溪市', '莲都区', '滨江区', '缙云县'];
  for (let i = 1; i <= 1500; i++) {
    const k = i % 31;
    const id = k === 4 ? 'HZ-CBEC-001' : k === 9 ? 'JY-004' : `E${i}`;
    const name =
      k === 1
        ? `"两行\r\n名称${i}"`
        : k === 2
          ? `"三行\n第二\n名称,带""引号""${i}"`
          : k === 3
            ? `名称"中间引号"${i}`
            : k === 5
              ? `"引号后"多余${i}`
              : `企业${i}`;
    const region = k === 6 ? '火星市' : regions[i % 4];
    const sales = k === 7 ? '很多' : k === 8 ? '' : `${(i % 50) * 100}万`;
    const extra = k === 10 ? ',多出来的一格' : '';
    if (k === 11) text += '\r\n';
    if (k === 12) text += ',,,,,,\r\n';
    if (k === 13) text += '#注释,"不成对的引号\r\n';
    if (k === 14) text += '   \r\n';
    if (k === 15) text += `E${i},"""#不是注释",兰溪市,2023\r\n`;
    if (k === 16) text += '"",#后面是注释吗,兰溪市\r\n';
    text += `${id},${name},${region},${2022 + (i % 5)},电商企业;跨境电商企业,${sales},${i % 7}0万美元${extra}\r\n`;
  }
  return text;
}

const input = join(dir, 'awkward.csv');
writeFileSync(input, awkwardCsv());
const history = join(ROOT, 'examples/batch/history.csv');

function run(out: string, args: string[], env: Record<string, string>) {
  // The reports carry the time of the run: fixed, so the two runs compare byte for byte.
  const r = cli(['batch', input, '--out', out, ...args], undefined, { CI: '1', SOURCE_DATE_EPOCH: '1700000000', ...env });
  return { ...r, stderr: r.stderr.replaceAll(out, '<out>'), report: readFileSync(out) };
}

describe('batch on worker threads', () => {
  const ONE = { SUBSIDY_BATCH_WORKERS: '0' };
  // Chunks of ~700 bytes: nearly every kind of awkward row sits at some chunk boundary.
  const TWO = { SUBSIDY_BATCH_WORKERS: '2', SUBSIDY_BATCH_CHUNK_BYTES: '700' };
  for (const [ext, args] of [
    ['csv', ['--history', history]],
    ['jsonl', ['--lang', 'en', '--limit', '7']],
    ['md', ['--hints', '--limit', '0']],
  ] as const)
    it(`give the same ${ext} report, summary, stderr and exit code as one thread`, { timeout: 120000 }, () => {
      const one = run(join(dir, `one.${ext}`), [...args], ONE);
      const two = run(join(dir, `two.${ext}`), [...args], TWO);
      expect(one.code).toBe(1);
      expect(two.code).toBe(one.code);
      expect(two.stdout).toBe(one.stdout);
      expect(two.stderr).toBe(one.stderr);
      expect(two.report.equals(one.report)).toBe(true);
    });

  it('give the same result with a quote open at the end of the file', { timeout: 120000 }, () => {
    const broken = join(dir, 'unclosed.csv');
    writeFileSync(broken, awkwardCsv() + 'E9999,"未闭合,兰溪市,2023,电商企业,100万,\r\n');
    const one = cli(['batch', broken, '--out', join(dir, 'u1.jsonl')], undefined, { CI: '1', SUBSIDY_BATCH_WORKERS: '0' });
    const two = cli(['batch', broken, '--out', join(dir, 'u1.jsonl')], undefined, { CI: '1', SUBSIDY_BATCH_WORKERS: '2', SUBSIDY_BATCH_CHUNK_BYTES: '700' });
    expect(two).toEqual(one);
    expect(readFileSync(join(dir, 'u1.jsonl'), 'utf8')).toContain('"code":"CSV_UNCLOSED_QUOTE"');
  });
});

/** The pieces the splitter finds when fed `text` in pieces of `size` bytes. */
function piecesOf(text: string, size: number): Omit<Piece, 'cells'>[] {
  const s = new RecordSplitter();
  const buf = Buffer.from(text);
  const out: Piece[] = [];
  for (let i = 0; i < buf.length; i += size) out.push(...s.feed(buf.subarray(i, i + size)).pieces);
  out.push(...s.finish().pieces);
  return out.map(({ cells: _cells, ...p }) => p);
}

describe('RecordSplitter', () => {
  const text = 'a,b\r\n"x\r\ny",1\r\n#c,"\r\n\r\n2,"a""b"\r\n3,q"r\r\n"",#z"\r\n4,5\n6,7\r8,9';
  it('finds the same pieces however the text is cut into feeds', () => {
    const whole = piecesOf(text, 1 << 20);
    for (const size of [1, 2, 3, 5, 64]) expect(piecesOf(text, size), `feeds of ${size}`).toEqual(whole);
  });

  it('hands csv-parse only records it reads one to one, and counts CRLF, LF and CR as line ends', () => {
    const pieces = piecesOf(text, 7);
    expect(pieces.map((p) => [p.kind, p.line])).toEqual([
      ['header', 1],
      ['record', 2],
      ['bad', 4],
      ['record', 5],
      ['record', 6],
      ['record', 7],
      ['record', 8],
      ['record', 9],
      ['record', 10],
      ['record', 11],
    ]);
    const good = pieces.filter((p) => p.kind !== 'bad');
    for (const p of good) expect(parse(Buffer.from(text).subarray(p.start, p.end), csvOptions())).toHaveLength(1);
  });

  it('skips a line over the limit without holding it, and goes on at the next line', () => {
    const long = 'x'.repeat(MAX_RECORD_BYTES + 10);
    const pieces = piecesOf(`a,b\n1,${long}\r\n2,3\n`, 64 * 1024);
    expect(pieces.map((p) => [p.kind, p.line, p.problem?.code])).toEqual([
      ['header', 1, undefined],
      ['bad', 2, 'RECORD_TOO_LONG'],
      ['record', 3, undefined],
    ]);
  });
});

describe('a file that changes under a batch', () => {
  it('reading past its new end is a file error (exit 2), not a crash', () => {
    const f = join(dir, 'shrunk.csv');
    writeFileSync(f, 'abc\n');
    const fd = openSync(f, 'r');
    try {
      expect(readRange(fd, 0, 4, f).toString()).toBe('abc\n');
      expect(thrownCode(() => readRange(fd, 0, 100, f))).toBe('FILE_UNREADABLE');
    } finally {
      closeSync(fd);
    }
  });
});

describe('batch on worker threads, in chunks of a row or two', () => {
  // Rows of very different lengths and kinds (long names, error rows), so workers finish
  // out of turn, and chunks so small that each worker's report buffers go round hundreds of times.
  const N = 1200;
  let text = HEAD;
  for (let i = 1; i <= N; i++) {
    const name = i % 7 === 0 ? `长名称企业${'电商'.repeat(60 + (i % 40))}` : `企业${i}`;
    const region = i % 11 === 0 ? '火星市' : ['兰溪市', '莲都区', '滨江区', '缙云县'][i % 4];
    const sales = i % 13 === 0 ? '很多' : `${(i % 50) * 100}万`;
    text += `E${i},${name},${region},${2022 + (i % 5)},电商企业;跨境电商企业,${sales},${i % 7}0万美元\r\n`;
  }
  const many = join(dir, 'many-chunks.csv');
  writeFileSync(many, text);
  const env = { CI: '1', SOURCE_DATE_EPOCH: '1700000000' };
  const ONE = { ...env, SUBSIDY_BATCH_WORKERS: '0' };
  const THREE = { ...env, SUBSIDY_BATCH_WORKERS: '3', SUBSIDY_BATCH_CHUNK_BYTES: '150' };
  const files = (tag: string) => ({ out: join(dir, `many-${tag}.jsonl`), summary: join(dir, `many-${tag}.csv`) });

  it('writes every row once, in input order, to the report and the summary', { timeout: 120000 }, () => {
    const runs = [ONE, THREE].map((e, k) => {
      const f = files(String(k));
      const r = cli(['batch', many, '--out', f.out, '--summary', f.summary, '--limit', '3'], undefined, e);
      return {
        ...r,
        stderr: r.stderr.replaceAll(f.out, '<out>').replaceAll(f.summary, '<summary>'),
        report: readFileSync(f.out),
        summary: readFileSync(f.summary),
      };
    });
    const [one, three] = runs as [(typeof runs)[0], (typeof runs)[0]];
    const rows = three.report
      .toString()
      .split('\n')
      .filter((l) => l.startsWith('{"row":'))
      .map((l) => (JSON.parse(l) as { row: number }).row);
    expect(rows).toEqual(Array.from({ length: N }, (_, i) => i + 1));
    expect(one.code).toBe(1);
    expect(three.code).toBe(one.code);
    expect(three.stdout).toBe(one.stdout);
    expect(three.stderr).toBe(one.stderr);
    expect(three.report.equals(one.report)).toBe(true);
    expect(three.summary.equals(one.summary)).toBe(true);
  });

  it('writes the same report to standard output', { timeout: 120000 }, () => {
    // Fewer rows: what the test reads from a child's stdout is limited to 1 MiB.
    const few = join(dir, 'many-chunks-few.csv');
    writeFileSync(few, text.split('\r\n').slice(0, 301).join('\r\n') + '\r\n');
    const one = cli(['batch', few, '--format', 'csv'], undefined, ONE);
    const three = cli(['batch', few, '--format', 'csv'], undefined, THREE);
    expect(one.code).toBe(1);
    expect(three).toEqual(one);
    const numbers = three.stdout
      .split('\n')
      .filter((l) => /^\d+,/.test(l))
      .map((l) => Number.parseInt(l, 10));
    expect(numbers.every((n, i) => i === 0 || n >= numbers[i - 1]!)).toBe(true);
  });
});
