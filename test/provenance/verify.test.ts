import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, ROOT } from '../helpers/cli.js';

// Each test runs the CLI two or three times; on a busy 2-core machine one run can take seconds.
const SLOW = { timeout: 120000 };
const dir = mkdtempSync(join(tmpdir(), 'subsidy-verify-'));
const env = { SOURCE_DATE_EPOCH: '1700000000', SUBSIDY_CACHE_DIR: join(dir, 'cache') };
const run = (args: string[], input?: string) => cli(args, input, env);
const write = (name: string, text: string) => {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
};
/** A calc --format json result written to a file. */
function result(name: string, args: string[]): string {
  const r = run(['calc', ...args, '--format', 'json']);
  expect(r.code, r.stderr).toBe(0);
  return write(name, r.stdout);
}
const short = (fp: string) => fp.slice(0, 16);
const noStack = (stderr: string) => expect(stderr).not.toMatch(/^\s+at |internal error/m);

const EXAMPLE = 'examples/lanxi-cross-border-seller.yaml';
const base = result('base.json', [EXAMPLE]);
const recorded = JSON.parse(readFileSync(base, 'utf8'));

describe('subsidy verify: the result holds (exit 0)', SLOW, () => {
  it.each(['examples/lanxi-livestream-agency.yaml', 'examples/hangzhou-both-policies-park-2025.yaml', 'examples/jinyun-2025-rent-honour-upgrade.yaml'])(
    '%s, from the input recorded in the result',
    (file) => {
      const r = run(['verify', result('ok.json', [file])]);
      expect(r.code, r.stdout + r.stderr).toBe(0);
      expect(r.stdout.split('\n')[0]).toBe('结果成立：按当前规则重新计算，各条款的状态和金额与记录一致。');
    },
  );
  it('with the input file given, its hash checked', () => {
    const r = run(['verify', base, EXAMPLE]);
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toContain(`输入文件与记录一致（指纹 ${short(recorded.provenance.inputs[0].sha256)}）`);
  });
  it('with --set, --year and --region: from the recorded input, and from the original file with the overrides applied again', () => {
    const what = result('what-if.json', [EXAMPLE, '--set', '网络零售额=2000万', '--set', 'pension_coverage=', '--year', '2024', '--region', '兰溪市']);
    expect(run(['verify', what]).code).toBe(0);
    expect(run(['verify', what, EXAMPLE]).code).toBe(0);
  });
  it('with a --regime file, given again', () => {
    const r = run(['verify', result('regime.json', [EXAMPLE, '--regime', 'rules/regimes/illustrative.yaml']), '--regime', 'rules/regimes/illustrative.yaml']);
    expect(r.code, r.stdout).toBe(0);
  });
  it('--format json says the same for machines', () => {
    const j = JSON.parse(run(['verify', base, '--format', 'json']).stdout);
    expect(j).toMatchObject({
      holds: true,
      rules: { recorded: recorded.provenance.rules.fingerprint, current: recorded.provenance.rules.fingerprint, changed: false },
      changes: [],
    });
  });
});

