import { Decimal, dmin } from '../money/decimal.js';
import type { LoadedPolicy, RuleSet } from '../model/rule-set.js';
import { instalments } from './apply-limits.js';
import { literal } from '../model/rule-literal.js';
import type { ClauseResult, PolicyResult } from './types.js';

const ZERO = new Decimal(0);

/**
 * Caps shared by several clauses of one document ("以上两项合计每年不超过50万元"),
 * applied after each clause's own caps and after stacking (a superseded award uses
 * none of the cap), before the split. Order is the one the rule file's `clauses`
 * lists: each clause keeps what it computed, up to what the clauses before it left
 * (the text's own order, so a reader can redo it by hand; the total is the same in
 * any order). Sure amounts and ceilings both count against the cap; a clause that
 * needs data has its potential limited by what the others left, without using any.
 * A clause left with nothing is not eligible, and says which cap took it.
 */
export function applySharedCaps(lp: LoadedPolicy, pr: PolicyResult, traced: boolean): void {
  const caps = lp.policy.shared_caps;
  if (!caps?.length || pr.applicability !== 'applies') return;
  const byId = new Map(pr.clauses.map((r, i) => [r.clauseId, { r, clause: lp.policy.clauses[i]! }]));
  for (const sc of caps) {
    const cap = literal(sc.amount);
    let used = ZERO;
    const members = sc.clauses.map((id) => byId.get(id)).filter((m) => m !== undefined);
    for (const { r, clause } of members) {
      if ((r.status !== 'eligible' && r.status !== 'ceiling') || !r.amount) continue;
      const before = r.amount;
      const after = dmin(before, Decimal.max(cap.minus(used), 0));
      if (traced) r.trace.push({ kind: 'sharedCap', id: sc.id, per: sc.per, clauses: sc.clauses, cap, used, before, after });
      used = used.plus(after);
      if (after.equals(before)) continue;
      if (after.isZero()) {
        Object.assign(r, {
          status: 'not_eligible',
          amount: undefined,
          instalments: undefined,
          reason: { code: 'shared_cap_used', detail: sc.id },
        } satisfies Partial<ClauseResult>);
        continue;
      }
      r.amount = after;
      if (clause.instalments) r.instalments = instalments(after, clause.instalments.count);
    }
    for (const { r } of members) {
      if (r.status !== 'needs_data' || !r.potential) continue;
      const after = dmin(r.potential, Decimal.max(cap.minus(used), 0));
      if (traced) r.trace.push({ kind: 'sharedCap', id: sc.id, per: sc.per, clauses: sc.clauses, cap, used, before: r.potential, after });
      r.potential = after.isZero() ? undefined : after;
    }
  }
}

const payingPersons = new WeakMap<LoadedPolicy, boolean>();

/**
 * Whether a document can pay a natural person or an individual business: one of its
 * clauses names a beneficiary kind the dictionary marks `person`. Outputs then call
 * the applicant 主体 rather than 企业.
 */
export function paysPersons(set: RuleSet, lp: LoadedPolicy): boolean {
  let yes = payingPersons.get(lp);
  if (yes === undefined) {
    const persons = new Set((set.facts.get('entity_kinds')?.values ?? []).filter((v) => v.person).map((v) => v.id));
    yes = persons.size > 0 && lp.policy.clauses.some((c) => [c.beneficiary ?? []].flat().some((k) => persons.has(k)));
    payingPersons.set(lp, yes);
  }
  return yes;
}
