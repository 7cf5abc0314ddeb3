import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RuleSet } from '../load/load-rules.js';
import { CLAUSE_STATUSES, type ClauseStatus } from '../schema/policy-schema.js';
import { sourceItems, unaccountedItems } from './source-items.js';

export type CoverageRow = { policy: string; items: number; unaccounted: string[] } & Record<ClauseStatus, number>;

/** Per document: numbered items in the text, clauses by status, and any item with no clause. */
export function coverage(set: RuleSet): CoverageRow[] {
  return set.policies.map(({ policy }) => {
    const text = readFileSync(join(set.dir, 'sources', policy.source), 'utf8');
    const counts = Object.fromEntries(CLAUSE_STATUSES.map((s) => [s, policy.clauses.filter((c) => c.status === s).length])) as Record<ClauseStatus, number>;
    const items = [...sourceItems(policy, text).values()].reduce((a, b) => a + b, 0);
    return { policy: policy.id, items, ...counts, unaccounted: unaccountedItems(policy, text) };
  });
}
