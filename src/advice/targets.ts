import type { Award, Clause, Condition, NumExpr } from '../schema/policy-schema.js';
import { literal } from '../model/rule-literal.js';
import type { Decimal } from '../money/decimal.js';

/**
 * A value of some figure at which a clause may start paying more: a tier's
 * threshold, the next step of a 每增长 clause, the point where a rate meets its
 * cap, a condition's threshold. `next` marks targets that depend on the current value.
 */
export type Target = { expr: NumExpr; at: Decimal; strict: boolean } | { expr: NumExpr; step: Decimal } | { expr: NumExpr; unit: true };

function fromCondition(c: Condition, out: Target[]): void {
  if ('all' in c) c.all.forEach((x) => fromCondition(x, out));
  else if ('any' in c) c.any.forEach((x) => fromCondition(x, out));
  else if ('not' in c || 'field' in c)
    return; // a field is one item's: no single figure to raise
  else if ('expr' in c) {
    if (c.op === '>=' || c.op === '>') out.push({ expr: c.expr, at: literal(c.value), strict: c.op === '>' });
  } else if ((c.op === '>=' || c.op === '>') && (typeof c.value === 'number' || typeof c.value === 'string')) {
    try {
      out.push({ expr: { fact: c.fact }, at: literal(c.value), strict: c.op === '>' });
    } catch {
      // an enum or boolean threshold: not a figure one can raise
    }
  }
}

function fromAward(a: Award, caps: Decimal[], out: Target[]): void {
  switch (a.kind) {
    case 'tiers':
      for (const t of a.tiers) out.push({ expr: a.base, at: literal(t.at), strict: Boolean(a.strict) });
      return;
    case 'per_step':
      out.push({ expr: a.base, step: literal(a.step) });
      return;
    case 'rate':
      for (const cap of caps) out.push({ expr: a.base, at: cap.div(literal(a.rate)), strict: false });
      return;
    case 'per_unit':
      out.push({ expr: a.count, unit: true });
      return;
    case 'sum':
    case 'max':
      a.parts.forEach((p) => fromAward(p, caps, out));
      return;
    case 'cases':
      a.cases.forEach((c) => {
        fromCondition(c.when, out);
        fromAward(c.award, caps, out);
      });
      return;
    default:
      return;
  }
}

export function clauseTargets(c: Clause): Target[] {
  const out: Target[] = [];
  if (c.when) fromCondition(c.when, out);
  if (c.award)
    fromAward(
      c.award,
      (c.caps ?? []).filter((k) => k.per !== 'cumulative').map((k) => literal(k.amount)),
      out,
    );
  return out;
}
