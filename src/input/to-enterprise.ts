import type { Finding, Position } from '../errors/codes.js';
import { didYouMean } from '../errors/did-you-mean.js';
import type { RuleSet } from '../model/rule-set.js';
import { regionsStartingWith, resolveRegion } from '../model/regions.js';
import type { ClauseHistory, Enterprise } from '../model/enterprise.js';
import { coerceFactValue, isBlank } from './coerce-value.js';
import type { FactValue } from '../model/fact-value.js';
import { readHistoryEntry } from './read-history-entry.js';
import { FindingBudget } from '../errors/finding-budget.js';
import { excelError } from './excel-errors.js';
import { reason } from '../i18n/reasons.js';

export type Locate = (path: (string | number)[]) => Position;

export interface EnterpriseInput {
  id?: unknown;
  name?: unknown;
  region?: unknown;
  year?: unknown;
  facts?: unknown;
  history?: unknown;
}

const TOP_KEYS = ['id', 'name', 'region', 'year', 'facts', 'history'];

/** Resolves a fact id or any of its Chinese aliases and labels (CSV headers, YAML keys). */
export function factIndex(set: RuleSet): Map<string, string> {
  const idx = new Map<string, string>();
  for (const f of set.facts.values()) {
    idx.set(f.id, f.id);
    idx.set(f.label.zh, f.id);
    for (const a of f.aliases) idx.set(a, f.id);
  }
  return idx;
}

/**
 * Checks one enterprise record against the fact dictionary and builds the
 * engine's input. Every problem is returned with its position; nothing throws.
 */
export function toEnterprise(
  set: RuleSet,
  input: unknown,
  locate: Locate,
  overrides: { region?: string; year?: number } = {},
  index = factIndex(set),
): { enterprise?: Enterprise; findings: Finding[] } {
  const findings: Finding[] = [];
  const err = (code: Finding['code'], args: Finding['args'], path: (string | number)[], hint?: Finding['hint']) =>
    findings.push({ code, args, ...locate(path), field: path.join('.'), ...(hint ? { hint } : {}) });
  if (!input || typeof input !== 'object' || Array.isArray(input)) {
    err('SCHEMA', { detail: reason('recordShape') }, []);
    return { findings };
  }
  const rec = input as Record<string, unknown>;
  const budget = new FindingBudget();
  for (const key of Object.keys(rec))
    if (!TOP_KEYS.includes(key) && budget.take('UNKNOWN_FIELD')) {
      const s = didYouMean(key, TOP_KEYS) ?? (index.has(key) ? `facts.${key}` : undefined);
      err('UNKNOWN_FIELD', { field: key }, [key], s ? { code: 'DID_YOU_MEAN', suggestion: s } : undefined);
    }
  for (const key of ['id', 'name'] as const) {
    const failed = excelError(rec[key]);
    if (failed !== undefined) err('CELL_ERROR', { value: failed }, [key]);
  }
  const region = readRegion(set, overrides.region ?? rec.region, err);
  const year = readYear(overrides.year ?? rec.year, err);
  const facts = readFacts(set, rec.facts, index, err, locate, budget);
  const history = readHistory(set, rec.history, err, budget);
  findings.push(...budget.rest(() => locate([])));
  if (findings.length || region === undefined || year === undefined) return { findings };
  const enterprise: Enterprise = {
    id: isBlank(rec.id) ? undefined : String(rec.id),
    name: isBlank(rec.name) ? undefined : String(rec.name),
    region,
    year,
    facts,
    history,
  };
  return { enterprise, findings };
}

type Err = (code: Finding['code'], args: Finding['args'], path: (string | number)[], hint?: Finding['hint']) => void;

function readRegion(set: RuleSet, raw: unknown, err: Err): string | undefined {
  if (isBlank(raw)) return void err('MISSING_FIELD', { field: { zh: 'region（地区）', en: 'region' }, key: 'region' }, ['region']);
  if (typeof raw === 'object') return void err('SCHEMA', { detail: reason('regionShape') }, ['region']);
  const code = resolveRegion(set, String(raw));
  if (code) return code;
  const several = regionsStartingWith(set, String(raw));
  if (several.length > 1)
    return void err('AMBIGUOUS_REGION', { region: String(raw), candidates: several.map((c) => set.regions.get(c)!.name).join('、') }, ['region']);
  const names = [...set.regions.values()].flatMap((r) => [r.name, r.code]);
  const s = didYouMean(String(raw), names);
  err('UNKNOWN_REGION', { region: String(raw) }, ['region'], s ? { code: 'DID_YOU_MEAN', suggestion: s } : undefined);
  return undefined;
}

