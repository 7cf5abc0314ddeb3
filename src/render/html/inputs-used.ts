import type { ClauseResult, PolicyResult, Term, TraceStep } from '../../engine/types.js';
import { catalogue } from '../../i18n/messages.js';
import type { Labels } from '../labels.js';
import { exactNumber, renderShown, shownNumber } from '../render-term.js';

export interface InputUsed {
  label: string;
  /** The value as the engine used it; undefined when the fact was not given. */
  value?: string;
}

/**
 * The facts a clause read, by the label the template uses, with the value the
 * engine used: taken from the trace, so the list shows exactly what went into
 * the conditions and the arithmetic, in the order they were read. Facts the
 * clause still needs are listed as not given.
 */
export function inputsUsed(p: PolicyResult, c: ClauseResult, l: Labels): InputUsed[] {
  const seen = new Map<string, InputUsed>();
  const put = (fact: string, value: string | undefined) => {
    const had = seen.get(fact);
    if (!had) seen.set(fact, { label: l.fact(fact), value });
    else if (had.value === undefined && value !== undefined) had.value = value;
  };
  const walk = (t: Term): void => {
    switch (t.k) {
      case 'n':
        if (t.fact) put(t.fact, shownNumber(t.v, t.as, l));
        return;
      case 'unknown':
        return put(t.fact, undefined);
      case 'op':
      case 'fn':
        return t.args.forEach(walk);
      case 'part':
      case 'div0':
        return walk(t.term);
      case 'tier':
        return walk(t.base);
      case 'level':
        return put(t.fact, l.value(t.fact, t.level));
      case 'none':
        return;
    }
  };
  const step = (t: TraceStep) => {
    if (t.kind === 'beneficiary') put('entity_kinds', t.actual?.map((k) => l.kind(k)).join(l.lang === 'zh' ? '、' : ', ') || undefined);
    else if (t.kind === 'condition') {
      if (t.fact) put(t.fact, t.actual ? renderShown(t.actual, l) : undefined);
      if (t.expr) walk(t.expr);
    } else if (t.kind === 'derived') {
      put(t.from, exactNumber(t.cny));
      put(t.fact, exactNumber(t.usd));
    } else if (t.kind === 'formula') walk(t.term);
  };
  for (const t of p.trace) step(t);
  for (const t of c.trace) step(t);
  for (const f of c.missing) put(f, undefined);
  // Only facts the dictionary knows are inputs; anything else (a rule's own label) is not listed.
  return [...seen.entries()].filter(([id]) => l.set.facts.has(id)).map(([, v]) => v);
}

export const notGiven = (l: Labels) => catalogue(l.lang).sheet.notGiven!;
