import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/evaluate.js';
import { withReadings } from '../../src/readings/apply-readings.js';
import { outcomeKey, readingsInPlay, readingsNearby } from '../../src/reading-effects/readings-in-play.js';
import { shippedRules } from '../helpers/mini-rules.js';
import { enterpriseRecord, toValidEnterprise } from '../property/arbitraries.js';

/**
 * readingsInPlay evaluates only the documents a reading changes (and those sharing a
 * stacking group with them). Held here to the plain way: the whole set evaluated
 * under every other option of every nearby reading, on generated enterprises.
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
      { numRuns: 150 },
    );
    // The generated enterprises do reach readings that decide something: the comparison is not empty.
    expect(decided).toBeGreaterThan(0);
  });
});
