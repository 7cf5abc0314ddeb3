import type { ClauseResult, Evaluation, PolicyResult, TraceStep } from '../engine/types.js';
import type { RuleSet } from '../load/load-rules.js';
import type { Clause } from '../schema/policy-schema.js';
import { catalogue, fill, type Lang } from '../i18n/messages.js';
import { Decimal, formatYuan } from '../money/decimal.js';
import { docLabel } from './rows.js';

const SHOWN = new Set(['eligible', 'ceiling', 'needs_data', 'superseded', 'excluded']);

/** Words for one trace step. The engine records data; all wording is in the catalogue. */
export function traceLine(t: TraceStep, lang: Lang): string {
  const m = catalogue(lang);
  const w = m.trace;
  const tri = (r: boolean | 'unknown') => (r === 'unknown' ? w.unknown! : r ? '✓' : '✗');
  switch (t.kind) {
    case 'validity':
      return fill(w.validity!, { from: t.from, to: t.to ?? w.openEnded, year: t.year, ok: tri(t.ok), partial: t.partial ? w.partial : '', draft: t.draft ? w.draft : '' });
    case 'region':
      return fill(w.region!, { appliesTo: t.appliesTo.join(', '), region: t.region, ok: tri(t.ok) });
    case 'beneficiary':
      return fill(w.beneficiary!, { required: t.required, actual: t.actual?.join(', ') ?? '?', result: tri(t.result) });
    case 'exclusion':
      return fill(w.exclusion!, { id: t.id, clause: t.clause, result: t.result === true ? w.exclusionYes : t.result === false ? w.exclusionNo : w.unknown });
    case 'condition':
      return fill(w.condition!, { subject: t.subject, op: t.op, threshold: t.threshold, actual: t.actual ?? '?', result: tri(t.result) });
    case 'derived':
      return fill(w.derived!, { fact: t.fact, from: t.from, text: t.text });
    case 'formula':
      return fill(w.formula!, { text: t.text });
    case 'cap':
      return fill(w.cap!, { per: t.per, cap: t.cap, before: t.before, after: t.after });
    case 'history':
      return fill(w.history!, { text: fill(m.history[t.note], t.args) });
    case 'rounding':
      return fill(w.rounding!, { before: t.before, after: t.after });
    case 'instalments':
      return fill(w.instalments!, { parts: t.parts.join(' + ') });
    case 'stacking':
      return fill(w.stacking!, { group: t.group, winner: t.winner });
    case 'split': {
      const parts = t.parts.map((p) => `${m.level[p.level] ?? p.level} ${new Decimal(p.share).times(100).toFixed()}% = ${formatYuan(new Decimal(p.amount))}`);
      return fill(w.split!, { parts: parts.join(' + ') || w.splitNone });
    }
  }
}

function splitSourceLine(c: ClauseResult, lang: Lang): string | undefined {
  const s = c.split?.source;
  if (!s) return undefined;
  const w = catalogue(lang).trace;
  const quote = 'quote' in s && s.quote ? ` “${s.quote}”` : '';
  const note = 'note' in s && s.note ? ` — ${s.note}` : '';
  if (s.kind === 'text') return fill(w.sourceText!, { policy: s.policy, clause: s.clause ?? '', quote, note });
  if (s.kind === 'regime_file') return fill(w.sourceRegime!, { file: s.file, title: s.title, source: s.source, note });
  return fill(w.sourceNone!, { policy: s.policy, clause: s.clause ?? '', quote });
}

export function explainClause(p: PolicyResult, c: ClauseResult, clause: Clause | undefined, lang: Lang): string {
  const m = catalogue(lang);
  const amount = c.amount ?? c.potential;
  const head = `■ ${docLabel(p, lang)} ${c.number}${c.part ? ' ' + c.part : ''} ${c.title} — ${m.status[c.status]}${amount ? ` ${formatYuan(amount)}` : ''}`;
  const lines = [head, ...p.trace.map((t) => '  ' + traceLine(t, lang)), ...c.trace.map((t) => '  ' + traceLine(t, lang))];
  if (c.missing.length) lines.push(`  ${m.words.missing}: ${c.missing.join(', ')}`);
  if (c.reason) lines.push(`  ${fill(m.reason[c.reason.code] ?? c.reason.code, { detail: c.reason.detail })}`);
  const src = splitSourceLine(c, lang);
  if (src) lines.push('  ' + src);
  const quote = clause ? (Array.isArray(clause.quote) ? clause.quote.join(' … ') : clause.quote) : '';
  lines.push('  ' + fill(m.trace.quoteLine!, { doc: p.docNumber ?? p.title, number: c.number, quote }));
  for (const n of c.notes) lines.push(`  ${m.words.note}: ${n}`);
  return lines.join('\n');
}

/** The working for every clause that carries an amount (or, with all, every clause). */
export function renderExplain(ev: Evaluation, set: RuleSet, lang: Lang, all = false): string {
  const clauses = new Map(set.policies.flatMap((lp) => lp.policy.clauses.map((c) => [c.id, c] as const)));
  const out: string[] = [];
  for (const p of ev.policies) {
    if (p.applicability !== 'applies') {
      out.push(`■ ${docLabel(p, lang)} — ${catalogue(lang).status[p.applicability]}`, ...p.trace.map((t) => '  ' + traceLine(t, lang)));
      continue;
    }
    for (const c of p.clauses) if (all || SHOWN.has(c.status)) out.push(explainClause(p, c, clauses.get(c.clauseId), lang));
  }
  return out.join('\n\n') + '\n';
}
