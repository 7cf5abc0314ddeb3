import type { ClauseResult, Evaluation, PolicyResult } from '../engine/types.js';
import type { Level } from '../schema/region-schema.js';
import { catalogue, fill, type Lang } from '../i18n/messages.js';
import { formatYuan } from '../money/decimal.js';

/** A row of the itemised report, already worded: shared by the table, CSV and Markdown renderers. */
export interface ReportRow {
  document: string;
  clause: string;
  title: string;
  status: string;
  /** The result status or policy applicability behind `status`, for colouring. */
  statusCode: string;
  award: string;
  shares: Partial<Record<Level, string>>;
  note: string;
  clauseId?: string;
}

const SHOWN = new Set(['eligible', 'ceiling', 'needs_data', 'superseded', 'excluded']);

export function levelsUsed(ev: Evaluation): Level[] {
  const order: Level[] = ['province', 'city', 'local'];
  const used = new Set<Level>();
  for (const p of ev.policies) for (const c of p.clauses) for (const part of c.split?.parts ?? []) used.add(part.level);
  return order.filter((l) => used.has(l));
}

export function docLabel(p: PolicyResult, lang: Lang): string {
  const m = catalogue(lang);
  const label = p.docNumber ?? p.shortTitle ?? p.title;
  // Short titles of drafts already say 征求意见稿; only add the marker where the name lacks it.
  return p.draft && !label.includes('征求意见稿') && !label.includes(m.words.draft!) ? `${label}（${m.words.draft}）` : label;
}

export function clauseNote(c: ClauseResult, lang: Lang): string {
  const m = catalogue(lang);
  const bits: string[] = [];
  if (c.status === 'needs_data') bits.push(`${m.words.missing}: ${c.missing.join(', ')}`);
  if (c.reason) bits.push(fill(m.reason[c.reason.code] ?? c.reason.code, { detail: c.reason.detail }));
  if (c.supersededBy) bits.push(`${m.words.supersededBy} ${c.supersededBy}`);
  if (c.split && c.split.parts.length === 0) bits.push(m.words.perRegime!);
  if (c.split?.source.kind === 'regime_file') bits.push(`${m.words.shares}: ${c.split.source.file}`);
  if (c.instalments) bits.push(`${m.words.instalments}: ${c.instalments.map((x) => formatYuan(x)).join(' / ')}`);
  return bits.join('; ');
}

/** Rows for one enterprise; `all` adds not-eligible and information-only clauses. */
export function reportRows(ev: Evaluation, lang: Lang, all = false): ReportRow[] {
  const m = catalogue(lang);
  const rows: ReportRow[] = [];
  for (const p of ev.policies) {
    if (p.applicability !== 'applies') {
      const status = m.status[p.applicability];
      rows.push({ document: docLabel(p, lang), clause: '—', title: p.title, status, statusCode: p.applicability, award: '', shares: {}, note: p.note ?? (p.applicability === 'not_covered' ? m.words.notCovered! : m.words.notInForce!) });
      continue;
    }
    for (const c of p.clauses) {
      if (!all && !SHOWN.has(c.status)) continue;
      const amount = c.amount ?? c.potential;
      const shares: ReportRow['shares'] = {};
      for (const part of c.split?.parts ?? []) shares[part.level] = formatYuan(part.amount);
      const status = c.status === 'info' ? m.ruleStatus[c.ruleStatus]! : m.status[c.status];
      rows.push({
        document: docLabel(p, lang),
        clause: c.part ? `${c.number} ${c.part}` : c.number,
        title: c.title,
        status,
        statusCode: c.status,
        award: amount ? (c.status === 'needs_data' ? `(${formatYuan(amount)})` : formatYuan(amount)) : '',
        shares,
        note: clauseNote(c, lang),
        clauseId: c.clauseId,
      });
    }
  }
  return rows;
}

/** Counts of what the default table leaves out, so nothing disappears silently. */
export function hiddenCounts(ev: Evaluation): { notEligible: number; info: number } {
  let notEligible = 0;
  let info = 0;
  for (const p of ev.policies)
    for (const c of p.clauses) {
      if (c.status === 'not_eligible') notEligible++;
      if (c.status === 'info') info++;
    }
  return { notEligible, info };
}
