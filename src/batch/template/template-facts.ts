import { didYouMean } from '../../errors/did-you-mean.js';
import { SubsidyError } from '../../errors/subsidy-error.js';
import { regionChain, resolveRegion } from '../../model/regions.js';
import { coerceFactValue } from '../../input/coerce-value.js';
import type { LoadedPolicy, RuleSet } from '../../model/rule-set.js';
import { factsOfAward, factsOfCondition } from '../../rules/walk.js';
import type { Clause } from '../../schema/policy-schema.js';
import type { Fact } from '../../schema/fact-schema.js';

export interface TemplateScope {
  /** A region (code or name, short names too): the documents that cover it. */
  region?: string;
  /** Documents by id, number or short title. */
  policies?: string[];
  /** Kinds of entity (as the template's 主体类型 column takes them): the clauses for them, and those for anyone. */
  kinds?: string;
}

/** Clauses that can pay: the others (information, procedure, by reference, todo) read no facts of an enterprise. */
const PAYING = new Set(['computable', 'ceiling']);

function factsOfClause(c: Clause): string[] {
  const out: string[] = [];
  if (c.beneficiary) out.push('entity_kinds');
  if (c.when) for (const [f] of factsOfCondition(c.when, [])) out.push(f);
  if (c.award) for (const [f] of factsOfAward(c.award, [])) out.push(f);
  return out;
}

function choosePolicies(set: RuleSet, scope: TemplateScope): LoadedPolicy[] {
  let chosen = set.policies;
  if (scope.region !== undefined) {
    const code = resolveRegion(set, scope.region)!; // checked as an option before
    const chain = regionChain(set, code);
    chosen = chosen.filter((lp) => lp.policy.applies_to.some((c) => chain.includes(c)));
  }
  if (scope.policies?.length) {
    const names = (lp: LoadedPolicy) => [lp.policy.id, lp.policy.doc_number, lp.policy.short_title].filter((x): x is string => Boolean(x));
    const wanted = new Set<LoadedPolicy>();
    for (const p of scope.policies) {
      const hit = set.policies.find((lp) => names(lp).some((n) => n.normalize('NFKC').trim() === p.normalize('NFKC').trim()));
      if (!hit) {
        const s = didYouMean(p, set.policies.flatMap(names));
        throw SubsidyError.of('RULE_UNKNOWN_POLICY', { policy: p }, { field: '--policy' }, s ? { code: 'DID_YOU_MEAN', suggestion: s } : undefined);
      }
      wanted.add(hit);
    }
    chosen = chosen.filter((lp) => wanted.has(lp));
  }
  return chosen;
}

/**
 * The facts a template needs for a place, documents or kinds of entity: those read
 * by the paying clauses of the documents that can apply (and by their
 * disqualifiers), in dictionary order; a US-dollar fact brings the CNY fact and
 * the rate it may be derived from. Nothing else is asked of the user.
 */
export function templateFacts(set: RuleSet, scope: TemplateScope): Fact[] {
  const policies = choosePolicies(set, scope);
  let kinds: string[] | undefined;
  if (scope.kinds !== undefined) {
    const r = coerceFactValue(set.facts.get('entity_kinds')!, scope.kinds);
    if (!r.ok)
      throw SubsidyError.of(
        r.code,
        { fact: set.facts.get('entity_kinds')!.label, detail: r.detail ?? '', ...r.args },
        { field: '--kind' },
        r.suggestion ? { code: 'DID_YOU_MEAN', suggestion: r.suggestion } : undefined,
      );
    kinds = r.value as string[];
  }
  const used = new Set<string>();
  for (const lp of policies) {
    const clauses = lp.policy.clauses.filter(
      (c) => PAYING.has(c.status) && (!kinds || !c.beneficiary || [c.beneficiary].flat().some((k) => kinds.includes(k))),
    );
    if (!clauses.length) continue;
    for (const ex of lp.policy.exclusions) for (const [f] of factsOfCondition(ex.when, [])) used.add(f);
    for (const c of clauses) for (const f of factsOfClause(c)) used.add(f);
  }
  for (const id of [...used]) {
    const from = set.facts.get(id)?.derive_from_cny;
    if (from) used.add(from).add('usd_cny_rate');
  }
  if (!used.size)
    throw SubsidyError.of(
      'USAGE',
      { detail: 'no clause that pays can apply to this choice of region, documents and kinds of entity' },
      { field: scope.kinds !== undefined ? '--kind' : scope.policies?.length ? '--policy' : '--region' },
    );
  return [...set.facts.values()].filter((f) => used.has(f.id));
}
