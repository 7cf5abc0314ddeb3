import type { Hint } from '../advice/next-tier.js';
import type { MissingFact } from '../advice/missing-data.js';
import type { Change } from './diff-results.js';
import type { RuleSet } from '../load/load-rules.js';
import { formatNumber, formatYuan } from '../money/decimal.js';
import { catalogue, fill, type Lang } from '../i18n/messages.js';

function section(head: string, lines: string[], none: string): string {
  return [head, ...(lines.length ? lines : [none]).map((l) => '  ' + l)].join('\n') + '\n';
}

/** "with 10万 more … you reach the next tier: +5万", ranked by gain. */
export function renderHints(hints: Hint[], set: RuleSet, lang: Lang): string {
  const a = catalogue(lang).advice;
  const lines = hints.map((h) => {
    const fact = set.facts.get(h.fact);
    const unit = fact?.unit && fact.unit !== '%' ? ` ${fact.unit}` : '';
    return fill(a.hint!, {
      clause: h.clauseId, title: h.title, label: fact ? fact.label[lang] : h.fact, unit,
      increase: formatNumber(h.increase), current: formatNumber(h.current), target: formatNumber(h.target),
      gain: formatYuan(h.gain), before: formatYuan(h.before), after: formatYuan(h.after),
    });
  });
  return section(a.hintsHead!, lines, a.none!);
}

/** Facts that would decide "needs data" clauses, the most money first. */
export function renderMissing(missing: MissingFact[], lang: Lang): string {
  const a = catalogue(lang).advice;
  const lines = missing.map((m) => {
    const worth = fill(m.unbounded ? a.unbounded! : a.upTo!, { amount: formatYuan(m.upTo) });
    return fill(a.missing!, { fact: m.fact, label: m.label, worth, clauses: m.clauses.join(', ') });
  });
  return section(a.missingHead!, lines, a.none!);
}

export function renderChanges(changes: Change[], lang: Lang): string {
  const a = catalogue(lang).advice;
  const lines = changes.map((c) => `${c.clause}  ${c.before.status ?? '—'} → ${c.after.status ?? '—'}  ${c.before.amount ?? '—'} → ${c.after.amount ?? '—'}${c.delta ? `  (${c.delta})` : ''}`);
  return section(a.changesHead!, lines, a.noChange!);
}
