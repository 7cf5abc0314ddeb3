import { cmp, Decimal, dmin, formatNumber, roundFen, ZERO } from '../money/decimal.js';
import type { Clause } from '../schema/policy-schema.js';
import { literal } from './literal.js';
import type { ClauseHistory, TraceStep } from './types.js';

const fmt = (d: Decimal) => formatNumber(d.toDecimalPlaces(2));

export type Limited = { amount: Decimal; blocked?: { code: 'already_paid' | 'max_years' | 'cumulative_used'; detail?: string } };

/** True when the award kind itself handles repeats (tiers paid once each, honours paid as upgrades). */
function handlesOwnHistory(c: Clause): boolean {
  return (c.award?.kind === 'tiers' && c.award.mode === 'first_reached') || (c.award?.kind === 'levels' && c.award.mode !== 'highest');
}

/**
 * Frequency, number of years and caps, in the order the texts state them; then
 * the one rounding to the fen. History that was not given counts as "none received",
 * and the trace says that was assumed.
 */
export function applyLimits(c: Clause, raw: Decimal, history: ClauseHistory | undefined, trace: TraceStep[] | undefined): Limited {
  const needsHistory = c.frequency === 'one_off' || c.max_years !== undefined || c.caps?.some((k) => k.per === 'cumulative') || handlesOwnHistory(c);
  if (needsHistory && !history) trace?.push({ kind: 'history', note: 'assumed_none', args: {} });
  if (c.frequency === 'one_off' && !handlesOwnHistory(c) && ((history?.times_paid ?? 0) > 0 || (history?.paid_total && cmp(history.paid_total, ZERO) > 0))) {
    trace?.push({ kind: 'history', note: 'already_paid', args: {} });
    return { amount: ZERO, blocked: { code: 'already_paid' } };
  }
  if (c.max_years !== undefined && (history?.years_paid ?? 0) >= c.max_years) {
    const detail = `${history!.years_paid}/${c.max_years}`;
    trace?.push({ kind: 'history', note: 'max_years', args: { years: String(history!.years_paid), max: String(c.max_years) } });
    return { amount: ZERO, blocked: { code: 'max_years', detail } };
  }
  let amount = raw;
  let exhausted = false;
  for (const cap of c.caps ?? []) {
    let limit = literal(cap.amount);
    if (cap.per === 'cumulative') {
      const used = history?.paid_total ?? ZERO;
      limit = Decimal.max(limit.minus(used), 0);
      exhausted = limit.isZero();
      if (cmp(used, ZERO) > 0) trace?.push({ kind: 'history', note: 'cumulative_used', args: { used: fmt(used), cap: fmt(literal(cap.amount)) } });
    }
    const after = dmin(amount, limit);
    trace?.push({ kind: 'cap', per: cap.per, cap: fmt(limit), before: fmt(amount), after: fmt(after) });
    amount = after;
  }
  const rounded = roundFen(amount);
  if (trace && cmp(rounded, amount) !== 0) trace.push({ kind: 'rounding', before: amount.toFixed(), after: rounded.toFixed(2) });
  if (exhausted && cmp(raw, ZERO) > 0) return { amount: rounded, blocked: { code: 'cumulative_used' } };
  return { amount: rounded };
}

/** Splits an award into n instalments to the fen; any remainder fen go to the first. */
export function instalments(amount: Decimal, n: number): Decimal[] {
  const fen = amount.times(100);
  const each = fen.div(n).floor();
  const first = fen.minus(each.times(n - 1));
  return [first, ...Array.from({ length: n - 1 }, () => each)].map((f) => f.div(100));
}
