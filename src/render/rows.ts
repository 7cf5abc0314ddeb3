import type { ClauseResult, Evaluation, PartialYear, PolicyResult } from '../engine/types.js';
import type { Level } from '../schema/region-schema.js';
import { catalogue, fill, type Lang } from '../i18n/messages.js';
import { formatYuan, type Decimal } from '../money/decimal.js';
import type { Labels } from './labels.js';

/**
 * A row of the itemised report, already worded: shared by the table, CSV and
 * Markdown renderers. Each kind of amount has its own column, so that summing
 * the sure column gives the sure total and nothing else.
 */
export interface ReportRow {
  document: string;
  clause: string;
  title: string;
  status: string;
  /** The result status or policy applicability behind `status`, for colouring. */
  statusCode: string;
  amounts: Amounts;
  /** Each level's part of the sure amount (ceilings are not split into the level columns). */
  shares: Partial<Record<Level, string>>;
  note: string;
  /** The covered dates when the data year is only partly inside the document's validity. */
  partial: string;
  clauseId?: string;
  /** The document the row belongs to (every row has one). */
  policyId?: string;
}

/** The four kinds of amount, each in its own column: a sure award, a ceiling decided by review, a potential, an amount set aside. */
export interface Amounts {
  sure: string;
  ceiling: string;
  potential: string;
  setAside: string;
}

export const AMOUNT_KINDS = ['sure', 'ceiling', 'potential', 'setAside'] as const;
const SHOWN = new Set(['eligible', 'ceiling', 'needs_data', 'superseded', 'excluded']);
const NO_AMOUNTS: Amounts = Object.freeze({ sure: '', ceiling: '', potential: '', setAside: '' });

/** Which amount column a clause's figure belongs in (undefined: none). */
export function amountKind(c: ClauseResult): (typeof AMOUNT_KINDS)[number] | undefined {
  if (c.status === 'eligible' && c.amount) return 'sure';
  if (c.status === 'ceiling' && c.amount) return 'ceiling';
  if (c.status === 'needs_data' && c.potential) return 'potential';
  if ((c.status === 'excluded' || c.status === 'superseded') && c.amount) return 'setAside';
  return undefined;
}

export function amountsOf(c: ClauseResult, format: (d: Decimal) => string = formatYuan): Amounts {
  const kind = amountKind(c);
  if (!kind) return NO_AMOUNTS;
  return { ...NO_AMOUNTS, [kind]: format(kind === 'potential' ? c.potential! : c.amount!) };
}

export function levelsUsed(ev: Evaluation): Level[] {
  const order: Level[] = ['province', 'city', 'local'];
  const used = new Set<Level>();
  for (const p of ev.policies) for (const c of p.clauses) if (c.status === 'eligible') for (const part of c.split?.parts ?? []) used.add(part.level);
  return order.filter((l) => used.has(l));
}

/** The amount columns any row of this evaluation fills: the sure column always, the others when used. */
export function amountColumnsUsed(rows: ReportRow[]): (typeof AMOUNT_KINDS)[number][] {
  return AMOUNT_KINDS.filter((k) => k === 'sure' || rows.some((r) => r.amounts[k]));
}

export function docLabel(p: Pick<PolicyResult, 'docNumber' | 'shortTitle' | 'title' | 'draft'>, lang: Lang): string {
  const m = catalogue(lang);
  const label = p.docNumber ?? p.shortTitle ?? p.title;
  // Short titles of drafts already say 征求意见稿; only add the marker where the name lacks it.
  return p.draft && !label.includes('征求意见稿') && !label.includes(m.words.draft!) ? `${label}（${m.words.draft}）` : label;
}

/** "2025 年仅 2025-01-01 至 2025-01-01 在有效期内（1 天）". */
export function partialText(py: PartialYear | undefined, year: number, lang: Lang): string {
  if (!py) return '';
  const w = catalogue(lang).words;
  return fill(py.counted ? w.partialCounted! : w.partialNotCounted!, { year, from: py.from, to: py.to, days: py.days });
}

