import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/evaluate.js';
import { CHOOSING, SETTLED } from '../../src/check/check-note-readings.js';
import { notesOf } from '../../src/check/check-references.js';
import { labelsFor } from '../../src/render/labels.js';
import { withReadings } from '../../src/readings/apply-readings.js';
import { brokenCopy, edit } from '../helpers/broken-rules.js';
import { cli } from '../helpers/cli.js';
import { enterprise, shippedRules } from '../helpers/mini-rules.js';

// The readings that came from notes which used to choose in prose (issue 16, item 1).
const set = shippedRules();
const run = (
  chosen: Record<string, string>,
  facts: Record<string, unknown>,
  id: string,
  opts: { region: string; year?: number; history?: Record<string, unknown> },
) => {
  const s = withReadings(set, chosen);
  const ev = evaluate(s, { ...enterprise(s, facts, opts.history ?? {}, opts.year ?? 2023), region: opts.region });
  return {
    c: ev.policies.flatMap((p) => p.clauses).find((x) => x.clauseId === id),
    p: ev.policies.find((p) => id.startsWith(p.policyId + '/') || p.policyId === id),
  };
};
const yuan = (id: string, chosen: Record<string, string>, facts: Record<string, unknown>, opts: Parameters<typeof run>[3]) => {
  const c = run(chosen, facts, id, opts).c!;
  return `${c.status} ${c.amount?.toFixed(2) ?? '-'}`;
};

const jinyun = { listed_dishonest: '否', application_falsified: '否' };
const cbec = { has_business_qualification: '是', listed_dishonest: '否' };
const hz = {
  entity_kinds: ['电商企业'],
  registered_in_hangzhou: '是',
  has_business_qualification: '是',
  in_hangzhou_ecommerce_statistics: '是',
  listed_dishonest: '否',
  penalised_violation: '否',
};

