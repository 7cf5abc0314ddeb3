import { Decimal } from '../money/decimal.js';
import type { RuleSet } from '../model/rule-set.js';
import type { Evaluation } from '../engine/types.js';
import { awardBound } from '../rules/award-bound.js';
import { labelsFor, type Labels } from '../render/labels.js';

export interface MissingFact {
  fact: string;
  label: string;
  clauses: string[];
  /** Sum over those clauses of what each could pay; `unbounded` when one has no cap. */
  upTo: Decimal;
  unbounded: boolean;
}

const clausesBySet = new WeakMap<RuleSet, Map<string, Parameters<typeof awardBound>[0]>>();
// A clause's most by its text is the same for every enterprise: worked out once (a batch asks per row).
const bounds = new WeakMap<object, Decimal | undefined>();
function boundOf(clause: Parameters<typeof awardBound>[0]): Decimal | undefined {
  if (!bounds.has(clause)) bounds.set(clause, awardBound(clause));
  return bounds.get(clause);
}

/**
 * The facts that would decide "needs data" clauses, ranked by the most money
 * they could unlock, so a consultant knows which documents to ask for first.
 * A clause's worth is its computed potential when known, else its maximum by the text.
 */
export function missingDataReport(set: RuleSet, ev: Evaluation, labels: Labels = labelsFor(set, 'zh')): MissingFact[] {
  let clauses = clausesBySet.get(set);
  if (!clauses) clausesBySet.set(set, (clauses = new Map(set.policies.flatMap((lp) => lp.policy.clauses.map((c) => [c.id, c] as const)))));
  const byFact = new Map<string, MissingFact>();
  for (const p of ev.policies)
    for (const r of p.clauses) {
      if (r.status !== 'needs_data') continue;
      const clause = clauses.get(r.clauseId);
      const worth = r.potential ?? (clause ? boundOf(clause) : undefined);
      const wanted = [
        ...r.missing.map((f) => ({ key: f, label: labels.fact(f) })),
        ...(r.missingHistory ?? []).map((h) => ({ key: `history.${h}`, label: labels.history(h) })),
      ];
      for (const { key: fact, label } of wanted) {
        const m = byFact.get(fact) ?? { fact, label, clauses: [], upTo: new Decimal(0), unbounded: false };
        m.clauses.push(r.clauseId);
        if (worth) m.upTo = m.upTo.plus(worth);
        else m.unbounded = true;
        byFact.set(fact, m);
      }
    }
  return [...byFact.values()].sort((a, b) => Number(b.unbounded) - Number(a.unbounded) || b.upTo.comparedTo(a.upTo) || a.fact.localeCompare(b.fact));
}
