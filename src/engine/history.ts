import type { ClauseHistory } from './types.js';

/**
 * What a history entry says was received before under a clause. No entry: nothing
 * is known, and "none received" is assumed (and said). An entry whose counts or
 * total are zero says "nothing" in so many words. Any other entry — even one with
 * no figures, as the interview records "yes, but I don't know the details" — says
 * something was received, and a limit that needs a field it lacks is not guessed.
 */
export function receivedNothing(h: ClauseHistory): boolean {
  if (h.highest_tier !== undefined || h.level !== undefined) return false;
  if ((h.times_paid ?? 0) > 0 || (h.years_paid ?? 0) > 0 || (h.paid_total !== undefined && !h.paid_total.isZero())) return false;
  return h.times_paid === 0 || h.years_paid === 0 || h.paid_total !== undefined;
}

export function receivedSomething(h: ClauseHistory): boolean {
  return !receivedNothing(h);
}
