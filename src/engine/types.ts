import type { Decimal } from '../money/decimal.js';
import type { Level } from '../schema/region-schema.js';
import type { ClauseStatus } from '../schema/policy-schema.js';
import type { HistoryNote, ResultStatus } from '../model/result-status.js';
import type { NumAs } from '../model/rule-literal.js';
import type { HistoryField } from '../model/enterprise.js';

export type { HistoryNote, ResultStatus } from '../model/result-status.js';
export { HISTORY_FIELDS, type HistoryField, type ClauseHistory, type Enterprise } from '../model/enterprise.js';
export type { NumAs } from '../model/rule-literal.js';

export type TriBool = true | false | 'unknown';

/**
 * A formula as the engine computed it: every number is the exact value used.
 * Renderers word it (src/render/render-term.ts); the engine never writes text.
 */
export type Term =
  | { k: 'n'; v: Decimal; as: NumAs; fact?: string; field?: FieldPath }
  /** A fact whose value is not known (in a condition that stays undecided). */
  | { k: 'unknown'; fact: string }
  | { k: 'op'; op: '+' | '−' | '×' | '÷'; args: Term[] }
  | { k: 'fn'; fn: 'min' | 'max' | 'floor'; args: Term[] }
  | { k: 'part'; label: string; term: Term }
  /** x ÷ 0: a ratio over an empty base counts as 0. */
  | { k: 'div0'; term: Term }
  /** The highest tier reached (or none); paidUpTo: tiers up to this threshold were awarded before. */
  | { k: 'tier'; base: Term; strict: boolean; at?: Decimal; amount: Decimal; lowest: Decimal; paidUpTo?: Decimal }
  /** Every tier newly reached, each paid once and added up (first-reached tiers read as a sum). */
  | { k: 'tierSum'; base: Term; strict: boolean; reached: { at: Decimal; amount: Decimal }[]; sum: Decimal }
  /** An award by level: full is the level's amount, amount what is paid; before: the level awarded earlier (upgrades pay the difference, first-reached only a higher level). */
  | {
      k: 'level';
      fact: string;
      level: string;
      full: Decimal;
      amount: Decimal;
      mode: 'highest' | 'upgrade' | 'first_reached';
      before?: { level: string; amount: Decimal };
    }
  | { k: 'none'; why: 'no_items' | 'no_case' }
  /** An each award: every item's amount (after its own cap), named, added up. */
  | { k: 'each'; fact: string; items: { index: number; name?: string; value: Decimal }[] };

/** A field of a record_list fact: the fact's id and the field's id ("signed_streamers.sales"). */
export type FieldPath = `${string}.${string}`;

/** A value in a condition, kept typed so each language can word it (enum values by their label). */
export type Shown = { k: 'n'; v: Decimal; as: NumAs } | { k: 'bool'; v: boolean } | { k: 'enum'; fact: string; v: string[] } | { k: 'text'; v: string };

export type TraceStep =
  | { kind: 'validity'; year: number; from: string; to: string | null; ok: boolean; draft: boolean; partial?: PartialYear }
  | { kind: 'region'; region: string; appliesTo: string[]; ok: boolean }
  /** required: the beneficiary as the rule writes it, one kind or several (any of them will do). */
  | { kind: 'beneficiary'; required: string | string[]; actual?: string[]; result: TriBool }
  | { kind: 'exclusion'; id: string; clause: string; quote: string; result: TriBool }
  | { kind: 'condition'; fact?: string; field?: FieldPath; expr?: Term; value?: Decimal; op: string; threshold: Shown; actual?: Shown; result: TriBool }
  | { kind: 'derived'; fact: string; from: string; cny: Decimal; rate: Decimal; usd: Decimal }
  | { kind: 'formula'; term: Term; value: Decimal }
  | { kind: 'cap'; per: string; cap: Decimal; before: Decimal; after: Decimal }
  | { kind: 'history'; note: HistoryNote; args: Record<string, string> }
  | { kind: 'rounding'; before: Decimal; after: Decimal }
  | { kind: 'instalments'; parts: Decimal[] }
  | { kind: 'stacking'; group: string; winner: string }
  | { kind: 'split'; parts: { level: string; share: Decimal; amount: Decimal }[] }
  /** One item of an each award: its own steps (conditions, formula, cap), and what it pays (result false: its conditions fail). */
  | { kind: 'item'; fact: string; index: number; name?: string; result: TriBool; value?: Decimal; steps: TraceStep[] }
  /** A cap shared by several clauses of one document: `used` by the clauses before this one, so this one gets min(before, cap − used). */
  | { kind: 'sharedCap'; id: string; per: string; clauses: string[]; cap: Decimal; used: Decimal; before: Decimal; after: Decimal };

/** A data year only partly inside a policy's validity: the days covered, and whether the rule file counts it. */
export interface PartialYear {
  from: string;
  to: string;
  days: number;
  yearDays: number;
  rule: 'full' | 'majority' | 'none';
  counted: boolean;
}

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
  /** Fact ids that would decide the clause; a document-wide exclusion's facts come first. */
  missing: string[];
  /** History fields the clause needs because a history entry was given without them (e.g. highest_tier). */
  missingHistory?: HistoryField[];
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
  /** Set when the data year is only partly inside the validity (whether or not it was counted). */
  partialYear?: PartialYear;
  /** The document-wide disqualifier that holds, if any: every clause is then excluded. */
  exclusion?: { id: string; clause: string; quote: string };
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
  /**
   * 'entity' when a document covering the region can pay a natural person or an individual
   * business (a beneficiary kind marked `person` in the dictionary): outputs then say 主体, not 企业.
   */
  subject?: 'entity';
  policies: PolicyResult[];
  totals: Totals;
}
