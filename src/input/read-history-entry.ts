import type { ErrorCode, Finding, Words } from '../errors/codes.js';
import { didYouMean } from '../errors/did-you-mean.js';
import type { ClauseHistory } from '../model/enterprise.js';
import { catalogue } from '../i18n/messages.js';
import type { RuleSet } from '../model/rule-set.js';
import { Decimal } from '../money/decimal.js';
import { parseAmount } from '../money/parse-amount.js';
import { withReadings } from '../readings/apply-readings.js';
import { clauseName } from '../rules/clause-name.js';
import { choiceKey } from '../schema/choice-key.js';
import type { Fact } from '../schema/fact-schema.js';
import type { Award, Clause, Policy } from '../schema/policy-schema.js';
import { isBlank } from './coerce-value.js';
import { readChoice } from './enum-choices.js';
import { reason } from '../i18n/reasons.js';

export const HISTORY_FIELDS = ['paid_total', 'years_paid', 'times_paid', 'highest_tier', 'level'] as const;
export type HistoryField = (typeof HISTORY_FIELDS)[number];

/** Fields that only count what was received: recorded for any clause whose award depends on history. */
const COUNTERS: HistoryField[] = ['paid_total', 'years_paid', 'times_paid'];

export interface Tier {
  at: Decimal;
  /** As the rule writes it (500万), for messages and saved answers. */
  text: string;
  amount: string;
  label?: string;
}

/** What a clause reads from history, worked out from its rule. */
export interface HistoryUse {
  clause: Clause;
  policy: Policy;
  /** The fields the engine reads for this clause, in asking order. */
  needed: HistoryField[];
  /** needed, plus the counters when anything is needed. */
  accepted: HistoryField[];
  /** Thresholds of first-reached tiers (highest_tier must be one). */
  tiers: Tier[];
  /** The enum facts of upgrade / first-reached levels (level must be a value of one). */
  levelFacts: Fact[];
}

export type FieldResult =
  | { ok: true; value: Decimal | number | string | undefined }
  | { ok: false; code: ErrorCode; args: Finding['args']; hint?: Finding['hint'] };

function* awards(a: Award | undefined): Generator<Award> {
  if (!a) return;
  yield a;
  if (a.kind === 'sum' || a.kind === 'max') for (const p of a.parts) yield* awards(p);
  if (a.kind === 'cases') {
    for (const c of a.cases) yield* awards(c.award);
    yield* awards(a.otherwise);
  }
}

/** As the engine decides (apply-limits.ts): tiers paid once each and honours paid as upgrades carry their own history. */
function handlesOwnHistory(c: Clause): boolean {
  return (c.award?.kind === 'tiers' && c.award.mode === 'first_reached') || (c.award?.kind === 'levels' && c.award.mode !== 'highest');
}

function useOf(set: RuleSet, policy: Policy, c: Clause): HistoryUse {
  const tiers: Tier[] = [];
  const levelFacts: Fact[] = [];
  for (const a of awards(c.award)) {
    if (a.kind === 'tiers' && a.mode === 'first_reached')
      for (const t of a.tiers) {
        const at = typeof t.at === 'number' ? new Decimal(String(t.at)) : parseAmount(t.at)!.value;
        tiers.push({ at, text: String(t.at), amount: String(t.amount), label: t.label });
      }
    if (a.kind === 'levels' && a.mode !== 'highest') {
      const f = set.facts.get(a.fact);
      if (f && !levelFacts.includes(f)) levelFacts.push(f);
    }
  }
  const needed: HistoryField[] = [];
  if (tiers.length) needed.push('highest_tier');
  if (levelFacts.length) needed.push('level');
  if (c.frequency === 'one_off' && !handlesOwnHistory(c)) needed.push('times_paid');
  if (c.max_years !== undefined) needed.push('years_paid');
  if (c.caps?.some((k) => k.per === 'cumulative')) needed.push('paid_total');
  const accepted = needed.length ? [...needed, ...COUNTERS.filter((f) => !needed.includes(f))] : [];
  return { clause: c, policy, needed, accepted, tiers, levelFacts };
}

const uses = new WeakMap<RuleSet, Map<string, HistoryUse>>();

/**
 * Every clause's history use, by clause id. A field another option of a reading
 * would read (a cumulative cap's total, an upgrade's level) is accepted too: the
 * same enterprise file must load under every reading, so that choosing one never
 * turns good input into an error (`needed` stays what the readings in force read).
 */
export function historyUses(set: RuleSet): Map<string, HistoryUse> {
  let m = uses.get(set);
  if (!m) {
    m = new Map(set.policies.flatMap((lp) => lp.policy.clauses.map((c) => [c.id, historyUse(set, c.id)!] as const)));
    uses.set(set, m);
  }
  return m;
}

const one = new WeakMap<RuleSet, Map<string, HistoryUse | undefined>>();

