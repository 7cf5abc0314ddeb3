import { cmp, Decimal } from '../money/decimal.js';
import type { FactValue } from '../model/fact-value.js';
import type { Fact } from '../schema/fact-schema.js';
import type { Condition, NumExpr, Op } from '../schema/policy-schema.js';
import { evalExpr } from './eval-expr.js';
import { numAsOf, type FactsView } from './facts-view.js';
import { literal, literalAs } from '../model/rule-literal.js';
import type { Shown, Term, TraceStep, TriBool } from './types.js';

export interface CondResult {
  result: TriBool;
  missing: string[];
}

/**
 * Three-valued: a condition that is certainly false makes the whole `all` false
 * even when other facts are unknown, because no answer could make it true.
 */
export function evalCondition(c: Condition, facts: FactsView, trace: TraceStep[] | undefined): CondResult {
  if ('all' in c) return combine(c.all, false, facts, trace);
  if ('any' in c) return combine(c.any, true, facts, trace);
  if ('not' in c) {
    const r = evalCondition(c.not, facts, trace);
    return r.result === 'unknown' ? r : r.result ? FALSE : TRUE;
  }
  if ('expr' in c) {
    const v = evalExpr(c.expr, facts, trace);
    const threshold = literal(c.value);
    const shownThreshold = { k: 'n' as const, v: threshold, as: literalAs(c.value) };
    if (!v.ok) {
      trace?.push({ kind: 'condition', expr: symbolic(c.expr, facts), op: c.op, threshold: shownThreshold, result: 'unknown' });
      return { result: 'unknown', missing: v.missing };
    }
    const result = compareNum(v.value, c.op, threshold);
    trace?.push({ kind: 'condition', expr: v.term, value: v.value, op: c.op, threshold: shownThreshold, result });
    return result ? TRUE : FALSE;
  }
  if ('field' in c) return fieldCondition(c, facts, trace);
  const got = facts.value(c.fact, trace);
  const def = facts.fact(c.fact);
  if (got === undefined || !def) {
    trace?.push({ kind: 'condition', fact: c.fact, op: c.op, threshold: thresholdShown(c, facts, def), result: 'unknown' });
    return { result: 'unknown', missing: [c.fact] };
  }
  const result = compare(got, c.op, c.value, facts, c.fact, def, def.type === 'enum_set' && c.op === 'has');
  trace?.push({ kind: 'condition', fact: c.fact, op: c.op, threshold: thresholdShown(c, facts, def), actual: facts.shown(c.fact, got), result });
  return result ? TRUE : FALSE;
}

/** A comparison on a field of the item at hand: as a fact's, with the field's type; unknown makes its list missing. */
function fieldCondition(c: Extract<Condition, { field: string }>, facts: FactsView, trace: TraceStep[] | undefined): CondResult {
  const { value, def, path } = facts.field(c.field);
  if (value === undefined || !def) {
    trace?.push({ kind: 'condition', field: path, op: c.op, threshold: thresholdShown(c, facts, def, path), result: 'unknown' });
    return { result: 'unknown', missing: facts.fieldMissing(c.field) };
  }
  const result = compare(value, c.op, c.value, facts, path, def, false);
  const actual: Shown =
    value instanceof Decimal
      ? { k: 'n', v: value, as: numAsOf(def) }
      : typeof value === 'boolean'
        ? { k: 'bool', v: value }
        : def.values
          ? { k: 'enum', fact: path, v: [value] }
          : { k: 'text', v: value };
  trace?.push({ kind: 'condition', field: path, op: c.op, threshold: thresholdShown(c, facts, def, path), actual, result });
  return result ? TRUE : FALSE;
}

/**
 * A rule's threshold as a trace shows it: as a value of its fact (an enum by its label, a rate
 * as a percentage). `key` names what is compared: the fact's id, or list.field for a field.
 */
