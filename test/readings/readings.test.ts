import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/evaluate.js';
import { withReadings } from '../../src/readings/apply-readings.js';
import { brokenCopy, edit } from '../helpers/broken-rules.js';
import { cli, ROOT } from '../helpers/cli.js';
import { enterprise, shippedRules } from '../helpers/mini-rules.js';

const set = shippedRules();
const clause = (
  chosen: Record<string, string>,
  facts: Record<string, unknown>,
  id: string,
  opts: { region?: string; year?: number; history?: Record<string, unknown> } = {},
) => {
  const s = withReadings(set, chosen);
  const ent = { ...enterprise(s, facts, opts.history ?? {}, opts.year ?? 2023), region: opts.region ?? '330781' };
  const ev = evaluate(s, ent);
  return {
    ev,
    c: ev.policies.flatMap((p) => p.clauses).find((x) => x.clauseId === id),
    p: ev.policies.find((p) => id.startsWith(p.policyId + '/') || p.policyId === id),
  };
};
const yuan = (d: { toFixed(n: number): string } | undefined) => d?.toFixed(2);

describe('every reading, both ways, worked by hand', () => {
  it('rate-ceiling: 兰溪 9, 70% × 境外商标注册费 20,000 = 14,000 — a ceiling by review, or paid', () => {
    const clean = {
      listed_dishonest: '否',
      major_env_violation: '否',
      major_accident: '否',
      penalised_violation: '否',
      major_labour_dispute: '否',
      one_firm_one_policy: '否',
      pension_coverage: '90%',
    };
    const facts = { ...clean, entity_kinds: ['跨境电商企业'], foreign_trademark_fees: '2万' };
    const review = clause({ 'rate-ceiling': 'review' }, facts, 'lanxi-2022/9').c!;
    const paid = clause({ 'rate-ceiling': 'rate_paid' }, facts, 'lanxi-2022/9').c!;
    expect([review.status, yuan(review.amount)]).toEqual(['ceiling', '14000.00']);
    expect([paid.status, yuan(paid.amount)]).toEqual(['eligible', '14000.00']);
  });

  it('partial-year: 丽水 2025 is in force one day (1 January): not counted by majority, counted in full by full', () => {
    const facts = { entity_kinds: ['电商企业'], in_zj_ecommerce_monitoring: '是', online_sales: '600万' };
    const majority = clause({ 'partial-year': 'majority' }, facts, 'lishui-2020', { region: '331102', year: 2025 }).p!;
    const full = clause({ 'partial-year': 'full' }, facts, 'lishui-2020/1a', { region: '331102', year: 2025 });
    expect(majority.applicability).toBe('not_in_force');
    // 600万 ≥ 500万, first reached → 5万.
    expect([full.p!.applicability, yuan(full.c!.amount)]).toEqual(['applies', '50000.00']);
  });

  it('partial-year: 兰溪 2022 is in force from 23 March (284 days): counted by majority, not by none', () => {
    const facts = {
      agri_online_sales: '120万',
      listed_dishonest: '否',
      major_env_violation: '否',
      major_accident: '否',
      penalised_violation: '否',
      major_labour_dispute: '否',
      one_firm_one_policy: '否',
      pension_coverage: '90%',
    };
    expect(clause({ 'partial-year': 'majority' }, facts, 'lanxi-2022/12', { year: 2022 }).c!.amount!.toFixed(2)).toBe('50000.00');
    expect(clause({ 'partial-year': 'none' }, facts, 'lanxi-2022', { year: 2022 }).p!.applicability).toBe('not_in_force');
  });

  it('first-reached-tiers: 丽水 (一) 0 → 2500万 in one year: the highest new tier 10万, or every new tier 5万 + 10万 = 15万', () => {
    const facts = { entity_kinds: ['电商企业'], in_zj_ecommerce_monitoring: '是', online_sales: '2500万' };
    const at = { region: '331102' };
    expect(yuan(clause({ 'first-reached-tiers': 'highest_new' }, facts, 'lishui-2020/1a', at).c!.amount)).toBe('100000.00');
    expect(yuan(clause({ 'first-reached-tiers': 'sum_new' }, facts, 'lishui-2020/1a', at).c!.amount)).toBe('150000.00');
    // 500万 awarded before: only the 2000万 tier is new either way → 10万.
    const before = { ...at, history: { 'lishui-2020/1a': { highest_tier: '500万' } } };
    expect(yuan(clause({ 'first-reached-tiers': 'sum_new' }, facts, 'lishui-2020/1a', before).c!.amount)).toBe('100000.00');
  });

  const hz = {
    entity_kinds: ['电商企业'],
    registered_in_hangzhou: '是',
    has_business_qualification: '是',
    in_hangzhou_ecommerce_statistics: '是',
    listed_dishonest: '否',
    penalised_violation: '否',
  };

  it('hz-3020: 沉浸式场景 200万 × 20% = 40万, or × 30% = 60万 (under the 100万 yearly cap)', () => {
    const facts = { ...hz, immersive_scene_project: '是', immersive_scene_investment: '200万' };
    const at = { region: '330106' };
    expect(yuan(clause({ 'hz-3020': 'twenty' }, facts, 'hangzhou-ecommerce-2022/4', at).c!.amount)).toBe('400000.00');
    expect(yuan(clause({ 'hz-3020': 'thirty' }, facts, 'hangzhou-ecommerce-2022/4', at).c!.amount)).toBe('600000.00');
  });

  it('hz-growth-threshold: average growth 25% misses the draft’s 30% and meets the 20% applied under 杭政办函〔2022〕34号 (ceiling 100万)', () => {
    const facts = { ...hz, in_stats_direct_reporting: '是', operating_revenue: '3000万', revenue_growth_3yr_avg: '25%' };
    const at = { region: '330106' };
    expect(clause({ 'hz-growth-threshold': 'draft_30' }, facts, 'hangzhou-ecommerce-2022/2b', at).c!.status).toBe('not_eligible');
    const final = clause({ 'hz-growth-threshold': 'final_20' }, facts, 'hangzhou-ecommerce-2022/2b', at).c!;
    expect([final.status, yuan(final.amount)]).toEqual(['ceiling', '1000000.00']);
  });

  it('hz-new-districts: a 20万 “三同” award in 临平, 钱塘 and 富阳 under each option', () => {
    const facts = { ...hz, santong_demo: '是' };
    const split = (chosen: string, region: string) =>
      clause({ 'hz-new-districts': chosen }, facts, 'hangzhou-ecommerce-2022/17', { region })
        .c!.split!.parts.map((p) => `${p.level} ${p.amount.toFixed(0)}`)
        .join(', ');
    // as_successors: 临平 as 余杭 75/25; 钱塘 and 富阳 as other districts 50/50.
    expect([split('as_successors', '330113'), split('as_successors', '330114'), split('as_successors', '330111')]).toEqual([
      'local 150000, city 50000',
      'local 100000, city 100000',
      'local 100000, city 100000',
    ]);
    expect([split('named_only', '330113'), split('named_only', '330114')]).toEqual(['local 100000, city 100000', 'local 100000, city 100000']);
    expect([split('all_75', '330114'), split('all_75', '330111')]).toEqual(['local 150000, city 50000', 'local 150000, city 50000']);
  });

  it('hz-stacking-scope: one item a year keeps the largest sure award and the exempt items, and says why the others were set aside', () => {
    const facts = {
      ...hz,
      immersive_scene_project: '是',
      immersive_scene_investment: '200万',
      hz_new_ecommerce_demo: '是',
      santong_demo: '是',
      new_ecommerce_expo_booths: 4,
      new_ecommerce_expo_booth_fees: '4万',
    };
    const at = { region: '330106' };
    const per = clause({ 'hz-stacking-scope': 'per_item', 'rate-ceiling': 'rate_paid' }, facts, 'hangzhou-ecommerce-2022/10b', at).ev;
    const one = clause({ 'hz-stacking-scope': 'one_per_year', 'rate-ceiling': 'rate_paid' }, facts, 'hangzhou-ecommerce-2022/10b', at).ev;
    const status = (ev: typeof per, n: string) => ev.policies.flatMap((p) => p.clauses).find((c) => c.clauseId === `hangzhou-ecommerce-2022/${n}`)!;
    // Per item: (四) 400,000, (十) 28,000 and (十七) 200,000 are all sure; (五) a 500,000 ceiling.
    expect(['4', '10b', '17', '5'].map((n) => status(per, n).status)).toEqual(['eligible', 'eligible', 'eligible', 'ceiling']);
    // One a year: (四) pays most; (十) is set aside with the reason; (五) and (十七) are exempt.
    expect(['4', '10b', '17', '5'].map((n) => status(one, n).status)).toEqual(['eligible', 'superseded', 'eligible', 'ceiling']);
    expect(status(one, '10b')).toMatchObject({ supersededBy: 'hangzhou-ecommerce-2022/4', reason: { code: 'one_per_year' } });
    expect([per.totals.sure.toFixed(0), one.totals.sure.toFixed(0)]).toEqual(['628000', '600000']);
  });

  it('cbec-copy: the same figures either way; the notes of (二) and of the missing (十六) say which it is', () => {
    const note = (chosen: string) =>
      withReadings(set, { 'cbec-copy': chosen })
        .policies.find((lp) => lp.policy.id === 'hangzhou-cbec-2024')!
        .policy.clauses.find((c) => c.id === 'hangzhou-cbec-2024/s02a')!.notes![0]!;
    expect(note('document')).toMatch(/^原文缺字/);
    expect(note('copy')).toMatch(/转载/);
  });
});

