import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/evaluate.js';
import { evalAward } from '../../src/engine/eval-award.js';
import { applyLimits } from '../../src/engine/apply-limits.js';
import { allocate } from '../../src/engine/fiscal-split.js';
import { FactsView } from '../../src/engine/facts-view.js';
import type { ClauseResult, Enterprise } from '../../src/engine/types.js';
import type { Award, Clause } from '../../src/schema/policy-schema.js';
import { parseAmount } from '../../src/money/parse-amount.js';
import { Decimal } from '../../src/money/decimal.js';
import { ruleSetWith, enterprise } from '../helpers/mini-rules.js';
import { enterpriseRecord, shippedWithRegime, toValidEnterprise } from './arbitraries.js';

const set = shippedWithRegime();
const clauses = new Map<string, Clause>(set.policies.flatMap((lp) => lp.policy.clauses.map((c) => [c.id, c] as const)));
const amount = (raw: number | string) => (typeof raw === 'number' ? new Decimal(String(raw)) : parseAmount(raw)!.value);
const paid = (r: ClauseResult): Decimal | undefined => r.amount ?? r.potential;
const results = (ent: Enterprise) => evaluate(set, ent).policies.flatMap((p) => p.clauses);
const RUNS = { numRuns: 150 };

describe('caps', () => {
  it('on the shipped rules, no award (sure, ceiling or potential) exceeds any of its caps', () => {
    let checked = 0;
    fc.assert(
      fc.property(enterpriseRecord(set), (rec) => {
        const ent = toValidEnterprise(set, rec);
        for (const r of results(ent)) {
          const value = paid(r);
          if (!value) continue;
          for (const cap of clauses.get(r.clauseId)!.caps ?? []) {
            const used = ent.history.get(r.clauseId)?.paid_total ?? new Decimal(0);
            const limit = cap.per === 'cumulative' ? Decimal.max(amount(cap.amount).minus(used), 0) : amount(cap.amount);
            expect(value.lessThanOrEqualTo(limit), `${r.clauseId}: ${value.toFixed()} > cap ${limit.toFixed()}`).toBe(true);
            checked++;
          }
        }
      }),
      RUNS,
    );
    expect(checked).toBeGreaterThan(50);
  });

  it('on generated clauses (fixed, rate, per unit, several caps), the award is at most the smallest cap', () => {
    const awardArb = fc.oneof(
      fc.integer({ min: 1, max: 10_000_000 }).map((n): Award => ({ kind: 'fixed', amount: n })),
      fc.integer({ min: 1, max: 100 }).map((p): Award => ({ kind: 'rate', rate: `${p}%`, base: { fact: 'online_sales' } })),
      fc.integer({ min: 1, max: 100_000 }).map((n): Award => ({ kind: 'per_unit', count: { fact: 'trainees_per_year' }, amount: n })),
    );
    const caps = fc.array(fc.record({ amount: fc.integer({ min: 1, max: 5_000_000 }), per: fc.constantFrom('item', 'year', 'event') }), {
      minLength: 1,
      maxLength: 3,
    });
    fc.assert(
      fc.property(awardArb, caps, fc.integer({ min: 0, max: 1e10 }), fc.integer({ min: 0, max: 100_000 }), (award, cs, sales, trainees) => {
        const smallest = Decimal.min(...cs.map((c) => new Decimal(c.amount)));
        // A cap below the least the clause pays (its fixed amount, one unit) is refused when the rules load.
        const least = award.kind === 'rate' ? undefined : new Decimal((award as { amount: string | number }).amount);
        if (least && smallest.lessThan(least)) {
          expect(() => ruleSetWith([{ id: 'test/x', number: '1', title: 't', quote: 'test quote', status: 'computable', award, caps: cs }])).toThrow(
            /RULE_CAP_BELOW_AWARD/,
          );
          return;
        }
        const rules = ruleSetWith([{ id: 'test/x', number: '1', title: 't', quote: 'test quote', status: 'computable', award, caps: cs }]);
        const r = evaluate(rules, enterprise(rules, { online_sales: sales, trainees_per_year: trainees })).policies[0]!.clauses[0]!;
        expect((r.amount ?? new Decimal(0)).lessThanOrEqualTo(smallest)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});

describe('fiscal split', () => {
  // k shares as basis points cut from 10000, so they sum to exactly 100%.
  const shares = fc
    .integer({ min: 1, max: 4 })
    .chain((k) => fc.uniqueArray(fc.integer({ min: 1, max: 9999 }), { minLength: k - 1, maxLength: k - 1 }))
    .map((cuts) => {
      const points = [0, ...cuts.sort((a, b) => a - b), 10000];
      const levels = ['local', 'city', 'province', 'local'] as const;
      return points.slice(1).map((p, i) => ({ level: levels[i]!, share: `${(p - points[i]!) / 100}%` }));
    });

  it('allocate(): the parts add up to the award exactly, none is negative, each is its share to the fen', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 14n }), shares, (fen, ss) => {
        const award = new Decimal(fen.toString()).div(100);
        const parts = allocate(award, ss);
        expect(parts.reduce((s, p) => s.plus(p.amount), new Decimal(0)).equals(award)).toBe(true);
        parts.forEach((p, i) => {
          expect(p.amount.isNegative()).toBe(false);
          expect(p.amount.decimalPlaces()).toBeLessThanOrEqual(2);
          const exact = award.times(parseAmount(ss[i]!.share)!.value);
          expect(exact.minus(p.amount).abs().lessThan(new Decimal(ss.length).div(100)), `${p.level} ${p.amount} vs ${exact}`).toBe(true);
        });
      }),
      { numRuns: 500 },
    );
  });

  it('on the shipped rules, every split adds up to its award exactly', () => {
    let splits = 0;
    fc.assert(
      fc.property(enterpriseRecord(set), (rec) => {
        for (const r of results(toValidEnterprise(set, rec)))
          if (r.split?.parts.length && r.amount) {
            expect(r.split.parts.reduce((s, p) => s.plus(p.amount), new Decimal(0)).equals(r.amount), r.clauseId).toBe(true);
            splits++;
          }
      }),
      RUNS,
    );
    expect(splits).toBeGreaterThan(20);
  });
});

describe('tiers, highest mode: more of the tier fact never lowers the award', () => {
  const view = (ent: Enterprise, fact: string, v: Decimal) => new FactsView(set.facts, new Map([...ent.facts, [fact, v]]), set.thresholds);
  const awardAt = (c: Clause, facts: FactsView) => {
    const a = evalAward(c.award!, { facts, history: undefined, trace: [] });
    return a.ok ? applyLimits(c, a.value, undefined, []).amount : undefined;
  };

  it('for every shipped tier clause (award formula and caps)', () => {
    const tierClauses = [...clauses.values()].filter(
      (c) => c.award?.kind === 'tiers' && c.award.mode === 'highest' && typeof c.award.base === 'object' && 'fact' in c.award.base,
    );
    expect(tierClauses.length).toBeGreaterThanOrEqual(3);
    const base = (c: Clause) => ((c.award as Extract<Award, { kind: 'tiers' }>).base as { fact: string }).fact;
    fc.assert(
      fc.property(
        enterpriseRecord(set),
        fc.constantFrom(...tierClauses),
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        (rec, c, a, b) => {
          const ent = toValidEnterprise(set, rec);
          const [lo, hi] = a < b ? [a, b] : [b, a];
          const low = awardAt(c, view(ent, base(c), new Decimal(lo.toString()).div(100)))!;
          const high = awardAt(c, view(ent, base(c), new Decimal(hi.toString()).div(100)))!;
          expect(high.greaterThanOrEqualTo(low), `${c.id}: ${lo} → ${low}, ${hi} → ${high}`).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('for generated lint-clean tier tables (ascending thresholds, non-decreasing amounts), strict or not, with a cap', () => {
    const table = fc
      .uniqueArray(fc.integer({ min: 1, max: 1e9 }), { minLength: 1, maxLength: 6 })
      .chain((ats) =>
        fc
          .array(fc.integer({ min: 0, max: 1e6 }), { minLength: ats.length, maxLength: ats.length })
          .map((amts) => ({ ats: ats.sort((x, y) => x - y), amts: amts.sort((x, y) => x - y) })),
      );
    fc.assert(
      fc.property(
        table,
        fc.boolean(),
        fc.integer({ min: 1, max: 2e6 }),
        fc.integer({ min: 0, max: 2e9 }),
        fc.integer({ min: 0, max: 2e9 }),
        ({ ats, amts }, strict, cap, x, y) => {
          const c = {
            id: 't/x',
            award: { kind: 'tiers', mode: 'highest', strict, base: { fact: 'online_sales' }, tiers: ats.map((at, i) => ({ at, amount: amts[i]! })) },
            caps: [{ amount: cap, per: 'item' }],
          } as unknown as Clause;
          const empty = { facts: new Map(), history: new Map() } as unknown as Enterprise;
          const [lo, hi] = x < y ? [x, y] : [y, x];
          expect(
            awardAt(c, view(empty, 'online_sales', new Decimal(hi)))!.greaterThanOrEqualTo(awardAt(c, view(empty, 'online_sales', new Decimal(lo)))!),
          ).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
});
