import { describe, expect, it } from 'vitest';
import { run, yuan } from '../helpers/mini-rules.js';

// Worked numbers from the five texts (rules/sources). Each test states the arithmetic.
describe('fixed amount', () => {
  it('Lanxi 5: service income ≥ 50万 → 5万; below → not eligible', () => {
    const clause = { when: { fact: 'service_income', op: '>=', value: '50万' }, award: { kind: 'fixed', amount: '5万' } };
    expect(yuan(run(clause, { service_income: '50万' }))).toBe('50000.00');
    expect(run(clause, { service_income: '49.99万' }).status).toBe('not_eligible');
  });
});

describe('rate × base with a cap', () => {
  const clause = { award: { kind: 'rate', rate: '20%', base: { fact: 'platform_investment' } }, caps: [{ amount: '30万', per: 'item' }] };
  it('Lanxi 4: 20% × 1,000,000 = 200,000 under the 30万 cap', () => {
    expect(yuan(run(clause, { platform_investment: '100万' }))).toBe('200000.00');
  });
  it('Lanxi 4: 20% × 3,000,000 = 600,000 capped at 300,000', () => {
    const r = run(clause, { platform_investment: '300万' });
    expect(yuan(r)).toBe('300000.00');
    expect(r.trace.some((t) => t.kind === 'cap' && t.after.toFixed() === '300000')).toBe(true);
  });
});

describe('tiers', () => {
  const tiers = [
    { at: '500万', amount: '5万' },
    { at: '2000万', amount: '10万' },
    { at: '1亿', amount: '20万' },
  ];
  it('Lanxi 6 style, highest reached: 2,500万 → second tier 10万', () => {
    expect(yuan(run({ award: { kind: 'tiers', mode: 'highest', base: { fact: 'online_sales' }, tiers } }, { online_sales: '2500万' }))).toBe('100000.00');
  });
  it('no tier reached → not eligible with the reason', () => {
    const r = run({ award: { kind: 'tiers', mode: 'highest', base: { fact: 'online_sales' }, tiers } }, { online_sales: '499万' });
    expect(r.status).toBe('not_eligible');
    expect(r.reason?.code).toBe('zero_award');
  });
  it('Lishui (一) first reached: 500万 tier paid before, now 2,500万 → 10万; tier already paid → nothing', () => {
    const award = { kind: 'tiers', mode: 'first_reached', base: { fact: 'online_sales' }, tiers };
    expect(yuan(run({ award }, { online_sales: '2500万' }, { 'test/x': { highest_tier: '500万' } }))).toBe('100000.00');
    expect(run({ award }, { online_sales: '2500万' }, { 'test/x': { highest_tier: '2000万' } }).status).toBe('not_eligible');
  });
  it('strict thresholds ("超") exclude the threshold itself', () => {
    const award = { kind: 'tiers', mode: 'highest', strict: true, base: { fact: 'online_sales' }, tiers: [{ at: '2000万', amount: '5万' }] };
    expect(run({ award }, { online_sales: '2000万' }).status).toBe('not_eligible');
    expect(yuan(run({ award }, { online_sales: '2000.01万' }))).toBe('50000.00');
  });
  it('USD thresholds: Lanxi 8, 120万美元 → 10万; from CNY with an explicit rate', () => {
    const award = {
      kind: 'tiers',
      mode: 'highest',
      base: { fact: 'cbec_b2c_sales_usd' },
      tiers: [
        { at: '50万美元', amount: '5万' },
        { at: '100万美元', amount: '10万' },
      ],
    };
    expect(yuan(run({ award }, { cbec_b2c_sales_usd: '120万美元' }))).toBe('100000.00');
    // 7,100,000 ÷ 7.1 = 1,000,000 USD → 10万
    const r = run({ award }, { cbec_b2c_sales_cny: '710万', usd_cny_rate: '7.1' });
    expect(yuan(r)).toBe('100000.00');
    expect(r.trace.some((t) => t.kind === 'derived')).toBe(true);
    expect(run({ award }, { cbec_b2c_sales_cny: '710万' }).missing).toEqual(['cbec_b2c_sales_usd']);
  });
});