const join = (lang: Lang) => (lang === 'zh' ? '、' : ', ');

/** A clause number as a reader cites it: 第15条 for a bare number, （十八） as printed. */
export function clauseRef(number: string, lang: Lang): string {
  return /^\d+$/.test(number) ? (lang === 'zh' ? `第${number}条` : `item ${number}`) : number;
}

/** What a reader needs beside a clause's figure: what is missing, why it pays nothing, who pays. In plain words. */
export function clauseNote(c: ClauseResult, l: Labels, opts: { split?: boolean } = {}): string {
  const m = catalogue(l.lang);
  const w = m.words;
  const bits: string[] = [];
  const colon = l.lang === 'zh' ? '：' : ': ';
  if (c.status === 'needs_data') {
    // A fact only an authority knows says who supplies it (由县财政局提供).
    const named = (f: string) => (l.supplier(f) ? (l.lang === 'zh' ? `${l.fact(f)}（${l.supplier(f)}）` : `${l.fact(f)} (${l.supplier(f)})`) : l.fact(f));
    if (c.missing.length) bits.push(`${w.missing}${colon}${c.missing.map(named).join(join(l.lang))}`);
    if (c.missingHistory?.length) bits.push(`${w.missingHistory}${colon}${c.missingHistory.map((f) => l.history(f)).join(join(l.lang))}`);
  }
  if (c.reason) bits.push(reasonText(c, l));
  if (c.supersededBy) bits.push(fill(w.supersededBy!, { clause: l.clause(c.supersededBy) }));
  // The explanation says who pays once, in its own line: the note leaves it out there.
  if (opts.split !== false) {
    if (c.split && c.split.parts.length === 0) bits.push(w.perRegime!);
    if (c.status === 'ceiling' && c.split?.parts.length)
      bits.push(fill(w.ceilingSplit!, { parts: c.split.parts.map((p) => `${l.level(p.level)} ${p.share.times(100).toFixed()}%`).join(join(l.lang)) }));
    if (c.split?.source.kind === 'regime_file') bits.push(`${w.shares}${colon}${c.split.source.file}`);
  }
  if (c.instalments) bits.push(`${w.instalments}${colon}${c.instalments.map((x) => formatYuan(x)).join(' / ')}`);
  return bits.join(l.lang === 'zh' ? '；' : '; ');
}

function reasonText(c: ClauseResult, l: Labels): string {
  const m = catalogue(l.lang);
  const code = c.reason!.code;
  const detail = c.reason!.detail;
  if (code === 'beneficiary' && detail) return fill(m.reason.beneficiary!, { detail: l.kinds(detail.split(',')) });
  if (code === 'shared_cap_used' && detail) {
    const cap = l.set.policies.find((lp) => lp.policy.id === c.policyId)?.policy.shared_caps?.find((x) => x.id === detail);
    const others = cap ? l.list(cap.clauses.filter((id) => id !== c.clauseId).map((id) => l.clauseShort(id))) : detail;
    return fill(m.reason.shared_cap_used!, { detail: others });
  }
  if (code === 'exclusion' && detail) {
    const ex = l.set.policies.find((lp) => lp.policy.id === c.policyId)?.policy.exclusions.find((x) => x.id === detail);
    return fill(m.reason.exclusion!, { detail: ex ? `${ex.quote}（${clauseRef(ex.clause, l.lang)}）` : detail });
  }
  return fill(m.reason[code] ?? code, { detail });
}

/** A document-level row: not in force, not covered, or barred as a whole by a disqualifier. */
function policyRow(p: PolicyResult, year: number, l: Labels): ReportRow {
  const m = catalogue(l.lang);
  const status = m.status[p.applicability as 'not_in_force' | 'not_covered'];
  const note = p.note ? l.note(p.note) : p.applicability === 'not_covered' ? m.words.notCovered! : m.words.notInForce!;
  return {
    document: docLabel(p, l.lang),
    clause: '—',
    title: p.title,
    status,
    statusCode: p.applicability,
    amounts: NO_AMOUNTS,
    shares: {},
    note,
    partial: partialText(p.partialYear, year, l.lang),
    policyId: p.policyId,
  };
}

