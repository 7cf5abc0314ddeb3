import { Decimal, dmax, dmin, formatNumber } from '../money/decimal.js';
import type { NumExpr } from '../schema/policy-schema.js';
import type { FactsView } from './facts-view.js';
import { literal } from './literal.js';
import type { TraceStep } from './types.js';

export type Num = { ok: true; value: Decimal; text: string } | { ok: false; missing: string[] };

/**
 * Evaluates a rule expression; the text is the same formula with the numbers put in.
 * Without a trace (batch) nothing reads the text, so it is left empty: formatting
 * the numbers of every formula was a large part of a batch row's time.
 */
export function evalExpr(e: NumExpr, facts: FactsView, trace: TraceStep[] | undefined): Num {
  if (typeof e === 'number' || typeof e === 'string') {
    const v = literal(e);
    return { ok: true, value: v, text: !trace ? '' : typeof e === 'string' && e.endsWith('%') ? e : formatNumber(v) };
  }
  if ('fact' in e) {
    const v = facts.value(e.fact, trace);
    if (!(v instanceof Decimal)) return { ok: false, missing: [e.fact] };
    return { ok: true, value: v, text: trace ? formatNumber(v.toDecimalPlaces(2)) : '' };
  }
  const [op, args] = operation(e);
  const parts: Ok[] = [];
  let missing: string[] | undefined;
  for (const a of args) {
    const p = evalExpr(a, facts, trace);
    if (p.ok) parts.push(p);
    else (missing ??= []).push(...p.missing);
  }
  if (missing) return { ok: false, missing };
  return OPS[op](parts, trace !== undefined);
}

type Operation = [keyof typeof OPS, NumExpr[]];
// An expression's operator and operands, read once per rule node rather than once per evaluation.
const operations = new WeakMap<object, Operation>();

function operation(e: object): Operation {
  let o = operations.get(e);
  if (!o) operations.set(e, (o = Object.entries(e)[0] as Operation));
  return o;
}

type Ok = Extract<Num, { ok: true }>;
const join = (xs: Ok[], sep: string) => xs.map((x) => x.text).join(sep);
/** The formula text, or nothing when no trace is kept. */
const said = (t: boolean, text: () => string) => (t ? text() : '');

const OPS = {
  add: (xs: Ok[], t: boolean): Num => ({ ok: true, value: xs.reduce((a, x) => a.plus(x.value), new Decimal(0)), text: said(t, () => `(${join(xs, ' + ')})`) }),
  sub: (xs: Ok[], t: boolean): Num => ({ ok: true, value: xs[0]!.value.minus(xs[1]!.value), text: said(t, () => `(${join(xs, ' − ')})`) }),
  mul: (xs: Ok[], t: boolean): Num => ({ ok: true, value: xs.slice(1).reduce((a, x) => a.times(x.value), xs[0]!.value), text: said(t, () => join(xs, ' × ')) }),
  div: (xs: Ok[], t: boolean): Num =>
    xs[1]!.value.isZero()
      ? { ok: true, value: new Decimal(0), text: said(t, () => `${join(xs, ' ÷ ')} (÷0 → 0)`) }
      : { ok: true, value: xs[0]!.value.div(xs[1]!.value), text: said(t, () => join(xs, ' ÷ ')) },
  min: (xs: Ok[], t: boolean): Num => ({ ok: true, value: dmin(...xs.map((x) => x.value)), text: said(t, () => `min(${join(xs, ', ')})`) }),
  max: (xs: Ok[], t: boolean): Num => ({ ok: true, value: dmax(...xs.map((x) => x.value)), text: said(t, () => `max(${join(xs, ', ')})`) }),
};
