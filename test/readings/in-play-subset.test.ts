import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/evaluate.js';
import { withReadings } from '../../src/readings/apply-readings.js';
import { outcomeKey, readingsInPlay, readingsNearby } from '../../src/reading-effects/readings-in-play.js';
import { readFileSync, readdirSync } from 'node:fs';
import { readEnterprise } from '../../src/index.js';
import { ROOT } from '../helpers/cli.js';
import { shippedRules } from '../helpers/mini-rules.js';
import { enterpriseRecord, toValidEnterprise } from '../property/arbitraries.js';

/**
 * readingsInPlay evaluates only the documents a reading changes (and those sharing a
 * stacking group with them), and not at all for a reading whose switches cannot change this
 * enterprise's results (notes; clauses of a document that does not apply; the award of a
 * clause whose beneficiary or conditions are not met). Held here to the plain way: the whole
 * set evaluated under every other option of every nearby reading, on generated enterprises
 * and on the shipped examples, from a traced evaluation (calc's) and an untraced one (batch's).
 */
const set = shippedRules();

function reference(ent: Parameters<typeof evaluate>[1]) {
  const ev = evaluate(set, ent, { trace: false });
  const base = outcomeKey(ev);
  return readingsNearby(set, ev).map((id) => {
    const r = set.readings.find((x) => x.id === id)!;
    const touches = new Set<string>();
    for (const o of r.options) {
      if (o.id === (set.choices[id] ?? r.default)) continue;
      for (const [k, v] of outcomeKey(evaluate(withReadings(set, { [id]: o.id }), ent, { trace: false }))) if (base.get(k) !== v) touches.add(k);
    }
    return { id, touches: [...touches].sort() };
  });
}

describe('readings in play from the changed documents only', () => {
  it('say the same as evaluating the whole set again', () => {
    let decided = 0;
    fc.assert(
      fc.property(enterpriseRecord(set), (record) => {
        const ent = toValidEnterprise(set, record);
        const got = readingsInPlay(set, ent, evaluate(set, ent, { trace: false })).map((u) => ({ id: u.id, touches: [...u.touches].sort() }));
        expect(got).toEqual(reference(ent));
        decided += got.filter((u) => u.touches.length).length;
      }),
      { numRuns: 300 },
    );
    // The generated enterprises do reach readings that decide something: the comparison is not empty.
    expect(decided).toBeGreaterThan(0);
  });

  it('say the same as evaluating the whole set again, for every shipped example, from a traced evaluation too', () => {
    const files = readdirSync(`${ROOT}/examples`).filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBeGreaterThan(0);
    let decided = 0;
    for (const f of files) {
      const { enterprise } = readEnterprise(set, readFileSync(`${ROOT}/examples/${f}`, 'utf8'), { file: f });
      for (const traced of [true, false]) {
        const got = readingsInPlay(set, enterprise!, evaluate(set, enterprise!, { trace: traced })).map((u) => ({ id: u.id, touches: [...u.touches].sort() }));
        expect(got, f).toEqual(reference(enterprise!));
        decided += got.filter((u) => u.touches.length).length;
      }
    }
    expect(decided).toBeGreaterThan(0);
  });

  it('a reading switching the award of a clause that needs data (a condition unknown, the award worked out) is in play', () => {
    // The xiaoshan example without the fact that says it has a scene project: （四） needs data, its potential still computed.
    const text = readFileSync(`${ROOT}/examples/hangzhou-ecommerce-2022-xiaoshan-brand.yaml`, 'utf8').replace(/^ +immersive_scene_project: .*\n/m, '');
    const { enterprise } = readEnterprise(set, text, { file: 'x.yaml' });
    const ev = evaluate(set, enterprise!);
    const clause = ev.policies.flatMap((p) => p.clauses).find((c) => c.clauseId === 'hangzhou-ecommerce-2022/4')!;
    expect(clause.status).toBe('needs_data');
    expect(clause.potential).toBeDefined();
    const want = reference(enterprise!).find((u) => u.id === 'hz-3020')!;
    expect(want.touches).toContain('hangzhou-ecommerce-2022/4');
    expect(readingsInPlay(set, enterprise!, ev).find((u) => u.id === 'hz-3020')?.touches).toContain('hangzhou-ecommerce-2022/4');
  });
});
