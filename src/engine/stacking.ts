import type { ClauseResult } from './types.js';

/**
 * 就高不重复 / 从优、就高、不重复: within a stacking group the largest award is
 * kept and the others are marked superseded. They stay in the results, so a
 * reader sees what was set aside and why. Ties go to the first in rule order.
 */
export function applyStacking(results: { r: ClauseResult; group?: string }[]): void {
  const groups = new Map<string, ClauseResult[]>();
  for (const { r, group } of results) {
    if (!group || (r.status !== 'eligible' && r.status !== 'ceiling') || !r.amount?.greaterThan(0)) continue;
    groups.set(group, [...(groups.get(group) ?? []), r]);
  }
  for (const [group, members] of groups) {
    if (members.length < 2) continue;
    const winner = members.reduce((best, r) => (r.amount!.greaterThan(best.amount!) ? r : best));
    for (const r of members) {
      r.trace.push({ kind: 'stacking', group, winner: winner.clauseId });
      if (r === winner) continue;
      r.status = 'superseded';
      r.supersededBy = winner.clauseId;
    }
  }
}