describe('levels with upgrade paid as the difference', () => {
  const award = { kind: 'levels', fact: 'demo_title_level', mode: 'upgrade', amounts: { national: '20万', provincial: '10万' } };
  it('Jinyun (十三): provincial 10万 before, national now → 10万 difference', () => {
    expect(yuan(run({ award }, { demo_title_level: 'national' }, { 'test/x': { level: 'provincial' } }))).toBe('100000.00');
  });
  it('renewal at the same level pays nothing', () => {
    expect(run({ award }, { demo_title_level: '省级' }, { 'test/x': { level: 'provincial' } }).status).toBe('not_eligible');
  });
  it('first award pays the full amount', () => {
    expect(yuan(run({ award }, { demo_title_level: 'national' }))).toBe('200000.00');
  });
});

describe('per unit and rate × cost capped per unit', () => {
  it('Hangzhou (十三) 外卖柜: 30% × 2,000 per unit capped at 500, × 10 units = 5,000', () => {
    const award = { kind: 'per_unit', count: { fact: 'months_operating' }, amount: 500 };
    expect(yuan(run({ award }, { months_operating: 10 }))).toBe('5000.00');
    const perUnit = { kind: 'rate', rate: '100%', base: { mul: [{ fact: 'months_operating' }, { min: [{ mul: ['30%', 2000] }, 500] }] } };
    expect(yuan(run({ award: perUnit }, { months_operating: 10 }))).toBe('5000.00');
  });
  it('Jinyun (九): 2万 per platform, 7 platforms = 14万 capped at 10万 a year', () => {
    const clause = { award: { kind: 'per_unit', count: { fact: 'months_operating' }, amount: '2万' }, caps: [{ amount: '10万', per: 'year' }] };
    expect(yuan(run(clause, { months_operating: 7 }))).toBe('100000.00');
  });
});

describe('per step of growth', () => {
  const clause = { award: { kind: 'per_step', base: { fact: 'online_sales' }, step: '1亿', amount: '10万' }, caps: [{ amount: '30万', per: 'year' }] };
  it('Jinyun (一): growth 2.6亿 → floor(2.6) = 2 steps × 10万 = 20万', () => {
    expect(yuan(run(clause, { online_sales: '2.6亿' }))).toBe('200000.00');
  });
  it('Jinyun (一): growth 4.2亿 → 4 steps = 40万, capped at 30万', () => {
    expect(yuan(run(clause, { online_sales: '4.2亿' }))).toBe('300000.00');
  });
});

describe('rent × area × months with a per-m² ceiling', () => {
  const award = {
    kind: 'rent',
    parts: [
      {
        label: '办公',
        rate: '80%',
        rent: { fact: 'office_rent_paid' },
        area: { fact: 'office_area' },
        months: { fact: 'rent_months' },
        ceiling_per_m2_month: 12,
      },
      {
        label: '仓储',
        rate: '60%',
        rent: { fact: 'warehouse_rent_paid' },
        area: { fact: 'warehouse_area' },
        months: { fact: 'rent_months' },
        ceiling_per_m2_month: 6,
      },
    ],
  };
  it('Lanxi 3: office min(80% × 60,000, 12 × 400 × 12) = 48,000; warehouse min(30,000, 43,200) = 30,000', () => {
    const r = run(
      { award, caps: [{ amount: '10万', per: 'year' }] },
      { office_rent_paid: 60000, office_area: 400, warehouse_rent_paid: 50000, warehouse_area: 600, rent_months: 12 },
    );
    expect(yuan(r)).toBe('78000.00');
  });
  it('Lanxi 3: the ceiling binds: office 80% × 200,000 = 160,000 > 12 × 500 × 12 = 72,000; then the 10万 yearly cap', () => {
    const r = run(
      { award, caps: [{ amount: '10万', per: 'year' }] },
      { office_rent_paid: 200000, office_area: 500, warehouse_rent_paid: 100000, warehouse_area: 1000, rent_months: 12 },
    );
    // 72,000 + min(60,000, 72,000) = 132,000 → capped at 100,000
    expect(yuan(r)).toBe('100000.00');
  });
  it('Jinyun (五): a flat 6元/m²/月 without a rate: 6 × 800 × 12 = 57,600', () => {
    const flat = { kind: 'rent', parts: [{ label: '场地', area: { fact: 'office_area' }, months: { fact: 'rent_months' }, ceiling_per_m2_month: 6 }] };
    expect(yuan(run({ award: flat }, { office_area: 800, rent_months: 12 }))).toBe('57600.00');
  });
});

