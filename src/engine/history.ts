import type { ClauseHistory } from './types.js';

/**
 * What a history entry says was received before under a clause. An entry with no
 * fields says nothing and counts as absent; one with only zeros says "nothing";
 * one with a positive count or total, a level or a tier says "something", and a
 * limit that needs a field the entry lacks is then not guessed.
 */
export function receivedNothing(h: ClauseHistory): boolean {
  if (receivedSomething(h)) return false;
  return h.times_paid === 0 || h.years_paid === 0 || h.paid_total !== undefined;
}

export function receivedSomething(h: ClauseHistory): boolean {
  return h.highest_tier !== undefined || h.level !== undefined || (h.times_paid ?? 0) > 0 || (h.years_paid ?? 0) > 0 || (h.paid_total !== undefined && !h.paid_total.isZero());
}

/** An entry that states nothing at all: treated as no entry. */
export function saysNothing(h: ClauseHistory | undefined): boolean {
  return !h || (h.highest_tier === undefined && h.level === undefined && h.times_paid === undefined && h.years_paid === undefined && h.paid_total === undefined);
}
