import type { Finding } from '../../errors/codes.js';
import { didYouMean } from '../../errors/did-you-mean.js';
import { FindingBudget } from '../../errors/finding-budget.js';
import type { RuleSet } from '../../model/rule-set.js';
import type { Fact } from '../../schema/fact-schema.js';

export type FixedKey = 'id' | 'name' | 'region' | 'year';
export const HISTORY_FIELDS = ['paid_total', 'years_paid', 'times_paid', 'highest_tier', 'level'] as const;
export type HistoryField = (typeof HISTORY_FIELDS)[number];

/**
 * The columns every batch file may have besides facts, and the headers people
 * give them: the one table of these names (the template writes the second of
 * each; a fact's names come from the fact dictionary). A test checks that none
 * is also the name of a fact.
 */
export const FIXED_HEADERS: Record<FixedKey, string[]> = {
  id: ['id', '企业编号', '编号', '统一社会信用代码', '社会信用代码', '信用代码', '企业代码'],
  name: ['name', '企业名称', '名称', '公司名称', '单位名称', '企业（单位）名称', '申报单位', '申报企业'],
  region: ['region', '地区', '所在地区', '区县', '所在区县', '区域', '所在区域', '所在地', '所属区县', '所属地区'],
  year: ['year', '年度', '数据年度', '年份', '申报年度', '统计年度'],
};

export type Column =
  | { kind: 'fixed'; key: FixedKey; header: string }
  | { kind: 'fact'; fact: Fact; header: string }
  | { kind: 'history'; clause: string; field: HistoryField; header: string }
  | { kind: 'ignored'; header: string; sameAs?: number };

/** Headers are compared after NFKC (full-width brackets, spaces) and case folding. */
const norm = (s: string) => s.normalize('NFKC').trim().toLowerCase();

export interface HeaderNames {
  /** Normalised header → fixed key or fact id. */
  lookup: Map<string, { key: FixedKey } | { fact: string }>;
  /** What a header may be, for did-you-mean. */
  candidates: string[];
  clauseIds: Set<string>;
}

export function headerNames(set: RuleSet): HeaderNames {
  const lookup: HeaderNames['lookup'] = new Map();
  const candidates: string[] = [];
  for (const [key, names] of Object.entries(FIXED_HEADERS) as [FixedKey, string[]][])
    for (const n of names) {
      lookup.set(norm(n), { key });
      candidates.push(n);
    }
  for (const f of set.facts.values())
    for (const n of [f.id, f.label.zh, ...f.aliases]) {
      if (!lookup.has(norm(n))) lookup.set(norm(n), { fact: f.id });
      candidates.push(n);
    }
  const clauseIds = new Set(set.policies.flatMap((p) => p.policy.clauses.map((c) => c.id)));
  return { lookup, candidates, clauseIds };
}

/** Whether a header cell names a column (a fixed column, a fact, or a history field): for finding a sheet's header. */
export function isKnownHeader(names: HeaderNames, cell: string): boolean {
  if (names.lookup.has(norm(cell.replace(/^facts\./i, '')))) return true;
  const h = historyColumn(cell, names);
  return Boolean(h && 'clause' in h);
}

/** `history.<clause-id>.<field>`, e.g. history.lishui-2020/1a.highest_tier. */
function historyColumn(header: string, names: HeaderNames): { clause: string; field: HistoryField } | { suggestion: () => string | undefined } | undefined {
  const m = /^history\.(.+)\.([^.]+)$/i.exec(header.trim());
  if (!m) return undefined;
  const [, clause, field] = m as unknown as [string, string, string];
  const okClause = names.clauseIds.has(clause);
  const okField = (HISTORY_FIELDS as readonly string[]).includes(field);
  if (okClause && okField) return { clause, field: field as HistoryField };
  // Worked out only for the headers that are listed (see FindingBudget).
  const suggestion = () => {
    const c = okClause ? clause : didYouMean(clause, names.clauseIds);
    const f = okField ? field : didYouMean(field, HISTORY_FIELDS);
    return c && f ? `history.${c}.${f}` : undefined;
  };
  return { suggestion };
}

function itemOf(c: Column): string | undefined {
  if (c.kind === 'fixed') return c.key;
  if (c.kind === 'fact') return c.fact.id;
  if (c.kind === 'history') return `history.${c.clause}.${c.field}`;
  return undefined;
}

/**
 * Maps each header cell to what it holds. Unknown and duplicate headers are
 * returned as findings (reported once, not per row) and their columns ignored.
 */
export function mapHeaders(
  set: RuleSet,
  names: HeaderNames,
  cells: string[],
  pos: { file: string; line: number; sheet?: string },
): { columns: Column[]; findings: Finding[] } {
  const findings: Finding[] = [];
  const budget = new FindingBudget();
  const firstOf = new Map<string, number>();
  const columns = cells.map((raw, i): Column => {
    const header = raw.trim();
    const at = { file: pos.file, line: pos.line, column: i + 1, field: header, ...(pos.sheet !== undefined ? { sheet: pos.sheet } : {}) };
    if (!header) return { kind: 'ignored', header };
    const hit = names.lookup.get(norm(header.replace(/^facts\./i, '')));
    const hist = hit ? undefined : historyColumn(header, names);
    let col: Column;
    if (hit && 'key' in hit) col = { kind: 'fixed', key: hit.key, header };
    else if (hit) col = { kind: 'fact', fact: set.facts.get(hit.fact)!, header };
    else if (hist && 'clause' in hist) col = { kind: 'history', clause: hist.clause, field: hist.field, header };
    else {
      if (!budget.take('UNKNOWN_COLUMN')) return { kind: 'ignored', header };
      const suggestion = hist ? hist.suggestion() : didYouMean(header, names.candidates);
      findings.push({ code: 'UNKNOWN_COLUMN', args: { column: header }, ...at, ...(suggestion ? { hint: { code: 'DID_YOU_MEAN', suggestion } } : {}) });
      return { kind: 'ignored', header };
    }
    const item = itemOf(col)!;
    const first = firstOf.get(item);
    if (first !== undefined) {
      if (!budget.take('DUPLICATE_COLUMN')) return { kind: 'ignored', header, sameAs: first };
      findings.push({ code: 'DUPLICATE_COLUMN', args: { column: header, first: first + 1, item }, ...at });
      // Read only to check it agrees with the first: a row where the two differ is an error row.
      return { kind: 'ignored', header, sameAs: first };
    }
    firstOf.set(item, i);
    return col;
  });
  findings.push(...budget.rest({ file: pos.file, line: pos.line, ...(pos.sheet !== undefined ? { sheet: pos.sheet } : {}) }));
  return { columns, findings };
}
