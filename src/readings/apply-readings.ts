import type { LoadedPolicy, RuleSet } from '../model/rule-set.js';
import { setAt } from './switches.js';

const applied = new WeakMap<RuleSet, Map<string, RuleSet>>();

/**
 * The rule set as read under other options of its readings: each policy whose
 * switches take another value is copied with those values put in place; the others
 * are shared. Pure and cached per set and choice, so the engine's own caches (kept
 * per policy and per set) stay valid.
 */
export function withReadings(set: RuleSet, chosen: Record<string, string>): RuleSet {
  const choices = { ...set.choices, ...chosen };
  // The choices are the set's own but for these, so these name the result. Few (one, when finding
  // the readings in play), so sorting them stays cheap: sorting every reading made the comparator
  // hot enough for V8's optimising compiler, a background job a short `calc` waited for at exit.
  // Plain code-unit order: localeCompare's first call sets up ICU collation, ~10 ms of every start-up.
  const key = Object.entries(chosen)
    .filter(([k, v]) => set.choices[k] !== v)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  let bySet = applied.get(set);
  if (!bySet) applied.set(set, (bySet = new Map()));
  let out = bySet.get(key);
  if (out) return out;
  const policies = set.policies.map((lp) => resolvePolicy(lp, choices, set.choices));
  out = policies.every((p, i) => p === set.policies[i]) ? { ...set, choices } : { ...set, policies, choices };
  bySet.set(key, out);
  return out;
}

function resolvePolicy(lp: LoadedPolicy, choices: Record<string, string>, current: Record<string, string>): LoadedPolicy {
  const changes = (lp.switches ?? []).filter((s) => choices[s.reading] !== current[s.reading]);
  if (!changes.length) return lp;
  let policy = lp.policy;
  for (const s of changes) policy = setAt(policy, s.path, s.values[choices[s.reading]!]);
  return { ...lp, policy };
}

/** The readings whose switches sit in a policy or one of its clauses, by clause index (-1: the policy itself). */
export function readingsAt(lp: LoadedPolicy): Map<number, Set<string>> {
  const out = new Map<number, Set<string>>();
  for (const s of lp.switches ?? []) {
    const at = s.path[0] === 'clauses' && typeof s.path[1] === 'number' ? s.path[1] : -1;
    out.set(at, (out.get(at) ?? new Set()).add(s.reading));
  }
  return out;
}
