import type { RuleSet, LoadedPolicy } from '../model/rule-set.js';
import type { Clause } from '../schema/policy-schema.js';
import { applyLimits, instalments } from './apply-limits.js';
import { evalAward } from './eval-award.js';
import { evalCondition } from './eval-condition.js';
import { FactsView } from './facts-view.js';
import { splitAward } from './fiscal-split.js';
import { regionChain } from '../model/regions.js';
import { applyOnePerYear, applyStacking } from './stacking.js';
import { applySharedCaps, paysPersons } from './shared-caps.js';
import { computeTotals } from './totals.js';
import type { ClauseResult, Enterprise, Evaluation, PolicyResult, TraceStep, TriBool } from './types.js';
import { inForce } from './validity.js';

const NO_AWARD = new Set(['non_monetary', 'by_reference', 'defective', 'provision']);

export interface EvaluateOptions {
  /**
   * false: no trace steps and no formula texts (every trace is empty). Statuses,
   * amounts, shares, missing facts and notes are the same; batch uses it, as its
   * reports never show a trace and wording them was a third of a row's time.
   */
  trace?: boolean;
}

/** Shared by every result of an evaluation without traces; frozen, so a stray push fails loudly. */
const NO_TRACE: TraceStep[] = Object.freeze([]) as unknown as TraceStep[];

/** Evaluates one enterprise against every policy in the rule set. Pure: no I/O. */
export function evaluate(set: RuleSet, ent: Enterprise, opts: EvaluateOptions = {}): Evaluation {
  const traced = opts.trace !== false;
  const facts = new FactsView(set.facts, ent.facts, set.thresholds);
  const chain = regionChain(set, ent.region);
  // Only awards in a stacking group can be superseded; the others are not handed to applyStacking.
  const grouped: { r: ClauseResult; group?: string }[] = [];
  const policies = set.policies.map((lp) => {
    const pr = evaluatePolicy(set, lp, ent, facts, chain, traced);
    const clauses = lp.policy.clauses;
    for (let i = 0; i < pr.clauses.length; i++) {
      const r = pr.clauses[i]!;
      const group = clauses[i]?.stacking_group;
      if (group && (traced || r.status === 'eligible' || r.status === 'ceiling')) grouped.push({ r, group });
    }
    return pr;
  });
  applyStacking(grouped, traced);
  policies.forEach((pr, k) => {
    const stacking = set.policies[k]!.policy.stacking;
    if (stacking?.scope === 'one_per_year' && pr.applicability === 'applies') applyOnePerYear(pr.clauses, stacking.exempt ?? [], traced);
  });
  // Caps shared by several clauses of a document: after stacking (a superseded award uses none of the cap), before the split.
  policies.forEach((pr, k) => applySharedCaps(set.policies[k]!, pr, traced));
  policies.forEach((pr, k) => {
    const lp = set.policies[k]!;
    pr.clauses.forEach((r, i) => {
      if (r.amount && (r.status === 'eligible' || r.status === 'ceiling')) {
        r.split = splitAward(set, lp, lp.policy.clauses[i]!, ent.region, r.amount);
        if (traced) r.trace.push({ kind: 'split', parts: r.split.parts.map((p) => ({ level: p.level, share: p.share, amount: p.amount })) });
      }
    });
  });
  const region = set.regions.get(ent.region);
  const persons = policies.some((pr, k) => pr.applicability !== 'not_covered' && paysPersons(set, set.policies[k]!));
  return {
    enterprise: { id: ent.id, name: ent.name, region: ent.region, regionName: region?.name ?? ent.region, year: ent.year },
    ...(persons ? { subject: 'entity' as const } : {}),
    policies,
    totals: computeTotals(policies),
  };
}

