import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { progress } from '../../src/batch/report/progress.js';
import { cli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'subsidy-batch-hist-'));
const write = (name: string, text: string) => {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
};
const HEAD = '企业编号,地区,年度,主体类型,纳入省电商统计监测系统,线上销售额（网络零售额）';
const ROW = 'LS-1,莲都区,2023,电商企业,是,2500万';

/** Status of the Lishui first-reached retail tiers (丽政办发〔2020〕1号（一）) for the one row of a batch. */
function tier1a(input: string, extra: string[] = []) {
  const out = join(dir, `h-${Math.random().toString(36).slice(2)}.jsonl`);
  const r = cli(['batch', input, '--out', out, ...extra]);
  expect(r.code, r.stderr).toBe(0);
  const ev = JSON.parse(readFileSync(out, 'utf8').split('\n')[0]!); // the second line is the provenance
  const all = ev.policies.flatMap((p: { clauses: { id: string }[] }) => p.clauses);
  return all.find((c: { id: string }) => c.id === 'lishui-2020/1a') ?? { status: 'not listed' };
}

describe('award history drives a first-reached tier', () => {
  it('without history the reached 2000万 tier pays', () => {
    expect(tier1a(write('none.csv', `${HEAD}\n${ROW}\n`))).toMatchObject({ status: 'eligible', sure: '100000.00' });
  });
  it('a history.<clause>.<field> column saying that tier was awarded stops it', () => {
    const f = write('col.csv', `${HEAD},history.lishui-2020/1a.highest_tier\n${ROW},2000万\n`);
    expect(tier1a(f).status).toBe('not listed');
  });
  it('--history as CSV and as YAML do the same, keyed by the enterprise id', () => {
    const f = write('plain.csv', `${HEAD}\n${ROW}\n`);
    const csv = write('h.csv', '企业编号,条款编号,字段,值\nLS-1,lishui-2020/1a,highest_tier,2000万\n');
    const yaml = write('h.yaml', 'LS-1:\n  lishui-2020/1a: { highest_tier: 2000万 }\n');
    expect(tier1a(f, ['--history', csv]).status).toBe('not listed');
    expect(tier1a(f, ['--history', yaml]).status).toBe('not listed');
    // A lower tier awarded before leaves the newly reached one to pay.
    const lower = write('h2.csv', 'id,clause,field,value\nLS-1,lishui-2020/1a,highest_tier,500万\n');
    expect(tier1a(f, ['--history', lower])).toMatchObject({ status: 'eligible', sure: '100000.00' });
  });
  it('a history file naming an unknown clause or field stops before the batch (exit 2) with a suggestion', () => {
    const f = write('plain2.csv', `${HEAD}\n${ROW}\n`);
    const bad = write('bad-h.csv', 'id,clause,field,value\nLS-1,lishui-2020/1x,highest_tier,1\nLS-1,lishui-2020/1a,highest_teir,1\n');
    const r = cli(['batch', f, '--history', bad, '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/UNKNOWN_CLAUSE.*lishui-2020\/1x.*did you mean lishui-2020\/1[a-z]/);
    expect(r.stderr).toMatch(/UNKNOWN_FIELD.*highest_teir.*did you mean highest_tier/);
  });
  it('an unknown clause in a history column is an unknown column, with the corrected header suggested', () => {
    const r = cli(['batch', write('badcol.csv', `${HEAD},history.lishui-2020/1a.highest_teir\n${ROW},2000万\n`), '--lang', 'en']);
    expect(r.stderr).toMatch(/UNKNOWN_COLUMN.*did you mean history\.lishui-2020\/1a\.highest_tier/);
  });
});

describe('progress', () => {
  const fakeStream = (isTTY: boolean) => {
    const chunks: string[] = [];
    return { stream: { isTTY, write: (s: string) => chunks.push(s) } as unknown as NodeJS.WriteStream, chunks };
  };
  it('draws rows and rows/s on a terminal, at most every 250 ms, and clears the line at the end', () => {
    const { stream, chunks } = fakeStream(true);
    const p = progress('en', stream, {});
    for (let i = 1; i <= 1000; i++) p.tick(i);
    p.done();
    expect(chunks[0]).toMatch(/^\r1 rows, \d[\d,]* rows\/s/);
    expect(chunks.length).toBe(2);
  });
  it('is silent when stderr is not a terminal, or when CI is set', () => {
    for (const [tty, env] of [
      [false, {}],
      [true, { CI: 'true' }],
    ] as const) {
      const { stream, chunks } = fakeStream(tty);
      const p = progress('en', stream, env);
      p.tick(1);
      p.done();
      expect(chunks).toEqual([]);
    }
  });
  it('a piped run writes nothing but findings and the report path on stderr', () => {
    const r = cli(['batch', 'examples/batch/enterprises.csv', '--out', join(dir, 'piped.csv'), '--lang', 'en']);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain('\r');
    expect(r.stderr).not.toContain('rows/s');
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^report written: /)]);
  });
});

describe('subsidy template', () => {
  it('writes a CSV template (BOM, Chinese labels, a #说明 notes row) whose sample row evaluates via batch', () => {
    const f = join(dir, 'template.csv');
    expect(cli(['template', '--out', f]).code).toBe(0);
    const text = readFileSync(f, 'utf8');
    expect(text.startsWith('\uFEFF企业编号,企业名称,地区,年度,主体类型,')).toBe(true);
    const lines = text.split('\r\n');
    expect(lines[1]!.startsWith('#说明,')).toBe(true);
    const out = join(dir, 'template-report.jsonl');
    const r = cli(['batch', f, '--out', out, '--lang', 'en']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('UNKNOWN_COLUMN');
    const rows = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
      .filter((x) => !x.provenance);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ row: 1, line: 3, enterprise: { id: 'E0001' } });
    expect(Number(rows[0].totals.sure)).toBeGreaterThan(0);
  });
  it('writes a YAML template with every fact and its question as a comment, which batch also reads', () => {
    const r = cli(['template', '--format', 'yaml']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/# 企业是否被列为失信企业？.*\n\s+listed_dishonest:\n/);
    const keys = r.stdout.split('\n').filter((l) => /^ {4}[a-z_0-9]+:$/.test(l));
    expect(keys.length).toBeGreaterThan(150);
    const b = cli(['batch', write('template.yaml', r.stdout)]);
    expect(b.code, b.stderr).toBe(0);
  });
});
