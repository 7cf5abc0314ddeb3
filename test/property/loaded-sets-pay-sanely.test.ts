import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/evaluate.js';
import { Decimal } from '../../src/money/decimal.js';
import { enterprise, ruleSetWith } from '../helpers/mini-rules.js';

/**
 * Whatever a rule file says, a set that loads never pays Infinity, NaN or a negative
 * amount, and its splits and instalments add up. Clauses are generated from hostile
 * pieces (zero, negative, percentage and dollar amounts; rates without %; steps of 0;
 * subtractions; facts that may be negative; shares of 150% and −50%; huge instalment
 * counts); those the checks refuse are refused, the rest are evaluated on random facts.
 */

const amount = fc.oneof(
  { arbitrary: fc.constantFrom<number | string>(0, -50000, '5%', '30万美元'), weight: 1 },
  { arbitrary: fc.constantFrom<number | string>(50000, '5万', '0.01', 1, '1.2亿', '333.33'), weight: 3 },
);
const rate = fc.oneof(
  { arbitrary: fc.constantFrom<number | string>('0%', 1.5, '50', '150%', 0.2, '-20%'), weight: 1 },
  { arbitrary: fc.constantFrom<number | string>('50%', '100%', '0.5%', '33.3%'), weight: 2 },
);
const step = fc.constantFrom<number | string>(0, -1, '1万', '1亿', 1);
const base = fc.constantFrom<unknown>(
  { fact: 'online_sales' },
  { sub: [{ fact: 'online_sales' }, { fact: 'service_income' }] },
  { max: [{ sub: [{ fact: 'online_sales' }, { fact: 'service_income' }] }, 0] },
  { fact: 'service_income_growth' },
  { fact: 'cbec_b2c_sales_usd' },
  { mul: [{ fact: 'online_sales' }, '-1'] },
  { div: [{ fact: 'online_sales' }, { fact: 'service_income' }] },
);
const award: fc.Arbitrary<unknown> = fc.oneof(
  amount.map((a) => ({ kind: 'fixed', amount: a })),
  fc.tuple(rate, base).map(([r, b]) => ({ kind: 'rate', rate: r, base: b })),
  fc.tuple(step, amount, base).map(([s, a, b]) => ({ kind: 'per_step', base: b, step: s, amount: a })),
  fc.tuple(amount, base).map(([a, b]) => ({ kind: 'per_unit', count: b, amount: a })),
  fc
    .tuple(rate, fc.constantFrom('event_costs', 'online_sales'), fc.option(amount, { nil: undefined }))
    .map(([r, items, cap]) => ({ kind: 'per_item', items, rate: r, ...(cap === undefined ? {} : { cap_each: cap }) })),
  fc
    .tuple(base, fc.array(fc.tuple(amount, amount), { minLength: 1, maxLength: 4 }))
    .map(([b, ts]) => ({ kind: 'tiers', mode: 'highest', base: b, tiers: ts.map(([at, a]) => ({ at, amount: a })) })),
  fc.tuple(amount, amount).map(([n, p]) => ({ kind: 'levels', fact: 'demo_title_level', mode: 'highest', amounts: { national: n, provincial: p } })),
);
const share = fc.constantFrom('150%', '-50%', '50%', '25%', '75%', '100%', '0%', 1);
const hostileShares = fc
  .array(fc.tuple(fc.constantFrom('local', 'city', 'province'), share), { minLength: 1, maxLength: 3 })
  .map((xs) => xs.map(([level, s]) => ({ level, share: s })));
const shares = fc.oneof(
  {
    arbitrary: fc.constantFrom(
      [{ level: 'local', share: '100%' }],
      [
        { level: 'local', share: '75%' },
        { level: 'city', share: '25%' },
      ],
      [
        { level: 'city', share: '33.33%' },
        { level: 'local', share: '66.67%' },
      ],
    ),
    weight: 3,
  },
  { arbitrary: hostileShares, weight: 1 },
);
const clause = fc.record({
  award,
  caps: fc.option(fc.array(fc.record({ amount, per: fc.constantFrom('item', 'year') }), { minLength: 1, maxLength: 2 }), { nil: undefined }),
  instalments: fc.option(
    fc.constantFrom(2, 3, 60, 61, 100_000_000).map((count) => ({ count })),
    { nil: undefined },
  ),
});
const facts = fc.record({
  online_sales: fc.integer({ min: 0, max: 2e9 }),
  service_income: fc.integer({ min: 0, max: 2e9 }),
  service_income_growth: fc.integer({ min: -100, max: 300 }).map((p) => `${p}%`),
  cbec_b2c_sales_usd: fc.integer({ min: 0, max: 1e8 }).map((n) => `${n}美元`),
  event_costs: fc.array(fc.integer({ min: 0, max: 1e6 }), { maxLength: 4 }),
  demo_title_level: fc.constantFrom('national', 'provincial'),
});

const ZERO = new Decimal(0);
const sane = (d: Decimal | undefined, what: string) => {
  if (d === undefined) return;
  expect(d.isFinite(), `${what} is ${d.toString()}`).toBe(true);
  expect(d.gte(0), `${what} is ${d.toString()}`).toBe(true);
};

describe('a rule set that loads pays sanely', () => {
  it('hostile clauses are refused or pay finite, non-negative amounts whose splits and instalments add up', () => {
    let accepted = 0;
    let refused = 0;
    fc.assert(
      fc.property(clause, shares, facts, (c, sh, f) => {
        let set: ReturnType<typeof ruleSetWith>;
        try {
          set = ruleSetWith([{ id: 'test/x', number: '1', title: 't', quote: 'test quote', status: 'computable', ...c }], {
            fiscal: { otherwise: { shares: sh } },
          });
        } catch {
          refused++;
          return;
        }
        accepted++;
        const r = evaluate(set, enterprise(set, f)).policies[0]!.clauses[0]!;
        sane(r.amount, 'amount');
        sane(r.potential, 'potential');
        for (const p of r.split?.parts ?? []) sane(p.amount, `${p.level} share`);
        if (r.amount && r.split?.parts.length) expect(r.split.parts.reduce((a, p) => a.plus(p.amount), ZERO).equals(r.amount)).toBe(true);
        if (r.instalments) {
          r.instalments.forEach((x) => sane(x, 'instalment'));
          expect(r.instalments.reduce((a, x) => a.plus(x), ZERO).equals(r.amount!)).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
    // Neither side of the property is empty: some generated clauses load, some are refused.
    expect(accepted).toBeGreaterThan(10);
    expect(refused).toBeGreaterThan(10);
  });
});
