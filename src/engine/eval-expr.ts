import { Decimal, dmax, dmin } from '../money/decimal.js';
import type { NumExpr } from '../schema/policy-schema.js';
import { numAsOf, type FactsView } from './facts-view.js';
import { literal, literalAs } from '../model/rule-literal.js';
import type { Term, TraceStep } from './types.js';

/** A computed figure; `term` is the formula with the exact values used, kept only when a trace is. */
export type Num = { ok: true; value: Decimal; term?: Term } | { ok: false; missing: string[] };
type Ok = Extract<Num, { ok: true }>;

/**
 * Evaluates a rule expression. Without a trace (batch) no term is built: wording
 * the numbers of every formula was a large part of a batch row's time.
 */
export function evalExpr(e: NumExpr, facts: FactsView, trace: TraceStep[] | undefined): Num {
  if (typeof e === 'number' || typeof e === 'string') {
    const v = literal(e);
    return trace ? { ok: true, value: v, term: { k: 'n', v, as: literalAs(e) } } : { ok: true, value: v };
  }
  if ('fact' in e) {
    const v = facts.value(e.fact, trace);
    if (!(v instanceof Decimal)) return { ok: false, missing: [e.fact] };
    return trace ? { ok: true, value: v, term: { k: 'n', v, as: facts.numAs(e.fact), fact: e.fact } } : { ok: true, value: v };
  }
  if ('field' in e) {
    const f = facts.field(e.field);
    if (!(f.value instanceof Decimal)) return { ok: false, missing: facts.fieldMissing(e.field) };
    return trace ? { ok: true, value: f.value, term: { k: 'n', v: f.value, as: numAsOf(f.def), field: f.path } } : { ok: true, value: f.value };
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
  const value = VALUE[op](parts.map((p) => p.value));
  if (!trace) return { ok: true, value };
  const terms = parts.map((p) => p.term!);
  return { ok: true, value, term: termOf(op, terms, parts) };
}

type Operation = [keyof typeof VALUE, NumExpr[]];
// An expression's operator and operands, read once per rule node rather than once per evaluation.
const operations = new WeakMap<object, Operation>();

function operation(e: object): Operation {
  let o = operations.get(e);
  if (!o) operations.set(e, (o = Object.entries(e)[0] as Operation));
  return o;
}

const VALUE = {
  add: (xs: Decimal[]) => xs.reduce((a, x) => a.plus(x), new Decimal(0)),
  sub: (xs: Decimal[]) => xs[0]!.minus(xs[1]!),
  mul: (xs: Decimal[]) => xs.slice(1).reduce((a, x) => a.times(x), xs[0]!),
  // A ratio over an empty base counts as 0 (e.g. sales per m² with no floor space); the term says so.
  div: (xs: Decimal[]) => (xs[1]!.isZero() ? new Decimal(0) : xs[0]!.div(xs[1]!)),
  min: (xs: Decimal[]) => dmin(...xs),
  max: (xs: Decimal[]) => dmax(...xs),
};

const SYMBOL = { add: '+', sub: '−', mul: '×', div: '÷' } as const;

function termOf(op: keyof typeof VALUE, terms: Term[], parts: Ok[]): Term {
  if (op === 'min' || op === 'max') return { k: 'fn', fn: op, args: terms };
  const t: Term = { k: 'op', op: SYMBOL[op], args: terms };
  return op === 'div' && parts[1]!.value.isZero() ? { k: 'div0', term: t } : t;
}
