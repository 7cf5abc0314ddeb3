import { Decimal, dmax, dmin } from '../money/decimal.js';
import { literal } from '../model/rule-literal.js';
import type { Award, Clause } from '../schema/policy-schema.js';

/**
 * The most a clause could pay, read off its fixed amounts, tiers, levels and
 * caps. Undefined when the award grows with the facts and nothing caps it
 * (an uncapped rate). Used to order interview questions and to rank missing
 * data by what it could unlock; never reported as an award.
 */
export function awardBound(clause: Clause): Decimal | undefined {
  const own = clause.award ? bound(clause.award) : undefined;
  const caps = (clause.caps ?? []).map((c) => literal(c.amount));
  const cap = caps.length ? dmin(...caps) : undefined;
  if (own && cap) return dmin(own, cap);
  return own ?? cap;
}

function bound(a: Award): Decimal | undefined {
  switch (a.kind) {
    case 'fixed':
      return literal(a.amount);
    case 'tiers':
      return dmax(...a.tiers.map((t) => literal(t.amount)));
    case 'levels':
      return dmax(...Object.values(a.amounts).map(literal));
    case 'sum':
      return all(a.parts.map(bound), (xs) => xs.reduce((s, x) => s.plus(x), new Decimal(0)));
    case 'max':
      return all(a.parts.map(bound), (xs) => dmax(...xs));
    case 'cases':
      return all([...a.cases.map((c) => c.award), ...(a.otherwise ? [a.otherwise] : [])].map(bound), (xs) => dmax(...xs));
    default:
      // rate, per_unit, per_step, rent, per_item: proportional to facts not yet known.
      return undefined;
  }
}

function all(xs: (Decimal | undefined)[], combine: (xs: Decimal[]) => Decimal): Decimal | undefined {
  return xs.every((x): x is Decimal => x !== undefined) ? combine(xs) : undefined;
}
