import { Decimal } from '../money/decimal.js';
import { amountHint, parseAmount, parseBoolean, parseDate } from '../money/parse-amount.js';
import type { Fact } from '../schema/fact-schema.js';
import { reason } from '../i18n/reasons.js';
import { readChoice, splitChoices } from './enum-choices.js';
import { coerceRecordList } from './record-list.js';
import type { Coerced } from './coerced.js';

export type { Coerced } from './coerced.js';

const BLANK = new Set(['', '-', '—', '不详', '未知', 'unknown', 'n/a', 'na', '?', '？']);
const BLANK_CHARS = Math.max(...[...BLANK].map((w) => w.length));

/** Blank, null and "不详" mean unknown: never zero. */
export function isBlank(raw: unknown): boolean {
  if (raw === null || raw === undefined) return true;
  if (typeof raw !== 'string') return false;
  // No blank word is longer than BLANK_CHARS: a longer cell that trim() cannot shorten is not blank (most cells).
  if (raw.length > BLANK_CHARS && untrimmable(raw.charCodeAt(0)) && untrimmable(raw.charCodeAt(raw.length - 1))) return false;
  return BLANK.has(raw.trim().toLowerCase());
}

/** Printable ASCII and CJK ideographs: characters trim() never removes. */
function untrimmable(c: number): boolean {
  return (c > 32 && c < 127) || (c >= 0x4e00 && c <= 0x9fff);
}

const LIST_SPLIT = /[;；、|]/;

/**
 * The one place that turns what a person typed (in a YAML file, a CSV cell, a
 * prompt, or a rule's threshold) into a typed fact value, or says why not.
 */
export function coerceFactValue(fact: Fact, raw: unknown): Coerced {
  if (isBlank(raw)) return { ok: true, value: undefined };
  // Records come as a list of mappings, or typed in one cell: see record-list.ts.
  if (fact.type === 'record_list') return coerceRecordList(fact, raw, coerceFactValue);
  const listed = Array.isArray(raw) && (fact.type === 'enum_set' || fact.type === 'money_list');
  if (typeof raw === 'object' && !listed && !(raw instanceof Date)) return { ok: false, code: 'BAD_VALUE', detail: reason('oneValue', { value: show(raw) }) };
  switch (fact.type) {
    case 'boolean':
      return coerceBoolean(raw);
    case 'enum':
      return coerceEnum(fact, raw);
    case 'enum_set':
      return coerceEnumSet(Array.isArray(raw) ? raw : listItems(fact, String(raw)), (p) => coerceEnum(fact, p));
    case 'date': {
      const d = raw instanceof Date ? raw.toISOString().slice(0, 10) : parseDate(String(raw));
      return d ? { ok: true, value: d } : { ok: false, code: 'BAD_VALUE', detail: reason('notDate', { value: String(raw) }) };
    }
    case 'money_list': {
      const item = { ...fact, type: 'money_cny' as const };
      return coerceMoneyList(Array.isArray(raw) ? raw : listItems(fact, String(raw)), (p) => coerceNumber(item, p));
    }
    default:
      return coerceNumber(fact, raw);
  }
}

/**
 * The items of a list typed in one cell or answer: enum sets also split on commas
 * (but not inside a label such as 区、县（市）政府), money lists do not (5,000 is one amount).
 */
