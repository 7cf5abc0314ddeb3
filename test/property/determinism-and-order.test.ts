import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { evaluate } from '../../src/engine/evaluate.js';
import type { Evaluation } from '../../src/engine/types.js';
import type { RuleSet } from '../../src/load/load-rules.js';
import { renderJson, clauseJson } from '../../src/render/to-json.js';
import { renderResult } from '../../src/render/render-result.js';
import { cli } from '../helpers/cli.js';
import { enterpriseRecord, shippedWithRegime, toValidEnterprise } from './arbitraries.js';

const set = shippedWithRegime();

describe('the same input gives byte-identical output', () => {
  it('in process: evaluating twice and rendering (json, table, csv, md, explain) gives the same bytes', () => {
    fc.assert(
      fc.property(enterpriseRecord(set), (rec) => {
        const [a, b] = [evaluate(set, toValidEnterprise(set, rec)), evaluate(set, toValidEnterprise(set, rec))];
        expect(renderJson([b], set)).toBe(renderJson([a], set));
        for (const format of ['table', 'csv', 'md'] as const)
          expect(renderResult([b], set, { format, lang: 'zh', explain: true, all: true })).toBe(
            renderResult([a], set, { format, lang: 'zh', explain: true, all: true }),
          );
      }),
      { numRuns: 20 },
    );
  });

  it('two separate CLI runs on the same generated input print the same bytes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'subsidy-det-'));
    fc.sample(enterpriseRecord(set), { numRuns: 2, seed: 20240601 }).forEach((rec, i) => {
      const file = join(dir, `e${i}.yaml`);
      writeFileSync(file, stringify(rec));
      for (const format of ['json', 'csv']) {
        const args = ['calc', file, '--format', format, '--all', '--regime', 'rules/regimes/illustrative.yaml'];
        // The output carries the time of the run; SOURCE_DATE_EPOCH fixes it (reproducible builds).
        const env = { SOURCE_DATE_EPOCH: '1700000000' };
        const [a, b] = [cli(args, undefined, env), cli(args, undefined, env)];
        expect(a.code, a.stderr).toBe(0);
        expect(b.stdout).toBe(a.stdout);
      }
    });
  });
});

/** A rule set whose policies list their clauses in another order (one permutation per policy). */
function permuted(rules: RuleSet, orders: number[][]): RuleSet {
  return {
    ...rules,
    policies: rules.policies.map((lp, i) => ({ ...lp, policy: { ...lp.policy, clauses: orders[i]!.map((j) => lp.policy.clauses[j]!) } })),
  };
}

/** Results keyed by clause id: everything, stacking winners included, must match whatever the order. */
function byClause(ev: Evaluation): Map<string, string> {
  return new Map(ev.policies.flatMap((p) => p.clauses).map((r) => [r.clauseId, JSON.stringify(clauseJson(r))] as const));
}

describe('the order of clauses in a rule file changes nothing but order', () => {
  const orders = fc.tuple(...set.policies.map((lp) => fc.shuffledSubarray([...lp.policy.clauses.keys()], { minLength: lp.policy.clauses.length })));

  it('results keyed by clause id and the totals are identical, stacking ties included', () => {
    let compared = 0;
    fc.assert(
      fc.property(enterpriseRecord(set), orders, (rec, ord) => {
        const shuffled = permuted(set, ord);
        const ent = toValidEnterprise(set, rec);
        const [a, b] = [evaluate(set, ent), evaluate(shuffled, ent)];
        const [ka, kb] = [byClause(a), byClause(b)];
        expect([...kb.keys()].sort()).toEqual([...ka.keys()].sort());
        for (const [id, json] of ka) expect(kb.get(id), id).toBe(json);
        expect({ ...b.totals }).toEqual({ ...a.totals });
        compared++;
      }),
      { numRuns: 150 },
    );
    expect(compared).toBe(150);
  });
});
