import type { Hint } from '../advice/next-tier.js';
import type { MissingFact } from '../advice/missing-data.js';
import type { Change } from './diff-results.js';
import { formatNumber, formatYuan } from '../money/decimal.js';
import { catalogue, fill } from '../i18n/messages.js';
import type { Labels } from './labels.js';

function section(head: string, lines: string[], none: string): string {
  return [head, ...(lines.length ? lines : [none]).map((l) => '  ' + l)].join('\n') + '\n';
}

const list = (l: Labels, xs: string[]) => xs.join(l.lang === 'zh' ? '、' : ', ');

/** "with 10万 more … you reach the next tier: +5万", ranked by gain. */
export function renderHints(hints: Hint[], l: Labels): string {
  const a = catalogue(l.lang).advice;
  const lines = hints.map((h) => {
    const fact = l.set.facts.get(h.fact);
    const unit = fact?.unit && fact.unit !== '%' ? ` ${fact.unit}` : '';
    return fill(a.hint!, {
      clause: l.clause(h.clauseId),
      label: l.fact(h.fact),
      unit,
      increase: formatNumber(h.increase),
      current: formatNumber(h.current),
      target: formatNumber(h.target),
      gain: formatYuan(h.gain),
      before: formatYuan(h.before),
      after: formatYuan(h.after),
    });
  });
  return section(a.hintsHead!, lines, a.none!);
}

/** Facts (and history fields) that would decide "needs data" clauses, the most money first. */
export function renderMissing(missing: MissingFact[], l: Labels): string {
  const a = catalogue(l.lang).advice;
  const lines = missing.map((m) => {
    const worth = fill(m.unbounded ? a.unbounded! : a.upTo!, { amount: formatYuan(m.upTo) });
    return fill(a.missing!, {
      label: m.label,
      worth,
      clauses: list(
        l,
        m.clauses.map((c) => l.clause(c)),
      ),
    });
  });
  return section(a.missingHead!, lines, a.none!);
}

export function renderChanges(changes: Change[], l: Labels): string {
  const m = catalogue(l.lang);
  const a = m.advice;
  const status = (s: string | undefined) => (s === undefined ? '—' : s === 'total' ? '' : ((m.status as Record<string, string>)[s] ?? s));
  const name = (id: string) =>
    id === '(total sure)'
      ? m.words.sure!
      : id === '(total ceilings)'
        ? m.words.ceilings!
        : l.set.policies.some((p) => p.policy.id === id)
          ? policyName(l, id)
          : l.clause(id);
  const lines = changes.map((c) =>
    `${name(c.clause)}  ${status(c.before.status)} → ${status(c.after.status)}  ${c.before.amount ?? '—'} → ${c.after.amount ?? '—'}${c.delta ? `  (${c.delta})` : ''}`.replace(
      / {2}→ {2}/,
      '  ',
    ),
  );
  return section(a.changesHead!, lines, a.noChange!);
}

function policyName(l: Labels, id: string): string {
  const p = l.set.policies.find((lp) => lp.policy.id === id)!.policy;
  return p.doc_number ?? p.short_title ?? p.title;
}
