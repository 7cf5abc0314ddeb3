import { Decimal } from '../money/decimal.js';
import { parseAmount } from '../money/parse-amount.js';

// Below the engine: the engine, advice and rule utilities all read rule literals, and none of
// them should import the others for it.

/** How a number is shown: money and plain figures in full, ratios as percentages, dollars with their unit. */
export type NumAs = 'plain' | 'pct' | 'usd';

const cache = new Map<string, Decimal>();

/**
 * A number written in a rule: 50000, "5万", "50万美元", "20%". Rules were
 * validated at load, so an unreadable literal here is a bug, not a user mistake.
 */
export function literal(raw: number | string): Decimal {
  const key = String(raw);
  let d = cache.get(key);
  if (!d) {
    if (typeof raw === 'number') d = new Decimal(key);
    else {
      const p = parseAmount(raw);
      if (!p) throw new Error(`unreadable literal in rules: ${raw}`);
      d = p.value;
    }
    cache.set(key, d);
  }
  return d;
}

/** How a rule literal is shown in a formula: a rate as a percentage, dollars with their unit. */
export function literalAs(raw: number | string): NumAs {
  if (typeof raw === 'number') return 'plain';
  const p = parseAmount(raw);
  return p?.percent ? 'pct' : p?.currency === 'USD' ? 'usd' : 'plain';
}
