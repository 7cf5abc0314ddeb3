import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal, formatNumber, formatPercent, formatWan, formatYuan, roundFen } from '../../src/money/decimal.js';
import { parseAmount } from '../../src/money/parse-amount.js';
import { run } from '../helpers/mini-rules.js';

const fen = fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }).map((f) => new Decimal(f.toString()).div(100));
const parsed = (s: string) => parseAmount(s)?.value;

describe('amount parsing round-trips what the tool prints', () => {
  it('parseAmount(formatYuan(x)) = x, also with ¥ and 元', () => {
    fc.assert(
      fc.property(fen, (x) => {
        expect(parsed(formatYuan(x))?.equals(x), formatYuan(x)).toBe(true);
        if (!x.isNegative()) expect(parsed(`¥${formatYuan(x)}`)?.equals(x)).toBe(true);
        expect(parsed(`${formatYuan(x)}元`)?.equals(x)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('parseAmount(formatNumber(x)) = x and parseAmount(formatWan(x)) = x (万 / 亿 forms)', () => {
    const wan = fc.bigInt({ min: 0n, max: 10n ** 8n }).map((n) => new Decimal(n.toString()).times(100));
    fc.assert(
      fc.property(fc.oneof(fen, wan), (x) => {
        expect(parsed(formatNumber(x))?.equals(x), formatNumber(x)).toBe(true);
        expect(parsed(formatWan(x))?.equals(x), formatWan(x)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('parseAmount(formatPercent(r)) = r for rates with up to six decimals', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000 }), (n) => {
        const r = new Decimal(n).div(1_000_000);
        const p = parseAmount(formatPercent(r));
        expect(p?.percent).toBe(true);
        expect(p?.value.equals(r), formatPercent(r)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('rounding to the fen is half-up', () => {
  it('roundFen: exactly .005 goes up, anything below it goes down', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 14n }), fc.integer({ min: 1, max: 4999 }), (f, below) => {
        const base = new Decimal(f.toString()).div(100);
        expect(roundFen(base.plus('0.005')).equals(base.plus('0.01'))).toBe(true);
        expect(roundFen(base.plus(new Decimal(below).div(1_000_000))).equals(base)).toBe(true);
        expect(roundFen(base.plus('0.005').minus('1e-20')).equals(base)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('in the engine: 50% of an odd number of fen ends in exactly .005 and is paid rounded up', () => {
    const clause = { award: { kind: 'rate', rate: '50%', base: { fact: 'platform_investment' } } };
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 50_000_000 }), (k) => {
        const odd = 2 * k + 1; // fen
        const r = run(clause, { platform_investment: (odd / 100).toFixed(2) });
        expect(r.amount?.toFixed(2)).toBe(new Decimal(k + 1).div(100).toFixed(2));
      }),
      { numRuns: 100 },
    );
  });
});
