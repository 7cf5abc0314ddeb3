import { ZERO } from '../money/decimal.js';
import type { PolicyResult, Totals } from './types.js';

/** Sure amounts, ceilings and what is pending, and each level's share of the sure amount. */
export function computeTotals(policies: PolicyResult[]): Totals {
  const t: Totals = { sure: ZERO, ceilings: ZERO, pendingPotential: ZERO, needsData: 0, byLevel: {} };
  for (const p of policies)
    for (const c of p.clauses) {
      if (c.status === 'needs_data') {
        t.needsData++;
        if (c.potential) t.pendingPotential = t.pendingPotential.plus(c.potential);
      }
      if (!c.amount) continue;
      if (c.status === 'eligible') {
        t.sure = t.sure.plus(c.amount);
        if (c.split?.parts.length) for (const part of c.split.parts) t.byLevel[part.level] = (t.byLevel[part.level] ?? ZERO).plus(part.amount);
        else t.byLevel.unspecified = (t.byLevel.unspecified ?? ZERO).plus(c.amount);
      } else if (c.status === 'ceiling') t.ceilings = t.ceilings.plus(c.amount);
    }
  return t;
}
