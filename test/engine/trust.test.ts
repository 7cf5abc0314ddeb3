import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { missingDataReport } from '../../src/advice/missing-data.js';
import { nextTierHints } from '../../src/advice/next-tier.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { openQuestions } from '../../src/interview/choose-questions.js';
import { cli } from '../helpers/cli.js';
import { enterprise, run, shippedRules, yuan } from '../helpers/mini-rules.js';
import { enterpriseRecord, shippedWithRegime, toValidEnterprise } from '../property/arbitraries.js';

const set = shippedRules();
const lanxi = (facts: Record<string, unknown>, year = 2023) => {
  const ent = enterprise(set, facts, {}, year);
  return { ent, ev: evaluate(set, ent) };
};
const policy = (ev: ReturnType<typeof evaluate>, id: string) => ev.policies.find((p) => p.policyId === id)!;

describe('exclusions decide first (兰溪 15)', () => {
  // 参保率 50% < 60%: the whole document is barred, whatever else is known or unknown.
  const facts = { entity_kinds: ['电商企业', '跨境电商企业'], pension_coverage: '50%', agri_online_sales: '120万', cbec_b2c_sales_usd: '90万美元' };

  it('an excluded firm with partial data has no "needs data" clause in that document', () => {
    const p = policy(lanxi(facts).ev, 'lanxi-2022');
    expect(p.exclusion?.id).toBe('pension');
    expect(p.clauses.filter((c) => c.status === 'needs_data')).toEqual([]);
    expect(p.clauses.filter((c) => c.ruleStatus === 'computable').every((c) => c.status === 'excluded')).toBe(true);
    // What it would have paid is shown as set aside, never as a sure amount.
    expect(p.clauses.find((c) => c.clauseId === 'lanxi-2022/12')).toMatchObject({ status: 'excluded' });
    expect(yuan(p.clauses.find((c) => c.clauseId === 'lanxi-2022/12')!)).toBe('50000.00');
  });

  it('and no advice asks for or values that document’s facts', () => {
    const { ent, ev } = lanxi(facts);
    const lanxiClauses = new Set(set.policies.find((lp) => lp.policy.id === 'lanxi-2022')!.policy.clauses.map((c) => c.id));
    expect(
      missingDataReport(set, ev)
        .flatMap((m) => m.clauses)
        .filter((c) => lanxiClauses.has(c)),
    ).toEqual([]);
    expect(nextTierHints(set, ent, ev).filter((h) => lanxiClauses.has(h.clauseId))).toEqual([]);
    const asked = openQuestions(set, { region: ent.region, year: ent.year, facts: ent.facts, skipped: new Set() });
    expect(asked.flatMap((q) => q.clauses).filter((c) => lanxiClauses.has(c))).toEqual([]);
  });

  it('--missing on the command line promises nothing the text forbids', () => {
    const input = 'region: 兰溪市\nyear: 2023\nfacts:\n  pension_coverage: 50%\n  entity_kinds: [电商企业]\n';
    const r = cli(['calc', '-', '--missing'], input);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/至多|不封顶/);
    expect(r.stdout).toContain('被排除');
  });

  it('an unknown disqualifier leaves clauses needing data, its facts first, and the totals show the potential', () => {
    const { ev } = lanxi({ entity_kinds: ['电商企业'], agri_online_sales: '120万' });
    const c12 = policy(ev, 'lanxi-2022').clauses.find((c) => c.clauseId === 'lanxi-2022/12')!;
    expect(c12.status).toBe('needs_data');
    expect(c12.missing[0]).toBe('listed_dishonest');
    expect(ev.totals.pendingPotential.toFixed(2)).not.toBe('0.00');
  });

  it('property: on generated enterprises, a document barred by a disqualifier never has a "needs data" clause', () => {
    const full = shippedWithRegime();
    let barred = 0;
    fc.assert(
      fc.property(enterpriseRecord(full), (rec) => {
        const ev = evaluate(full, toValidEnterprise(full, rec));
        for (const p of ev.policies) {
          if (!p.exclusion) continue;
          barred++;
          expect(p.clauses.filter((c) => c.status === 'needs_data' || c.status === 'eligible' || c.status === 'ceiling')).toEqual([]);
        }
      }),
      { numRuns: 300 },
    );
    expect(barred).toBeGreaterThan(0);
  });
});

