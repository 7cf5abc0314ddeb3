import { catalogue, fill } from '../i18n/messages.js';
import { Decimal, formatYuan } from '../money/decimal.js';
import type { Change } from './diff-results.js';
import type { Labels } from './labels.js';
import { docOf } from './render-explain.js';
import { safeText } from '../i18n/safe-text.js';

/**
 * A diff for a reader: each change on one line, the clause by its document, number
 * and title, statuses in words, each amount named by its kind (a sure amount is
 * never set against a ceiling or an excluded amount), and the change in the sure amount.
 */
export function renderDiff(changes: Change[], l: Labels): string {
  const m = catalogue(l.lang);
  const w = m.words;
  if (!changes.length) return `${w.diffNone}\n`;
  const status = (s?: string) => (s === undefined ? '—' : s === 'total' ? '' : ((m.status as Record<string, string>)[s] ?? s));
  const side = (x: Change['before'], total: boolean) => {
    // The kind is said unless the total or the status already says it (上限（待审核） twice).
    const kind = total || (x.kind === 'ceiling' && x.status === 'ceiling') ? '' : `${w[`amt_${x.kind ?? 'sure'}`]} `;
    const amount = x.amount === undefined ? '' : `${kind}${formatYuan(new Decimal(x.amount))}`;
    return [status(x.status), amount].filter(Boolean).join(' ') || '—';
  };
  const lines = changes.map((c) => {
    const total = c.clause === '(total sure)' || c.clause === '(total ceilings)';
    const what = c.clause === '(total sure)' ? w.diffTotalSure! : c.clause === '(total ceilings)' ? w.diffTotalCeilings! : name(c.clause, l);
    const delta = c.delta ? fill(total && c.clause === '(total ceilings)' ? w.diffDeltaCeiling! : w.diffDelta!, { delta: signed(c.delta) }) : '';
    return safeText(`${c.enterprise}  ${what}${l.lang === 'zh' ? '：' : ': '}${side(c.before, total)} → ${side(c.after, total)}${delta}`);
  });
  return [...lines, fill(w.diffCount!, { count: changes.length })].join('\n') + '\n';
}

/** A clause by its words; a document id (not in force, not covered) by its short title; an id the rules no longer have as it is. */
function name(id: string, l: Labels): string {
  if (!l.set.policies.some((lp) => lp.policy.id === id)) return l.clause(id);
  const doc = docOf(l.set, id);
  return l.ids ? `${doc}〔${id}〕` : doc;
}

function signed(delta: string): string {
  const d = new Decimal(delta);
  return `${d.isNegative() ? '−' : '+'}${formatYuan(d.abs())}`;
}
