import { Decimal } from '../money/decimal.js';
import type { RuleSet } from '../model/rule-set.js';
import type { Clause, NumExpr } from '../schema/policy-schema.js';
import { evaluate } from '../engine/evaluate.js';
import { evalExpr } from '../engine/eval-expr.js';
import { FactsView } from '../engine/facts-view.js';
import type { ClauseResult, Enterprise, Evaluation } from '../engine/types.js';
import { factsOfAward, factsOfCondition } from '../rules/walk.js';
import { clauseTargets, type Target } from './targets.js';

export interface Hint {
  clauseId: string;
  policyId: string;
  number: string;
  title: string;
  fact: string;
  current: Decimal;
  target: Decimal;
  increase: Decimal;
  before: Decimal;
  after: Decimal;
  gain: Decimal;
}

const RAISABLE = new Set(['money_cny', 'money_usd', 'count', 'number', 'area_m2', 'area_mu', 'months']);
const counted = (r: ClauseResult | undefined) => (r && (r.status === 'eligible' || r.status === 'ceiling') ? r.amount! : new Decimal(0));

/** The smallest increase of `fact` that makes `expr` reach the target, assuming `expr` moves linearly with it. */
function increaseFor(t: Target, expr: NumExpr, fact: string, ent: Enterprise, set: RuleSet): Decimal | undefined {
  const at = (v: Decimal) => {
    const facts = new Map(ent.facts).set(fact, v);
    const r = evalExpr(expr, new FactsView(set.facts, facts, set.thresholds), []);
    return r.ok ? r.value : undefined;
  };
  const now = ent.facts.get(fact) as Decimal;
  const b0 = at(now);
  const b1 = at(now.plus(1));
  if (!b0 || !b1) return undefined;
  const slope = b1.minus(b0);
  if (slope.lessThanOrEqualTo(0)) return undefined;
  let goal: Decimal;
  if ('at' in t) goal = t.strict ? t.at.plus('0.01') : t.at;
  else if ('step' in t) goal = b0.div(t.step).floor().plus(1).times(t.step);
  else goal = b0.floor().plus(1);
  const need = goal.minus(b0).div(slope);
  if (need.lessThanOrEqualTo(0)) return undefined;
  const whole =
    set.facts.get(fact)?.type === 'money_cny' || set.facts.get(fact)?.type === 'money_usd' ? need.toDecimalPlaces(2, Decimal.ROUND_UP) : need.ceil();
  return whole;
}

/**
 * For each clause where raising one known figure would raise the award: the
 * smallest such increase and what it adds. Every candidate is checked by
 * re-running the engine, so caps, stacking and other conditions are respected.
 */
export function nextTierHints(set: RuleSet, ent: Enterprise, base: Evaluation): Hint[] {
  const results = new Map(base.policies.flatMap((p) => p.clauses.map((r) => [r.clauseId, r] as const)));
  const hints: Hint[] = [];
  for (const { policy } of set.policies) {
    if (base.policies.find((p) => p.policyId === policy.id)?.applicability !== 'applies') continue;
    for (const clause of policy.clauses) {
      const r = results.get(clause.id);
      if (!r || !clause.award || r.status === 'info' || r.status === 'excluded' || r.status === 'needs_data') continue;
      const best = bestForClause(set, ent, clause, r);
      if (best) hints.push(best);
    }
  }
  return hints.sort((a, b) => b.gain.comparedTo(a.gain) || a.clauseId.localeCompare(b.clauseId));
}

function bestForClause(set: RuleSet, ent: Enterprise, clause: Clause, r: ClauseResult): Hint | undefined {
  const facts = new Set<string>();
  if (clause.when) for (const [f] of factsOfCondition(clause.when, [])) facts.add(f);
  for (const [f] of factsOfAward(clause.award!, [])) facts.add(f);
  let best: Hint | undefined;
  for (const fact of facts) {
    const value = ent.facts.get(fact);
    if (!(value instanceof Decimal) || !RAISABLE.has(set.facts.get(fact)?.type ?? '')) continue;
    for (const t of clauseTargets(clause)) {
      const increase = increaseFor(t, t.expr, fact, ent, set);
      if (!increase || (best && increase.greaterThanOrEqualTo(best.increase))) continue;
      // Only the award is compared: no trace to build.
      const trial = evaluate(set, { ...ent, facts: new Map(ent.facts).set(fact, value.plus(increase)) }, { trace: false });
      const after = counted(trial.policies.flatMap((p) => p.clauses).find((x) => x.clauseId === clause.id));
      const before = counted(r);
      if (after.lessThanOrEqualTo(before)) continue;
      best = {
        clauseId: clause.id,
        policyId: r.policyId,
        number: r.number,
        title: r.title,
        fact,
        current: value,
        target: value.plus(increase),
        increase,
        before,
        after,
        gain: after.minus(before),
      };
    }
  }
  return best;
}
