import type { Decimal } from '../money/decimal.js';
import type { ClauseResult, Evaluation, PolicyResult } from '../engine/types.js';
import type { RuleSet } from '../load/load-rules.js';
import { safeJson } from './safe-text.js';

/** Bump when the shape changes; README and test/render/json-shape.test.ts describe it. */
export const SCHEMA_VERSION = 1;

const money = (d: Decimal | undefined) => (d === undefined ? undefined : d.toFixed(2));

export function clauseJson(c: ClauseResult, quote?: string | string[]) {
  return {
    id: c.clauseId,
    number: c.number,
    part: c.part,
    title: c.title,
    ruleStatus: c.ruleStatus,
    status: c.status,
    amount: money(c.amount),
    potential: money(c.potential),
    missing: c.missing,
    reason: c.reason,
    supersededBy: c.supersededBy,
    split: c.split && {
      parts: c.split.parts.map((p) => ({ level: p.level, share: p.share.toFixed(), amount: p.amount.toFixed(2) })),
      source: c.split.source,
    },
    instalments: c.instalments?.map((x) => x.toFixed(2)),
    notes: c.notes,
    quote,
    trace: c.trace,
  };
}

function policyJson(p: PolicyResult, quotes: Map<string, string | string[]>) {
  return {
    id: p.policyId,
    title: p.title,
    docNumber: p.docNumber,
    draft: p.draft,
    applicability: p.applicability,
    note: p.note,
    trace: p.trace,
    clauses: p.clauses.map((c) => clauseJson(c, quotes.get(c.clauseId))),
  };
}

/** The machine-readable result: exact amounts as strings in 元 with two decimals. */
export function evaluationJson(ev: Evaluation, set: RuleSet) {
  const quotes = new Map(set.policies.flatMap((lp) => lp.policy.clauses.map((c) => [c.id, c.quote] as const)));
  const byLevel: Record<string, string> = Object.fromEntries(Object.entries(ev.totals.byLevel).map(([k, v]) => [k, v!.toFixed(2)]));
  return {
    schemaVersion: SCHEMA_VERSION,
    enterprise: ev.enterprise,
    totals: {
      sure: ev.totals.sure.toFixed(2),
      ceilings: ev.totals.ceilings.toFixed(2),
      pendingPotential: ev.totals.pendingPotential.toFixed(2),
      needsData: ev.totals.needsData,
      byLevel,
    },
    policies: ev.policies.map((p) => policyJson(p, quotes)),
  };
}

export type EvaluationJson = ReturnType<typeof evaluationJson>;

export function renderJson(evs: Evaluation[], set: RuleSet): string {
  const out = evs.length === 1 ? evaluationJson(evs[0]!, set) : { schemaVersion: SCHEMA_VERSION, results: evs.map((e) => evaluationJson(e, set)) };
  return safeJson(JSON.stringify(out, null, 2)) + '\n';
}
