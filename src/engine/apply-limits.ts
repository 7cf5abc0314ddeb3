import { cmp, Decimal, dmin, roundFen, ZERO } from '../money/decimal.js';
import type { Clause } from '../schema/policy-schema.js';
import { receivedNothing, receivedSomething } from './history.js';
import { literal } from '../model/rule-literal.js';
import type { ClauseHistory, HistoryField, TraceStep } from './types.js';

export type Limited = {
  amount: Decimal;
  blocked?: { code: 'already_paid' | 'max_years' | 'cumulative_used'; detail?: string };
  /** History fields the limits need because the entry given lacks them. */
  needsHistory?: HistoryField[];
};

/** True when the award kind itself handles repeats (tiers paid once each, honours paid as upgrades). */
function handlesOwnHistory(c: Clause): boolean {
  return (c.award?.kind === 'tiers' && c.award.mode === 'first_reached') || (c.award?.kind === 'levels' && c.award.mode !== 'highest');
}

/** Whether an award's outcome depends on what was received before under the clause. */
export function readsHistory(c: Clause): boolean {
  return c.frequency === 'one_off' || c.max_years !== undefined || Boolean(c.caps?.some((k) => k.per === 'cumulative')) || handlesOwnHistory(c);
}

/**
 * Frequency, number of years and caps, in the order the texts state them; then
 * the one rounding to the fen. History that was not given counts as "none received",
 * and the trace says that was assumed; history given without a field a limit reads
 * (years for a year limit, the total for a cumulative cap) is not guessed: the clause
 * needs that field.
 */
export function applyLimits(c: Clause, raw: Decimal, history: ClauseHistory | undefined, trace: TraceStep[] | undefined): Limited {
  if (readsHistory(c) && !history) trace?.push({ kind: 'history', note: 'assumed_none', args: {} });
  if (history && readsHistory(c) && receivedNothing(history)) trace?.push({ kind: 'history', note: 'stated_none', args: {} });
  if (c.frequency === 'one_off' && !handlesOwnHistory(c) && history && receivedSomething(history)) {
    trace?.push({ kind: 'history', note: 'already_paid', args: {} });
    return { amount: ZERO, blocked: { code: 'already_paid' } };
  }
  const needs: HistoryField[] = [];
  if (c.max_years !== undefined && history) {
    if (history.years_paid === undefined) {
      if (receivedSomething(history)) needs.push('years_paid');
    } else if (history.years_paid >= c.max_years) {
      const detail = `${history.years_paid}/${c.max_years}`;
      trace?.push({ kind: 'history', note: 'max_years', args: { years: String(history.years_paid), max: String(c.max_years) } });
      return { amount: ZERO, blocked: { code: 'max_years', detail } };
    } else trace?.push({ kind: 'history', note: 'years_before', args: { years: String(history.years_paid), max: String(c.max_years) } });
  }
  if (history && history.paid_total === undefined && receivedSomething(history) && c.caps?.some((k) => k.per === 'cumulative')) needs.push('paid_total');
  if (needs.length) return { amount: ZERO, needsHistory: needs };
  let amount = raw;
  let exhausted = false;
  for (const cap of c.caps ?? []) {
    let limit = literal(cap.amount);
    if (cap.per === 'cumulative') {
      const used = history?.paid_total ?? ZERO;
      limit = Decimal.max(limit.minus(used), 0);
      exhausted = limit.isZero();
      if (cmp(used, ZERO) > 0) trace?.push({ kind: 'history', note: 'cumulative_used', args: { used: used.toFixed(), cap: literal(cap.amount).toFixed() } });
    }
    const after = dmin(amount, limit);
    trace?.push({ kind: 'cap', per: cap.per, cap: limit, before: amount, after });
    amount = after;
  }
  const rounded = roundFen(amount);
  if (trace && cmp(rounded, amount) !== 0) trace.push({ kind: 'rounding', before: amount, after: rounded });
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
