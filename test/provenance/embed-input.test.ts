import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/evaluate.js';
import type { Enterprise } from '../../src/engine/types.js';
import { applyOverrides } from '../../src/input/apply-overrides.js';
import { enterpriseRecord as recordOf } from '../../src/input/enterprise-record.js';
import { toEnterprise } from '../../src/input/to-enterprise.js';
import { readYaml } from '../../src/load/read-yaml.js';
import type { RuleSet } from '../../src/load/load-rules.js';
import { embeddedInput } from '../../src/provenance/embed-input.js';
import { evaluationJson } from '../../src/render/to-json.js';
import { ROOT } from '../helpers/cli.js';
import { enterpriseRecord, factValue, shippedWithRegime } from '../property/arbitraries.js';

const set = shippedWithRegime();
const noPosition = () => ({});

/** What verify does with a result file's `input`: through JSON, then read as any input file. */
function reevaluated(set: RuleSet, ent: Enterprise, record: unknown, pairs: string[] = []) {
  const embedded = JSON.parse(JSON.stringify(embeddedInput(set, record, ent, pairs)));
  const { enterprise, findings } = toEnterprise(set, embedded, noPosition);
  expect(findings).toEqual([]);
  return evaluationJson(evaluate(set, enterprise!), set);
}

describe('the input embedded in a calc result evaluates to the same result', () => {
  it('for every shipped example, read as calc reads it', () => {
    const files = readdirSync(join(ROOT, 'examples')).filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const { record } = recordOf(readYaml(readFileSync(join(ROOT, 'examples', f), 'utf8'), f));
      const { enterprise } = toEnterprise(set, record, noPosition);
      expect(enterprise, f).toBeDefined();
      expect(reevaluated(set, enterprise!, record), f).toEqual(evaluationJson(evaluate(set, enterprise!), set));
    }
  });

  it('for generated enterprises with facts under ids or Chinese labels and --set pairs (some blank)', { timeout: 120000 }, () => {
    const facts = [...set.facts.values()].filter((f) => f.type !== 'date');
    const setPair = fc
      .constantFrom(...facts)
      .chain((f) => fc.tuple(fc.constantFrom(f.id, f.label.zh), fc.option(factValue(f), { freq: 4 })))
      .map(([key, v]) => `${key}=${v === null ? '' : Array.isArray(v) ? v.join(';') : String(v)}`);
    fc.assert(
      fc.property(enterpriseRecord(set), fc.array(fc.boolean()), fc.array(setPair, { maxLength: 4 }), (rec, useLabel, pairs) => {
        // Some keys written as the Chinese label, as people do in their files.
        const relabelled = Object.fromEntries(
          Object.entries(rec.facts as Record<string, unknown>).map(([id, v], i) => [useLabel[i] ? set.facts.get(id)!.label.zh : id, v]),
        );
        const record = { ...rec, facts: relabelled };
        const { enterprise: parsed, findings } = toEnterprise(set, record, noPosition);
        expect(findings).toEqual([]);
        const { enterprise, findings: setFindings } = applyOverrides(set, parsed!, pairs);
        fc.pre(!setFindings.length); // a --set value calc would refuse gives no result to embed
        expect(reevaluated(set, enterprise, record, pairs)).toEqual(evaluationJson(evaluate(set, enterprise), set));
      }),
      { numRuns: 60 },
    );
  });

  it('is itself a calc input: region code, year, facts by id as written, history as given', () => {
    const record = {
      name: '某企业',
      region: '兰溪市',
      year: 2023,
      facts: { 网络零售额: '1500万', pension_coverage: '95%', listed_dishonest: null },
      history: { 'lanxi-2022/3': { years_paid: 1 } },
    };
    const { enterprise } = toEnterprise(set, record, noPosition);
    const { enterprise: ent } = applyOverrides(set, enterprise!, ['pension_coverage=', 'online_sales=2000万']);
    expect(embeddedInput(set, record, ent, ['pension_coverage=', 'online_sales=2000万'])).toEqual({
      name: '某企业',
      region: '330781',
      year: 2023,
      facts: { online_sales: '2000万' },
      history: { 'lanxi-2022/3': { years_paid: 1 } },
    });
  });
});
