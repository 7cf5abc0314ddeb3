import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportRenderer } from '../../src/batch/report/report-formats.js';
import { loadCaseFile } from '../../src/cases/load-cases.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { toEnterprise } from '../../src/input/to-enterprise.js';
import { loadRulesSync } from '../../src/load/load-rules-sync.js';
import { Decimal } from '../../src/money/decimal.js';
import { ROOT } from '../helpers/cli.js';
import { labelsFor } from '../../src/render/labels.js';

describe('CSV report lines', () => {
  const set = loadRulesSync();
  const { case: c } = loadCaseFile(join(ROOT, 'examples/lanxi-cross-border-seller.yaml'))[0]!;
  const ev = evaluate(set, toEnterprise(set, c.input, () => ({})).enterprise!, { trace: false });
  const paid = ev.policies.flatMap((p) => p.clauses).find((r) => r.status === 'eligible' && r.split)!;
  const lineOf = (id: string) =>
    reportRenderer('csv', labelsFor(set, 'zh', true))
      .row({ kind: 'ok', row: 1, line: 2, ev })
      .split('\r\n')
      .find((l) => l.includes(`,${id},`))!;

  it('give each level its share, in the order province, city, local', () => {
    const d = (n: number) => new Decimal(n);
    paid.split = {
      ...paid.split!,
      parts: [
        { level: 'local', share: d(0.75), amount: d(75) },
        { level: 'city', share: d(0.25), amount: d(25) },
      ],
    };
    expect(lineOf(paid.clauseId)).toContain(',,25.00,75.00,');
  });

  it('show the first part when a split names a level twice (nothing rejects that at load)', () => {
    const d = (n: number) => new Decimal(n);
    paid.split = {
      ...paid.split!,
      parts: [
        { level: 'local', share: d(0.3), amount: d(30) },
        { level: 'local', share: d(0.2), amount: d(20) },
        { level: 'city', share: d(0.5), amount: d(50) },
      ],
    };
    expect(lineOf(paid.clauseId)).toContain(',,50.00,30.00,');
  });
});