describe('subsidy verify: the result does not hold (exit 1)', SLOW, () => {
  const rulesCopy = (name: string, edit: (text: string) => string) => {
    const copy = join(dir, name);
    cpSync(join(ROOT, 'rules'), copy, { recursive: true });
    const f = join(copy, 'policies', 'lanxi-2022.yaml');
    const text = readFileSync(f, 'utf8');
    const edited = edit(text);
    expect(edited).not.toBe(text);
    writeFileSync(f, edited);
    return copy;
  };

  it('a rule edited in a copy of rules/: both fingerprints named, and the clause whose award moved', () => {
    const rules = rulesCopy('rules-edited', (t) => t.replace('- { at: 100万美元, amount: 10万 }', '- { at: 100万美元, amount: 9万 }'));
    const r = run(['verify', base, '--rules', rules]);
    expect(r.code, r.stderr).toBe(1);
    const now = JSON.parse(run(['calc', EXAMPLE, '--format', 'json', '--rules', rules]).stdout).provenance.rules.fingerprint;
    expect(r.stdout).toContain(`规则已变：记录的规则指纹 ${short(recorded.provenance.rules.fingerprint)}，当前规则指纹 ${short(now)}`);
    expect(r.stdout).toContain('兰政办发〔2022〕3号 8 鼓励跨境电商发展: 可获得 100,000.00 → 可获得 90,000.00');
  });
  it('a rule file changed where no figure moves: still "rules changed", figures the same', () => {
    const rules = rulesCopy('rules-comment', (t) => t + '# reviewed\n');
    const j = JSON.parse(run(['verify', base, '--rules', rules, '--format', 'json']).stdout);
    expect(j).toMatchObject({ holds: false, rules: { changed: true }, changes: [] });
    expect(run(['verify', base, '--rules', rules]).code).toBe(1);
  });
  it('a figure edited in the result file names the clause', () => {
    const edited = structuredClone(recorded);
    const c8 = edited.policies.find((p: { id: string }) => p.id === 'lanxi-2022').clauses.find((c: { id: string }) => c.id === 'lanxi-2022/8');
    c8.sure = '120000.00';
    const r = run(['verify', write('figure.json', JSON.stringify(edited))]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('规则未变');
    expect(r.stdout).toContain('状态或金额有变（1 项）');
    expect(r.stdout).toContain('鼓励跨境电商发展: 可获得 120,000.00 → 可获得 100,000.00');
  });
  it('a share of a split edited in the result file names the clause and the split', () => {
    const edited = structuredClone(recorded);
    const c8 = edited.policies.find((p: { id: string }) => p.id === 'lanxi-2022').clauses.find((c: { id: string }) => c.id === 'lanxi-2022/8');
    c8.split.parts[0].amount = '90000.00';
    const j = JSON.parse(run(['verify', write('split.json', JSON.stringify(edited)), '--format', 'json']).stdout);
    expect(j.changes).toEqual([{ clause: 'lanxi-2022/8', field: 'split', before: 'local 1 90000.00', after: 'local 1 100000.00' }]);
  });
  it('a different input file: both hashes named, and what moved', () => {
    const other = 'examples/lanxi-livestream-agency.yaml';
    const r = run(['verify', base, other]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('输入文件与记录不符');
    expect(r.stdout).toContain('大力发展直播电商: 不符合 → 可获得 150,000.00');
  });
  it('a result made with a --regime file, verified without it: the regime is named', () => {
    const r = run(['verify', result('regime2.json', [EXAMPLE, '--regime', 'rules/regimes/illustrative.yaml'])]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/财政体制文件：记录 illustrative\.yaml [0-9a-f]{16}，本次 无/);
  });
});

describe('subsidy verify: not a usable result (exit 2, a clear message, no stack trace)', SLOW, () => {
  const strip = (k: string) => {
    const { [k]: _, ...rest } = recorded;
    return JSON.stringify(rest);
  };
  it.each([
    ['garbage', 'not json at all', 'JSON_SYNTAX'],
    ['empty', '', 'FILE_EMPTY'],
    ['an array', '[1, 2]', 'SCHEMA'],
    ['schemaVersion 1 (before provenance)', JSON.stringify({ ...recorded, schemaVersion: 1 }), 'schemaVersion 为 1'],
    ['no provenance', strip('provenance'), '字段 provenance'],
    ['no input, and none given', strip('input'), 'MISSING_FIELD'],
    [
      'a broken fingerprint',
      JSON.stringify({ ...recorded, provenance: { ...recorded.provenance, rules: { fingerprint: 'abc' } } }),
      '字段 provenance.rules.fingerprint',
    ],
    ['an amount that is not one', JSON.stringify({ ...recorded, totals: { ...recorded.totals, sure: 'lots' } }), '字段 totals.sure'],
    [
      'a fact in the recorded input that does not read',
      JSON.stringify({ ...recorded, input: { ...recorded.input, facts: { online_sales: '很多' } } }),
      '字段 input.facts.online_sales',
    ],
    ['several results', JSON.stringify({ schemaVersion: 2, results: [recorded] }), '多个企业'],
    ['a batch .jsonl report', `${JSON.stringify({ row: 1, line: 2 })}\n${JSON.stringify({ provenance: recorded.provenance })}\n`, '批量报告'],
  ])('%s', (name, text, expected) => {
    const r = run(['verify', write(`bad-${name.replace(/\W+/g, '-')}.json`, text)]);
    expect(r.code, r.stdout).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(expected);
    noStack(r.stderr);
  });
  it('a missing result file, or a missing input file', () => {
    for (const args of [[join(dir, 'nope.json')], [base, join(dir, 'nope.yaml')]]) {
      const r = run(['verify', ...args]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('FILE_NOT_FOUND');
      noStack(r.stderr);
    }
  });
  it('a result with its input stripped verifies when the input file is given', () => {
    const { input: _, ...rest } = recorded;
    expect(run(['verify', write('no-input.json', JSON.stringify(rest)), EXAMPLE]).code).toBe(0);
  });
});
