import { loadRulesSync as loadRules } from '../../src/load/load-rules-sync.js';
import type { RuleSet } from '../../src/load/load-rules.js';
import { PolicySchema } from '../../src/schema/policy-schema.js';
import { readThresholds } from '../../src/load/read-thresholds.js';
import { checkReferences } from '../../src/check/check-references.js';
import { checkAmounts } from '../../src/check/check-amounts.js';
import { toEnterprise } from '../../src/input/to-enterprise.js';
import { evaluate } from '../../src/engine/evaluate.js';
import type { ClauseResult, Enterprise, ClauseHistory } from '../../src/engine/types.js';
import { Decimal } from '../../src/money/decimal.js';

let shipped: RuleSet | undefined;
export function shippedRules(): RuleSet {
  shipped ??= loadRules();
  return shipped;
}

/**
 * A rule set with the shipped facts and regions and one test policy made of the given clauses.
 * It passes the same reference and number checks a load runs (not the source-text ones:
 * the test policy has no source), so the engine is only ever tested on sets that could load.
 */
export function ruleSetWith(clauses: unknown[], extra: Record<string, unknown> = {}): RuleSet {
  const base = shippedRules();
  const policy = PolicySchema.parse({
    id: 'test',
    title: 'test policy',
    issuer: 'test',
    doc_number: null,
    source: 'none.txt',
    numbering: ['arabic_dot'],
    level: 'county',
    status: 'in_force',
    validity: { from: '2020-01-01', to: null },
    applies_to: ['330781'],
    fiscal: {
      otherwise: {
        shares: [
          { level: 'local', share: '75%' },
          { level: 'city', share: '25%' },
        ],
      },
    },
    clauses,
    ...extra,
  });
  const src = { file: 'test.yaml', data: policy, locate: () => ({ file: 'test.yaml' }) };
  const policies = [{ policy, file: 'test.yaml', source: src }];
  // Its thresholds are read as a load reads them: the engine compares only values read at load.
  const set: RuleSet = { ...base, policies, thresholds: readThresholds({ facts: base.facts, policies }) };
  const problems = [...checkReferences(set), ...checkAmounts(policy, base.facts, () => ({ file: 'test.yaml' }))];
  if (problems.length) throw new Error(JSON.stringify(problems));
  return set;
}

export function enterprise(set: RuleSet, facts: Record<string, unknown>, history: Record<string, unknown> = {}, year = 2023): Enterprise {
  const { enterprise, findings } = toEnterprise(set, { region: '330781', year, facts, history }, () => ({}));
  if (!enterprise) throw new Error(JSON.stringify(findings));
  return enterprise;
}

/** Evaluates one clause (the first in the test policy) and returns its result. */
export function run(
  clause: Record<string, unknown>,
  facts: Record<string, unknown>,
  history: Record<string, ClauseHistory | Record<string, unknown>> = {},
): ClauseResult {
  const set = ruleSetWith([{ id: 'test/x', number: '1', title: 't', quote: 'test quote', status: 'computable', ...clause }]);
  const ev = evaluate(set, enterprise(set, facts, history));
  return ev.policies[0]!.clauses[0]!;
}

export const yuan = (r: ClauseResult) => (r.amount ?? r.potential)?.toFixed(2);
export { Decimal };