function readYear(raw: unknown, err: Err): number | undefined {
  if (isBlank(raw)) return void err('MISSING_FIELD', { field: { zh: 'year（年度）', en: 'year' }, key: 'year' }, ['year']);
  // Four digits only: a list, true, "2e3" or "0x7E7" is not a year someone meant.
  const s = typeof raw === 'number' || typeof raw === 'string' ? String(raw).trim().replace(/年$/, '') : '';
  const y = /^\d{4}$/.test(s) ? Number(s) : NaN;
  if (y >= 2000 && y <= 2100) return y;
  err('BAD_YEAR', { value: typeof raw === 'object' ? JSON.stringify(raw) : String(raw) }, ['year']);
  return undefined;
}

/** A place in a file as `file:line:column` (what a message names as the first of two places). */
function placeOf(p: Position): string {
  return [p.file, p.line, p.column].filter((x) => x !== undefined).join(':') || String(p.field ?? '?');
}

function readFacts(set: RuleSet, raw: unknown, index: Map<string, string>, err: Err, locate: Locate, budget = new FindingBudget()): Map<string, FactValue> {
  const out = new Map<string, FactValue>();
  // A fact given twice (by id and by a label, or with a trailing space) would be read the last way: refused instead.
  const keyOf = new Map<string, string>();
  if (raw === undefined || raw === null) return out;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    err('SCHEMA', { detail: reason('factsShape') }, ['facts']);
    return out;
  }
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    const id = index.get(key.trim());
    if (!id) {
      if (!budget.take('UNKNOWN_FACT')) continue;
      const s = didYouMean(key, index.keys());
      err('UNKNOWN_FACT', { fact: key }, ['facts', key], s ? { code: 'DID_YOU_MEAN', suggestion: s } : undefined);
      continue;
    }
    const before = keyOf.get(id);
    if (before !== undefined) {
      err('DUPLICATE_GIVEN', { item: id, first: placeOf(locate(['facts', before])), second: placeOf(locate(['facts', key])) }, ['facts', key]);
      continue;
    }
    keyOf.set(id, key);
    const failed = excelError(value);
    if (failed !== undefined) {
      err('CELL_ERROR', { value: failed }, ['facts', key]);
      continue;
    }
    const r = coerceFactValue(set.facts.get(id)!, value);
    if (!r.ok)
      err(
        r.code,
        { fact: set.facts.get(id)!.label, detail: r.detail, ...r.args },
        ['facts', key],
        r.suggestion ? { code: 'DID_YOU_MEAN', suggestion: r.suggestion } : undefined,
      );
    else if (r.value !== undefined) out.set(id, r.value);
  }
  return out;
}

/** Award history checked as toEnterprise checks it, with each finding placed by `locate` (a --history file's lines). */
export function historyFindings(set: RuleSet, raw: unknown, locate: Locate): Finding[] {
  const findings: Finding[] = [];
  readHistory(set, raw, (code, args, path, hint) => findings.push({ code, args, ...locate(path), field: path.join('.'), ...(hint ? { hint } : {}) }));
  return findings;
}

function readHistory(set: RuleSet, raw: unknown, err: Err, _budget = new FindingBudget()): Map<string, ClauseHistory> {
  const out = new Map<string, ClauseHistory>();
  if (raw === undefined || raw === null) return out;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    err('SCHEMA', { detail: reason('historyShape') }, ['history']);
    return out;
  }
  for (const [clauseId, h] of Object.entries(raw as Record<string, unknown>)) {
    const entry = readHistoryEntry(set, clauseId, h, (r, path) => err(r.code, r.args, path, r.hint));
    if (entry) out.set(clauseId, entry);
  }
  return out;
}