describe('the readings notes used to choose, both ways, worked by hand', () => {
  it('cap-period: 缙云 (十一) fees 30万 × 50% = 15万, capped at 10万; 8万 received before: 10万 − 8万 = 2万 in total, or 10万 a year', () => {
    const facts = { ...jinyun, entity_kinds: ['跨境电商企业'], cbec_exports_cny: '300万', cbec_platform_fees: '30万' };
    const at = { region: '331122', year: 2025, history: { 'jinyun-2025/11': { paid_total: '8万' } } };
    expect(yuan('jinyun-2025/11', { 'cap-period': 'cumulative' }, facts, at)).toBe('eligible 20000.00');
    expect(yuan('jinyun-2025/11', { 'cap-period': 'yearly' }, facts, at)).toBe('eligible 100000.00');
  });

  it('cap-period: 杭州新电商 (七) 新型产业带 spend 500万 × 20% = 100万; 150万 received before: 200万 − 150万 = 50万, or 100万 under a yearly 200万', () => {
    const facts = { ...hz, industry_belt_recognised: '是', industry_belt_spend: '500万' };
    const at = { region: '330106', history: { 'hangzhou-ecommerce-2022/7b': { paid_total: '150万', years_paid: 1 } } };
    expect(yuan('hangzhou-ecommerce-2022/7b', { 'cap-period': 'cumulative' }, facts, at)).toBe('eligible 500000.00');
    expect(yuan('hangzhou-ecommerce-2022/7b', { 'cap-period': 'yearly' }, facts, at)).toBe('eligible 1000000.00');
  });

  it('cbec-insurance-cap: (十一) premium 1000万 × 60% = 600万; 400万 received before: 500万 a year, or 500万 − 400万 = 100万 in total', () => {
    const facts = { ...cbec, export_credit_insurance_premium: '1000万' };
    const at = { region: '330106', year: 2025, history: { 'hangzhou-cbec-2024/s11a': { paid_total: '400万' } } };
    expect(yuan('hangzhou-cbec-2024/s11a', { 'cbec-insurance-cap': 'yearly', 'rate-ceiling': 'rate_paid' }, facts, at)).toBe('eligible 5000000.00');
    expect(yuan('hangzhou-cbec-2024/s11a', { 'cbec-insurance-cap': 'cumulative', 'rate-ceiling': 'rate_paid' }, facts, at)).toBe('eligible 1000000.00');
  });

  it('lishui-over-50: exactly 50 new clients (growth 15%): nothing when “超过” decides, 10万 when “以上” does', () => {
    const facts = { entity_kinds: ['电商服务商/代运营企业'], new_clients_in_stats: 50, clients_avg_sales_growth: '15%' };
    const at = { region: '331102' };
    expect(run({ 'lishui-over-50': 'more_than' }, facts, 'lishui-2020/2c', at).c!.status).toBe('not_eligible');
    expect(yuan('lishui-2020/2c', { 'lishui-over-50': 'at_least' }, facts, at)).toBe('eligible 100000.00');
  });

  it('hz-start: 2022 with only whole years counted: in force from 1 January, or only 184 days from 1 July; by majority 184 > 182.5 counts', () => {
    const facts = { ...hz, santong_demo: '是' };
    const at = { region: '330106', year: 2022 };
    expect(yuan('hangzhou-ecommerce-2022/17', { 'hz-start': 'year_start', 'partial-year': 'none' }, facts, at)).toBe('eligible 200000.00');
    expect(run({ 'hz-start': 'final_date', 'partial-year': 'none' }, facts, 'hangzhou-ecommerce-2022', at).p!.applicability).toBe('not_in_force');
    expect(yuan('hangzhou-ecommerce-2022/17', { 'hz-start': 'final_date', 'partial-year': 'majority' }, facts, at)).toBe('eligible 200000.00');
  });

  it('hz-proportional: monitored firms up 30%: a ceiling of 10万 × 30% = 3万, or of 10万', () => {
    const facts = { ...hz, entity_kinds: ['活动主办方/行业协会'], monitored_firms_growth: '30%' };
    const at = { region: '330106' };
    expect(yuan('hangzhou-ecommerce-2022/15b', { 'hz-proportional': 'growth_share' }, facts, at)).toBe('ceiling 30000.00');
    expect(yuan('hangzhou-ecommerce-2022/15b', { 'hz-proportional': 'cap_only' }, facts, at)).toBe('ceiling 100000.00');
  });

  it('lishui-platform-turnover: own turnover 3000万 reaches no tier; GMV 2.5亿 reaches the 2亿 tier, 20万', () => {
    const facts = { entity_kinds: ['电商平台运营主体'], in_zj_ecommerce_monitoring: '是', platform_turnover: '3000万', platform_sales: '2.5亿' };
    const at = { region: '331102' };
    expect(run({ 'lishui-platform-turnover': 'own_turnover' }, facts, 'lishui-2020/1b', at).c!.amount?.toFixed(2) ?? '0.00').toBe('0.00');
    expect(yuan('lishui-2020/1b', { 'lishui-platform-turnover': 'trade_volume' }, facts, at)).toBe('eligible 200000.00');
  });

  it('lishui-warehouse-provincial: cost 200万, provincial 50万: min(100万, 150万) − 50万 = 50万, or min(100万, 150万 − 50万) = 100万', () => {
    const facts = {
      entity_kinds: ['跨境电商企业'],
      overseas_warehouse_operator: '是',
      overseas_warehouse_build_cost: '200万',
      overseas_warehouse_prov_subsidy: '50万',
    };
    const at = { region: '331102' };
    expect(yuan('lishui-2020/6h', { 'lishui-warehouse-provincial': 'whole_award' }, facts, at)).toBe('eligible 500000.00');
    expect(yuan('lishui-2020/6h', { 'lishui-warehouse-provincial': 'cap_only' }, facts, at)).toBe('eligible 1000000.00');
  });

  it('title-upgrade: a national title after a provincial one (20万): 50万 in full, or 50万 − 20万 = 30万', () => {
    const facts = { entity_kinds: ['电商企业'], demo_title_level: '国家级' };
    const at = { region: '331102' };
    expect(yuan('lishui-2020/9', { 'title-upgrade': 'full' }, facts, at)).toBe('eligible 500000.00');
    expect(yuan('lishui-2020/9', { 'title-upgrade': 'difference' }, facts, { ...at, history: { 'lishui-2020/9': { level: 'provincial' } } })).toBe(
      'eligible 300000.00',
    );
  });

  it('jinyun-platform-growth: retail platform at 1.6亿 after 1.4亿, rewarded up to 1亿: growth 2000万 < 5000万 pays nothing, or 6000万 pays one step, 10万', () => {
    const facts = {
      ...jinyun,
      entity_kinds: ['电商平台运营主体'],
      platform_self_built: '是',
      platform_first_award_received: '是',
      platform_trade_type: '零售型',
      platform_sales: '1.6亿',
      platform_sales_prev: '1.4亿',
      platform_sales_awarded_level: '1亿',
    };
    const at = { region: '331122', year: 2025, history: { 'jinyun-2025/3': { paid_total: '20万' } } };
    expect(run({ 'jinyun-platform-growth': 'year_on_year' }, facts, 'jinyun-2025/3', at).c!.amount?.toFixed(2) ?? '0.00').toBe('0.00');
    expect(yuan('jinyun-2025/3', { 'jinyun-platform-growth': 'step_base' }, facts, at)).toBe('eligible 100000.00');
  });
});

