import type { NumAs, Shown, Term } from '../engine/types.js';
import { catalogue, fill } from '../i18n/messages.js';
import { Decimal, formatNumber } from '../money/decimal.js';
import type { Labels } from './labels.js';
import { itemName } from '../model/record-value.js';

/** Decimals shown in full up to this many places; a longer (recurring) value is shown rounded, marked ≈. */
const MAX_PLACES = 6;

/** A number exactly as the engine used it: no rounding unless it cannot be written in full. */
export function exactNumber(v: Decimal): string {
  return v.decimalPlaces() <= MAX_PLACES ? formatNumber(v) : `≈${formatNumber(v.toDecimalPlaces(MAX_PLACES))}`;
}

export function shownNumber(v: Decimal, as: NumAs, l: Labels): string {
  if (as === 'pct') return `${exactNumber(v.times(100))}%`;
  if (as === 'usd') return fill(catalogue(l.lang).formula.usd!, { n: exactNumber(v) });
  return exactNumber(v);
}

const PRECEDENCE: Record<string, number> = { '+': 1, '−': 1, '×': 2, '÷': 2 };

/** A formula with the values used (or, with `byName`, with the facts' labels in their place). */
export function renderTerm(t: Term, l: Labels, byName = false): string {
  const f = catalogue(l.lang).formula;
  const sub = (x: Term) => renderTerm(x, l, byName);
  switch (t.k) {
    case 'n':
      return byName && (t.fact ?? t.field) ? l.fact((t.fact ?? t.field)!) : shownNumber(t.v, t.as, l);
    case 'unknown':
      return l.fact(t.fact);
    case 'op':
      return t.args.map((a, i) => (needsParens(t.op, a, i) ? `(${sub(a)})` : sub(a))).join(` ${t.op} `);
    case 'fn':
      return `${f[t.fn]}(${t.args.map(sub).join(', ')})`;
    case 'part':
      return fill(f.part!, { label: t.label, term: sub(t.term) });
    case 'div0':
      return fill(f.div0!, { term: sub(t.term) });
    case 'tier':
      return tierText(t, l, sub);
    case 'tierSum': {
      const n = (d: Decimal) => shownNumber(d, t.base.k === 'n' ? t.base.as : 'plain', l);
      const reached = t.reached.map((x) => n(x.at)).join(l.lang === 'zh' ? '、' : ', ');
      const parts = t.reached.map((x) => formatNumber(x.amount)).join(' + ');
      return fill(catalogue(l.lang).formula.tierSum!, {
        base: sub(t.base),
        op: t.strict ? '>' : '≥',
        reached: reached || '—',
        sum: `${parts || '0'} = ${formatNumber(t.sum)}`,
      });
    }
    case 'level':
      return levelText(t, l);
    case 'none':
      return f[t.why]!;
    case 'each':
      // Each item's amount by its name, added up: the items' own arithmetic is in their steps.
      return t.items.map((x) => fill(f.part!, { label: x.name ?? itemName({ values: new Map() }, x.index, l.lang), term: exactNumber(x.value) })).join(' + ');
  }
}

function needsParens(op: string, child: Term, index: number): boolean {
  if (child.k !== 'op') return false;
  const p = PRECEDENCE[op]!;
  const c = PRECEDENCE[child.op]!;
  return c < p || (c === p && index > 0 && (op === '−' || op === '÷'));
}

function tierText(t: Extract<Term, { k: 'tier' }>, l: Labels, sub: (x: Term) => string): string {
  const f = catalogue(l.lang).formula;
  const n = (d: Decimal) => shownNumber(d, t.base.k === 'n' ? t.base.as : 'plain', l);
  const base = sub(t.base);
  if (t.at === undefined) return fill(f.tierNone!, { base, op: t.strict ? '≤' : '<', lowest: n(t.lowest) });
  const reached = fill(f.tierReached!, { base, op: t.strict ? '>' : '≥', at: n(t.at) });
  if (t.paidUpTo) return fill(f.tierPaid!, { reached, before: n(t.paidUpTo) });
  return `${reached} → ${formatNumber(t.amount)}`;
}

function levelText(t: Extract<Term, { k: 'level' }>, l: Labels): string {
  const f = catalogue(l.lang).formula;
  const level = l.value(t.fact, t.level);
  if (!t.before) return `${level} → ${formatNumber(t.amount)}`;
  const before = l.value(t.fact, t.before.level);
  if (t.mode === 'first_reached') return fill(t.amount.isZero() ? f.levelNotHigher! : f.levelHigher!, { level, before, amount: formatNumber(t.amount) });
  // An upgrade pays the difference, never below 0: a renewal or a lower level pays nothing.
  // biome-ignore lint/suspicious/noThenProperty: {then} is the message's own placeholder (the level paid before); fill() is no promise
  if (t.amount.isZero()) return fill(f.levelRenewal!, { level, before, now: formatNumber(t.full), then: formatNumber(t.before.amount) });
  return `${level} ${formatNumber(t.full)} − ${before} ${formatNumber(t.before.amount)} = ${formatNumber(t.amount)}`;
}

/** Whether a formula already shows its result (a bare number, a tier or a level), so "= x" is not repeated. */
export function showsResult(t: Term): boolean {
  return t.k === 'n' || t.k === 'tier' || t.k === 'tierSum' || t.k === 'level' || t.k === 'none';
}

/** A value in a condition: numbers as used, yes/no, enum values by label. */
export function renderShown(s: Shown, l: Labels): string {
  const w = catalogue(l.lang).words;
  switch (s.k) {
    case 'n':
      return shownNumber(s.v, s.as, l);
    case 'bool':
      return s.v ? w.yes! : w.no!;
    case 'enum':
      return s.v.map((x) => l.value(s.fact, x)).join(l.lang === 'zh' ? '、' : ', ');
    case 'text':
      return s.v;
  }
}

export function opWord(op: string, l: Labels): string {
  return catalogue(l.lang).op[op] ?? op;
}

export { Decimal };
