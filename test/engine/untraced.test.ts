import fc from 'fast-check';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { caseFiles, loadCaseFile } from '../../src/cases/load-cases.js';
import { evaluate } from '../../src/engine/evaluate.js';
import type { Enterprise, Evaluation } from '../../src/engine/types.js';
import { toEnterprise } from '../../src/input/to-enterprise.js';
import { loadRulesSync } from '../../src/load/load-rules-sync.js';
import { ROOT } from '../helpers/cli.js';
import { enterpriseRecord, shippedWithRegime, toValidEnterprise } from '../property/arbitraries.js';

/** An evaluation with every trace taken out: what must not depend on whether traces are kept. */
function withoutTraces(ev: Evaluation) {
  return {
    ...ev,
    policies: ev.policies.map(({ trace: _p, ...p }) => ({ ...p, clauses: p.clauses.map(({ trace: _c, ...c }) => c) })),
  };
}

function traces(ev: Evaluation): number {
  return ev.policies.reduce((n, p) => n + p.trace.length + p.clauses.reduce((m, c) => m + c.trace.length, 0), 0);
}

/** Same results both ways, no trace at all in the untraced one, and the traced one unchanged by it. */
function expectSameBothWays(set: Parameters<typeof evaluate>[0], ent: Enterprise): void {
  const traced = evaluate(set, ent);
  const untraced = evaluate(set, ent, { trace: false });
  expect(withoutTraces(untraced)).toEqual(withoutTraces(traced));
  expect(traces(untraced)).toBe(0);
  expect(traced).toEqual(evaluate(set, ent, { trace: true }));
}

describe('evaluate without traces (batch) gives the same statuses, amounts, shares, missing facts and notes', () => {
  it('on every shipped example', () => {
    const set = loadRulesSync();
    let n = 0;
    for (const file of caseFiles([join(ROOT, 'examples')]))
      for (const { case: c } of loadCaseFile(file)) {
        const { enterprise } = toEnterprise(set, c.input, () => ({}));
        expect(enterprise, `${file}: ${c.name}`).toBeDefined();
        expectSameBothWays(set, enterprise!);
        n++;
      }
    expect(n).toBeGreaterThan(20);
  });

  it('on 300 generated enterprises, with history and a regime file that splits every award', () => {
    const set = shippedWithRegime();
    fc.assert(
      fc.property(enterpriseRecord(set), (rec) => expectSameBothWays(set, toValidEnterprise(set, rec))),
      { numRuns: 300 },
    );
  });
});