function excludedRow(p: PolicyResult, l: Labels): ReportRow {
  const m = catalogue(l.lang);
  const ex = p.exclusion!;
  return {
    document: docLabel(p, l.lang),
    clause: ex.clause,
    title: p.title,
    status: m.status.excluded,
    statusCode: 'excluded',
    amounts: NO_AMOUNTS,
    shares: {},
    note: fill(m.reason.exclusion!, { detail: `${ex.quote}（${clauseRef(ex.clause, l.lang)}）` }),
    partial: '',
    policyId: p.policyId,
  };
}

/**
 * Rows for one enterprise; `all` adds not-eligible and information-only clauses.
 * A document barred as a whole gets one row saying why, plus the clauses whose
 * award it sets aside; its other clauses are counted among those not listed.
 */
export function reportRows(ev: Evaluation, l: Labels, all = false): ReportRow[] {
  const m = catalogue(l.lang);
  const rows: ReportRow[] = [];
  for (const p of ev.policies) {
    if (p.applicability !== 'applies') {
      rows.push(policyRow(p, ev.enterprise.year, l));
      continue;
    }
    if (p.exclusion) rows.push(excludedRow(p, l));
    const partial = partialText(p.partialYear, ev.enterprise.year, l.lang);
    for (const c of p.clauses) {
      if (!all && !SHOWN.has(c.status)) continue;
      if (!all && p.exclusion && !c.amount) continue;
      const shares: ReportRow['shares'] = {};
      if (c.status === 'eligible') for (const part of c.split?.parts ?? []) shares[part.level] = formatYuan(part.amount);
      const status = c.status === 'info' ? m.ruleStatus[c.ruleStatus]! : m.status[c.status];
      rows.push({
        document: docLabel(p, l.lang),
        clause: c.part ? `${c.number} ${c.part}` : c.number,
        title: c.title,
        status,
        statusCode: c.status,
        amounts: amountsOf(c),
        shares,
        note: clauseNote(c, l),
        partial,
        clauseId: c.clauseId,
        policyId: p.policyId,
      });
    }
  }
  return rows;
}

/** Counts of what the default table leaves out, so nothing disappears silently. */
/** "Not shown: …", naming only the kinds that were left out. */
export function hiddenLine(ev: Evaluation, lang: Lang): string | undefined {
  const h = hiddenCounts(ev);
  const a = catalogue(lang).advice;
  const parts = [
    h.notEligible && fill(a.hiddenNotEligible!, { n: h.notEligible }),
    h.excluded && fill(a.hiddenExcluded!, { n: h.excluded }),
    h.info && fill(a.hiddenInfo!, { n: h.info }),
  ].filter(Boolean);
  return parts.length ? fill(a.hidden!, { parts: parts.join(lang === 'zh' ? '，' : ', ') }) : undefined;
}

export function hiddenCounts(ev: Evaluation): { notEligible: number; excluded: number; info: number } {
  let notEligible = 0;
  let excluded = 0;
  let info = 0;
  for (const p of ev.policies)
    for (const c of p.clauses) {
      if (c.status === 'not_eligible') notEligible++;
      if (p.exclusion && c.status === 'excluded' && !c.amount) excluded++;
      if (c.status === 'info') info++;
    }
  return { notEligible, excluded, info };
}

/** Documents whose data year is only partly covered, worded, for a line under the figures. */
export function partialYearLines(ev: Evaluation, lang: Lang): string[] {
  return ev.policies.filter((p) => p.partialYear).map((p) => `${docLabel(p, lang)}: ${partialText(p.partialYear, ev.enterprise.year, lang)}`);
}