function evaluatePolicy(set: RuleSet, lp: LoadedPolicy, ent: Enterprise, facts: FactsView, chain: readonly string[], traced: boolean): PolicyResult {
  const { policy } = lp;
  // Without a trace a document that does not cover the region, or is not in force in the year,
  // reads the same for every such enterprise: three of a row's five documents, on average.
  if (!traced) {
    const fixed = unappliedResult(set, lp, ent, facts, chain);
    if (fixed) return fixed;
  }
  const v = inForce(policy, ent.year);
  const trace: TraceStep[] | undefined = traced
    ? [{ kind: 'validity', year: ent.year, from: v.from, to: v.to, ok: v.ok, draft: policy.status === 'draft', partial: v.partial }]
    : undefined;
  const base = {
    policyId: policy.id,
    title: policy.title,
    shortTitle: policy.short_title,
    docNumber: policy.doc_number,
    draft: policy.status === 'draft',
    trace: trace ?? NO_TRACE,
    partialYear: v.partial,
  };
  const covered = covers(policy.applies_to, chain);
  trace?.push({ kind: 'region', region: ent.region, appliesTo: policy.applies_to, ok: covered });
  // Place before time: a policy for another place is "not covered" whatever the year.
  if (!covered) return Object.assign(base, { applicability: 'not_covered' as const, note: policy.coverage_note, clauses: [], partialYear: undefined });
  if (!v.ok)
    return Object.assign(base, {
      applicability: 'not_in_force' as const,
      note: v.partial ? policy.validity.partial_year?.note : policy.validity.note,
      clauses: [],
    });
  const exclusion = checkExclusions(lp, facts, trace);
  // A barred document's supports are each worked out (what they would have paid is set aside).
  const fixed = traced ? undefined : infoResults(lp);
  const barred = exclusion.result === true;
  const clauses = policy.clauses.map(
    (c, i) => (barred && BARRED.has(c.status) ? undefined : fixed?.[i]) ?? evaluateClause(lp, c, ent, facts, exclusion, traced),
  );
  const hit = exclusion.hit ? policy.exclusions.find((x) => x.id === exclusion.hit) : undefined;
  return Object.assign(base, {
    applicability: 'applies' as const,
    clauses,
    ...(hit ? { exclusion: { id: hit.id, clause: hit.clause, quote: hit.quote } } : {}),
  });
}

function covers(appliesTo: readonly string[], chain: readonly string[]): boolean {
  for (const code of appliesTo) if (chain.includes(code)) return true;
  return false;
}

const notCovered = new WeakMap<LoadedPolicy, PolicyResult>();
const notInForce = new WeakMap<LoadedPolicy, Map<number, PolicyResult | null>>();

/**
 * The shared untraced result of a document that does not cover the enterprise's region, or
 * is not in force in its year (made as evaluatePolicy makes it with a trace, which is then left
 * out, and frozen); undefined when the document applies. Nothing changes the result of a
 * document that does not apply (stacking, shared caps and splits touch only applying ones).
 */
function unappliedResult(set: RuleSet, lp: LoadedPolicy, ent: Enterprise, facts: FactsView, chain: readonly string[]): PolicyResult | undefined {
  if (!covers(lp.policy.applies_to, chain)) {
    let r = notCovered.get(lp);
    if (!r) notCovered.set(lp, (r = frozenPolicy(evaluatePolicy(set, lp, ent, facts, chain, true))));
    return r;
  }
  let byYear = notInForce.get(lp);
  if (!byYear) notInForce.set(lp, (byYear = new Map()));
  let r = byYear.get(ent.year);
  if (r === undefined) {
    const v = inForce(lp.policy, ent.year);
    r = v.ok ? null : frozenPolicy(evaluatePolicy(set, lp, ent, facts, chain, true));
    byYear.set(ent.year, r);
  }
  return r ?? undefined;
}

/**
 * A document's result without its trace, frozen to be shared. Its empty clause list is left
 * as it is: loops over a row's clauses (totals, report lines) run on plain arrays only, and a
 * frozen one among them made V8 step through every list with iterator objects.
 */
function frozenPolicy(r: PolicyResult): PolicyResult {
  return Object.freeze({ ...r, trace: NO_TRACE });
}

interface ExclusionState {
  result: TriBool;
  missing: string[];
  hit?: string;
}

function checkExclusions(lp: LoadedPolicy, facts: FactsView, trace: TraceStep[] | undefined): ExclusionState {
  const missing: string[] = [];
  for (const ex of lp.policy.exclusions) {
    // The condition's own steps are left out: one line per disqualifier reads better.
    const r = evalCondition(ex.when, facts, undefined);
    trace?.push({ kind: 'exclusion', id: ex.id, clause: ex.clause, quote: ex.quote, result: r.result });
    if (r.result === true) return { result: true, missing: [], hit: ex.id };
    if (r.result === 'unknown') missing.push(...r.missing);
  }
  return missing.length ? { result: 'unknown', missing: [...new Set(missing)] } : { result: false, missing: [] };
}

/** Clauses a document-wide disqualifier bars: every support the text gives, not its procedural provisions. */
const BARRED = new Set(['computable', 'ceiling', 'non_monetary']);

