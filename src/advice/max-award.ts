import { Decimal } from '../money/decimal.js';
import type { Award, Clause } from '../schema/policy-schema.js';
import { literal } from '../engine/literal.js';

/**
 * The most a clause could pay this year, from its text alone: the largest fixed
 * amount, tier or level, limited by its caps. Undefined when nothing bounds it
 * (a rate with no cap).
 */
export function maxAward(c: Clause): Decimal | undefined {
  const caps = (c.caps ?? []).map((k) => literal(k.amount));
  const own = c.award ? maxOf(c.award) : undefined;
  const all = [...caps, ...(own ? [own] : [])];
  return all.length ? Decimal.min(...all) : undefined;
}

function maxOf(a: Award): Decimal | undefined {
  switch (a.kind) {
    case 'fixed':
      return literal(a.amount);
    case 'tiers':
      return Decimal.max(...a.tiers.map((t) => literal(t.amount)));
    case 'levels':
      return Decimal.max(...Object.values(a.amounts).map(literal));
    case 'sum': {
      const parts = a.parts.map(maxOf);
      return parts.every(Boolean) ? (parts as Decimal[]).reduce((s, p) => s.plus(p), new Decimal(0)) : undefined;
    }
    case 'max':
    case 'cases': {
      const parts = a.kind === 'max' ? a.parts.map(maxOf) : [...a.cases.map((c) => maxOf(c.award)), ...(a.otherwise ? [maxOf(a.otherwise)] : [])];
      return parts.every(Boolean) ? Decimal.max(...(parts as Decimal[])) : undefined;
    }
    case 'per_item':
      return undefined;
    default:
      return undefined;
  }
}