describe('history is not read as "nothing received" when it says something was', () => {
  const firstReached = {
    frequency: 'one_off',
    award: {
      kind: 'tiers',
      mode: 'first_reached',
      base: { fact: 'online_sales' },
      tiers: [
        { at: '500万', amount: '5万' },
        { at: '2000万', amount: '10万' },
      ],
    },
  };
  it('a paid amount without the tier: needs data, naming the tier', () => {
    const r = run(firstReached, { online_sales: '2500万' }, { 'test/x': { paid_total: '5万' } });
    expect(r.status).toBe('needs_data');
    expect(r.missingHistory).toEqual(['highest_tier']);
  });
  it('an entry saying nothing was received, or no entry at all, pays the tier reached', () => {
    expect(run(firstReached, { online_sales: '2500万' }, { 'test/x': { times_paid: 0 } })).toMatchObject({ status: 'eligible' });
    expect(run(firstReached, { online_sales: '2500万' }).status).toBe('eligible');
  });
  it('the tier given decides: a lower one leaves the new tier to pay, the same one pays nothing', () => {
    expect(yuan(run(firstReached, { online_sales: '2500万' }, { 'test/x': { highest_tier: '500万' } }))).toBe('100000.00');
    expect(run(firstReached, { online_sales: '2500万' }, { 'test/x': { highest_tier: '2000万' } }).status).toBe('not_eligible');
  });
  const upgrade = {
    frequency: 'one_off',
    award: { kind: 'levels', fact: 'commerce_honour_level', mode: 'upgrade', amounts: { national: '20万', provincial: '10万' } },
  };
  it('an honour paid before without its level: needs data, naming the level', () => {
    const r = run(upgrade, { commerce_honour_level: 'national' }, { 'test/x': { paid_total: '10万' } });
    expect(r).toMatchObject({ status: 'needs_data', missingHistory: ['level'] });
  });
  it('history level provincial pays the upgrade difference', () => {
    expect(yuan(run(upgrade, { commerce_honour_level: 'national' }, { 'test/x': { level: 'provincial' } }))).toBe('100000.00');
  });
  const yearly = {
    frequency: 'yearly',
    max_years: 3,
    caps: [{ amount: '500万', per: 'cumulative' }],
    award: { kind: 'rate', rate: '20%', base: { fact: 'online_sales' } },
  };
  it('a year limit needs the years and a cumulative cap the total, once anything was received', () => {
    expect(run(yearly, { online_sales: '100万' }, { 'test/x': { paid_total: '10万' } }).missingHistory).toEqual(['years_paid']);
    expect(run(yearly, { online_sales: '100万' }, { 'test/x': { years_paid: 1 } }).missingHistory).toEqual(['paid_total']);
    expect(yuan(run(yearly, { online_sales: '100万' }, { 'test/x': { years_paid: 1, paid_total: '490万' } }))).toBe('100000.00');
  });
  it('--explain states the assumption when no history was given', () => {
    const r = cli(['calc', 'examples/lanxi-cross-border-seller.yaml', '--explain']);
    expect(r.stdout).toContain('未提供领取记录：假定此前未获该项奖励');
  });
});

describe('partial years are stated, and a small part does not pay a full year', () => {
  const lishui2025 = 'region: 莲都区\nyear: 2025\nfacts:\n  entity_kinds: [电商企业]\n  in_zj_ecommerce_monitoring: 是\n  online_sales: 2500万\n';
  it('丽水 on 2025 data (one day in force) pays nothing by default, and says why', () => {
    const j = JSON.parse(cli(['calc', '-', '--format', 'json'], lishui2025).stdout);
    const p = j.policies.find((x: { id: string }) => x.id === 'lishui-2020');
    expect(p.applicability).toBe('not_in_force');
    expect(p.partialYear).toMatchObject({ from: '2025-01-01', to: '2025-01-01', days: 1, counted: false });
    expect(j.partialYears).toContainEqual(expect.objectContaining({ policy: 'lishui-2020', days: 1, counted: false }));
    expect(j.totals.sure).toBe('0.00');
  });

  const lanxi2022 =
    'region: 兰溪市\nyear: 2022\nfacts:\n  entity_kinds: [电商企业]\n  agri_online_sales: 120万\n  listed_dishonest: 否\n  major_env_violation: 否\n  major_accident: 否\n  penalised_violation: 否\n  major_labour_dispute: 否\n  one_firm_one_policy: 否\n  pension_coverage: 90%\n';
  it.each([
    ['table', /部分年度: 兰政办发〔2022〕3号: 2022 年仅 2022-03-23 至 2022-12-31 在有效期内（284 天），按全年计/],
    ['md', /部分年度: 兰政办发〔2022〕3号: 2022 年仅 2022-03-23 至 2022-12-31/],
    ['csv', /2022 年仅 2022-03-23 至 2022-12-31 在有效期内（284 天），按全年计/],
  ])('a partly covered year that was counted says so in the %s output, with the dates', (format, pattern) => {
    const r = cli(['calc', '-', '--format', format], lanxi2022);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(pattern);
  });
  it('and at the top level of the JSON', () => {
    const j = JSON.parse(cli(['calc', '-', '--format', 'json'], lanxi2022).stdout);
    expect(j.partialYears).toEqual([expect.objectContaining({ policy: 'lanxi-2022', from: '2022-03-23', to: '2022-12-31', days: 284, counted: true })]);
    expect(j.totals.sure).toBe('50000.00');
  });
});