/**
 * One clause's history use (undefined: no such clause), worked out when first asked:
 * reading a history file needs only the clauses it names, and working out every
 * clause under every option of every reading cost each `calc` with history ~30 ms.
 */
export function historyUse(set: RuleSet, clauseId: string): HistoryUse | undefined {
  let bySet = one.get(set);
  if (!bySet) one.set(set, (bySet = new Map()));
  if (bySet.has(clauseId)) return bySet.get(clauseId);
  const at = set.policies.findIndex((lp) => lp.policy.clauses.some((c) => c.id === clauseId));
  let use: HistoryUse | undefined;
  if (at >= 0) {
    const lp = set.policies[at]!;
    use = useOf(set, lp.policy, lp.policy.clauses.find((c) => c.id === clauseId)!);
    // Only a reading with a switch in this clause's document can change it (withReadings then
    // shares the document): the others are not built at all, which was 0.4 MB and 2-3 ms a calc.
    const here = new Set((lp.switches ?? []).map((s) => s.reading));
    for (const r of set.readings.filter((x) => here.has(x.id)))
      for (const o of r.options) {
        if (o.id === set.choices[r.id]) continue;
        // Only an option that changes this clause's document can make it read other fields.
        const variant = withReadings(set, { [r.id]: o.id });
        const other = variant.policies[at]!;
        if (other === lp) continue;
        const c = other.policy.clauses.find((x) => x.id === clauseId);
        if (c) widen(use, useOf(variant, other.policy, c));
      }
  }
  bySet.set(clauseId, use);
  return use;
}

/** Every clause id of the set, for "no such clause" and its did-you-mean. */
function clauseIds(set: RuleSet): string[] {
  return set.policies.flatMap((lp) => lp.policy.clauses.map((c) => c.id));
}

/** Accept in `use` whatever `other` (the clause under another reading) reads. */
function widen(use: HistoryUse | undefined, other: HistoryUse): void {
  if (!use || !other.needed.length) return;
  const extra = [...new Set([...other.needed, ...COUNTERS])].filter((f) => !use.accepted.includes(f));
  use.accepted.push(...extra);
  for (const t of other.tiers) if (!use.tiers.some((x) => x.text === t.text)) use.tiers.push(t);
  for (const f of other.levelFacts) if (!use.levelFacts.includes(f)) use.levelFacts.push(f);
}

/** A history field in a language, e.g. 已领取年数. */
export function fieldName(field: HistoryField, lang: 'zh' | 'en'): string {
  return catalogue(lang).words[`hf_${field}`] ?? field;
}

/** A history field's name in both languages, for a finding. */
export function fieldWords(field: HistoryField): Words {
  return { zh: fieldName(field, 'zh'), en: fieldName(field, 'en') };
}

/** A shape reason listing every history field as it is written in a file (its key), with its name in zh. */
export function fieldsReason(key: 'historyEntryShape' | 'historyFileShape' | 'historyOfShape' | 'historyUnderShape', args: Record<string, string> = {}): Words {
  const zh = reason(key, { ...args, fields: HISTORY_FIELDS.map((f) => `${f}（${fieldName(f, 'zh')}）`).join('、') }).zh;
  const en = reason(key, { ...args, fields: HISTORY_FIELDS.join(', ') }).en;
  return { zh, en };
}

function fieldList(fields: HistoryField[], lang: 'zh' | 'en'): string {
  return fields.length ? fields.map((f) => fieldName(f, lang)).join(lang === 'zh' ? '、' : ', ') : catalogue(lang).words.historyFieldsNone!;
}

/**
 * Reads one history value for one clause, as every input path gives it (an
 * input file's `history:`, a batch column history.<clause>.<field>, a line of
 * --history). The clause must exist, the field must be one the clause's rule
 * reads, and the value must be one it can mean: a level is a value of the
 * clause's levels fact (id, label or alias, e.g. 省级), a highest tier one of
 * its thresholds (2000万). Blank is unknown.
 */
export function readHistoryField(set: RuleSet, clauseId: string, field: string, raw: unknown): FieldResult {
  const use = historyUse(set, clauseId);
  if (!use) return fail('UNKNOWN_CLAUSE', { clause: clauseId }, didYouMean(clauseId, clauseIds(set)));
  if (!(HISTORY_FIELDS as readonly string[]).includes(field))
    return fail('UNKNOWN_FIELD', { field }, didYouMean(field, use.accepted) ?? didYouMean(field, HISTORY_FIELDS));
  const f = field as HistoryField;
  if (isBlank(raw)) return { ok: true, value: undefined };
  if (!use.accepted.includes(f)) {
    const clause = clauseName(use.policy, use.clause);
    return fail('HISTORY_FIELD_UNUSED', {
      clause,
      field: fieldName(f, 'zh'),
      fieldEn: fieldName(f, 'en'),
      allowed: fieldList(use.needed, 'zh'),
      allowedEn: fieldList(use.needed, 'en'),
    });
  }
  if (typeof raw === 'object') return fail('BAD_VALUE', { fact: fieldWords(f), detail: reason('notList') });
  switch (f) {
    case 'paid_total':
      return readPaid(raw);
    case 'years_paid':
    case 'times_paid':
      return readCount(f, raw);
    case 'highest_tier':
      return readTier(use, raw);
    case 'level':
      return readLevel(use, raw);
  }
}

