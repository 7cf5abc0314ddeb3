import { Decimal } from '../money/decimal.js';
import type { PolicyResult, Totals } from './types.js';

/** Sure amounts, ceilings and what is pending, and each level's share of the sure amount. */
export function computeTotals(policies: PolicyResult[]): Totals {
  const t: Totals = { sure: new Decimal(0), ceilings: new Decimal(0), pendingPotential: new Decimal(0), needsData: 0, byLevel: {} };
  for (const p of policies)
    for (const c of p.clauses) {
      if (c.status === 'needs_data') {
        t.needsData++;
        if (c.potential) t.pendingPotential = t.pendingPotential.plus(c.potential);
      }
      if (!c.amount) continue;
      if (c.status === 'eligible') {
        t.sure = t.sure.plus(c.amount);
        if (c.split?.parts.length) for (const part of c.split.parts) t.byLevel[part.level] = (t.byLevel[part.level] ?? new Decimal(0)).plus(part.amount);
        else t.byLevel.unspecified = (t.byLevel.unspecified ?? new Decimal(0)).plus(c.amount);
      } else if (c.status === 'ceiling') t.ceilings = t.ceilings.plus(c.amount);
    }
  return t;
}
