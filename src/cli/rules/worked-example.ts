import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { evaluate, readEnterprise, type RuleSet } from '../../index.js';
import { explainClause } from '../../render/render-explain.js';
import type { Lang } from '../../i18n/messages.js';
import { labelsFor } from '../../render/labels.js';

/** The first shipped example that yields an amount for the clause, explained. */
export function workedExample(set: RuleSet, clauseId: string, lang: Lang, dir = join(set.dir, '..', 'examples')): string | undefined {
  let names: string[] = [];
  try {
    names = readdirSync(dir)
      .filter((n) => n.endsWith('.yaml'))
      .sort();
  } catch {
    return undefined;
  }
  const clause = set.policies.flatMap((lp) => lp.policy.clauses).find((c) => c.id === clauseId);
  for (const name of names) {
    const file = join(dir, name);
    try {
      const { enterprise } = readEnterprise(set, readFileSync(file, 'utf8'), { file });
      if (!enterprise) continue;
      const ev = evaluate(set, enterprise);
      for (const p of ev.policies) {
        const c = p.clauses.find((x) => x.clauseId === clauseId && x.amount);
        if (c) return `${lang === 'zh' ? '示例' : 'worked example'}: examples/${name}\n${explainClause(p, c, clause, labelsFor(set, lang))}`;
      }
    } catch {
      // An example that does not read shows nothing: the next one may.
    }
  }
  return undefined;
}
