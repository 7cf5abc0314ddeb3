import { Decimal } from '../money/decimal.js';
import { parseAmount } from '../money/parse-amount.js';
import { rangeOf } from '../input/coerce-value.js';
import type { Fact } from '../schema/fact-schema.js';
import type { Award, Condition, NumExpr } from '../schema/policy-schema.js';

// What an expression or an award of a rule can come to, as far as the rule alone tells:
// its sign, its currency, the least it pays. The amount checks (check-amounts.ts) ask.

/** Whether an expression can only be zero or more: facts within a range from 0, no subtraction unless clamped by max(…, 0). */
export function nonNegative(
  e: NumExpr,
  facts: ReadonlyMap<string, Fact>,
  bounded: ReadonlySet<string> = new Set(),
  fields?: ReadonlyMap<string, Fact>,
): boolean {
  if (typeof e === 'number') return e >= 0;
  if (typeof e === 'string') return parseAmount(e)?.value.gte(0) ?? false;
  if ('fact' in e) {
    const f = facts.get(e.fact);
    return bounded.has(e.fact) || (f !== undefined && rangeOf(f).min.gte(0));
  }
  if ('field' in e) {
    // An unknown field is reported by the reference checks: not again here.
    const f = fields?.get(e.field);
    return bounded.has(fieldKey(e.field)) || f === undefined || rangeOf(f).min.gte(0);
  }
  if ('sub' in e) return false;
  if ('max' in e) return e.max.some((x) => nonNegative(x, facts, bounded, fields));
  const args = 'add' in e ? e.add : 'mul' in e ? e.mul : 'min' in e ? e.min : e.div;
  return args.every((x) => nonNegative(x, facts, bounded, fields));
}

/** How a field bounded by a condition is kept among bounded facts: a name no fact id can take. */
const fieldKey = (id: string) => `.${id}`;

/**
 * Facts a condition holds at zero or more whenever it is true: comparisons `>= v` or
 * `> v` (v ≥ 0) at its top or inside `all`. When such a fact is below v the condition is
 * false and the award is never computed, so a base made of it cannot go negative.
 */
export function boundedBelow(c: Condition | undefined): Set<string> {
  const out = new Set<string>();
  const walk = (x: Condition) => {
    if ('all' in x) x.all.forEach(walk);
    else if (('fact' in x || 'field' in x) && (x.op === '>=' || x.op === '>' || x.op === '==') && typeof x.value !== 'boolean' && !Array.isArray(x.value)) {
      const v = typeof x.value === 'number' ? new Decimal(x.value) : parseAmount(x.value)?.value;
      if (v?.gte(0)) out.add('fact' in x ? x.fact : fieldKey(x.field));
    }
  };
  if (c) walk(c);
  return out;
}

export type Unit = 'usd' | 'cny' | 'plain';

/** The currency an expression comes out in, as far as it can be told: dollars only when a dollar figure is not converted. */
export function unitOf(e: NumExpr, facts: ReadonlyMap<string, Fact>, fields?: ReadonlyMap<string, Fact>): Unit {
  if (typeof e === 'number') return 'plain';
  if (typeof e === 'string') {
    const p = parseAmount(e);
    return p?.currency === 'USD' ? 'usd' : p?.currency === 'CNY' ? 'cny' : 'plain';
  }
  if ('fact' in e || 'field' in e) {
    const t = ('fact' in e ? facts.get(e.fact) : fields?.get(e.field))?.type;
    return t === 'money_usd' ? 'usd' : t === 'money_cny' || t === 'money_list' ? 'cny' : 'plain';
  }
  if ('div' in e) return unitOf(e.div[0], facts, fields) === 'usd' && unitOf(e.div[1], facts, fields) !== 'usd' ? 'usd' : 'plain';
  const args = 'add' in e ? e.add : 'sub' in e ? e.sub : 'mul' in e ? e.mul : 'min' in e ? e.min : e.max;
  const units = args.map((x) => unitOf(x, facts, fields));
  // A product with a plain figure that is a fact (an exchange rate) converts; a literal factor does not.
  if ('mul' in e && args.some((x) => typeof x === 'object' && ('fact' in x || 'field' in x) && unitOf(x, facts, fields) === 'plain')) return 'plain';
  return units.includes('usd') ? 'usd' : units.includes('cny') ? 'cny' : 'plain';
}

export function describeUnit(e: NumExpr): string {
  return typeof e === 'object' && 'fact' in e ? e.fact : typeof e === 'object' && 'field' in e ? e.field : JSON.stringify(e);
}

/**
 * The least a clause pays whenever it pays at all, read off fixed amounts, tiers,
 * levels and one step or unit; undefined when the award can be arbitrarily small.
 */
export function leastAward(a: Award, facts: ReadonlyMap<string, Fact>): Decimal | undefined {
  const lit = (raw: number | string) => (typeof raw === 'number' ? new Decimal(raw) : parseAmount(raw)?.value);
  const least = (xs: (Decimal | undefined)[]) => (xs.length && xs.every((x) => x !== undefined) ? Decimal.min(...(xs as Decimal[])) : undefined);
  switch (a.kind) {
    case 'fixed':
      return lit(a.amount);
    case 'tiers':
      return least(a.tiers.map((t) => lit(t.amount)));
    case 'levels':
      return least(Object.values(a.amounts).map(lit));
    case 'per_step':
      return lit(a.amount);
    case 'per_unit': {
      const count = typeof a.count === 'object' && 'fact' in a.count ? facts.get(a.count.fact) : undefined;
      return count?.type === 'count' ? lit(a.amount) : undefined;
    }
    case 'sum':
    case 'max':
      return least(a.parts.map((p) => leastAward(p, facts)));
    case 'cases':
      return least([...a.cases.map((c) => c.award), ...(a.otherwise ? [a.otherwise] : [])].map((p) => leastAward(p, facts)));
    default:
      return undefined;
  }
}
