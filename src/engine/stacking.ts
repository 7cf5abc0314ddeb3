import type { ClauseResult } from './types.js';

/**
 * 就高不重复 / 从优、就高、不重复: within a stacking group the largest award is
 * kept and the others are marked superseded. They stay in the results, so a
 * reader sees what was set aside and why. A tie goes to a sure amount over a
 * ceiling, then to the smaller clause id: never to the order of a rule file.
 */
export function applyStacking(results: { r: ClauseResult; group?: string }[], traced = true): void {
  const groups = new Map<string, ClauseResult[]>();
  for (const { r, group } of results) {
    if (!group || (r.status !== 'eligible' && r.status !== 'ceiling') || !r.amount?.greaterThan(0)) continue;
    groups.set(group, [...(groups.get(group) ?? []), r]);
  }
  for (const [group, members] of groups) {
    if (members.length < 2) continue;
    const winner = members.reduce((best, r) => (beats(r, best) ? r : best));
    for (const r of members) {
      if (traced) r.trace.push({ kind: 'stacking', group, winner: winner.clauseId });
      if (r === winner) continue;
      r.status = 'superseded';
      r.supersededBy = winner.clauseId;
    }
  }
}

function beats(r: ClauseResult, best: ClauseResult): boolean {
  const c = r.amount!.comparedTo(best.amount!);
  if (c !== 0) return c > 0;
  if (r.status !== best.status) return r.status === 'eligible';
  return r.clauseId < best.clauseId;
}

/**
 * One item a year (an implementing rule's reading of 就高不重复, e.g. 杭商务〔2023〕76号):
 * of a document's awards, an enterprise keeps the one that pays most — a sure amount
 * before a ceiling, which review may cut — and the clauses the rule exempts besides;
 * the others are superseded with that reason.
 */
export function applyOnePerYear(results: ClauseResult[], exempt: readonly string[], traced = true): void {
  const members = results.filter((r) => (r.status === 'eligible' || r.status === 'ceiling') && r.amount?.greaterThan(0) && !exempt.includes(r.clauseId));
  if (members.length < 2) return;
  const sure = members.filter((r) => r.status === 'eligible');
  const winner = (sure.length ? sure : members).reduce((best, r) => (beats(r, best) ? r : best));
  for (const r of members) {
    if (traced) r.trace.push({ kind: 'stacking', group: 'one_per_year', winner: winner.clauseId });
    if (r === winner) continue;
    r.status = 'superseded';
    r.supersededBy = winner.clauseId;
    r.reason = { code: 'one_per_year' };
  }
}
