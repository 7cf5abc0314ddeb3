import { evaluate } from '../engine/evaluate.js';
import type { ClauseResult, Enterprise, Evaluation, PolicyResult } from '../engine/types.js';
import type { LoadedPolicy, RuleSet, Switch } from '../model/rule-set.js';
import { withReadings } from '../readings/apply-readings.js';

/** A reading as it stood in one evaluation: the option taken, and whether another option would have changed a result. */
export interface ReadingUse {
  id: string;
  option: string;
  isDefault: boolean;
  /** Another option changes a status, an amount or a document's applicability for this enterprise. */
  decided: boolean;
  /** The clauses (and documents, by id) whose result another option changes. */
  touches: string[];
}

/** What a clause (or a document) came to: compared between readings. */
export function outcomeKey(ev: Evaluation): Map<string, string> {
  const m = new Map<string, string>();
  for (const p of ev.policies) {
    m.set(p.policyId, p.applicability);
    for (const c of p.clauses) m.set(c.clauseId, clauseKey(c));
  }
  return m;
}

const clauseKey = (c: ClauseResult) =>
  `${c.status} ${(c.amount ?? c.potential)?.toFixed(2) ?? ''} ${c.split?.parts.map((p) => `${p.level}:${p.amount.toFixed(2)}`).join(',') ?? ''}`;

/** The readings whose switches sit in a document that covers the enterprise's place (the others cannot matter). */
export function readingsNearby(set: RuleSet, ev: Evaluation): string[] {
  const near = new Set<string>();
  for (const lp of set.policies) {
    const p = ev.policies.find((x) => x.policyId === lp.policy.id);
    if (!p || p.applicability === 'not_covered') continue;
    for (const s of lp.switches ?? []) near.add(s.reading);
  }
  return set.readings.map((r) => r.id).filter((id) => near.has(id));
}

/**
 * The part of a variant that can evaluate differently from the set it came from: its
 * changed documents, and any document sharing a stacking group with one of them
 * (就高不重复 can cross documents). The rest would give the same results, so it is
 * left out of the comparison rather than evaluated again.
 */
export function affected(variant: RuleSet, set: RuleSet): RuleSet {
  const changed = variant.policies.filter((lp, i) => lp !== set.policies[i]);
  if (changed.length === variant.policies.length) return variant;
  const groups = new Set(changed.flatMap((lp) => lp.policy.clauses.map((c) => c.stacking_group).filter(Boolean)));
  const policies = variant.policies.filter(
    (lp, i) => lp !== set.policies[i] || lp.policy.clauses.some((c) => c.stacking_group && groups.has(c.stacking_group)),
  );
  return { ...variant, policies };
}

/**
 * For each reading near this enterprise: the option in force and whether any other
 * option would change a result. Found by evaluating again under each other option
 * (without traces), so it is exact, not guessed from where the switches sit.
 */
export function readingsInPlay(set: RuleSet, ent: Enterprise, ev: Evaluation): ReadingUse[] {
  const base = outcomeKey(ev);
  return readingsNearby(set, ev).map((id) => {
    const r = set.readings.find((x) => x.id === id)!;
    const option = set.choices[id] ?? r.default;
    const touches = new Set<string>();
    const inert = switchesOf(set, id).every(([lp, s]) =>
      isInert(
        s,
        ev.policies.find((p) => p.policyId === lp.policy.id),
      ),
    );
    for (const o of r.options) {
      if (o.id === option || inert) continue;
      const other = outcomeKey(evaluate(affected(withReadings(set, { [id]: o.id }), set), ent, { trace: false }));
      for (const [k, v] of other) if (base.get(k) !== v) touches.add(k);
    }
    return { id, option, isDefault: option === r.default, decided: touches.size > 0, touches: [...touches] };
  });
}

function switchesOf(set: RuleSet, reading: string): [LoadedPolicy, Switch][] {
  return set.policies.flatMap((lp) => (lp.switches ?? []).filter((s) => s.reading === reading).map((s): [LoadedPolicy, Switch] => [lp, s]));
}

/** A clause's fields the engine reads only for a clause that met its beneficiary and conditions. */
const AFTER_CONDITIONS = new Set(['award', 'caps', 'max_years', 'instalments', 'fiscal', 'pool', 'frequency']);
/** Why a clause is not eligible that is settled before its award is read (engine/evaluate.ts, evaluateOwn). */
const SETTLED_FIRST = new Set(['beneficiary', 'condition']);

/**
 * A switch that cannot change this enterprise's results, whatever its options say, so the
 * rule set is not evaluated again for it: a clause's notes (text); a clause of a document that
 * does not apply here (place and time are the document's, not its clauses'); what is read after
 * the beneficiary and conditions, of a clause whose beneficiary or conditions this enterprise
 * does not meet. An award switched away whole would change what the clause is: not inert.
 */
function isInert(s: Switch, doc: PolicyResult | undefined): boolean {
  const [head, index, field] = s.path;
  if (head !== 'clauses' || typeof index !== 'number' || typeof field !== 'string' || !doc) return false;
  if (field === 'notes' || doc.applicability !== 'applies') return true;
  const r = doc.clauses[index];
  const whole = s.path.length === 3;
  return (
    AFTER_CONDITIONS.has(field) &&
    r?.status === 'not_eligible' &&
    SETTLED_FIRST.has(r.reason?.code ?? '') &&
    (!whole || Object.values(s.values).every((v) => v !== undefined && v !== null))
  );
}
