import type { Award, Condition, NumExpr } from '../schema/policy-schema.js';

export type Path = (string | number)[];

/** Every fact reference in an expression, with its path inside the rule. */
export function* factsOfExpr(e: NumExpr, path: Path): Generator<[string, Path]> {
  if (typeof e !== 'object') return;
  if ('fact' in e) {
    yield [e.fact, [...path, 'fact']];
    return;
  }
  if ('field' in e) return; // a field of the item at hand: see fieldsOf
  const [key, args] = Object.entries(e)[0] as [string, NumExpr[]];
  for (let i = 0; i < args.length; i++) yield* factsOfExpr(args[i]!, [...path, key, i]);
}

export function* factsOfCondition(c: Condition, path: Path): Generator<[string, Path]> {
  if ('all' in c) for (let i = 0; i < c.all.length; i++) yield* factsOfCondition(c.all[i]!, [...path, 'all', i]);
  else if ('any' in c) for (let i = 0; i < c.any.length; i++) yield* factsOfCondition(c.any[i]!, [...path, 'any', i]);
  else if ('not' in c) yield* factsOfCondition(c.not, [...path, 'not']);
  else if ('expr' in c) yield* factsOfExpr(c.expr, [...path, 'expr']);
  else if ('fact' in c) yield [c.fact, [...path, 'fact']];
}

export function* factsOfAward(a: Award, path: Path): Generator<[string, Path]> {
  switch (a.kind) {
    case 'fixed':
      return;
    case 'rate':
    case 'tiers':
    case 'per_step':
      yield* factsOfExpr(a.base, [...path, 'base']);
      return;
    case 'per_unit':
      yield* factsOfExpr(a.count, [...path, 'count']);
      return;
    case 'levels':
      yield [a.fact, [...path, 'fact']];
      return;
    case 'per_item':
      yield [a.items, [...path, 'items']];
      return;
    case 'rent':
      for (let i = 0; i < a.parts.length; i++) {
        const p = a.parts[i]!;
        const pp = [...path, 'parts', i];
        if (p.rent !== undefined) yield* factsOfExpr(p.rent, [...pp, 'rent']);
        yield* factsOfExpr(p.area, [...pp, 'area']);
        yield* factsOfExpr(p.months, [...pp, 'months']);
      }
      return;
    case 'sum':
    case 'max':
      for (let i = 0; i < a.parts.length; i++) yield* factsOfAward(a.parts[i]!, [...path, 'parts', i]);
      return;
    case 'cases':
      for (let i = 0; i < a.cases.length; i++) {
        yield* factsOfCondition(a.cases[i]!.when, [...path, 'cases', i, 'when']);
        yield* factsOfAward(a.cases[i]!.award, [...path, 'cases', i, 'award']);
      }
      if (a.otherwise) yield* factsOfAward(a.otherwise, [...path, 'otherwise']);
      return;
    case 'each':
      yield [a.items, [...path, 'items']];
      if (a.when) yield* factsOfCondition(a.when, [...path, 'when']);
      yield* factsOfAward(a.award, [...path, 'award']);
  }
}

/**
 * Every `{ field: … }` of a clause with its path and the record list it reads (the
 * items of the innermost `each` around it; undefined outside any each, which lint refuses).
 */
export function* fieldsOf(node: unknown, path: Path, list?: string): Generator<{ field: string; path: Path; list?: string; node: Record<string, unknown> }> {
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) yield* fieldsOf(node[i], [...path, i], list);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const o = node as Record<string, unknown>;
  if (typeof o.field === 'string') yield { field: o.field, path, list, node: o };
  const inner = o.kind === 'each' && typeof o.items === 'string' ? o.items : list;
  for (const [k, v] of Object.entries(o)) if (k !== 'field') yield* fieldsOf(v, [...path, k], k === 'when' || k === 'award' ? inner : list);
}

/** Comparisons in a condition tree, for checks that need the fact and the threshold together. */
export function* comparisons(c: Condition, path: Path): Generator<[Extract<Condition, { fact: string }>, Path]> {
  if ('all' in c) for (let i = 0; i < c.all.length; i++) yield* comparisons(c.all[i]!, [...path, 'all', i]);
  else if ('any' in c) for (let i = 0; i < c.any.length; i++) yield* comparisons(c.any[i]!, [...path, 'any', i]);
  else if ('not' in c) yield* comparisons(c.not, [...path, 'not']);
  else if ('fact' in c) yield [c, path];
}

/** The conditions inside an award (the cases of a `cases` award, at any depth), with their paths. */
export function* conditionsOfAward(a: Award, path: Path): Generator<[Condition, Path]> {
  if (a.kind === 'sum' || a.kind === 'max') for (let i = 0; i < a.parts.length; i++) yield* conditionsOfAward(a.parts[i]!, [...path, 'parts', i]);
  // An item's conditions are on its fields: checked against the record list's fields (check/check-records.ts).
  if (a.kind === 'each') yield* conditionsOfAward(a.award, [...path, 'award']);
  if (a.kind !== 'cases') return;
  for (let i = 0; i < a.cases.length; i++) {
    yield [a.cases[i]!.when, [...path, 'cases', i, 'when']];
    yield* conditionsOfAward(a.cases[i]!.award, [...path, 'cases', i, 'award']);
  }
  if (a.otherwise) yield* conditionsOfAward(a.otherwise, [...path, 'otherwise']);
}