function fail(code: ErrorCode, args: Finding['args'], suggestion?: string): FieldResult {
  return { ok: false, code, args, ...(suggestion ? { hint: { code: 'DID_YOU_MEAN' as const, suggestion } } : {}) };
}

function readPaid(raw: unknown): FieldResult {
  const p = typeof raw === 'number' ? (Number.isFinite(raw) ? { value: new Decimal(String(raw)) } : undefined) : parseAmount(String(raw));
  const bad = !p || p.value.isNegative() || !p.value.isFinite() || ('percent' in p && p.percent) || ('currency' in p && p.currency === 'USD');
  return bad ? fail('BAD_VALUE', { fact: fieldWords('paid_total'), detail: reason('notYuan', { value: String(raw) }) }) : { ok: true, value: p.value };
}

function readCount(f: 'years_paid' | 'times_paid', raw: unknown): FieldResult {
  // "2年", "1次" say the unit the field already has.
  const s =
    typeof raw === 'number'
      ? String(raw)
      : String(raw)
          .normalize('NFKC')
          .trim()
          .replace(f === 'years_paid' ? /年$/ : /次$/, '');
  const n = /^\d{1,3}$/.test(s) ? Number(s) : NaN;
  return Number.isInteger(n) && n <= 100
    ? { ok: true, value: n }
    : fail('BAD_VALUE', { fact: fieldWords(f), detail: reason('notCount', { value: String(raw) }) });
}

/** A threshold as written (2000万, 20000000) or a tier's label; anything else names the valid thresholds. */
function readTier(use: HistoryUse, raw: unknown): FieldResult {
  const text = String(raw).normalize('NFKC').trim();
  const byLabel = use.tiers.find((t) => t.label !== undefined && choiceKey(t.label) === choiceKey(text));
  if (byLabel) return { ok: true, value: byLabel.at };
  const p = typeof raw === 'number' ? (Number.isFinite(raw) ? { value: new Decimal(String(raw)), percent: false } : undefined) : parseAmount(text);
  const hit = p && !p.percent ? use.tiers.find((t) => t.at.equals(p.value)) : undefined;
  if (hit) return { ok: true, value: hit.at };
  // The award received is the usual slip (5万 for the 500万 tier), then a missing 万.
  const asAmount = p ? use.tiers.find((t) => parseAmount(t.amount)?.value.equals(p.value)) : undefined;
  const missingWan = p ? use.tiers.find((t) => t.at.equals(p.value.times(10000))) : undefined;
  const clause = clauseName(use.policy, use.clause);
  const tiers = use.tiers.map((t) => t.text);
  const value = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  return fail('NOT_A_TIER', { value, clause, tiers: tiers.join('、'), tiersEn: tiers.join(', ') }, (asAmount ?? missingWan)?.text);
}

function readLevel(use: HistoryUse, raw: unknown): FieldResult {
  let first: FieldResult | undefined;
  for (const fact of use.levelFacts) {
    const r = readChoice(fact, raw);
    if (r.ok) return { ok: true, value: r.id };
    first ??= { ok: false, code: r.code, args: r.args };
  }
  return first!;
}

/** Where a problem is and what it is; the caller adds positions. */
export type HistoryReport = (r: Extract<FieldResult, { ok: false }>, path: (string | number)[]) => void;

/**
 * One clause's entry: each field through readHistoryField. Returns the typed
 * entry (possibly empty: present, but saying nothing yet) or undefined when the
 * entry is not a mapping.
 */
export function readHistoryEntry(set: RuleSet, clauseId: string, raw: unknown, report: HistoryReport): ClauseHistory | undefined {
  if (!historyUse(set, clauseId)) {
    report(fail('UNKNOWN_CLAUSE', { clause: clauseId }, didYouMean(clauseId, clauseIds(set))) as Extract<FieldResult, { ok: false }>, ['history', clauseId]);
    return undefined;
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    report({ ok: false, code: 'SCHEMA', args: { detail: fieldsReason('historyEntryShape') } }, ['history', clauseId]);
    return undefined;
  }
  const entry: ClauseHistory = {};
  for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
    const r = readHistoryField(set, clauseId, k, v);
    if (!r.ok) report(r, ['history', clauseId, k]);
    else if (r.value !== undefined) (entry as Record<string, unknown>)[k] = r.value;
  }
  return entry;
}