describe('no note chooses a reading in prose without naming one', () => {
  it('every shipped note with a choosing phrase names a declared reading of its document, is switched by one, or says why the text allows no other', () => {
    let checked = 0;
    for (const lp of set.policies)
      for (const [note, path] of notesOf(lp.policy)) {
        if (!CHOOSING.test(note)) continue;
        checked++;
        const switched = (lp.switches ?? []).some((s) => path.join('/').startsWith(s.path.join('/')));
        const refs = [...note.matchAll(/\{reading:([a-z0-9-]+)\}/g)].map((m) => m[1]!);
        expect(
          switched || note.includes(SETTLED) || refs.some((id) => set.readings.find((r) => r.id === id)?.documents.includes(lp.policy.id)),
          `${lp.policy.id} ${path.join('.')}: ${note}`,
        ).toBe(true);
      }
    expect(checked).toBeGreaterThan(0);
  });

  it('{reading:id} in a note is shown as the reading’s question, never as its id', () => {
    const l = labelsFor(set, 'zh');
    const r = set.readings[0]!;
    expect(l.note(`见解读{reading:${r.id}}。`)).toBe(`见解读“${r.question.zh.replace(/“/g, '‘').replace(/”/g, '’')}”。`);
    expect(l.note(`见解读{reading:${r.id}}。`)).not.toContain(r.id);
  });

  const LANXI = 'policies/lanxi-2022.yaml';
  // A note written as a block list item (lanxi 3's first), so any prose stays valid YAML.
  const LANXI_NOTE = '“正常运营3个月以上”即运营满3个月（≥3）（民法典第一千二百五十九条：“以上”包括本数），别无他解。';
  it.each([
    ['a note choosing a reading in prose', '“正常运营3个月以上”读作运营满3个月（≥3）。', 'RULE_NOTE_CHOOSES'],
    ['a note choosing with 按……读', '“超过”按严格大于读。', 'RULE_NOTE_CHOOSES'],
    ['a note naming a reading that is not declared', '见解读{reading:no-such-reading}：“超过”按严格大于读。', 'RULE_UNKNOWN_READING'],
    ['a note naming a reading of another document', '见解读{reading:hz-3020}：“超过”按严格大于读。', 'RULE_READING_DOCUMENT'],
  ])('%s: lint names the note (exit 1), calc refuses the set (exit 2)', (_name, note, code) => {
    const { dir } = brokenCopy([edit(LANXI, LANXI_NOTE, note)]);
    const lint = cli(['rules', 'lint', '--rules', dir, '--lang', 'en']);
    expect(lint.code, lint.stderr).toBe(1);
    expect(lint.stderr).toMatch(new RegExp(`lanxi-2022\\.yaml:\\d+:\\d+.*clauses\\.\\d+\\.notes\\.0.*\\[${code}\\]`));
    expect(cli(['calc', 'examples/lanxi-cross-border-seller.yaml', '--rules', dir]).code).toBe(2);
  });
  it('the same note passes once it names a reading of its document or says why the text allows no other', () => {
    for (const note of [`“超过”严格大于，${SETTLED}。`, '部分年度见解读{reading:partial-year}，“超过”按严格大于读。']) {
      const { dir } = brokenCopy([edit(LANXI, LANXI_NOTE, note)]);
      const lint = cli(['rules', 'lint', '--rules', dir]);
      expect(lint.code, lint.stderr).toBe(0);
    }
  });
});
