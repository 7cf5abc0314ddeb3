import type { Num } from './eval-expr.js';
import type { FactsView } from './facts-view.js';
import type { ClauseHistory, HistoryField, TraceStep } from './types.js';

// Apart from eval-award.ts so that eval-each.ts (an item's award is an award: evalAward is
// passed in) can name them without importing eval-award back.

export interface AwardCtx {
  facts: FactsView;
  history: ClauseHistory | undefined;
  /** Absent when no trace is kept: then no terms are built either. */
  trace: TraceStep[] | undefined;
}

/** An award before caps; `needsHistory` when the history given lacks a field this award reads. */
export type AwardNum = Num | { ok: false; missing: string[]; needsHistory: HistoryField[] };
