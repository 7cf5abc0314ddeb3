import type { Decimal } from '../money/decimal.js';
import type { FactValue } from './fact-value.js';

// The enterprise is what input reads and the engine evaluates: defined in the model, below both,
// so that neither imports the other for it (engine/types re-exports it).

/** What the enterprise received before under one clause: drives first-reached tiers, upgrades and cumulative caps. */
export const HISTORY_FIELDS = ['paid_total', 'years_paid', 'times_paid', 'highest_tier', 'level'] as const;
export type HistoryField = (typeof HISTORY_FIELDS)[number];

export interface ClauseHistory {
  paid_total?: Decimal;
  years_paid?: number;
  times_paid?: number;
  /** Threshold of the highest tier already awarded (first-reached tiers). */
  highest_tier?: Decimal;
  /** Level already awarded (honours paid as upgrades). */
  level?: string;
}

export interface Enterprise {
  id?: string;
  name?: string;
  region: string;
  year: number;
  facts: Map<string, FactValue>;
  history: Map<string, ClauseHistory>;
}
