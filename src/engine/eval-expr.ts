import { Decimal, dmax, dmin, formatNumber } from '../money/decimal.js';
import type { NumExpr } from '../schema/policy-schema.js';
import type { FactsView } from './facts-view.js';
import { literal } from './literal.js';
import type { TraceStep } from './types.js';

export type Num = { ok: true; value: Decimal; text: string } | { ok: false; missing: string[] };

/** Evaluates a rule expression; the text is the same formula with the numbers put in. */
export function evalExpr(e: NumExpr, facts: FactsView, trace: TraceStep[]): Num {
  if (typeof e === 'number' || typeof e === 'string') {
    const v = literal(e);
    return { ok: true, value: v, text: typeof e === 'string' && e.endsWith('%') ? e : formatNumber(v) };
  }
  if ('fact' in e) {
    const r = facts.number(e.fact, trace);
    return r.ok ? { ok: true, value: r.value, text: formatNumber(r.value.toDecimalPlaces(2)) } : r;
  }
  const [op, args] = Object.entries(e)[0] as [keyof typeof OPS, NumExpr[]];
  const parts = args.map((a) => evalExpr(a, facts, trace));
  const missing = parts.flatMap((p) => (p.ok ? [] : p.missing));
  if (missing.length) return { ok: false, missing };
  const ok = parts as Extract<Num, { ok: true }>[];
  return OPS[op](ok);
}

type Ok = Extract<Num, { ok: true }>;
const join = (xs: Ok[], sep: string) => xs.map((x) => x.text).join(sep);

const OPS = {
  add: (xs: Ok[]): Num => ({ ok: true, value: xs.reduce((a, x) => a.plus(x.value), new Decimal(0)), text: `(${join(xs, ' + ')})` }),
  sub: (xs: Ok[]): Num => ({ ok: true, value: xs[0]!.value.minus(xs[1]!.value), text: `(${join(xs, ' − ')})` }),
  mul: (xs: Ok[]): Num => ({ ok: true, value: xs.reduce((a, x) => a.times(x.value), new Decimal(1)), text: join(xs, ' × ') }),
  div: (xs: Ok[]): Num =>
    xs[1]!.value.isZero()
      ? { ok: true, value: new Decimal(0), text: `${join(xs, ' ÷ ')} (÷0 → 0)` }
      : { ok: true, value: xs[0]!.value.div(xs[1]!.value), text: join(xs, ' ÷ ') },
  min: (xs: Ok[]): Num => ({ ok: true, value: dmin(...xs.map((x) => x.value)), text: `min(${join(xs, ', ')})` }),
  max: (xs: Ok[]): Num => ({ ok: true, value: dmax(...xs.map((x) => x.value)), text: `max(${join(xs, ', ')})` }),
};
