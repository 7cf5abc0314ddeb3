import type { Decimal } from '../money/decimal.js';
import type { FactValue } from '../input/coerce-value.js';
import type { Level } from '../schema/region-schema.js';
import type { ClauseStatus } from '../schema/policy-schema.js';

/** What the enterprise received before under one clause: drives first-reached tiers, upgrades and cumulative caps. */
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

export type TriBool = true | false | 'unknown';

/** What the award history did to a clause; worded in src/i18n/messages.ts. */
export type HistoryNote = 'assumed_none' | 'already_paid' | 'max_years' | 'cumulative_used' | 'tier_already_paid' | 'tiers_before' | 'level_before' | 'upgrade_from';

export type TraceStep =
  | { kind: 'validity'; year: number; from: string; to: string | null; ok: boolean; draft: boolean; partial: boolean }
  | { kind: 'region'; region: string; appliesTo: string[]; ok: boolean }
  | { kind: 'beneficiary'; required: string; actual?: string[]; result: TriBool }
  | { kind: 'exclusion'; id: string; clause: string; result: TriBool }
  | { kind: 'condition'; subject: string; op: string; threshold: string; actual?: string; result: TriBool }
  | { kind: 'derived'; fact: string; from: string; text: string }
  | { kind: 'formula'; text: string }
  | { kind: 'cap'; per: string; cap: string; before: string; after: string }
  | { kind: 'history'; note: HistoryNote; args: Record<string, string> }
  | { kind: 'rounding'; before: string; after: string }
  | { kind: 'instalments'; parts: string[] }
  | { kind: 'stacking'; group: string; winner: string }
  | { kind: 'split'; parts: { level: string; share: string; amount: string }[] };

export type ResultStatus =
  | 'eligible' // a sure amount
  | 'ceiling' // a maximum; the amount is decided by review
  | 'not_eligible'
  | 'needs_data'
  | 'excluded' // a document-level disqualifier applies
  | 'superseded' // a higher award for the same thing was taken (就高不重复)
  | 'info'; // no award to compute: non-monetary, by reference, defective, provision

export interface SharePart {
  level: Level;
  share: Decimal;
  amount: Decimal;
}

export type SplitSource =
  | { kind: 'text'; policy: string; clause?: string; quote?: string; note?: string }
  | { kind: 'regime_file'; file: string; title: string; source: string; note?: string }
  | { kind: 'unspecified'; policy: string; clause?: string; quote?: string };

export interface Split {
  parts: SharePart[];
  source: SplitSource;
}

export interface ClauseResult {
  clauseId: string;
  policyId: string;
  number: string;
  part?: string;
  title: string;
  ruleStatus: ClauseStatus;
  status: ResultStatus;
  /** Rounded to the fen; present for eligible, ceiling, superseded, excluded. */
  amount?: Decimal;
  /** For needs_data: what the award would be if the missing facts turn out favourable, when it can be computed. */
  potential?: Decimal;
  missing: string[];
  reason?: { code: string; detail?: string };
  supersededBy?: string;
  split?: Split;
  instalments?: Decimal[];
  trace: TraceStep[];
  notes: string[];
}

export type PolicyApplicability = 'applies' | 'not_in_force' | 'not_covered';

export interface PolicyResult {
  policyId: string;
  title: string;
  shortTitle?: string;
  docNumber: string | null;
  draft: boolean;
  applicability: PolicyApplicability;
  trace: TraceStep[];
  note?: string;
  clauses: ClauseResult[];
}

export interface Totals {
  sure: Decimal;
  ceilings: Decimal;
  pendingPotential: Decimal;
  needsData: number;
  byLevel: Partial<Record<Level | 'unspecified', Decimal>>;
}

export interface Evaluation {
  enterprise: { id?: string; name?: string; region: string; regionName: string; year: number };
  policies: PolicyResult[];
  totals: Totals;
}
