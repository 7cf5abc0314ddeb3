import type { Decimal } from '../money/decimal.js';
import type { ClauseResult, Evaluation, PolicyResult, TraceStep } from '../engine/types.js';
import type { RuleSet } from '../model/rule-set.js';
import { labelsFor, type Labels } from './labels.js';
import { traceLine } from './render-explain.js';
import { amountKind } from './rows.js';
import { safeJson } from '../i18n/safe-text.js';

/**
 * Bump when the shape changes; README and test/render/json-shape.test.ts describe it.
 * 2: a clause's figure is in the field of its kind (sure, ceiling, potential, setAside),
 * never in one `amount`; trace steps carry exact values and their wording (`text`);
 * the result also carries its `provenance` and the `input` it evaluated (what `subsidy verify` recomputes from).
 */
export const SCHEMA_VERSION = 2;

const money = (d: Decimal | undefined) => (d === undefined ? undefined : d.toFixed(2));

/** A clause's figure under the name of its kind: summing one field never mixes kinds. */
export function clauseAmounts(c: ClauseResult): { sure?: string; ceiling?: string; potential?: string; setAside?: string } {
  const kind = amountKind(c);
  if (!kind) return {};
  return { [kind]: money(kind === 'potential' ? c.potential : c.amount) };
}

/** Each step with its wording; an item of an each award carries its own steps, worded the same way. */
const traceJson = (steps: TraceStep[], l: Labels | undefined): unknown[] =>
  l ? steps.map((t) => ({ ...t, text: traceLine(t, l), ...(t.kind === 'item' ? { steps: traceJson(t.steps, l) } : {}) })) : steps;

export function clauseJson(c: ClauseResult, quote?: string | string[], l?: Labels) {
  return {
    id: c.clauseId,
    number: c.number,
    part: c.part,
    title: c.title,
    ruleStatus: c.ruleStatus,
    status: c.status,
    ...clauseAmounts(c),
    missing: c.missing,
    missingHistory: c.missingHistory,
    reason: c.reason,
    supersededBy: c.supersededBy,
    split: c.split && {
      parts: c.split.parts.map((p) => ({ level: p.level, share: p.share.toFixed(), amount: p.amount.toFixed(2) })),
      source: c.split.source,
    },
    instalments: c.instalments?.map((x) => x.toFixed(2)),
    notes: l ? c.notes.map((n) => l.note(n)) : c.notes,
    quote,
    trace: traceJson(c.trace, l),
  };
}

function policyJson(p: PolicyResult, quotes: Map<string, string | string[]>, l: Labels) {
  return {
    id: p.policyId,
    title: p.title,
    docNumber: p.docNumber,
    draft: p.draft,
    applicability: p.applicability,
    note: p.note && l.note(p.note),
    partialYear: p.partialYear,
    exclusion: p.exclusion,
    trace: traceJson(p.trace, l),
    clauses: p.clauses.map((c) => clauseJson(c, quotes.get(c.clauseId), l)),
  };
}

/** Documents whose data year is only partly inside their validity, with the dates covered: said at the top. */
export function partialYearsJson(ev: Evaluation) {
  return ev.policies.filter((p) => p.partialYear).map((p) => ({ policy: p.policyId, ...p.partialYear! }));
}

export function totalsJson(t: Evaluation['totals']) {
  return {
    sure: t.sure.toFixed(2),
    ceilings: t.ceilings.toFixed(2),
    pendingPotential: t.pendingPotential.toFixed(2),
    needsData: t.needsData,
    byLevel: Object.fromEntries(Object.entries(t.byLevel).map(([k, v]) => [k, v!.toFixed(2)])) as Record<string, string>,
  };
}

/** The machine-readable result: exact amounts as strings in 元 with two decimals. */
export function evaluationJson(ev: Evaluation, set: RuleSet, l: Labels = labelsFor(set, 'zh')) {
  const quotes = new Map(set.policies.flatMap((lp) => lp.policy.clauses.map((c) => [c.id, c.quote] as const)));
  return {
    schemaVersion: SCHEMA_VERSION,
    enterprise: ev.enterprise,
    totals: totalsJson(ev.totals),
    partialYears: partialYearsJson(ev),
    policies: ev.policies.map((p) => policyJson(p, quotes, l)),
  };
}

export type EvaluationJson = ReturnType<typeof evaluationJson>;

export function renderJson(evs: Evaluation[], set: RuleSet, l: Labels = labelsFor(set, 'zh')): string {
  const out = evs.length === 1 ? evaluationJson(evs[0]!, set, l) : { schemaVersion: SCHEMA_VERSION, results: evs.map((e) => evaluationJson(e, set, l)) };
  return safeJson(JSON.stringify(out, null, 2)) + '\n';
}
