import type { Award, Clause, Condition, NumExpr } from '../schema/policy-schema.js';

/** The encoding of a clause in plain words, for `rules show` and for reviewers. */
export function describeExpr(e: NumExpr): string {
  if (typeof e !== 'object') return String(e);
  if ('fact' in e) return e.fact;
  const [op, args] = Object.entries(e)[0] as [string, NumExpr[]];
  const sym: Record<string, string> = { add: ' + ', sub: ' − ', mul: ' × ', div: ' ÷ ' };
  return sym[op] ? `(${args.map(describeExpr).join(sym[op])})` : `${op}(${args.map(describeExpr).join(', ')})`;
}

export function describeCondition(c: Condition): string {
  if ('all' in c) return c.all.map(describeCondition).join(' AND ');
  if ('any' in c) return `(${c.any.map(describeCondition).join(' OR ')})`;
  if ('not' in c) return `NOT (${describeCondition(c.not)})`;
  if ('expr' in c) return `${describeExpr(c.expr)} ${c.op} ${c.value}`;
  return `${c.fact} ${c.op} ${Array.isArray(c.value) ? `[${c.value.join(', ')}]` : String(c.value)}`;
}

export function describeAward(a: Award): string {
  switch (a.kind) {
    case 'fixed': return `fixed ${a.amount}`;
    case 'rate': return `${a.rate} × ${describeExpr(a.base)}`;
    case 'tiers': return `${a.mode === 'first_reached' ? 'first-reached' : 'highest'} tier of ${describeExpr(a.base)}: ${a.tiers.map((t) => `${a.strict ? '>' : '≥'}${t.at} → ${t.amount}`).join('; ')}`;
    case 'levels': return `${a.mode === 'upgrade' ? 'upgrade difference' : 'by level'} of ${a.fact}: ${Object.entries(a.amounts).map(([k, v]) => `${k} → ${v}`).join('; ')}`;
    case 'per_unit': return `${describeExpr(a.count)} × ${a.amount}`;
    case 'per_step': return `floor(${describeExpr(a.base)} ÷ ${a.step}) × ${a.amount}`;
    case 'rent': return a.parts.map((p) => `${p.label}: ${p.rate ? `min(${p.rate} × ${describeExpr(p.rent!)}, ` : ''}${p.ceiling_per_m2_month}/m²/month × ${describeExpr(p.area)} × ${describeExpr(p.months)}${p.rate ? ')' : ''}`).join(' + ');
    case 'per_item': return `Σ over ${a.items}: ${a.rate} × item${a.cap_each ? `, ≤ ${a.cap_each} each` : ''}`;
    case 'sum': return a.parts.map(describeAward).join(' + ');
    case 'max': return `max(${a.parts.map(describeAward).join(', ')})`;
    case 'cases': return a.cases.map((c) => `if ${describeCondition(c.when)}: ${describeAward(c.award)}`).join('; else ') + (a.otherwise ? `; else ${describeAward(a.otherwise)}` : '');
  }
}

export function describeClause(c: Clause): string[] {
  const lines: string[] = [];
  if (c.beneficiary) lines.push(`beneficiary: ${c.beneficiary}`);
  if (c.when) lines.push(`when: ${describeCondition(c.when)}`);
  if (c.award) lines.push(`award: ${describeAward(c.award)}`);
  for (const k of c.caps ?? []) lines.push(`cap (${k.per}): ${k.amount}${k.note ? ` — ${k.note}` : ''}`);
  if (c.frequency) lines.push(`frequency: ${c.frequency}`);
  if (c.max_years) lines.push(`at most ${c.max_years} years`);
  if (c.instalments) lines.push(`paid in ${c.instalments.count} instalments`);
  if (c.stacking_group) lines.push(`stacking group: ${c.stacking_group}`);
  if (c.reference) lines.push(`refers to: ${c.reference}`);
  if (c.pool) lines.push(`pool: ${c.pool.amount} — ${c.pool.note}`);
  return lines;
}
