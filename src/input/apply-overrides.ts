import type { Finding } from '../errors/codes.js';
import { didYouMean } from '../errors/did-you-mean.js';
import type { RuleSet } from '../model/rule-set.js';
import type { Enterprise } from '../model/enterprise.js';
import { coerceFactValue } from './coerce-value.js';
import { factIndex } from './to-enterprise.js';
import { reason } from '../i18n/reasons.js';

/**
 * What-if: `--set fact=value` pairs replace facts of an enterprise, read by the
 * same parser as input files. A blank value makes the fact unknown again.
 */
export function applyOverrides(set: RuleSet, ent: Enterprise, pairs: string[]): { enterprise: Enterprise; findings: Finding[] } {
  const index = factIndex(set);
  const facts = new Map(ent.facts);
  const findings: Finding[] = [];
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    const key = eq > 0 ? pair.slice(0, eq).trim() : '';
    const id = index.get(key);
    if (!id) {
      const s = key ? didYouMean(key, index.keys()) : undefined;
      findings.push({
        code: eq > 0 ? 'UNKNOWN_FACT' : 'USAGE',
        args: { fact: key, detail: reason('writeSet') },
        field: `--set ${pair}`,
        ...(s ? { hint: { code: 'DID_YOU_MEAN', suggestion: s } } : {}),
      });
      continue;
    }
    const r = coerceFactValue(set.facts.get(id)!, pair.slice(eq + 1));
    if (!r.ok) findings.push({ code: r.code, args: { fact: set.facts.get(id)!.label, detail: r.detail, ...r.args }, field: `--set ${pair}` });
    else if (r.value === undefined) facts.delete(id);
    else facts.set(id, r.value);
  }
  return { enterprise: { ...ent, facts }, findings };
}
