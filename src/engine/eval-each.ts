import { Decimal, dmin } from '../money/decimal.js';
import { RecordList } from '../model/record-value.js';
import type { Award } from '../schema/policy-schema.js';
import type { AwardCtx, AwardNum } from './award-ctx.js';
import { evalCondition } from './eval-condition.js';
import { literal } from '../model/rule-literal.js';
import type { Term, TraceStep, TriBool } from './types.js';

type Each = Extract<Award, { kind: 'each' }>;
const ZERO = new Decimal(0);

/**
 * An award per record of a record_list fact (each signed streamer, each recognised
 * event): the item's condition on its fields, its award, at most `cap_each`; the
 * items' amounts are added up. History is not read inside an item (lint refuses the
 * award kinds that would). An item whose condition or figures are unknown leaves the
 * whole award needing its list, like a `cases` award whose case is unknown.
 * `evalAward` is passed in (rather than imported) to keep the modules acyclic.
 */
export function evalEach(a: Each, ctx: AwardCtx, evalAward: (a: Award, ctx: AwardCtx) => AwardNum): AwardNum {
  const got = ctx.facts.value(a.items);
  const list = ctx.facts.fact(a.items);
  if (!(got instanceof RecordList) || !list) return { ok: false, missing: [a.items] };
  const capEach = a.cap_each !== undefined ? literal(a.cap_each) : undefined;
  const missing: string[] = [];
  const paid: { index: number; name?: string; value: Decimal }[] = [];
  got.items.forEach((item, index) => {
    const steps: TraceStep[] | undefined = ctx.trace ? [] : undefined;
    const facts = ctx.facts.withItem({ list, index, item });
    const step = (result: TriBool, value?: Decimal) =>
      ctx.trace?.push({
        kind: 'item',
        fact: a.items,
        index,
        ...(item.name !== undefined ? { name: item.name } : {}),
        result,
        ...(value ? { value } : {}),
        steps: steps!,
      });
    let result: TriBool = true;
    if (a.when) {
      const r = evalCondition(a.when, facts, steps);
      if (r.result === false) {
        paid.push({ index, name: item.name, value: ZERO });
        return step(false, ZERO);
      }
      if (r.result === 'unknown') missing.push(...r.missing), (result = 'unknown');
    }
    const v = evalAward(a.award, { facts, history: undefined, trace: steps });
    if (!v.ok) {
      missing.push(...v.missing);
      return step('unknown');
    }
    if (v.term) steps!.push({ kind: 'formula', term: v.term, value: v.value });
    let value = v.value;
    if (capEach && value.greaterThan(capEach)) {
      steps?.push({ kind: 'cap', per: 'item', cap: capEach, before: value, after: capEach });
      value = dmin(value, capEach);
    }
    if (result === 'unknown') return step('unknown', value);
    paid.push({ index, name: item.name, value });
    step(true, value);
  });
  if (missing.length) return { ok: false, missing: [...new Set(missing)] };
  const total = paid.reduce((s, p) => s.plus(p.value), ZERO);
  if (!ctx.trace) return { ok: true, value: total };
  const term: Term = paid.length ? { k: 'each', fact: a.items, items: paid } : { k: 'none', why: 'no_items' };
  return { ok: true, value: total, term };
}
