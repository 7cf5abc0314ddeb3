import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../errors/codes.js';
import { SubsidyError } from '../errors/subsidy-error.js';
import type { RuleSet } from '../load/load-rules.js';
import { CLAUSE_STATUSES, type ClauseStatus } from '../schema/policy-schema.js';
import { sourceItems, unaccountedItems } from './source-items.js';

export type CoverageRow = { policy: string; items: number; unaccounted: string[] } & Record<ClauseStatus, number>;

/**
 * Per document: numbered items in the text, clauses by status, and any item with no
 * clause. A source text that cannot be read is the rule set's error (exit 2), named
 * with the document that points at it.
 */
export function coverage(set: RuleSet): CoverageRow[] {
  const missing: Finding[] = [];
  const rows = set.policies.flatMap(({ policy, source }) => {
    const file = join(set.dir, 'sources', policy.source);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'FILE_NOT_FOUND' : 'FILE_UNREADABLE';
      missing.push({ code, args: { reason: (e as Error).message }, ...source.locate(['source']), field: `source: ${policy.source}` });
      return [];
    }
    const counts = Object.fromEntries(CLAUSE_STATUSES.map((s) => [s, policy.clauses.filter((c) => c.status === s).length])) as Record<ClauseStatus, number>;
    const items = [...sourceItems(policy, text).values()].reduce((a, b) => a + b, 0);
    return [{ policy: policy.id, items, ...counts, unaccounted: unaccountedItems(policy, text) }];
  });
  if (missing.length) throw new SubsidyError(missing);
  return rows;
}
