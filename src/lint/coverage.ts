import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RuleSet } from '../model/rule-set.js';
import { CLAUSE_STATUSES, type ClauseStatus } from '../schema/policy-schema.js';
import { sourceItems, styleExample, unaccountedItems, unmatchedStyles } from '../check/source-items.js';

/** `readings`: how many clauses are governed by a reading (a value of theirs switches on one). */
export type CoverageRow = { policy: string; items: number; readings: number; unaccounted: string[]; unmatched: string[] } & Record<ClauseStatus, number>;

/**
 * Per document: numbered items in the text, clauses by status (`todo` included), any
 * item with no clause, and any numbering style that matches nothing in the text.
 */
export function coverage(set: RuleSet): CoverageRow[] {
  return set.policies.map(({ policy, switches }) => {
    let text = '';
    try {
      text = readFileSync(join(set.dir, 'sources', policy.source), 'utf8');
    } catch {
      // A missing source is a lint finding of its own; here it simply has no items.
    }
    const counts = Object.fromEntries(CLAUSE_STATUSES.map((s) => [s, policy.clauses.filter((c) => c.status === s).length])) as Record<ClauseStatus, number>;
    const items = [...sourceItems(policy, text).values()].reduce((a, b) => a + b, 0);
    const governed = new Set((switches ?? []).filter((sw) => sw.path[0] === 'clauses').map((sw) => sw.path[1]));
    return {
      policy: policy.id,
      items,
      readings: governed.size,
      ...counts,
      unaccounted: unaccountedItems(policy, text),
      unmatched: unmatchedStyles(policy, text).map(styleExample),
    };
  });
}

/** A document fails coverage when an item has no rule or a declared numbering finds nothing (then every item may be missed). */
export function coverageFails(r: CoverageRow): boolean {
  return r.unaccounted.length > 0 || r.unmatched.length > 0 || r.items === 0;
}