export function listItems(fact: Fact, raw: string): string[] {
  if (fact.type === 'enum_set') return splitChoices(fact, raw);
  return raw
    .split(LIST_SPLIT)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** An enum set from its items, each read by `item` (batch passes a cached coerceEnum); duplicates kept once. */
export function coerceEnumSet(parts: unknown[], item: (p: unknown) => Coerced): Coerced {
  const out: string[] = [];
  for (const p of parts) {
    if (typeof p === 'object') return { ok: false, code: 'BAD_VALUE', detail: reason('oneValuePerItem', { value: show(p) }) };
    const r = item(p);
    if (!r.ok) return r;
    if (typeof r.value === 'string' && !out.includes(r.value)) out.push(r.value);
  }
  return { ok: true, value: out };
}

/** A money list from its items, each read by `item` (coerceNumber as a CNY amount). */
export function coerceMoneyList(parts: unknown[], item: (p: unknown) => Coerced): Coerced {
  const out: Decimal[] = [];
  for (const p of parts) {
    const r = item(p);
    if (!r.ok) return r;
    if (r.value instanceof Decimal) out.push(r.value);
  }
  return { ok: true, value: out };
}

function coerceBoolean(raw: unknown): Coerced {
  if (typeof raw === 'boolean') return { ok: true, value: raw };
  const b = parseBoolean(String(raw));
  return b === undefined ? { ok: false, code: 'BAD_VALUE', detail: reason('notYesNo', { value: show(raw) }) } : { ok: true, value: b };
}

/** One value of an enum: see readChoice for what is accepted. */
export function coerceEnum(fact: Fact, raw: unknown): Coerced {
  const r = readChoice(fact, raw);
  return r.ok ? { ok: true, value: r.id } : r;
}

export function coerceNumber(fact: Fact, raw: unknown): Coerced {
  let value: Decimal;
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return { ok: false, code: 'BAD_VALUE', detail: reason('notFinite', { value: String(raw) }) };
    value = new Decimal(String(raw));
  } else if (typeof raw === 'string') {
    const p = parseAmount(raw);
    // A misplaced comma gets its own message: "1,5万" is 1.5万 or a slip for 15万, never 150,000.
    if (!p && amountHint(raw)) return { ok: false, code: 'AMOUNT_SEPARATOR', detail: raw.trim() };
    if (!p) return { ok: false, code: 'BAD_VALUE', detail: reason('notAmount', { value: show(raw) }) };
    if (p.currency && fact.type === 'money_usd' && p.currency !== 'USD')
      return { ok: false, code: 'WRONG_CURRENCY', detail: reason('usdFact', { value: show(raw) }), suggestion: fact.derive_from_cny };
    if (p.currency === 'USD' && fact.type !== 'money_usd') return { ok: false, code: 'WRONG_CURRENCY', detail: reason('notUsdFact', { value: show(raw) }) };
    if (p.percent && fact.type !== 'ratio') return { ok: false, code: 'BAD_VALUE', detail: reason('noPercent', { value: show(raw) }) };
    value = p.value;
  } else {
    return { ok: false, code: 'BAD_VALUE', detail: reason('notNumber', { value: show(raw) }) };
  }
  return checkRange(fact, value);
}

/** A fact's plausible range: at least 0 unless the dictionary says otherwise. */
export function rangeOf(fact: Fact): { min: Decimal; max?: Decimal } {
  return { min: bound(fact.range?.min ?? 0), max: fact.range?.max !== undefined ? bound(fact.range.max) : undefined };
}

function checkRange(fact: Fact, value: Decimal): Coerced {
  const { min, max } = rangeOf(fact);
  if (value.lessThan(min)) return { ok: false, code: 'OUT_OF_RANGE', detail: reason('belowMin', { value: value.toFixed(), min: min.toFixed() }) };
  if (max && value.greaterThan(max)) {
    const percent = fact.type === 'ratio' && value.lessThanOrEqualTo(100);
    return { ok: false, code: 'OUT_OF_RANGE', detail: reason(percent ? 'aboveMaxPercent' : 'aboveMax', { value: value.toFixed(), max: max.toFixed() }) };
  }
  if ((fact.type === 'count' || fact.type === 'months') && !value.isInteger())
    return { ok: false, code: 'BAD_VALUE', detail: reason('wholeNumber', { value: value.toFixed() }) };
  return { ok: true, value };
}

const bounds = new Map<number | string, Decimal>();

/** A range bound from the fact dictionary; parsed once, as every value of the fact is checked against it. */
function bound(v: number | string): Decimal {
  let d = bounds.get(v);
  if (!d) bounds.set(v, (d = typeof v === 'number' ? new Decimal(String(v)) : (parseAmount(v)?.value ?? new Decimal(0))));
  return d;
}

function show(raw: unknown): string {
  const s = typeof raw === 'string' ? raw : (JSON.stringify(raw) ?? String(raw));
  return s.length > 40 ? `"${s.slice(0, 40)}…"` : `"${s}"`;
}
