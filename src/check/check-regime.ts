import type { Finding } from '../errors/codes.js';
import { didYouMean } from '../errors/did-you-mean.js';
import type { RuleSet } from '../model/rule-set.js';
import type { RegimeFile } from '../schema/region-schema.js';
import { checkShares, type Locate } from './check-amounts.js';
import { ancestry } from './check-dictionary.js';

/**
 * A fiscal regime file (--regime) against the rule set: each entry names a policy that
 * leaves its shares to the current regime and regions that exist; its shares are a
 * proper split; and no place of a policy gets two entries (the engine would take
 * whichever came first).
 */
export function checkRegime(data: RegimeFile, set: Pick<RuleSet, 'policies' | 'regions'>, at: Locate): Finding[] {
  const out: Finding[] = [];
  const policies = new Map(set.policies.map((lp) => [lp.policy.id, lp.policy]));
  const placed: { policy: string; region: string; entry: number }[] = [];
  data.regimes.forEach((r, i) => {
    const policy = policies.get(r.policy);
    if (!policy) {
      const s = didYouMean(r.policy, policies.keys());
      out.push({
        code: 'RULE_UNKNOWN_POLICY',
        args: { policy: r.policy },
        ...at(['regimes', i, 'policy']),
        ...(s ? { hint: { code: 'DID_YOU_MEAN' as const, suggestion: s } } : {}),
      });
    } else if (policy.fiscal.otherwise !== 'current_regime') {
      out.push({ code: 'RULE_REGIME_UNUSED', args: { policy: r.policy }, ...at(['regimes', i, 'policy']) });
    }
    r.regions.forEach((code, j) => {
      const path = ['regimes', i, 'regions', j];
      if (!set.regions.has(code)) return void out.push({ code: 'RULE_UNKNOWN_REGION', args: { region: code }, ...at(path) });
      const chain = ancestry(set.regions, code);
      // Within one entry only a repeated code is a slip; across entries any nesting gives one place two splits.
      const overlaps = (p: (typeof placed)[number]) =>
        p.entry === i ? p.region === code : chain.includes(p.region) || ancestry(set.regions, p.region).includes(code);
      const clash = placed.find((p) => p.policy === r.policy && overlaps(p));
      if (clash) out.push({ code: 'RULE_REGIME_OVERLAP', args: { policy: r.policy, region: code, other: clash.region }, ...at(path) });
      placed.push({ policy: r.policy, region: code, entry: i });
    });
    checkShares(r.shares, ['regimes', i, 'shares'], at, out);
  });
  return out;
}