/** The result object is built once and completed in place: a copy per outcome showed in batch profiles. */
function evaluateClause(lp: LoadedPolicy, c: Clause, ent: Enterprise, facts: FactsView, ex: ExclusionState, traced: boolean): ClauseResult {
  if (ex.result !== true || !BARRED.has(c.status)) return evaluateOwn(lp, c, ent, facts, ex, traced)!;
  // Without a trace only what the clause would pay matters here (see evaluateOwn's paidOnly).
  const r = evaluateOwn(lp, c, ent, facts, ex, traced, !traced);
  // Exclusions decide first: what the clause would have paid is shown as set aside, and nothing is asked for.
  const setAside = r && (r.status === 'eligible' || r.status === 'ceiling') ? r.amount : undefined;
  // Nothing set aside and no trace: the same result for every enterprise the disqualifier bars.
  if (setAside === undefined && !traced) return excludedResult(lp, c, ex.hit!);
  const out = Object.isFrozen(r) ? fresh(lp, c, undefined) : r!;
  Object.assign(out, {
    status: 'excluded',
    reason: { code: 'exclusion', detail: ex.hit },
    missing: NONE,
    potential: undefined,
    missingHistory: undefined,
    amount: setAside,
    instalments: undefined,
  });
  return out;
}

/**
 * A clause on its own terms: beneficiary, conditions, award, history and limits; an unknown
 * exclusion only adds to what is missing. `paidOnly` (a clause a disqualifier bars, without a
 * trace): only an award it would pay is of use, so undefined as soon as it is sure there is none
 * (a fact it needs is unknown: the award is then not worked out), and no result is made for it.
 */
function evaluateOwn(
  lp: LoadedPolicy,
  c: Clause,
  ent: Enterprise,
  facts: FactsView,
  ex: ExclusionState,
  traced: boolean,
  paidOnly = false,
): ClauseResult | undefined {
  const trace: TraceStep[] | undefined = traced ? [] : undefined;
  if (!paysAward(c)) return paidOnly ? undefined : fresh(lp, c, trace);
  // Only read from here on (joined copies): an array is made only when something is missing.
  let missing: string[] = NONE;
  if (c.beneficiary) {
    const kinds = facts.value('entity_kinds') as string[] | undefined;
    // Several kinds: the clause pays any of them.
    const wanted = beneficiaries(c);
    const result: TriBool = kinds ? anyOf(wanted.kinds, kinds) : 'unknown';
    trace?.push({ kind: 'beneficiary', required: c.beneficiary, actual: kinds, result });
    if (result === false) return notEligible(lp, c, trace, 'beneficiary', wanted.detail);
    if (result === 'unknown') {
      if (paidOnly) return undefined;
      missing = ['entity_kinds'];
    }
  }
  if (c.when) {
    const cond = evalCondition(c.when, facts, trace);
    if (cond.result === false) return notEligible(lp, c, trace, 'condition');
    if (cond.missing.length) missing = missing === NONE ? cond.missing : [...missing, ...cond.missing];
  }
  // Anything missing makes the clause need data (or pay nothing): it pays nothing now either way.
  if (paidOnly && missing.length) return undefined;
  const history = ent.history.get(c.id);
  const award = evalAward(c.award, { facts, history, trace });
  if (paidOnly && !award.ok) return undefined;
  const r = fresh(lp, c, trace);
  if (!award.ok) {
    r.status = 'needs_data';
    r.missing = joined(ex.missing, missing, award.missing);
    if ('needsHistory' in award) r.missingHistory = award.needsHistory;
    return r;
  }
  if (award.term) trace?.push({ kind: 'formula', term: award.term, value: award.value });
  const limited = applyLimits(c, award.value, history, trace);
  if (limited.needsHistory) {
    r.status = 'needs_data';
    r.missing = joined(ex.missing, missing);
    r.missingHistory = limited.needsHistory;
    return r;
  }
  if (limited.blocked) return notEligible(lp, c, trace, limited.blocked.code, limited.blocked.detail, r);
  if (limited.amount.isZero()) return notEligible(lp, c, trace, 'zero_award', undefined, r);
  if (missing.length || ex.result === 'unknown') {
    r.status = 'needs_data';
    r.potential = limited.amount;
    r.missing = joined(ex.missing, missing);
    return r;
  }
  r.status = c.status === 'ceiling' ? 'ceiling' : 'eligible';
  r.amount = limited.amount;
  if (c.instalments) {
    r.instalments = instalments(limited.amount, c.instalments.count);
    trace?.push({ kind: 'instalments', parts: r.instalments });
  }
  return r;
}

function anyOf(wanted: readonly string[], kinds: readonly string[]): boolean {
  for (const k of wanted) if (kinds.includes(k)) return true;
  return false;
}

const beneficiaryLists = new WeakMap<Clause, { kinds: string[]; detail: string }>();

/** The kinds a clause pays (any of them) and the reason's detail naming them: made once per clause. */
function beneficiaries(c: Clause): { kinds: string[]; detail: string } {
  let b = beneficiaryLists.get(c);
  if (!b) {
    const kinds = typeof c.beneficiary === 'string' ? [c.beneficiary] : (c.beneficiary ?? []);
    beneficiaryLists.set(c, (b = { kinds, detail: kinds.join(',') }));
  }
  return b;
}

