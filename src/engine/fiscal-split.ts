import { Decimal } from '../money/decimal.js';
import type { RuleSet, LoadedPolicy } from '../model/rule-set.js';
import type { Clause } from '../schema/policy-schema.js';
import type { ShareSpec } from '../schema/region-schema.js';
import { literal } from '../model/rule-literal.js';
import { regionChain } from '../model/regions.js';
import type { SharePart, Split, SplitSource } from './types.js';

/**
 * Allocates an award to levels of government to the fen: each level gets its
 * share rounded down, and the fen left over go to the first level listed
 * (the level that pays out), so the parts always add up to the award exactly.
 */
export function allocate(amount: Decimal, shares: ShareSpec[]): SharePart[] {
  const fen = amount.times(100);
  const parts = shares.map((s) => ({ level: s.level, share: literal(s.share), fen: fen.times(literal(s.share)).floor() }));
  const rest = fen.minus(parts.reduce((a, p) => a.plus(p.fen), new Decimal(0)));
  if (parts[0]) parts[0].fen = parts[0].fen.plus(rest);
  return parts.map((p) => ({ level: p.level, share: p.share, amount: p.fen.div(100) }));
}

type Shares = { shares?: ShareSpec[]; source: SplitSource };
// The answer depends on the rule set (its regime file too), the clause and the region only:
// a batch asks it for every award, so it is worked out once per clause and region.
const known = new WeakMap<RuleSet, Map<string, Shares>>();

/** Which shares apply to a clause in a region, and where they come from (shared: not to be changed). */
export function sharesFor(set: RuleSet, lp: LoadedPolicy, clause: Clause, region: string): Shares {
  let bySet = known.get(set);
  if (!bySet) known.set(set, (bySet = new Map()));
  const key = `${clause.id}\u0000${region}`;
  let s = bySet.get(key);
  if (!s) bySet.set(key, (s = Object.freeze(findShares(set, lp, clause, region))));
  return s;
}

function findShares(set: RuleSet, lp: LoadedPolicy, clause: Clause, region: string): Shares {
  const { policy } = lp;
  if (clause.fiscal) return { shares: clause.fiscal.shares, source: { kind: 'text', policy: policy.id, clause: clause.number, quote: clause.fiscal.quote } };
  const chain = regionChain(set, region);
  const rule = policy.fiscal.rules.find((r) => r.regions.some((code) => chain.includes(code)));
  if (rule)
    return { shares: rule.shares, source: { kind: 'text', policy: policy.id, clause: policy.fiscal.clause, quote: policy.fiscal.quote, note: rule.note } };
  if (policy.fiscal.otherwise !== 'current_regime')
    return {
      shares: policy.fiscal.otherwise.shares,
      source: { kind: 'text', policy: policy.id, clause: policy.fiscal.clause, quote: policy.fiscal.quote, note: policy.fiscal.note },
    };
  const regime = set.regime?.data.regimes.find((r) => r.policy === policy.id && r.regions.some((code) => chain.includes(code)));
  if (regime && set.regime)
    return {
      shares: regime.shares,
      source: { kind: 'regime_file', file: set.regime.file, title: set.regime.data.title, source: set.regime.data.source, note: regime.note },
    };
  return { source: { kind: 'unspecified', policy: policy.id, clause: policy.fiscal.clause, quote: policy.fiscal.quote } };
}

export function splitAward(set: RuleSet, lp: LoadedPolicy, clause: Clause, region: string, amount: Decimal): Split {
  const { shares, source } = sharesFor(set, lp, clause, region);
  return { parts: shares ? allocate(amount, shares) : [], source };
}