function thresholdShown(c: Extract<Condition, { op: Op; value: unknown }>, facts: FactsView, def: Fact | undefined, key = def?.id): Shown {
  const raw = Array.isArray(c.value) ? c.value : [c.value];
  if (def?.values) return { k: 'enum', fact: key!, v: raw.map(String) };
  if (typeof c.value === 'boolean') return { k: 'bool', v: c.value };
  if (def && (typeof c.value === 'number' || typeof c.value === 'string')) {
    const t = facts.threshold(key!, c.value);
    if (t instanceof Decimal) return { k: 'n', v: t, as: numAsOf(def) };
  }
  return { k: 'text', v: raw.map(String).join(', ') };
}

/** An expression whose facts are not all known, as a term of fact references (values where known). */
function symbolic(e: NumExpr, facts: FactsView): Term {
  if (typeof e === 'number' || typeof e === 'string') return { k: 'n', v: literal(e), as: literalAs(e) };
  if ('fact' in e) {
    const v = facts.value(e.fact);
    return v instanceof Decimal ? { k: 'n', v, as: facts.numAs(e.fact), fact: e.fact } : { k: 'unknown', fact: e.fact };
  }
  if ('field' in e) {
    const f = facts.field(e.field);
    // A field is named by its path (list.field): renderers word it by the field's label.
    return f.value instanceof Decimal ? { k: 'n', v: f.value, as: numAsOf(f.def), field: f.path } : { k: 'unknown', fact: f.path };
  }
  const [op, args] = Object.entries(e)[0] as [string, NumExpr[]];
  const terms = args.map((a) => symbolic(a, facts));
  if (op === 'min' || op === 'max') return { k: 'fn', fn: op, args: terms };
  return { k: 'op', op: ({ add: '+', sub: '−', mul: '×', div: '÷' } as const)[op as 'add']!, args: terms };
}

// Results that say no more than true or false are shared, and frozen so that no caller can change them.
const TRUE: CondResult = Object.freeze({ result: true, missing: Object.freeze([]) as unknown as string[] });
const FALSE: CondResult = Object.freeze({ result: false, missing: Object.freeze([]) as unknown as string[] });

/**
 * `all` is decided by a false member, `any` by a true one. With a trace every
 * member is evaluated, so the trace shows each; without one the first deciding
 * member ends it, which gives the same result sooner.
 */
function combine(members: Condition[], decisive: boolean, facts: FactsView, trace: TraceStep[] | undefined): CondResult {
  let decided = false;
  let unknown = false;
  let missing: string[] | undefined;
  for (const x of members) {
    const r = evalCondition(x, facts, trace);
    if (r.result === decisive) {
      decided = true;
      if (!trace) break;
    } else if (r.result === 'unknown') {
      unknown = true;
      if (r.missing.length) (missing ??= []).push(...r.missing);
    }
  }
  if (decided) return decisive ? TRUE : FALSE;
  if (unknown) return { result: 'unknown', missing: missing ? [...new Set(missing)] : [] };
  return decisive ? FALSE : TRUE;
}

function compareNum(a: Decimal, op: Op, b: Decimal): boolean {
  const c = cmp(a, b);
  switch (op) {
    case '>=':
      return c >= 0;
    case '>':
      return c > 0;
    case '<=':
      return c <= 0;
    case '<':
      return c < 0;
    case '==':
      return c === 0;
    case '!=':
      return c !== 0;
    default:
      return false;
  }
}

/**
 * The value at hand against the rule's threshold, read at load (model/thresholds.ts); `one`:
 * `has` on a set of choices, whose threshold is one choice.
 */
function compare(actual: FactValue, op: Op, raw: unknown, facts: FactsView, key: string, def: Fact, one: boolean): boolean {
  const want = (x: unknown) => facts.threshold(key, x, one);
  if (op === 'has') return Array.isArray(actual) && (actual as unknown[]).includes(want(raw));
  if (op === 'in') return (raw as unknown[]).some((x) => equal(actual, want(x)));
  if (actual instanceof Decimal) return compareNum(actual, op, want(raw) as Decimal);
  if (op === '==') return equal(actual, want(raw));
  if (op === '!=') return !equal(actual, want(raw));
  throw new Error(`operator ${op} cannot compare ${def.id}`);
}

function equal(a: FactValue, b: FactValue | undefined): boolean {
  if (a instanceof Decimal && b instanceof Decimal) return cmp(a, b) === 0;
  return a === b;
}
