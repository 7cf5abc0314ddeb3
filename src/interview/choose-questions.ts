import { Decimal } from '../money/decimal.js';
import type { RuleSet } from '../model/rule-set.js';
import { evaluate } from '../engine/evaluate.js';
import type { ClauseHistory, Evaluation } from '../engine/types.js';
import type { FactValue } from '../model/fact-value.js';
import type { Clause } from '../schema/policy-schema.js';
import type { Fact } from '../schema/fact-schema.js';
import { awardBound } from '../rules/award-bound.js';

/** What is known so far. Skipped facts stay unknown and are not asked again. */
export interface InterviewState {
  region: string;
  year: number;
  facts: Map<string, FactValue>;
  skipped: Set<string>;
  /** What was received before, per clause, as answered; a skipped clause is absent. */
  history?: Map<string, ClauseHistory>;
}

export interface Question {
  fact: Fact;
  /** Money the open clauses needing this fact could unlock (potential, else a bound from tiers and caps). */
  weight: Decimal;
  /** The open clauses that list the fact as missing. */
  clauses: string[];
}

const TOPICS: Fact['topic'][] = [
  'identity',
  'eligibility',
  'sales',
  'cross_border',
  'premises',
  'investment',
  'costs',
  'honours',
  'operations',
  'logistics',
  'people',
];
// Asked first: the beneficiary check closes every clause meant for another kind of entity.
const FIRST = 'entity_kinds';

export function evaluateState(set: RuleSet, s: InterviewState): Evaluation {
  return evaluate(set, { region: s.region, year: s.year, facts: s.facts, history: s.history ?? new Map() });
}

/**
 * Every fact still worth asking, in asking order. A fact is worth asking only
 * when a clause that still "needs data" lists it as missing; a clause that is
 * not eligible whatever the answer, or a policy already disqualified by a
 * document-level exclusion, asks nothing. Pure: the state in, questions out.
 */
export function openQuestions(set: RuleSet, s: InterviewState, ev = evaluateState(set, s)): Question[] {
  const clauses = clauseIndex(set);
  const byFact = new Map<string, { weight: Decimal; clauses: string[] }>();
  for (const pr of ev.policies) {
    if (pr.trace.some((t) => t.kind === 'exclusion' && t.result === true)) continue;
    for (const r of pr.clauses) {
      if (r.status !== 'needs_data') continue;
      const worth = r.potential ?? boundOf(clauses.get(r.clauseId)) ?? new Decimal(0);
      for (const id of r.missing) {
        if (s.facts.has(id) || s.skipped.has(id) || !set.facts.has(id)) continue;
        const q = byFact.get(id) ?? { weight: new Decimal(0), clauses: [] };
        q.weight = q.weight.plus(worth);
        if (!q.clauses.includes(r.clauseId)) q.clauses.push(r.clauseId);
        byFact.set(id, q);
      }
    }
  }
  const order = new Map([...set.facts.keys()].map((id, i) => [id, i]));
  return [...byFact.entries()]
    .map(([id, q]) => ({ fact: set.facts.get(id)!, ...q }))
    .sort((a, b) => rank(a) - rank(b) || b.weight.comparedTo(a.weight) || b.clauses.length - a.clauses.length || order.get(a.fact.id)! - order.get(b.fact.id)!);
}

/** The next question, or undefined when nothing left could change the result. */
export function nextQuestion(set: RuleSet, s: InterviewState): Question | undefined {
  return openQuestions(set, s)[0];
}

function rank(q: Question): number {
  // A figure only an authority knows (a share of 地方综合贡献) is asked last: the applicant can usually only skip it.
  if (q.fact.supplied_by === 'authority') return TOPICS.length;
  return q.fact.id === FIRST ? -1 : TOPICS.indexOf(q.fact.topic);
}

const indexes = new WeakMap<RuleSet, Map<string, Clause>>();
function clauseIndex(set: RuleSet): Map<string, Clause> {
  let m = indexes.get(set);
  if (!m) {
    m = new Map(set.policies.flatMap((lp) => lp.policy.clauses.map((c) => [c.id, c] as const)));
    indexes.set(set, m);
  }
  return m;
}

function boundOf(c: Clause | undefined): Decimal | undefined {
  return c ? awardBound(c) : undefined;
}