function fresh(lp: LoadedPolicy, c: Clause, trace: TraceStep[] | undefined): ClauseResult {
  return {
    clauseId: c.id,
    policyId: lp.policy.id,
    number: c.number,
    part: c.part,
    title: c.title,
    ruleStatus: c.status,
    status: 'info',
    // Every field a result may get later, present from the start: results then share one
    // shape, and the renderers reading them stay monomorphic (undefined fields are not written).
    amount: undefined,
    potential: undefined,
    missing: [],
    missingHistory: undefined,
    reason: undefined,
    supersededBy: undefined,
    split: undefined,
    instalments: undefined,
    trace: trace ?? NO_TRACE,
    notes: c.notes ?? [],
  };
}

type Reason = NonNullable<ClauseResult['reason']>;

// A clause an enterprise is not eligible for says only which clause and why: without a trace
// (and with no detail that depends on the enterprise) that result is the same for every row,
// so it is made once per clause and reason, frozen like the pay-nothing ones.
const notEligibleResults = new WeakMap<Clause, Map<string, ClauseResult>>();

function notEligible(lp: LoadedPolicy, c: Clause, trace: TraceStep[] | undefined, code: Reason['code'], detail?: string, r?: ClauseResult): ClauseResult {
  const reason: Reason = detail === undefined ? { code } : { code, detail };
  if (trace || code === 'max_years') return settle(r ?? fresh(lp, c, trace), 'not_eligible', reason);
  let byCode = notEligibleResults.get(c);
  if (!byCode) notEligibleResults.set(c, (byCode = new Map()));
  let shared = byCode.get(code);
  if (!shared) byCode.set(code, (shared = frozen(settle(fresh(lp, c, undefined), 'not_eligible', reason))));
  return shared;
}

// A barred clause that would have paid nothing says only which clause and which disqualifier:
// in batches most barred rows are of this kind, so each clause and disqualifier has one result.
const excludedResults = new WeakMap<Clause, Map<string, ClauseResult>>();

function excludedResult(lp: LoadedPolicy, c: Clause, hit: string): ClauseResult {
  let byHit = excludedResults.get(c);
  if (!byHit) excludedResults.set(c, (byHit = new Map()));
  let shared = byHit.get(hit);
  if (!shared) {
    const r = fresh(lp, c, undefined);
    Object.assign(r, {
      status: 'excluded',
      reason: { code: 'exclusion', detail: hit },
      missing: NONE,
      potential: undefined,
      missingHistory: undefined,
      amount: undefined,
      instalments: undefined,
    } satisfies Partial<ClauseResult>);
    byHit.set(hit, (shared = frozen(r)));
  }
  return shared;
}

// Half the clauses a row meets pay nothing by nature (information, references, defective
// text): without a trace their result is the same for every enterprise, so it is made once
// per policy (undefined for clauses that can pay). Frozen, because it is shared: stacking
// and splits only ever touch awards.
const fixedResults = new WeakMap<LoadedPolicy, (ClauseResult | undefined)[]>();

function infoResults(lp: LoadedPolicy): (ClauseResult | undefined)[] {
  let rs = fixedResults.get(lp);
  if (!rs) {
    rs = lp.policy.clauses.map((c) => (paysAward(c) ? undefined : frozen(fresh(lp, c, undefined))));
    fixedResults.set(lp, rs);
  }
  return rs;
}

/** Whether a clause has an award to compute (not information, a reference, defective text or a provision). */
function paysAward(c: Clause): c is Clause & { award: NonNullable<Clause['award']> } {
  return !NO_AWARD.has(c.status) && c.award !== undefined;
}

/** A result to be shared between rows: frozen with the arrays and reason it owns, so a stray change throws. */
function frozen(r: ClauseResult): ClauseResult {
  if (r.missing !== NONE) Object.freeze(r.missing);
  if (r.reason) Object.freeze(r.reason);
  return Object.freeze(r);
}

/** A clause that pays nothing, and why; properties are set in place (Object.assign with a fresh object cost more). */
function settle(r: ClauseResult, status: 'not_eligible', reason: NonNullable<ClauseResult['reason']>): ClauseResult {
  r.status = status;
  r.reason = reason;
  return r;
}

/**
 * The facts a clause still needs: first those its policy's exclusions need (they
 * decide first), then its own, each once. When it needs none of its own, that is
 * the exclusions' list itself (already without repeats, and only ever read).
 */
function joined(exclusions: string[], own: string[], more: string[] = NONE): string[] {
  if (own.length === 0 && more.length === 0) return exclusions;
  const out: string[] = [];
  // A handful of ids: a scan beats building a Set.
  for (const list of [exclusions, own, more]) for (const id of list) if (!out.includes(id)) out.push(id);
  return out;
}
// Not frozen, like the clause lists above: it is read in the same loops as every row's own lists.
const NONE: string[] = [];
