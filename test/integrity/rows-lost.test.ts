import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_RECORD_BYTES } from '../../src/batch/read/split-records.js';
import { cli } from '../helpers/cli.js';
import { HEAD, jsonl, row, scratch } from './files.js';

// Class 1 of issue 14: rows lost in a batch. One stray quote, a record over the size limit or
// a change of line endings cost at most the row they are in; every other row is in the report,
// on one thread and on worker threads alike. (The fuzz target is test/fuzz/resync.test.ts.)
const s = scratch('rows-lost');
const ONE = { SUBSIDY_BATCH_WORKERS: '0' };
const TWO = { SUBSIDY_BATCH_WORKERS: '2', SUBSIDY_BATCH_CHUNK_BYTES: '4096' };

function batch(text: string | Buffer, env: Record<string, string>, name = 'in.csv') {
  const input = s.write(name, text);
  const out = s.path(`${name}.${env.SUBSIDY_BATCH_WORKERS}.jsonl`);
  const r = cli(['batch', input, '--out', out, '--lang', 'en', '--limit', '0'], undefined, { CI: '1', ...env });
  return { ...r, rows: jsonl(out), report: readFileSync(out, 'utf8') };
}

describe('a stray quote in a large file', { timeout: 120_000 }, () => {
  let text = HEAD;
  for (let i = 1; i <= 20000; i++) text += i === 10000 ? `E${i},"企业${i},兰溪市,2023,电商企业,100万,10万美元\r\n` : row(`E${i}`);
  it.each([
    ['one thread', ONE],
    ['worker threads', TWO],
  ] as const)(
    '20,000 rows, a quote opened at row 10,000 and never closed: 20,000 report rows, one error (%s)',
    (_name, env) => {
      const r = batch(text, env, 'stray.csv');
      expect(r.code).toBe(1);
      expect(r.rows).toHaveLength(20000);
      expect(r.rows.map((x) => x.enterprise.id ?? '')).toEqual(Array.from({ length: 20000 }, (_, i) => `E${i + 1}`));
      const errors = r.rows.filter((x) => x.error);
      expect(errors.map((x) => [x.row, x.line, x.errors![0]!.code])).toEqual([[10000, 10001, 'CSV_UNCLOSED_QUOTE']]);
      expect(r.stderr).toMatch(/stray\.csv:10001:2, row 10000: \[CSV_UNCLOSED_QUOTE\] column 2 opens a quote/);
      expect(r.stderr).not.toMatch(/Max Record Size/);
    },
    180_000,
  );
});

describe('quotes, sizes and line endings that used to merge rows', { timeout: 120_000 }, () => {
  it.each([
    ['one thread', ONE],
    ['worker threads', TWO],
  ] as const)('a quote opened in one cell and closed rows later: each row is read on its own (%s)', (_name, env) => {
    const text = HEAD + row('E1') + 'E2,"企业2,兰溪市,2023,电商企业,100万,10万美元\r\n' + row('E3') + row('E4', '企业"4"') + row('E5');
    const r = batch(text, env, 'closed-later.csv');
    expect(r.rows.map((x) => [x.enterprise.id, x.error ?? false])).toEqual([
      ['E1', false],
      ['E2', true],
      ['E3', false],
      ['E4', false],
      ['E5', false],
    ]);
    expect(r.rows.find((x) => x.enterprise.id === 'E4')!.enterprise.name).toBe('企业"4"');
  });

  it.each([
    ['one thread', ONE],
    ['worker threads', TWO],
  ] as const)('a quote that closes before more text ("a"b) is an error for its row only (%s)', (_name, env) => {
    const r = batch(HEAD + row('E1') + 'E2,"企业"2,兰溪市,2023,电商企业,100万,10万美元\r\n' + row('E3'), env, 'bad-close.csv');
    expect(r.rows.map((x) => x.errors?.[0]?.code ?? 'ok')).toEqual(['ok', 'CSV_BAD_QUOTE', 'ok']);
  });

  it.each([
    ['one thread', ONE],
    ['worker threads', TWO],
  ] as const)('mixed line endings (CRLF header, LF and CR rows): every row is its own (%s)', (_name, env) => {
    const text = HEAD + row('E1').replace('\r\n', '\n') + row('E2').replace('\r\n', '\r') + row('E3') + row('E4').replace('\r\n', '\n');
    const r = batch(text, env, 'endings.csv');
    expect(r.code).toBe(0);
    expect(r.rows.map((x) => [x.enterprise.id, x.line])).toEqual([
      ['E1', 2],
      ['E2', 3],
      ['E3', 4],
      ['E4', 5],
    ]);
  });

  it.each([
    ['one thread', ONE],
    ['worker threads', TWO],
  ] as const)(
    'a record over the limit is an error row, not the end of the file (%s)',
    (_name, env) => {
      let text = HEAD;
      for (let i = 1; i <= 3000; i++)
        text += i === 1500 ? row(`E${i}`, 'x'.repeat(MAX_RECORD_BYTES + 1)) : i === 2000 ? `E${i},"${'y'.repeat(1000)}\r\n` : row(`E${i}`);
      const r = batch(text, env, 'long.csv');
      expect(r.rows).toHaveLength(3000);
      expect(r.rows.filter((x) => x.error).map((x) => [x.line, x.errors![0]!.code])).toEqual([
        [1501, 'RECORD_TOO_LONG'],
        [2001, 'CSV_UNCLOSED_QUOTE'],
      ]);
      expect(r.stderr).toContain(`[RECORD_TOO_LONG] the line is longer than the limit of ${MAX_RECORD_BYTES} bytes`);
    },
    120_000,
  );
});