describe('per item with caps per event and per year', () => {
  const clause = { award: { kind: 'per_item', items: 'event_costs', rate: '50%', cap_each: '2万' }, caps: [{ amount: '10万', per: 'year' }] };
  it('Lanxi 7: events 30,000 / 50,000 / 8,000 → 15,000 + 20,000 + 4,000 = 39,000', () => {
    expect(yuan(run(clause, { event_costs: '30000;50000;8000' }))).toBe('39000.00');
  });
  it('Lanxi 7: eight events of 60,000 → 8 × 20,000 = 160,000 capped at 100,000', () => {
    expect(yuan(run(clause, { event_costs: Array(8).fill(60000) }))).toBe('100000.00');
  });
});

describe('caps over years, years, one-off and instalments', () => {
  const multiYear = {
    frequency: 'yearly',
    max_years: 3,
    award: { kind: 'rate', rate: '20%', base: { fact: 'platform_investment' } },
    caps: [{ amount: '500万', per: 'cumulative' }],
  };
  it('Hangzhou (一): 20% × 1,500万 = 300万; 350万 received before → only 150万 of the 500万 left', () => {
    expect(yuan(run(multiYear, { platform_investment: '1500万' }, { 'test/x': { paid_total: '350万', years_paid: 2 } }))).toBe('1500000.00');
  });
  it('Hangzhou (一): a fourth year pays nothing (at most three years)', () => {
    const r = run(multiYear, { platform_investment: '1500万' }, { 'test/x': { paid_total: '300万', years_paid: 3 } });
    expect(r.status).toBe('not_eligible');
    expect(r.reason?.code).toBe('max_years');
  });
  it('cumulative cap used up → not eligible, said so', () => {
    expect(run(multiYear, { platform_investment: '1500万' }, { 'test/x': { paid_total: '500万', years_paid: 2 } }).reason?.code).toBe('cumulative_used');
  });
  it('one-off already received → not eligible', () => {
    const r = run({ frequency: 'one_off', award: { kind: 'fixed', amount: '5万' } }, {}, { 'test/x': { times_paid: 1 } });
    expect(r.reason?.code).toBe('already_paid');
  });
  it('Lishui (四): 50% × 1,234,567.89 = 617,283.945 → 617,283.95 (half-up, once), in two instalments', () => {
    const r = run(
      { award: { kind: 'rate', rate: '50%', base: { fact: 'platform_investment' } }, caps: [{ amount: '100万', per: 'item' }], instalments: { count: 2 } },
      { platform_investment: '1234567.89' },
    );
    expect(yuan(r)).toBe('617283.95');
    expect(r.instalments?.map((x) => x.toFixed(2))).toEqual(['308641.98', '308641.97']);
  });
});

describe('sums, max and cases', () => {
  it('Hangzhou (十三) village outlet: 5万 once + 2万 per full year', () => {
    const award = {
      kind: 'sum',
      parts: [
        { kind: 'fixed', amount: '5万' },
        { kind: 'per_unit', count: { fact: 'months_operating' }, amount: '2万' },
      ],
    };
    expect(yuan(run({ award }, { months_operating: 2 }))).toBe('90000.00');
  });
  it('Jinyun (五): sales > 2000万 → 6元, > 500万 → 3元 per m² per month', () => {
    const award = {
      kind: 'cases',
      cases: [
        {
          when: { fact: 'online_sales', op: '>', value: '2000万' },
          award: { kind: 'rent', parts: [{ label: 'a', area: { fact: 'office_area' }, months: 12, ceiling_per_m2_month: 6 }] },
        },
        {
          when: { fact: 'online_sales', op: '>', value: '500万' },
          award: { kind: 'rent', parts: [{ label: 'a', area: { fact: 'office_area' }, months: 12, ceiling_per_m2_month: 3 }] },
        },
      ],
    };
    expect(yuan(run({ award }, { online_sales: '3000万', office_area: 100 }))).toBe('7200.00');
    expect(yuan(run({ award }, { online_sales: '800万', office_area: 100 }))).toBe('3600.00');
    expect(run({ award }, { online_sales: '400万', office_area: 100 }).status).toBe('not_eligible');
  });
});