describe('choosing readings on the command line', () => {
  const LINPING = 'examples/hangzhou-ecommerce-2022-readings-linping.yaml';
  const json = (args: string[]) => JSON.parse(cli(['calc', LINPING, '--format', 'json', ...args]).stdout);

  it('calc --range: an enterprise touched by five readings; the two profiles give the lowest and highest sure totals', () => {
    const r = json(['--range']);
    expect(r.range.readings.map((x: { id: string }) => x.id).sort()).toEqual([
      'hz-3020',
      'hz-growth-threshold',
      'hz-new-districts',
      'hz-stacking-scope',
      'rate-ceiling',
    ]);
    expect([r.range.sure.low.amount, r.range.sure.high.amount]).toEqual(['600000.00', '828000.00']);
    expect(json(['--readings', '稳健']).totals.sure).toBe(r.range.sure.low.amount);
    expect(json(['--readings', '宽松']).totals.sure).toBe(r.range.sure.high.amount);
    expect(json(['--readings', 'rules/profiles/generous.yaml']).totals.sure).toBe(r.range.sure.high.amount);
  });

  it('the JSON names the readings near the enterprise, which decided something, and the provenance records the choice', () => {
    const r = json(['--reading', 'hz-3020=thirty']);
    const used = Object.fromEntries(r.readings.map((u: { id: string }) => [u.id, u]));
    expect(used['hz-3020']).toMatchObject({ option: 'thirty', default: false, decided: true, touches: ['hangzhou-ecommerce-2022/4'] });
    expect(used['partial-year']).toMatchObject({ decided: false });
    expect(r.provenance.readings).toContainEqual({ id: 'hz-3020', option: 'thirty', default: false });
    expect(r.totals.sure).toBe('800000.00');
  });

  it('the table names the readings that decided something, and --explain says where', () => {
    const out = cli(['calc', LINPING, '--explain', '--reading', 'hz-3020=thirty']).stdout;
    expect(out).toMatch(/解读：（四）“按其实际投资额的3020%”是 20% 还是 30%？ — 采用“30%（修订前的比例）”（非默认/);
    const block = out.split('\n\n').find((b) => b.startsWith('■') && b.includes('（四）'))!;
    expect(block).toContain('本条按解读“（四）“按其实际投资额的3020%”是 20% 还是 30%？”：采用“30%（修订前的比例）”');
    expect(block).toContain('计算：30% × 2,000,000 = 600,000');
  });

  it('an unknown reading or option is refused with a suggestion; so is an unknown profile', () => {
    const bad = cli(['calc', LINPING, '--reading', 'hz-3021=thirty', '--lang', 'en']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--reading hz-3021=thirty.*UNKNOWN_READING.*did you mean hz-3020/);
    expect(cli(['calc', LINPING, '--reading', 'hz-3020=thrity', '--lang', 'en']).stderr).toMatch(/did you mean hz-3020=thirty/);
    expect(cli(['calc', LINPING, '--readings', '稳建']).code).toBe(2);
  });

  it('subsidy test runs a case’s variants, and a wrong expectation under a reading fails naming it', () => {
    expect(cli(['test', LINPING]).code).toBe(0);
    const dir = mkdtempSync(join(tmpdir(), 'subsidy-variants-'));
    const broken = readFileSync(join(ROOT, LINPING), 'utf8').replace(
      'totals: { sure: 800000.00, ceilings: 528000.00 }',
      'totals: { sure: 700000.00, ceilings: 528000.00 }',
    );
    writeFileSync(join(dir, 'case.yaml'), broken);
    const r = cli(['test', join(dir, 'case.yaml')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('[hz-3020=thirty] (totals) total: expected sure 700000.00, got sure 800000.00');
  });

  it('rules readings lists every reading with its words, options, default and why', () => {
    const out = cli(['rules', 'readings']).stdout;
    for (const r of set.readings) {
      expect(out).toContain(`■ ${r.id} — ${r.question.zh}`);
      for (const o of r.options) expect(out).toContain(`${o.id}：${o.label.zh}`);
      expect(out).toContain(`默认理由：${r.why}`);
    }
  });

  it('batch --range adds the lowest and highest sure amount per clause and per enterprise, and portfolio totals', () => {
    const dir = mkdtempSync(join(tmpdir(), 'subsidy-batch-range-'));
    const summary = join(dir, 's.csv');
    const r = cli(['batch', 'examples/batch/all-examples.yaml', '--range', '--summary', summary, '--out', join(dir, 'r.csv')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/按不同解读：确定金额合计 [\d,.]+ — [\d,.]+/);
    const lines = readFileSync(summary, 'utf8')
      .replace(/^\uFEFF/, '')
      .split('\r\n');
    expect(lines[0]).toContain('确定金额最低（各解读）,确定金额最高（各解读）');
    const linping = lines.find((l) => l.includes('HZ-LP-001'))!;
    expect(linping).toMatch(/,600000\.00,828000\.00$/);
  });
});

describe('readings in rule files are checked like everything else', () => {
  it.each([
    ['a switch naming no declared reading', 'policies/hangzhou-ecommerce-2022.yaml', 'by_reading: hz-3020,', 'by_reading: hz-3030,', 'RULE_UNKNOWN_READING'],
    [
      'a switch missing an option',
      'policies/hangzhou-ecommerce-2022.yaml',
      '{ by_reading: hz-3020, twenty: 20%, thirty: 30% }',
      '{ by_reading: hz-3020, twenty: 20% }',
      'RULE_READING_OPTIONS',
    ],
    [
      'an option whose value the checks refuse',
      'policies/hangzhou-ecommerce-2022.yaml',
      '{ by_reading: hz-3020, twenty: 20%, thirty: 30% }',
      '{ by_reading: hz-3020, twenty: 20%, thirty: -30% }',
      'RULE_NOT_POSITIVE',
    ],
    ['a profile naming an option that does not exist', 'profiles/prudent.yaml', 'hz-3020: twenty', 'hz-3020: ten', 'RULE_READING_OPTIONS'],
    [
      'a reading quoting words not in its documents',
      'readings.yaml',
      'quote: 按其实际投资额的3020%给予财政资金资助',
      'quote: 按其实际投资额的30%给予财政资金资助',
      'RULE_QUOTE_NOT_FOUND',
    ],
  ])('%s: lint names it (exit 1), calc refuses the set (exit 2)', (_name, file, find, replace, code) => {
    const { dir } = brokenCopy([edit(file, find, replace)]);
    const lint = cli(['rules', 'lint', '--rules', dir, '--lang', 'en']);
    expect(lint.code, lint.stderr).toBe(1);
    expect(lint.stderr).toMatch(new RegExp(`${file.split('/').pop()!.replace('.', '\\.')}:\\d+:\\d+.*\\[${code}\\]`));
    expect(cli(['calc', 'examples/lanxi-cross-border-seller.yaml', '--rules', dir]).code).toBe(2);
  });
  it('a reading no rule uses is reported: choosing it would change nothing', () => {
    const { dir } = brokenCopy([edit('policies/hangzhou-ecommerce-2022.yaml', '{ by_reading: hz-3020, twenty: 20%, thirty: 30% }', '20%')]);
    const lint = cli(['rules', 'lint', '--rules', dir, '--lang', 'en']);
    expect(lint.stderr).toMatch(/readings\.yaml:\d+:\d+.*\[RULE_READING_UNUSED\].*hz-3020/);
  });
});
